//! One side of a diff: its APIs by name, each with the named types and
//! errors it can use, which way each type travels, and the Rust names the
//! generator gives everything.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::Direction;
use crate::diag::{Diagnostic, Severity};
use crate::ir;
use crate::spec::load::{Loaded, LoadedFile, resolve_use};
use crate::spec::model::{ApiMeta, ErrorDef, SpecFile, TypeDef};
use crate::spec::span::Sp;

/// A definition and the file it is in.
#[derive(Debug)]
pub struct Defined<'a, T> {
    pub file: &'a Path,
    pub key: &'a Sp<String>,
    pub def: &'a T,
}

// By hand: a derive would ask `T: Copy`, and only references are held.
impl<T> Clone for Defined<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Defined<'_, T> {}

impl<'a, T> Defined<'a, T> {
    pub fn entry(&self) -> (&'a Sp<String>, &'a T) {
        (self.key, self.def)
    }
}

/// One API as the diff sees it.
#[derive(Debug)]
pub struct ApiView<'a> {
    pub file: &'a LoadedFile,
    pub meta: &'a ApiMeta,
    /// Named types it can use: its own, then its libraries' (by name).
    pub types: BTreeMap<&'a str, Defined<'a, TypeDef>>,
    pub errors: BTreeMap<&'a str, Defined<'a, ErrorDef>>,
    /// Types reached from parameters.
    sent: BTreeSet<&'a str>,
    /// Types reached from returned fields, whole-response maps and error
    /// fields.
    received: BTreeSet<&'a str>,
}

impl<'a> ApiView<'a> {
    pub fn spec(&self) -> &'a SpecFile {
        &self.file.spec
    }

    pub fn path(&self) -> &'a Path {
        &self.file.path
    }

    /// Which way values of the named type travel.
    pub fn direction_of(&self, name: &str) -> Direction {
        match (self.sent.contains(name), self.received.contains(name)) {
            (true, true) => Direction::Both,
            (true, false) => Direction::Request,
            (false, true) => Direction::Response,
            (false, false) => Direction::Unused,
        }
    }
}

/// One side: every API and the Rust names of everything in it.
#[derive(Debug)]
pub struct Side<'a> {
    loaded: &'a Loaded,
    pub apis: BTreeMap<&'a str, ApiView<'a>>,
    rust: HashMap<String, String>,
}

impl<'a> Side<'a> {
    /// The side, or the errors that keep it from generating.
    pub fn new(loaded: &'a Loaded) -> Result<Side<'a>, Vec<Diagnostic>> {
        if loaded.diagnostics.has_errors() {
            return Err(errors_of(loaded.diagnostics.0.clone()));
        }
        // Valid as lint judges it (loader and checker); Rust names come
        // from the IR where the whole set also builds (a set of copies whose
        // libraries share a module name checks, but does not build as one).
        let rust = match ir::build(&loaded.set) {
            Ok(workspace) => rust_names(&workspace),
            Err(_) => {
                let checked = ir::check(&loaded.set);
                if checked.diagnostics.has_errors() {
                    return Err(errors_of(checked.diagnostics.0));
                }
                HashMap::new()
            }
        };
        let mut apis = BTreeMap::new();
        for file in loaded.set.files.values() {
            if let Some(meta) = &file.spec.api {
                apis.insert(meta.name.value.as_str(), view(loaded, file, meta));
            }
        }
        Ok(Side { loaded, apis, rust })
    }

    /// The Rust name the generator gives `path` in `api` (see [`rust_key`]).
    pub fn rust_name(&self, api: &str, path: &str) -> Option<&str> {
        self.rust.get(&rust_key(api, path)).map(String::as_str)
    }

    pub fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self.loaded.set.files.keys().cloned().collect();
        files.extend(self.loaded.unparsed.keys().cloned());
        files.sort();
        files
    }
}

