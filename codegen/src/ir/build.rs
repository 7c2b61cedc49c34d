//! Checking a loaded spec set and lowering it to the IR. Every problem is a
//! diagnostic with file, line and column; nothing here panics on bad input.
//!
//! This module gathers an API's files (its own and the libraries it uses)
//! and assembles the IR; one `ApiBuilder` walks each API, its parts in
//! child modules: [`wire`] (credentials, the wire block, the token session,
//! documented errors), [`types`] (type references, the type graph, lowering
//! named types, defaults), [`rules`] (the constraints of each kind),
//! [`sections`] (sections, methods, their names and members), [`paging`]
//! (a method's paging style and the members it names),
//! [`examples`] (documented responses) and [`record_roles`] (what each
//! method does to its section's records).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::charclass::CharClass;
use super::*;
use super::{graph, names};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::naming;
use crate::spec::load::{SpecSet, resolve_use};
use crate::spec::model::{self, SpecFile};
use crate::spec::span::{Pos, Sp};

mod binding;
mod examples;
mod groups;
mod headers;
mod paging;
mod record_roles;
mod rules;
mod sections;
mod servers;
mod statuses;
mod text_body;
mod types;
mod wire;

/// Checks every API in `set` and lowers it to the IR.
pub fn build(set: &SpecSet) -> Result<Workspace, Diagnostics> {
    let mut diags = Diagnostics::default();
    let (apis, libraries) = build_apis(set, &mut diags, &mut BTreeMap::new(), |_| true);
    if diags.has_errors() {
        Err(diags.deduplicated())
    } else {
        Ok(Workspace { apis, libraries })
    }
}

/// What [`check`] found.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    /// Everything [`build()`] would report, plus problems in type libraries
    /// that no API reaches (or parts of them an API does not use).
    pub diagnostics: Diagnostics,
    /// For each API file that checked without errors, the named types its
    /// parameters, returned fields and error fields reach (directly, or
    /// through arrays and maps), wherever they are defined.
    pub used_types: BTreeMap<PathBuf, BTreeSet<String>>,
}

/// Checks everything in `set` without lowering it: the linter's view. Every
/// error [`build()`] reports is reported here too.
///
/// `set` may be partial (a linter loads what parses and reports the rest):
/// a file that reaches, through `uses`, a library that is not in `set` is not
/// checked, since every name it takes from there would only be reported again
/// as unknown.
pub fn check(set: &SpecSet) -> Checked {
    let mut diags = Diagnostics::default();
    let mut used_types = BTreeMap::new();
    let complete = |path: &Path| uses_all_loaded(set, path);
    build_apis(set, &mut diags, &mut used_types, complete);
    for file in set.files.values() {
        if file.spec.api.is_none() && complete(&file.path) {
            let mut builder = ApiBuilder::new(set, &file.path, &mut diags);
            builder.check_library(&file.spec);
        }
    }
    Checked {
        diagnostics: diags.deduplicated(),
        used_types,
    }
}

/// Whether every library `path` reaches through `uses` is in `set`.
fn uses_all_loaded(set: &SpecSet, path: &Path) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(path) = stack.pop() {
        let Some(file) = set.get(&path) else {
            return false;
        };
        for used in &file.spec.uses {
            let target = resolve_use(&path, &used.value);
            if seen.insert(target.clone()) {
                stack.push(target);
            }
        }
    }
    true
}

