//! APIs, sections, methods, documented errors, credentials and the wire.

use super::side::{ApiView, Defined, Side};
use super::{Direction, Findings, Location, http, members, settings, types, wire};
use crate::spec::model::{ErrorDef, ErrorMatch, Method, PagingStyle, Section};
use crate::spec::span::{Entries, Sp};

/// One API present on both sides, and both sides' Rust names.
pub struct Cx<'x, 'a> {
    /// The API's name on the old side (another only when it was renamed).
    pub old_api: &'x str,
    pub api: &'x str,
    pub old_side: &'x Side<'a>,
    pub new_side: &'x Side<'a>,
    pub old: &'x ApiView<'a>,
    pub new: &'x ApiView<'a>,
}

impl Cx<'_, '_> {
    pub fn old_at(&self, key: &Sp<String>) -> Location {
        Location::new(self.old.path(), key.pos)
    }

    pub fn new_at(&self, key: &Sp<String>) -> Location {
        Location::new(self.new.path(), key.pos)
    }

    /// Reports a Rust name that differs although the thing (`path`, see
    /// [`super::side::rust_key`]) kept its wire name.
    pub fn rust_name(&self, out: &mut Findings, path: &str, what: &str, at: (Location, Location)) {
        self.rust_name_between(out, (path, path), what, at);
    }

    /// [`Cx::rust_name`] for a thing whose key changed while its wire names
    /// did not (`paths`: old, new).
    pub fn rust_name_between(
        &self,
        out: &mut Findings,
        paths: (&str, &str),
        what: &str,
        at: (Location, Location),
    ) {
        let old = self.old_side.rust_name(self.old_api, paths.0);
        let new = self.new_side.rust_name(self.api, paths.1);
        if let (Some(old), Some(new)) = (old, new)
            && old != new
        {
            out.push(
                "rust-name-changed",
                Direction::Both,
                Some(at.0),
                Some(at.1),
                format!("{what}: Rust name `{old}` is now `{new}`; the wire name is unchanged"),
            );
        }
    }
}

/// A keyed entry: its key (with position) and value.
pub type Entry<'a, V> = (&'a Sp<String>, &'a V);

/// Entries of two sides paired by key: (old, new) pairs, then the removed
/// and the added ones, each in source order.
pub struct Paired<'a, V> {
    pub both: Vec<(Entry<'a, V>, Entry<'a, V>)>,
    pub removed: Vec<Entry<'a, V>>,
    pub added: Vec<Entry<'a, V>>,
}

pub fn pair<'a, V>(
    old: impl IntoIterator<Item = (&'a Sp<String>, &'a V)>,
    new: impl IntoIterator<Item = (&'a Sp<String>, &'a V)>,
) -> Paired<'a, V> {
    let new: Vec<_> = new.into_iter().collect();
    let mut matched = vec![false; new.len()];
    let mut paired = Paired {
        both: Vec::new(),
        removed: Vec::new(),
        added: Vec::new(),
    };
    for (key, value) in old {
        match new.iter().position(|(k, _)| k.value == key.value) {
            Some(i) => {
                matched[i] = true;
                paired.both.push(((key, value), new[i]));
            }
            None => paired.removed.push((key, value)),
        }
    }
    paired.added = new
        .into_iter()
        .zip(matched)
        .filter(|(_, m)| !*m)
        .map(|(e, _)| e)
        .collect();
    paired
}

impl<'a, V> Paired<'a, V> {
    /// Takes out removed/added pairs that `same` says are one thing under a
    /// new name.
    pub fn renames(&mut self, same: impl Fn(&V, &V) -> bool) -> Vec<(Entry<'a, V>, Entry<'a, V>)> {
        let mut renamed = Vec::new();
        let mut removed = Vec::new();
        for old in std::mem::take(&mut self.removed) {
            match self.added.iter().position(|new| same(old.1, new.1)) {
                Some(i) => renamed.push((old, self.added.remove(i))),
                None => removed.push(old),
            }
        }
        self.removed = removed;
        renamed
    }
}

