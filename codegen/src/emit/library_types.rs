//! Named types that several APIs of one type library declare alike in their
//! own files (a list item, a server's `zone`): lifted into the library's
//! module, so the shape is defined once and a value read through one
//! version works with the others. Records naming them can then be lifted
//! too ([`super::library_records`]).
//!
//! Two types are alike when they have the same shape once names are
//! resolved: the same kind, rules, fields, field types and required flags.
//! Docs may differ; the first API's (in module order) are kept. A type is
//! lifted only when everything it names is a builtin, a library type or a
//! type lifted before it, so lifting repeats until nothing more changes; a
//! type naming one API's own type stays in that API.
//!
//! The lifting works on a copy of the workspace made for emitting: `check`,
//! `lint`, the mock and the exporters keep reading each spec as written.

use std::collections::{HashMap, HashSet};

use super::record::Ways;
use crate::ir::{Api, Member, NamedType, TypeKind, TypeRef, Workspace};

/// What lifting decided: the workspace to emit, and for each of its
/// libraries the ways each lifted object travels (the union of its APIs').
pub struct Lifted {
    pub workspace: Workspace,
    pub ways: Vec<HashMap<String, Ways>>,
}

/// Lifts the named types alike in several APIs of each library.
pub fn lift(original: &Workspace) -> Lifted {
    let mut workspace = original.clone();
    let mut ways = Vec::new();
    for library in 0..workspace.libraries.len() {
        ways.push(lift_library(&mut workspace, library));
    }
    Lifted { workspace, ways }
}

/// One candidate: (API index in the workspace, type index in that API).
type At = (usize, usize);

/// Lifts into library `index` what its APIs declare alike, rewriting those
/// APIs to name the library's copy.
fn lift_library(workspace: &mut Workspace, index: usize) -> HashMap<String, Ways> {
    let library = &workspace.libraries[index];
    let users: Vec<usize> = (0..workspace.apis.len())
        .filter(|&i| library.used_by.contains(&workspace.apis[i].module))
        .collect();
    let mut library_names: HashSet<String> =
        library.types.iter().map(|t| t.rust_name.clone()).collect();
    // Per API: own type's Rust name → the lifted type's name.
    let mut renamed: HashMap<usize, HashMap<String, String>> = HashMap::new();
    let mut lifted: Vec<NamedType> = Vec::new();
    let mut ways: HashMap<String, Ways> = HashMap::new();
    let mut refused: HashSet<At> = HashSet::new();
    // Which ways each API's objects travel, read before any is renamed.
    let api_ways: HashMap<usize, HashMap<String, Ways>> = users
        .iter()
        .map(|&api| (api, super::types::object_ways(&workspace.apis[api])))
        .collect();
    loop {
        let groups = alike(workspace, &users, &library_names, &renamed, &refused);
        let mut progress = false;
        for group in groups {
            let apis: HashSet<usize> = group.iter().map(|&(api, _)| api).collect();
            if apis.len() < 2 {
                continue;
            }
            let Some(name) = choose_name(workspace, &users, &group, &library_names, &renamed)
            else {
                refused.extend(group);
                continue;
            };
            let (first_api, first_type) = group[0];
            let mut ty = workspace.apis[first_api].types[first_type].clone();
            rename_kind(
                &mut ty.kind,
                &renamed.get(&first_api).cloned().unwrap_or_default(),
            );
            ty.rust_name = name.clone();
            ty.library = true;
            ty.note = Some(match ty.note.take() {
                Some(note) => format!("{note}\n\n{}", declared_by(workspace, &group, &name)),
                None => declared_by(workspace, &group, &name),
            });
            let mut way: Option<Ways> = None;
            for &(api, at) in &group {
                let old = workspace.apis[api].types[at].rust_name.clone();
                if let Some(w) = api_ways.get(&api).and_then(|w| w.get(&old)) {
                    way = Some(match way {
                        Some(known) => Ways {
                            send: known.send || w.send,
                            receive: known.receive || w.receive,
                        },
                        None => *w,
                    });
                }
                renamed.entry(api).or_default().insert(old, name.clone());
            }
            if let Some(way) = way {
                ways.insert(name.clone(), way);
            }
            library_names.insert(name);
            lifted.push(ty);
            progress = true;
        }
        if !progress {
            break;
        }
    }
    for (api, names) in &renamed {
        rename_api(&mut workspace.apis[*api], names);
    }
    workspace.libraries[index].types.extend(lifted);
    ways
}