fn build_apis(
    set: &SpecSet,
    diags: &mut Diagnostics,
    used_types: &mut BTreeMap<PathBuf, BTreeSet<String>>,
    complete: impl Fn(&Path) -> bool,
) -> (Vec<Api>, Vec<Library>) {
    for file in set.files.values() {
        if file.spec.hostapi.value != 1 {
            diags.push(Diagnostic::error(
                "format-version",
                &file.path,
                file.spec.hostapi.pos,
                format!(
                    "unsupported spec format version {}; this generator reads version 1",
                    file.spec.hostapi.value
                ),
            ));
        }
        if file.spec.api.is_none()
            && let Some((name, _)) = file.spec.sections.0.first()
        {
            diags.push(
                Diagnostic::error(
                    "library-with-sections",
                    &file.path,
                    name.pos,
                    "a file without `api` is a type library and cannot have sections",
                )
                .with_help("add an `api:` block, or move the sections to an API file"),
            );
        }
    }

    let mut apis = Vec::new();
    let mut libraries: BTreeMap<String, Library> = BTreeMap::new();
    let mut modules: BTreeMap<String, (PathBuf, Pos)> = BTreeMap::new();
    for path in &set.roots {
        let Some(file) = set.get(path) else { continue };
        let Some(meta) = &file.spec.api else { continue };
        if !complete(path) {
            continue;
        }
        if let Some((first_path, first_pos)) = modules.get(&meta.name.value) {
            diags.push(Diagnostic::error(
                "duplicate-api",
                path,
                meta.name.pos,
                format!(
                    "API name `{}` is already used by {}:{}",
                    meta.name.value,
                    first_path.display(),
                    first_pos
                ),
            ));
            continue;
        }
        modules.insert(meta.name.value.clone(), (path.clone(), meta.name.pos));
        let mut builder = ApiBuilder::new(set, path, diags);
        if let Some((api, used)) = builder.build(&file.spec, meta) {
            used_types.insert(path.clone(), std::mem::take(&mut builder.reached));
            for library in used {
                let entry = libraries
                    .entry(library.module.clone())
                    .or_insert_with(|| library.clone());
                if entry.source != library.source {
                    library_clash(set, diags, &entry.source, &library.source, &library.module);
                    continue;
                }
                entry.used_by.push(api.module.clone());
                for error in library.errors {
                    if !entry.errors.iter().any(|e| e.key == error.key) {
                        entry.errors.push(error);
                    }
                }
            }
            apis.push(api);
        }
    }
    apis.sort_by(|a, b| a.module.cmp(&b.module));
    unshare_differing_errors(&mut apis, &mut libraries);
    for library in libraries.values_mut() {
        library.used_by.sort();
        if let Some((path, pos)) = modules.get(&library.module) {
            diags.push(Diagnostic::error(
                "library-name",
                path,
                *pos,
                format!(
                    "API name `{}` is also the module name of the type library {}",
                    library.module,
                    library.source.display()
                ),
            ));
        }
    }
    (apis, libraries.into_values().collect())
}

/// The library of `file` in `libraries`, added empty if new.
fn library_entry<'l>(libraries: &'l mut BTreeMap<String, Library>, file: &Path) -> &'l mut Library {
    libraries
        .entry(library_module(file))
        .or_insert_with(|| Library {
            module: library_module(file),
            source: file.to_path_buf(),
            types: Vec::new(),
            errors: Vec::new(),
            used_by: Vec::new(),
        })
}

/// Keeps shared only the library errors every using API emits alike: a
/// struct named after a `class_prefix` one API strips and another keeps is
/// each API's own.
fn unshare_differing_errors(apis: &mut [Api], libraries: &mut BTreeMap<String, Library>) {
    for library in libraries.values_mut() {
        let differs = |shared: &ApiError| {
            apis.iter()
                .flat_map(|api| &api.errors)
                .filter(|e| e.key == shared.key && e.shared_in.as_ref() == Some(&library.module))
                .any(|e| e != shared)
        };
        let (alike, differing): (Vec<ApiError>, Vec<ApiError>) =
            std::mem::take(&mut library.errors)
                .into_iter()
                .partition(|e| !differs(e));
        library.errors = alike;
        for api in apis.iter_mut() {
            for error in &mut api.errors {
                if error.shared_in.as_ref() == Some(&library.module)
                    && differing.iter().any(|d| d.key == error.key)
                {
                    error.shared_in = None;
                }
            }
        }
    }
}

/// Two type libraries whose paths give one module name.
fn library_clash(
    set: &SpecSet,
    diags: &mut Diagnostics,
    first: &Path,
    second: &Path,
    module: &str,
) {
    let pos = set
        .get(second)
        .map(|f| f.spec.hostapi.pos)
        .unwrap_or_default();
    diags.push(
        Diagnostic::error(
            "library-name",
            second,
            pos,
            format!(
                "this type library and {} both become the module `{module}`",
                first.display()
            ),
        )
        .with_help("rename one of the files or folders"),
    );
}