/// Compares every API of both sides.
pub fn compare(old: &Side<'_>, new: &Side<'_>, out: &mut Findings) {
    let mut apis = pair(
        old.apis.values().map(|v| (&v.meta.name, v)),
        new.apis.values().map(|v| (&v.meta.name, v)),
    );
    // The same sections under another `api.name`: a renamed module and
    // feature, whose contents are still compared.
    let same_sections = |a: &ApiView<'_>, b: &ApiView<'_>| {
        let keys = |v: &ApiView<'_>| -> Vec<String> {
            v.spec()
                .sections
                .iter()
                .map(|(k, _)| k.value.clone())
                .collect()
        };
        !a.spec().sections.is_empty() && keys(a) == keys(b)
    };
    let renamed = apis.renames(same_sections);
    for (key, view) in &apis.removed {
        let at = Some(Location::new(view.path(), key.pos));
        let message = format!("API `{}` was removed", key.value);
        out.push("api-removed", Direction::Both, at, None, message);
    }
    for (key, view) in &apis.added {
        let at = Some(Location::new(view.path(), key.pos));
        let message = format!("API `{}` was added", key.value);
        out.push("api-added", Direction::Both, None, at, message);
    }
    for ((old_key, old_view), (new_key, view)) in renamed.into_iter().chain(apis.both) {
        let start = out.0.len();
        let cx = Cx {
            old_api: &old_key.value,
            api: &new_key.value,
            old_side: old,
            new_side: new,
            old: old_view,
            new: view,
        };
        if old_key.value != new_key.value {
            let message = format!("API `{}` is now `{}`", old_key.value, new_key.value);
            let at = (Some(cx.old_at(old_key)), Some(cx.new_at(new_key)));
            out.push("api-renamed", Direction::Both, at.0, at.1, message);
        }
        compare_api(&cx, out);
        // Something added or removed is placed on the other side at its
        // API, where no closer place was known.
        for finding in &mut out.0[start..] {
            finding.old.get_or_insert_with(|| cx.old_at(old_key));
            finding.new.get_or_insert_with(|| cx.new_at(new_key));
        }
        let needed = out.0[start..].iter().map(|f| f.impact).max();
        settings::check_bump(
            out,
            &format!("API `{}`'s version", new_key.value),
            (&old_view.meta.version, &view.meta.version),
            needed,
            (Some(cx.old_at(old_key)), Some(cx.new_at(new_key))),
        );
    }
}

fn compare_api(cx: &Cx<'_, '_>, out: &mut Findings) {
    wire::compare(cx, cx.old.meta, cx.new.meta, out);
    http::compare_api(cx, cx.old.meta, cx.new.meta, out);
    compare_sections(cx, out);
    compare_errors(cx, out);
    types::compare(cx, out);
}

fn compare_sections(cx: &Cx<'_, '_>, out: &mut Findings) {
    let mut sections = pair(cx.old.spec().sections.iter(), cx.new.spec().sections.iter());
    let same_methods = |a: &Section, b: &Section| {
        !a.methods.is_empty()
            && a.methods.len() == b.methods.len()
            && a.methods
                .iter()
                .all(|(k, _)| b.methods.get(&k.value).is_some())
    };
    for ((old_key, _), (new_key, _)) in sections.renames(same_methods) {
        out.push(
            "section-renamed",
            Direction::Both,
            Some(cx.old_at(old_key)),
            Some(cx.new_at(new_key)),
            format!("section `{}` is now `{}`", old_key.value, new_key.value),
        );
    }
    for (key, _) in &sections.removed {
        let at = Some(cx.old_at(key));
        out.push(
            "section-removed",
            Direction::Both,
            at,
            None,
            format!("section `{}` was removed", key.value),
        );
    }
    for (key, _) in &sections.added {
        let at = Some(cx.new_at(key));
        out.push(
            "section-added",
            Direction::Both,
            None,
            at,
            format!("section `{}` was added", key.value),
        );
    }
    for ((old_key, old), (new_key, new)) in sections.both {
        let at = (cx.old_at(old_key), cx.new_at(new_key));
        let name = &old_key.value;
        cx.rust_name(
            out,
            &format!("section:{name}"),
            &format!("section `{name}`"),
            at.clone(),
        );
        cx.rust_name(
            out,
            &format!("module:{name}"),
            &format!("section `{name}`'s module"),
            at,
        );
        let start = out.0.len();
        compare_methods(cx, name, &old.methods, &new.methods, out);
        // A method added or removed is placed on the other side at its
        // section.
        for finding in &mut out.0[start..] {
            finding.old.get_or_insert_with(|| cx.old_at(old_key));
            finding.new.get_or_insert_with(|| cx.new_at(new_key));
        }
    }
}