/// The API's own types not yet lifted, grouped by shape (groups and their
/// members in first-seen order).
fn alike(
    workspace: &Workspace,
    users: &[usize],
    library_names: &HashSet<String>,
    renamed: &HashMap<usize, HashMap<String, String>>,
    refused: &HashSet<At>,
) -> Vec<Vec<At>> {
    let none = HashMap::new();
    let mut by_shape: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<Vec<At>> = Vec::new();
    for &api in users {
        let names = renamed.get(&api).unwrap_or(&none);
        for (at, ty) in workspace.apis[api].types.iter().enumerate() {
            if names.contains_key(&ty.rust_name) || refused.contains(&(api, at)) {
                continue;
            }
            let key = shape(api, ty, library_names, names);
            match by_shape.get(&key) {
                Some(&group) => groups[group].push((api, at)),
                None => {
                    by_shape.insert(key, groups.len());
                    groups.push(vec![(api, at)]);
                }
            }
        }
    }
    groups
}

/// A text equal for two types exactly when they are alike: the kind with
/// docs left out and each name marked as the library's (the same in every
/// API) or this API's own (never equal to another API's).
fn shape(
    api: usize,
    ty: &NamedType,
    library_names: &HashSet<String>,
    renamed: &HashMap<String, String>,
) -> String {
    let mut kind = ty.kind.clone();
    map_refs(&mut kind, &mut |name: &mut String| {
        *name = match renamed.get(name.as_str()) {
            Some(lifted) => format!("library {lifted}"),
            None if library_names.contains(name.as_str()) => format!("library {name}"),
            None => format!("api {api} {name}"),
        }
    });
    if let TypeKind::Object { fields } = &mut kind {
        for field in fields {
            field.doc = None;
        }
    }
    format!("{} {kind:?}", ty.secret)
}

/// The name the lifted type gets: the name every other one ends with (the
/// one without a section's prefix, `TemplateListItem` rather than
/// `CloudTemplateListItem`), else the words they all end with when that is
/// two words or more and each name has one word more
/// (`CloudServerListItem` and `StormServerListItem` → `ServerListItem`),
/// else the shortest (the first API's of equal length);
/// the next candidate when one is taken; `None` when every one is, so the
/// types stay where they are.
fn choose_name(
    workspace: &Workspace,
    users: &[usize],
    group: &[At],
    library_names: &HashSet<String>,
    renamed: &HashMap<usize, HashMap<String, String>>,
) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    for &(api, at) in group {
        let name = workspace.apis[api].types[at].rust_name.as_str();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let mut order: Vec<(bool, usize, &str)> = names
        .iter()
        .map(|name| {
            let prefixed = !names.iter().all(|other| other.ends_with(name));
            (prefixed, name.len(), *name)
        })
        .collect();
    // Stable: names of equal rank keep the APIs' order.
    order.sort_by_key(|&(prefixed, len, _)| (prefixed, len));
    let common = common_words(&names);
    if let Some(common) = &common {
        let at = order
            .iter()
            .take_while(|(prefixed, _, _)| !prefixed)
            .count();
        order.insert(at, (true, 0, common.as_str()));
    }
    // A name is free when no library type has it and no API type outside
    // the group still does: each API sees the library's types through a
    // glob, which its own type of that name would shadow.
    let none = HashMap::new();
    let free = |name: &str| {
        !library_names.contains(name)
            && users.iter().all(|&api| {
                let lifted = renamed.get(&api).unwrap_or(&none);
                workspace.apis[api].types.iter().enumerate().all(|(at, t)| {
                    t.rust_name != name
                        || group.contains(&(api, at))
                        || lifted.contains_key(&t.rust_name)
                })
            })
    };
    order
        .into_iter()
        .map(|(_, _, name)| name)
        .find(|name| free(name))
        .map(str::to_string)
}