/// The module name of a type library: its directory and file stem, e.g.
/// `liquidweb/types.yaml` → `liquidweb_types`.
fn library_module(path: &Path) -> String {
    naming::snake(&library_words(path))
}

/// The words a library's module name is made of: its directory and stem.
fn library_words(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = path
        .parent()
        .and_then(Path::file_name)
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{dir}_{stem}")
}

/// Why a type library's path gives no usable module name, if it does not.
fn library_module_problem(path: &Path) -> Option<String> {
    match naming::checked_snake(&library_words(path)) {
        Err(problem) => Some(format!(
            "the type library's module name is made from its folder and file name, which {problem}"
        )),
        Ok(module) => names::crate_module_problem(&module)
            .map(|problem| format!("the type library's module name {problem}")),
    }
}

/// A named type or error definition and the file it came from.
struct Origin<'a, T> {
    file: &'a Path,
    def: &'a T,
    name: &'a Sp<String>,
}

struct ApiBuilder<'a, 'd> {
    set: &'a SpecSet,
    path: &'a Path,
    diags: &'d mut Diagnostics,
    types: Vec<Origin<'a, model::TypeDef>>,
    errors: Vec<Origin<'a, model::ErrorDef>>,
    /// Spec type name → Rust name.
    type_names: HashMap<&'a str, String>,
    /// Spec type name → its place in `types`.
    type_index: HashMap<&'a str, usize>,
    used_types: BTreeSet<String>,
    /// `used_types` as reached from members, before the type definitions
    /// themselves are lowered (which resolves their item and value types).
    reached: BTreeSet<String>,
    /// (type, field or union member) references held in a `Box`.
    boxed: BTreeSet<(String, String)>,
    /// Documented defaults, checked once every named type is lowered.
    defaults: Vec<super::defaults::Pending>,
    /// Documented responses, checked with the defaults.
    examples: Vec<super::defaults::PendingExample>,
}

impl<'a, 'd> ApiBuilder<'a, 'd> {
    fn new(set: &'a SpecSet, path: &'a Path, diags: &'d mut Diagnostics) -> Self {
        ApiBuilder {
            set,
            path,
            diags,
            types: Vec::new(),
            errors: Vec::new(),
            type_names: HashMap::new(),
            type_index: HashMap::new(),
            used_types: BTreeSet::new(),
            reached: BTreeSet::new(),
            boxed: BTreeSet::new(),
            defaults: Vec::new(),
            examples: Vec::new(),
        }
    }

    /// Checks a type library on its own: its named types (all of them, used
    /// or not) and its errors' fields. Variant names of errors depend on the
    /// using API's `class_prefix`, so they are checked with each API.
    fn check_library(&mut self, spec: &'a SpecFile) {
        self.gather(spec);
        self.type_graph();
        // Every type the library reaches is lowered, so its defaults can be
        // checked; what other libraries' types report, their own check
        // reports too (and duplicates are dropped).
        let types = self.named_types();
        self.check_defaults(&types);
        let own_errors: Vec<_> = self
            .errors
            .iter()
            .filter(|e| e.file == self.path)
            .map(|e| (e.file, e.def))
            .collect();
        for (file, def) in own_errors {
            self.members_of_fields(file, &def.fields, false);
        }
    }

    fn error(&mut self, code: &'static str, file: &Path, pos: Pos, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(code, file, pos, message));
    }