/// Same parameters and fields (names, types, requiredness): one method
/// under a new name.
fn same_method(a: &Method, b: &Method) -> bool {
    let params = |m: &Method| -> Vec<(String, String, bool)> {
        m.params
            .iter()
            .map(|(k, p)| (k.value.clone(), p.ty.value.clone(), p.required))
            .collect()
    };
    let returns = |m: &Method| -> Vec<(String, String, bool)> {
        m.returns
            .iter()
            .map(|(k, f)| (k.value.clone(), f.ty.value.clone(), f.optional))
            .collect()
    };
    params(a) == params(b) && returns(a) == returns(b)
}

fn compare_methods(
    cx: &Cx<'_, '_>,
    section: &str,
    old: &Entries<Method>,
    new: &Entries<Method>,
    out: &mut Findings,
) {
    let mut methods = pair(old.iter(), new.iter());
    for ((old_key, _), (new_key, _)) in methods.renames(same_method) {
        out.push(
            "method-renamed",
            Direction::Both,
            Some(cx.old_at(old_key)),
            Some(cx.new_at(new_key)),
            format!(
                "method `{section}/{}` is now `{section}/{}`",
                old_key.value, new_key.value
            ),
        );
    }
    for (key, _) in &methods.removed {
        let message = format!("method `{section}/{}` was removed", key.value);
        out.push(
            "method-removed",
            Direction::Both,
            Some(cx.old_at(key)),
            None,
            message,
        );
    }
    for (key, _) in &methods.added {
        let message = format!("method `{section}/{}` was added", key.value);
        out.push(
            "method-added",
            Direction::Both,
            None,
            Some(cx.new_at(key)),
            message,
        );
    }
    for ((old_key, old), (new_key, new)) in methods.both {
        let path = format!("{section}/{}", old_key.value);
        let at = (cx.old_at(old_key), cx.new_at(new_key));
        let what = format!("method `{path}`");
        for kind in ["method", "request", "response"] {
            let whose = match kind {
                "method" => what.clone(),
                _ => format!("{what}'s {kind} type"),
            };
            cx.rust_name(out, &format!("{kind}:{path}"), &whose, at.clone());
        }
        let owner = members::Owner {
            path: &path,
            described: &what,
            rust_prefix: "param",
            at: &at,
        };
        members::compare_params(
            cx,
            &owner,
            &members::sent_params(old),
            &members::sent_params(new),
            Direction::Request,
            out,
        );
        compare_group_names(cx, &path, old, new, out);
        let owner = members::Owner {
            rust_prefix: "field",
            ..owner
        };
        members::compare_fields(cx, &owner, &old.returns, &new.returns, out);
        compare_returns_map(&what, old, new, at.clone(), out);
        compare_paging(cx, &path, old, new, out);
        http::compare_method(&what, old, new, &at, out);
        if old.idempotent != new.idempotent {
            let (id, now) = if new.idempotent {
                ("idempotent-added", "now idempotent")
            } else {
                ("idempotent-removed", "no longer idempotent")
            };
            out.push(
                id,
                Direction::Both,
                Some(at.0.clone()),
                Some(at.1.clone()),
                format!("{what} is {now}"),
            );
        }
    }
}