/// Which APIs declared the lifted type `name`, and under which other
/// names, so a reader of one API's spec finds it: "Declared alike by
/// `liquidweb_bleed` (as `CloudImageListItem`) and `liquidweb_v1`."
fn declared_by(workspace: &Workspace, group: &[At], name: &str) -> String {
    let mut apis: Vec<(usize, Vec<&str>)> = Vec::new();
    for &(api, at) in group {
        let old = workspace.apis[api].types[at].rust_name.as_str();
        let index = match apis.iter().position(|(a, _)| *a == api) {
            Some(index) => index,
            None => {
                apis.push((api, Vec::new()));
                apis.len() - 1
            }
        };
        if old != name {
            apis[index].1.push(old);
        }
    }
    let parts: Vec<String> = apis
        .iter()
        .map(|(api, olds)| {
            let module = &workspace.apis[*api].module;
            match olds.as_slice() {
                [] => format!("`{module}`"),
                olds => {
                    let olds: Vec<String> = olds.iter().map(|o| format!("`{o}`")).collect();
                    format!("`{module}` (as {})", olds.join(", "))
                }
            }
        })
        .collect();
    let listed = match parts.as_slice() {
        [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.join(""),
    };
    format!("Declared alike by {listed}.")
}

/// The CamelCase words every name ends with, when the names differ only in
/// their first word (a section's, `Cloud` or `Storm`) and two or more are
/// left.
fn common_words(names: &[&str]) -> Option<String> {
    let all: Vec<Vec<String>> = names.iter().map(|n| crate::ir::roles::words(n)).collect();
    let shortest = all.iter().map(Vec::len).min()?;
    let count = (1..=shortest)
        .take_while(|&n| {
            all.iter()
                .all(|w| w[w.len() - n] == all[0][all[0].len() - n])
        })
        .count();
    let one_word_more = all.iter().all(|w| w.len() == count + 1);
    (count >= 2 && one_word_more).then(|| all[0][all[0].len() - count..].concat())
}

/// Drops `api`'s lifted types and makes everything naming them name the
/// library's copy.
fn rename_api(api: &mut Api, names: &HashMap<String, String>) {
    api.types.retain(|t| !names.contains_key(&t.rust_name));
    for ty in &mut api.types {
        rename_kind(&mut ty.kind, names);
    }
    let rename = |members: &mut Vec<Member>| {
        for member in members {
            rename_ref(&mut member.ty, names);
        }
    };
    for method in api.sections.iter_mut().flat_map(|s| &mut s.methods) {
        rename(&mut method.params);
        rename(&mut method.returns);
        if let Some(map) = &mut method.returns_map {
            rename_ref(map, names);
        }
        if let Some(paging) = &mut method.paging {
            rename_ref(&mut paging.item_type, names);
        }
    }
    for error in &mut api.errors {
        rename(&mut error.fields);
    }
}

fn rename_kind(kind: &mut TypeKind, names: &HashMap<String, String>) {
    map_refs(kind, &mut |name: &mut String| {
        if let Some(lifted) = names.get(name.as_str()) {
            *name = lifted.clone();
        }
    });
}

fn rename_ref(ty: &mut TypeRef, names: &HashMap<String, String>) {
    if let TypeRef::Named(name) = ty
        && let Some(lifted) = names.get(name.as_str())
    {
        *name = lifted.clone();
    }
}

/// Calls `f` on every type name `kind` refers to directly.
fn map_refs(kind: &mut TypeKind, f: &mut impl FnMut(&mut String)) {
    let mut apply = |ty: &mut TypeRef| {
        if let TypeRef::Named(name) = ty {
            f(name);
        }
    };
    match kind {
        TypeKind::Array { items } => apply(items),
        TypeKind::Map {
            values: Some(values),
        } => apply(values),
        TypeKind::Union { members } => members.iter_mut().for_each(|m| apply(&mut m.ty)),
        TypeKind::Object { fields } => fields.iter_mut().for_each(|m| apply(&mut m.ty)),
        _ => {}
    }
}