    /// The API and the libraries it uses (each with its types built).
    fn build(
        &mut self,
        spec: &'a SpecFile,
        meta: &'a model::ApiMeta,
    ) -> Option<(Api, Vec<Library>)> {
        let errors_before = self.diags.0.len();
        if !naming::is_snake_identifier(&meta.name.value) {
            self.diags.push(
                Diagnostic::error(
                    "api-name",
                    self.path,
                    meta.name.pos,
                    format!(
                        "API name `{}` must be a snake_case identifier (it names a module and a cargo feature)",
                        meta.name.value
                    ),
                )
                .with_help(format!("try `{}`", naming::snake(&meta.name.value))),
            );
        } else if names::FEATURES.contains(&meta.name.value.as_str()) {
            self.diags.push(
                Diagnostic::error(
                    "api-name",
                    self.path,
                    meta.name.pos,
                    format!(
                        "API name `{}` is a cargo feature generated crates define themselves ({})",
                        meta.name.value,
                        names::FEATURES.join(", ")
                    ),
                )
                .with_help("choose another name"),
            );
        } else if let Some(problem) = names::crate_module_problem(&meta.name.value) {
            self.diags.push(
                Diagnostic::error(
                    "api-name",
                    self.path,
                    meta.name.pos,
                    format!("API name {problem}"),
                )
                .with_help("choose another name"),
            );
        }
        let (base_url, servers) = self.servers(meta);

        self.gather(spec);
        self.name_by_role(spec);
        self.type_graph();
        let credentials = self.credentials(meta);
        let mut wire = self.wire(meta);
        let errors = self.api_errors();
        let statuses = self.statuses(meta, &errors);
        let sections = self.sections(spec, meta, &wire);
        self.reached = self.used_types.clone();
        wire.session = meta
            .wire
            .auth
            .session
            .as_ref()
            .and_then(|session| self.session(meta, session, &wire, &sections));
        let all_types = self.named_types();
        self.check_library_modules();
        self.check_defaults(&all_types);

        if self.diags.0[errors_before..]
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
        {
            return None;
        }
        let mut sources: Vec<PathBuf> = vec![self.path.to_path_buf()];
        sources.extend(self.types.iter().map(|t| t.file.to_path_buf()));
        sources.extend(self.errors.iter().map(|e| e.file.to_path_buf()));
        sources.sort();
        sources.dedup();
        let mut types = Vec::new();
        let mut libraries: BTreeMap<String, Library> = BTreeMap::new();
        for (file, ty) in all_types {
            if file == self.path {
                types.push(ty);
            } else {
                library_entry(&mut libraries, file).types.push(ty);
            }
        }
        for origin in &self.errors {
            if let Some(error) = errors.iter().find(|e| e.key == origin.name.value)
                && error.shared_in.is_some()
            {
                library_entry(&mut libraries, origin.file)
                    .errors
                    .push(error.clone());
            }
        }
        let api = Api {
            module: meta.name.value.clone(),
            title: meta.title.clone(),
            version: meta.version.clone(),
            base_url,
            servers,
            docs_url: meta.docs_url.clone(),
            doc: meta.doc.clone(),
            documented_sections: meta.documented_sections.clone(),
            notes: meta.notes.clone(),
            credentials,
            wire,
            statuses,
            types,
            libraries: libraries.keys().cloned().collect(),
            errors,
            sections,
            sources,
        };
        Some((api, libraries.into_values().collect()))
    }

    /// Every library this API reaches must give a module name of its own.
    fn check_library_modules(&mut self) {
        let files: BTreeSet<&'a Path> = self
            .types
            .iter()
            .map(|t| t.file)
            .chain(self.errors.iter().map(|e| e.file))
            .filter(|f| *f != self.path)
            .collect();
        let mut modules: BTreeMap<String, &Path> = BTreeMap::new();
        for file in files {
            let pos = self
                .set
                .get(file)
                .map(|f| f.spec.hostapi.pos)
                .unwrap_or_default();
            if let Some(problem) = library_module_problem(file) {
                self.diags.push(
                    Diagnostic::error("library-name", file, pos, problem)
                        .with_help("rename the file or its folder"),
                );
                continue;
            }
            let module = library_module(file);
            match modules.get(&module) {
                Some(first) => library_clash(self.set, self.diags, first, file, &module),
                None => {
                    modules.insert(module, file);
                }
            }
        }
    }