/// The Rust names of a group: the request's field that holds the groups
/// and the record of one group. A group is the same group when it sends
/// the same members (its key names only the Rust field), so a renamed key
/// is found too. A change breaks callers although every wire name stays
/// (the members are compared as parameters).
fn compare_group_names(
    cx: &Cx<'_, '_>,
    path: &str,
    old: &Method,
    new: &Method,
    out: &mut Findings,
) {
    let members = |group: &crate::spec::model::ParamGroup| -> Vec<String> {
        let mut names: Vec<String> = group.members.iter().map(|(k, _)| k.value.clone()).collect();
        names.sort();
        names
    };
    for (old_key, old_group) in old.groups.iter() {
        let sent = members(old_group);
        let Some((new_key, _)) = new
            .groups
            .iter()
            .find(|(key, _)| key.value == old_key.value)
            .or_else(|| new.groups.iter().find(|(_, group)| members(group) == sent))
        else {
            continue;
        };
        let what = format!("group `{}` of method `{path}`", old_key.value);
        let at = (cx.old_at(old_key), cx.new_at(new_key));
        for (kind, whose) in [
            ("group", what.clone()),
            ("group-record", format!("{what}'s record")),
        ] {
            let old_path = format!("{kind}:{path}/{}", old_key.value);
            let new_path = format!("{kind}:{path}/{}", new_key.value);
            cx.rust_name_between(out, (&old_path, &new_path), &whose, at.clone());
        }
    }
}

fn compare_returns_map(
    what: &str,
    old: &Method,
    new: &Method,
    at: (Location, Location),
    out: &mut Findings,
) {
    let name = |m: &Method| m.returns_map.as_ref().map(|t| t.value.clone());
    if name(old) != name(new) {
        let shown = |n: Option<String>| n.map_or("none".to_string(), |n| format!("`{n}`"));
        out.push(
            "returns-map-changed",
            Direction::Response,
            Some(at.0),
            Some(at.1),
            format!(
                "{what}'s whole-response map was {}, is {}",
                shown(name(old)),
                shown(name(new))
            ),
        );
    }
}

fn compare_paging(cx: &Cx<'_, '_>, path: &str, old: &Method, new: &Method, out: &mut Findings) {
    match (&old.paging, &new.paging) {
        (None, None) => {}
        (None, Some(p)) => {
            let at = Some(Location::new(cx.new.path(), p.pos));
            out.push(
                "paging-added",
                Direction::Both,
                None,
                at,
                format!("method `{path}` now pages"),
            );
        }
        (Some(p), None) => {
            let at = Some(Location::new(cx.old.path(), p.pos));
            out.push(
                "paging-removed",
                Direction::Both,
                at,
                None,
                format!("method `{path}` no longer pages"),
            );
        }
        (Some(a), Some(b)) => {
            let parts = paging_parts;
            let at = (
                Location::new(cx.old.path(), a.pos),
                Location::new(cx.new.path(), b.pos),
            );
            if parts(a) != parts(b) {
                out.push(
                    "paging-changed",
                    Direction::Both,
                    Some(at.0.clone()),
                    Some(at.1.clone()),
                    format!(
                        "method `{path}` pages with {:?}, was {:?}",
                        parts(b),
                        parts(a)
                    ),
                );
            }
            let what = format!("method `{path}`'s page walker");
            cx.rust_name(out, &format!("paging:{path}"), &what, at);
        }
    }
}