fn errors_of(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// The key of a Rust name: the API, then a path such as `section:Account`,
/// `method:Account/Auth/token`, `param:Account/Auth/token/timeout`,
/// `type:Name`, `value:Name/wire`, `error:Key`.
pub fn rust_key(api: &str, path: &str) -> String {
    format!("{api}\u{0}{path}")
}

fn view<'a>(loaded: &'a Loaded, file: &'a LoadedFile, meta: &'a ApiMeta) -> ApiView<'a> {
    let mut types = BTreeMap::new();
    let mut errors = BTreeMap::new();
    // Its own definitions first, then each library's, as generation does.
    let mut visited = BTreeSet::new();
    let mut stack = vec![file];
    while let Some(current) = stack.pop() {
        if !visited.insert(current.path.clone()) {
            continue;
        }
        for (key, def) in current.spec.types.iter() {
            types.entry(key.value.as_str()).or_insert(Defined {
                file: &current.path,
                key,
                def,
            });
        }
        for (key, def) in current.spec.errors.iter() {
            errors.entry(key.value.as_str()).or_insert(Defined {
                file: &current.path,
                key,
                def,
            });
        }
        for used in current.spec.uses.iter().rev() {
            if let Some(library) = loaded.set.get(&resolve_use(&current.path, &used.value)) {
                stack.push(library);
            }
        }
    }
    let mut view = ApiView {
        file,
        meta,
        types,
        errors,
        sent: BTreeSet::new(),
        received: BTreeSet::new(),
    };
    let mut sent = Vec::new();
    let mut received = Vec::new();
    for (_, section) in file.spec.sections.iter() {
        for (_, method) in section.methods.iter() {
            sent.extend(method.params.iter().map(|(_, p)| p.ty.value.as_str()));
            received.extend(method.returns.iter().map(|(_, f)| f.ty.value.as_str()));
            received.extend(method.returns_map.iter().map(|m| m.value.as_str()));
        }
    }
    for (_, error) in view.errors.values().map(|e| (e.key, e.def)) {
        received.extend(error.fields.iter().map(|(_, f)| f.ty.value.as_str()));
    }
    view.sent = reach(&view.types, sent);
    view.received = reach(&view.types, received);
    view
}

/// Every named type reachable from `start` through lists, maps, unions and
/// objects.
fn reach<'a>(
    types: &BTreeMap<&'a str, Defined<'a, TypeDef>>,
    mut stack: Vec<&'a str>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    while let Some(name) = stack.pop() {
        let Some((&key, defined)) = types.get_key_value(name) else {
            continue;
        };
        if !seen.insert(key) {
            continue;
        }
        let def = defined.def;
        stack.extend(def.array.iter().map(|a| a.items.value.as_str()));
        stack.extend(
            def.map
                .iter()
                .filter_map(|m| m.values.as_ref())
                .map(|v| v.value.as_str()),
        );
        if let Some(union) = &def.union {
            stack.extend(union.of.iter().map(|m| m.value.as_str()));
        }
        if let Some(object) = &def.object {
            stack.extend(object.fields.iter().map(|(_, f)| f.ty.value.as_str()));
        }
    }
    seen
}

/// Every Rust name the generator chose, by [`rust_key`].
fn rust_names(workspace: &ir::Workspace) -> HashMap<String, String> {
    let mut names = HashMap::new();
    let mut add = |api: &str, path: String, name: &str| {
        names.insert(rust_key(api, &path), name.to_string());
    };
    for api in &workspace.apis {
        let a = api.module.as_str();
        for section in &api.sections {
            let s = &section.name;
            add(a, format!("section:{s}"), &section.rust_name);
            add(a, format!("module:{s}"), &section.module);
            for method in &section.methods {
                let m = format!("{s}/{}", method.name);
                add(a, format!("method:{m}"), &method.rust_name);
                add(a, format!("request:{m}"), &method.request_type);
                add(a, format!("response:{m}"), &method.response_type);
                if let Some(paging) = &method.paging {
                    add(a, format!("paging:{m}"), &paging.rust_name);
                }
                for p in &method.params {
                    add(a, format!("param:{m}/{}", p.wire_name), &p.rust_name);
                }
                // A group's members are compared as parameters, by their
                // wire names with `{n}`.
                for group in &method.groups {
                    let g = format!("{m}/{}", group.name);
                    add(a, format!("group:{g}"), &group.rust_name);
                    add(a, format!("group-record:{g}"), &group.record);
                    for p in &group.members {
                        add(a, format!("param:{m}/{}", p.wire_name), &p.rust_name);
                    }
                }
                for f in &method.returns {
                    add(a, format!("field:{m}/{}", f.wire_name), &f.rust_name);
                }
            }
        }
        for ty in workspace.types_of(api) {
            add(a, format!("type:{}", ty.name), &ty.rust_name);
            match &ty.kind {
                ir::TypeKind::Enum { values, .. } => {
                    for v in values {
                        add(a, format!("value:{}/{}", ty.name, v.wire), &v.rust_name);
                    }
                }
                ir::TypeKind::Object { fields } => {
                    for f in fields {
                        add(
                            a,
                            format!("object:{}/{}", ty.name, f.wire_name),
                            &f.rust_name,
                        );
                    }
                }
                _ => {}
            }
        }
        let library_errors = workspace
            .libraries
            .iter()
            .filter(|l| api.libraries.contains(&l.module))
            .flat_map(|l| &l.errors);
        for error in api.errors.iter().chain(library_errors) {
            add(a, format!("error:{}", error.key), &error.rust_name);
            for f in &error.fields {
                add(
                    a,
                    format!("error-field:{}/{}", error.key, f.wire_name),
                    &f.rust_name,
                );
            }
        }
    }
    names
}