    /// Renames the API's nested types whose path name repeats their
    /// parent's words ([`super::roles`]).
    fn name_by_role(&mut self, spec: &'a SpecFile) {
        let defs = self.types.iter().map(|o| (o.name.value.as_str(), o.def));
        let mut referrers = super::roles::referrers(spec, defs);
        let entries: Vec<super::roles::TypeEntry<'_>> = self
            .types
            .iter()
            .map(|origin| super::roles::TypeEntry {
                spec_name: &origin.name.value,
                rust_name: &self.type_names[origin.name.value.as_str()],
                items: origin.def.array.as_ref().map(|a| a.items.value.as_str()),
                renamable: origin.file == self.path,
                referrers: referrers
                    .remove(origin.name.value.as_str())
                    .unwrap_or_default(),
            })
            .collect();
        for (spec_name, rust) in super::roles::role_names(&entries) {
            if let Some(name) = self.type_names.get_mut(spec_name.as_str()) {
                *name = rust;
            }
        }
    }

    /// Collects named types and errors from this file and every library it
    /// reaches through `uses`, reporting duplicates.
    fn gather(&mut self, spec: &'a SpecFile) {
        let mut visited = BTreeSet::new();
        let mut stack: Vec<(&'a Path, &'a SpecFile)> = vec![(self.path, spec)];
        let mut order = Vec::new();
        while let Some((path, file)) = stack.pop() {
            if !visited.insert(path.to_path_buf()) {
                continue;
            }
            order.push((path, file));
            for used in file.uses.iter().rev() {
                let target = resolve_use(path, &used.value);
                if let Some(loaded) = self.set.files.get_key_value(&target) {
                    if loaded.1.spec.api.is_some() {
                        self.error(
                            "use-of-api-file",
                            path,
                            used.pos,
                            format!(
                                "`{}` is an API file; `uses` takes type libraries",
                                used.value
                            ),
                        );
                    }
                    stack.push((loaded.0.as_path(), &loaded.1.spec));
                }
            }
        }
        let mut seen_types: HashMap<&str, (&Path, Pos)> = HashMap::new();
        let mut seen_rust: HashMap<String, (&str, &Path, Pos)> = HashMap::new();
        let mut seen_errors: HashMap<&str, (&Path, Pos)> = HashMap::new();
        for (path, file) in order {
            for (name, def) in file.types.iter() {
                if let Some((first, pos)) = seen_types.get(name.value.as_str()) {
                    self.error(
                        "duplicate-type",
                        path,
                        name.pos,
                        format!(
                            "type `{}` is already defined at {}:{}",
                            name.value,
                            first.display(),
                            pos
                        ),
                    );
                    continue;
                }
                if Builtin::from_name(&name.value).is_some() {
                    self.error(
                        "duplicate-type",
                        path,
                        name.pos,
                        format!("type `{}` would hide the builtin of that name", name.value),
                    );
                    continue;
                }
                let rust = match naming::checked_camel(&name.value) {
                    Ok(rust) => rust,
                    Err(problem) => {
                        self.diags.push(
                            Diagnostic::error(
                                "rust-name",
                                path,
                                name.pos,
                                format!("type name `{}` {problem}", name.value),
                            )
                            .with_help(
                                "rename the type: type names are the spec's own, in UpperCamelCase",
                            ),
                        );
                        format!("Unnamed{}x{}", name.pos.line, name.pos.column)
                    }
                };
                if let Some((other, first, pos)) = seen_rust.get(&rust) {
                    self.error(
                        "name-collision",
                        path,
                        name.pos,
                        format!(
                            "types `{}` and `{}` (at {}:{}) both become the Rust type `{rust}`",
                            name.value,
                            other,
                            first.display(),
                            pos
                        ),
                    );
                    continue;
                }
                seen_types.insert(&name.value, (path, name.pos));
                seen_rust.insert(rust.clone(), (&name.value, path, name.pos));
                self.type_names.insert(&name.value, rust);
                self.type_index.insert(&name.value, self.types.len());
                self.types.push(Origin {
                    file: path,
                    def,
                    name,
                });
            }
            for (name, def) in file.errors.iter() {
                if let Some((first, pos)) = seen_errors.get(name.value.as_str()) {
                    self.error(
                        "duplicate-error",
                        path,
                        name.pos,
                        format!(
                            "error `{}` is already defined at {}:{}",
                            name.value,
                            first.display(),
                            pos
                        ),
                    );
                    continue;
                }
                seen_errors.insert(&name.value, (path, name.pos));
                self.errors.push(Origin {
                    file: path,
                    def,
                    name,
                });
            }
        }
    }
}