/// A `paging` block as the wire names its walker uses: the style first,
/// then each of its keys (a page-number block reads as it always did).
fn paging_parts(paging: &crate::spec::model::Paging) -> Vec<String> {
    let name = |key: &Option<Sp<String>>| key.as_ref().map(|k| k.value.clone()).unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(style) = paging
        .style
        .as_ref()
        .filter(|s| s.value != PagingStyle::Page)
    {
        parts.push(format!("style: {}", style.value.as_str()));
    }
    parts.extend([
        name(&paging.page),
        paging.items.value.clone(),
        name(&paging.page_total),
    ]);
    for (key, value) in [
        ("offset", &paging.offset),
        ("limit", &paging.limit),
        ("total", &paging.total),
        ("cursor", &paging.cursor),
        ("next", &paging.next),
        ("link", &paging.link),
    ] {
        if let Some(value) = value {
            parts.push(format!("{key}: {}", value.value));
        }
    }
    if let Some(size) = &paging.page_size {
        parts.push(format!("page_size: {}", size.value));
    }
    parts.retain(|p| !p.is_empty());
    parts
}

fn compare_errors(cx: &Cx<'_, '_>, out: &mut Findings) {
    let mut errors = pair(
        cx.old.errors.values().map(Defined::entry),
        cx.new.errors.values().map(Defined::entry),
    );
    let old_file = |key: &str| cx.old.errors[key].file;
    let new_file = |key: &str| cx.new.errors[key].file;
    // Same description and fields under another class or message.
    let same_error = |a: &ErrorDef, b: &ErrorDef| {
        let fields = |e: &ErrorDef| -> Vec<(String, String)> {
            e.fields
                .iter()
                .map(|(k, f)| (k.value.clone(), f.ty.value.clone()))
                .collect()
        };
        a.doc == b.doc && fields(a) == fields(b)
    };
    for ((old_key, _), (new_key, _)) in errors.renames(same_error) {
        out.push(
            "error-class-renamed",
            Direction::Response,
            Some(Location::new(old_file(&old_key.value), old_key.pos)),
            Some(Location::new(new_file(&new_key.value), new_key.pos)),
            format!("error `{}` is now `{}`", old_key.value, new_key.value),
        );
    }
    for (key, _) in &errors.removed {
        let at = Some(Location::new(old_file(&key.value), key.pos));
        let message = format!("error `{}` was removed", key.value);
        out.push(
            "error-class-removed",
            Direction::Response,
            at,
            None,
            message,
        );
    }
    for (key, _) in &errors.added {
        let at = Some(Location::new(new_file(&key.value), key.pos));
        let message = format!("error `{}` was added", key.value);
        out.push("error-class-added", Direction::Response, None, at, message);
    }
    for ((old_key, old), (new_key, new)) in errors.both {
        let at = (
            Location::new(old_file(&old_key.value), old_key.pos),
            Location::new(new_file(&new_key.value), new_key.pos),
        );
        let what = format!("error `{}`", old_key.value);
        cx.rust_name(out, &format!("error:{}", old_key.value), &what, at.clone());
        let owner = members::Owner {
            path: &old_key.value,
            described: &what,
            rust_prefix: "error-field",
            at: &at,
        };
        members::compare_fields(cx, &owner, &old.fields, &new.fields, out);
        let mut changed = |id: &'static str, message: String| {
            let (o, n) = (Some(at.0.clone()), Some(at.1.clone()));
            out.push(id, Direction::Response, o, n, message);
        };
        if old.retryable != new.retryable {
            let (id, now) = if new.retryable {
                ("error-retryable-added", "now retryable")
            } else {
                ("error-retryable-removed", "no longer retryable")
            };
            changed(id, format!("{what} is {now}"));
        }
        if old.matching != new.matching {
            let shown = |m: ErrorMatch| match m {
                ErrorMatch::Exact => "the exact message",
                ErrorMatch::Prefix => "a message's start",
            };
            let message = format!(
                "{what} matched {}, now {}",
                shown(old.matching),
                shown(new.matching)
            );
            changed("error-match-changed", message);
        }
    }
}
