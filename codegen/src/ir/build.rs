//! Checking a loaded spec set and lowering it to the IR. Every problem is a
//! diagnostic with file, line and column; nothing here panics on bad input.

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
    /// Everything [`build`] would report, plus problems in type libraries
    /// that no API reaches (or parts of them an API does not use).
    pub diagnostics: Diagnostics,
    /// For each API file that checked without errors, the named types its
    /// parameters, returned fields and error fields reach (directly, or
    /// through arrays and maps), wherever they are defined.
    pub used_types: BTreeMap<PathBuf, BTreeSet<String>>,
}

/// Checks everything in `set` without lowering it: the linter's view. Every
/// error [`build`] reports is reported here too.
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
            }
            apis.push(api);
        }
    }
    apis.sort_by(|a, b| a.module.cmp(&b.module));
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
    /// Named types' phrases, shared by the members using them.
    type_docs: HashMap<String, std::sync::Arc<str>>,
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
            type_docs: HashMap::new(),
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
        // The runtime checks the emitted URL (without trailing slashes) with
        // this same rule on every `Client::new`.
        if let Err(violation) = hostapi_rules::base_url(meta.base_url.value.trim_end_matches('/')) {
            self.error(
                "base-url",
                self.path,
                meta.base_url.pos,
                // Not quoted: it may hold credentials (`user:pw@`).
                format!("`base_url` cannot be used: {}", violation.message),
            );
        }

        self.gather(spec);
        self.type_graph();
        let credentials = self.credentials(meta);
        let mut wire = self.wire(meta);
        let errors = self.api_errors();
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
                libraries
                    .entry(library_module(file))
                    .or_insert_with(|| Library {
                        module: library_module(file),
                        source: file.to_path_buf(),
                        types: Vec::new(),
                        used_by: Vec::new(),
                    })
                    .types
                    .push(ty);
            }
        }
        let api = Api {
            module: meta.name.value.clone(),
            title: meta.title.clone(),
            version: meta.version.clone(),
            base_url: meta.base_url.value.trim_end_matches('/').to_string(),
            docs_url: meta.docs_url.clone(),
            doc: meta.doc.clone(),
            documented_sections: meta.documented_sections.clone(),
            notes: meta.notes.clone(),
            credentials,
            wire,
            types,
            libraries: libraries.keys().cloned().collect(),
            errors,
            sections,
            sources,
        };
        Some((api, libraries.into_values().collect()))
    }

    /// Which references among the gathered types are boxed, and whether
    /// any chain of types is too deep (reported at the type of this file or
    /// library where it crosses the limit).
    fn type_graph(&mut self) {
        let defs: Vec<(&str, &model::TypeDef)> = self
            .types
            .iter()
            .map(|t| (t.name.value.as_str(), t.def))
            .collect();
        let analysis = graph::analyze(&defs);
        self.boxed = analysis.boxed;
        for cycle in analysis.alias_cycles {
            let Some(origin) = self.types.iter().find(|t| t.name.value == cycle[0]) else {
                continue;
            };
            let what = if cycle.len() == 1 {
                format!("type `{}` is a list or map of itself", cycle[0])
            } else {
                let names: Vec<String> = cycle.iter().map(|n| format!("`{n}`")).collect();
                format!("types {} are lists or maps of each other", names.join(", "))
            };
            self.diags.push(
                Diagnostic::error(
                    "type-cycle",
                    origin.file,
                    origin.name.pos,
                    format!("{what}, with no object or union in between: such a type never ends"),
                )
                .with_help("put an object or a union on the cycle (e.g. an object with a field holding the list)"),
            );
        }
        for (name, chain) in analysis.too_deep {
            let Some(origin) = self.types.iter().find(|t| t.name.value == name) else {
                continue;
            };
            let shown = if chain.len() > 6 {
                format!(
                    "{} → … → {}",
                    chain[..3].join(" → "),
                    chain[chain.len() - 2..].join(" → ")
                )
            } else {
                chain.join(" → ")
            };
            self.diags.push(
                Diagnostic::error(
                    "type-depth",
                    origin.file,
                    origin.name.pos,
                    format!(
                        "type `{name}` starts a chain of {} nested types ({shown}); at most {} compile reliably",
                        chain.len(),
                        graph::MAX_DEPTH
                    ),
                )
                .with_help("flatten the structure: a field of type `json` can hold what is nested deeper"),
            );
        }
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

    fn credentials(&mut self, meta: &'a model::ApiMeta) -> Vec<Credential> {
        let mut out: Vec<Credential> = Vec::new();
        for (name, def) in meta.credentials.iter() {
            let rust_name = match naming::checked_snake(&name.value) {
                Ok(rust) => rust,
                Err(problem) => {
                    let message = format!("credential name `{}` {problem}", name.value);
                    self.diags.push(
                        Diagnostic::error("rust-name", self.path, name.pos, message)
                            .with_help("rename the credential: its name is the spec's own"),
                    );
                    continue;
                }
            };
            if let Some(other) = out.iter().find(|c| c.rust_name == rust_name) {
                let message = format!(
                    "credentials `{}` and `{}` both become the Rust field `{rust_name}`",
                    other.name, name.value
                );
                self.error("name-collision", self.path, name.pos, message);
                continue;
            }
            out.push(Credential {
                name: name.value.clone(),
                rust_name,
                doc: def.doc.clone(),
                secret: def.secret,
            });
        }
        out
    }

    fn credential_ref(&mut self, meta: &model::ApiMeta, name: &Sp<String>) -> String {
        if meta.credentials.get(&name.value).is_none() {
            let mut diagnostic = Diagnostic::error(
                "unknown-credential",
                self.path,
                name.pos,
                format!("`{}` is not a declared credential", name.value),
            );
            if let Some(s) = did_you_mean(
                &name.value,
                meta.credentials.iter().map(|(k, _)| k.value.as_str()),
            ) {
                diagnostic = diagnostic.with_help(format!("did you mean `{s}`?"));
            }
            self.diags.push(diagnostic);
        }
        name.value.clone()
    }

    fn wire(&mut self, meta: &'a model::ApiMeta) -> Wire {
        let w = &meta.wire;
        let basic_auth = w.auth.basic.as_ref().map(|b| {
            (
                self.credential_ref(meta, &b.username),
                self.credential_ref(meta, &b.password),
            )
        });
        let credential_params = w
            .auth
            .params
            .iter()
            .map(|(wire_name, credential)| {
                (
                    wire_name.value.clone(),
                    self.credential_ref(meta, credential),
                )
            })
            .collect();
        Wire {
            http_method: w.http_method,
            method_name: match &w.method_name {
                model::MethodName::Path => MethodName::Path,
                model::MethodName::Query(p) => MethodName::Query(p.value.clone()),
                model::MethodName::Form(p) => MethodName::Form(p.value.clone()),
            },
            params: match &w.params {
                model::ParamEncoding::Json { envelope } => ParamEncoding::Json {
                    envelope: envelope.clone(),
                },
                model::ParamEncoding::Query => ParamEncoding::Query,
                model::ParamEncoding::Form => ParamEncoding::Form,
            },
            basic_auth,
            credential_params,
            session: None,
            response: w.response,
            error: match &w.error {
                model::ErrorRule::FieldPresent { field, message, .. } => ErrorRule::FieldPresent {
                    field: field.value.clone(),
                    message: message.as_ref().map(|m| m.value.clone()),
                },
                model::ErrorRule::FieldEquals {
                    field,
                    value,
                    message,
                } => ErrorRule::FieldEquals {
                    field: field.value.clone(),
                    value: value.clone(),
                    message: message.value.clone(),
                },
                model::ErrorRule::CountAbove {
                    field,
                    message_prefix,
                    number_prefix,
                    text_prefix,
                } => ErrorRule::CountAbove {
                    field: field.value.clone(),
                    message_prefix: message_prefix.clone(),
                    number_prefix: number_prefix.clone(),
                    text_prefix: text_prefix.clone(),
                },
            },
        }
    }

    fn class_prefix(&self) -> Option<&'a str> {
        let meta = self.set.get(self.path)?.spec.api.as_ref()?;
        match &meta.wire.error {
            model::ErrorRule::FieldPresent { class_prefix, .. } => class_prefix.as_deref(),
            _ => None,
        }
    }

    fn api_errors(&mut self) -> Vec<ApiError> {
        let prefix = self.class_prefix();
        let mut out: Vec<ApiError> = Vec::new();
        let origins: Vec<_> = self
            .errors
            .iter()
            .map(|o| (o.file, o.def, o.name))
            .collect();
        for (file, def, name) in origins {
            if let Some(rust) = &def.rust_name {
                self.check_identifier(file, rust);
            } else if let Err(problem) = naming::checked_camel(stripped_class(prefix, &name.value))
            {
                self.diags.push(
                    Diagnostic::error(
                        "rust-name",
                        file,
                        name.pos,
                        format!("error `{}` {problem}", name.value),
                    )
                    .with_help("set `rust_name` to the variant name"),
                );
                continue;
            }
            let rust_name = error_variant(prefix, &name.value, def);
            if !def.fields.is_empty() && names::ERROR_STRUCTS.contains(&rust_name.as_str()) {
                self.diags.push(
                    Diagnostic::error(
                        "name-collision",
                        file,
                        name.pos,
                        format!(
                            "error `{}` would get a struct named `{rust_name}`, which `errors.rs` uses itself",
                            name.value
                        ),
                    )
                    .with_help("set `rust_name` on the error"),
                );
                continue;
            }
            if rust_name == "Other" {
                self.error(
                    "name-collision",
                    file,
                    name.pos,
                    "the variant name `Other` is kept for errors the spec does not list",
                );
                continue;
            }
            if let Some(other) = out.iter().find(|e| e.rust_name == rust_name) {
                let message = format!(
                    "errors `{}` and `{}` both become the variant `{rust_name}`",
                    other.key, name.value
                );
                self.diags.push(
                    Diagnostic::error("name-collision", file, name.pos, message)
                        .with_help("set `rust_name` on one of them"),
                );
                continue;
            }
            let fields = self.members_of_fields(file, &def.fields, false);
            let raw_named = def
                .fields
                .iter()
                .zip(&fields)
                .find(|(_, member)| member.rust_name == "raw")
                .map(|((name, _), _)| name.pos);
            if let Some(pos) = raw_named {
                self.diags.push(
                    Diagnostic::error(
                        "name-collision",
                        file,
                        pos,
                        "this error field would be named `raw`, which generated code keeps for the raw error",
                    )
                    .with_help("set `rust_name` on the field"),
                );
                continue;
            }
            out.push(ApiError {
                key: name.value.clone(),
                prefix_match: def.matching == model::ErrorMatch::Prefix,
                rust_name,
                doc: def.doc.clone(),
                fields,
                retryable: def.retryable,
            });
        }
        out
    }

    fn error_list_misplaced(&mut self, file: &Path, ty: &Sp<String>) {
        self.diags.push(
            Diagnostic::error(
                "error-list",
                file,
                ty.pos,
                "`error_list` (nested errors) is only for fields of documented errors",
            )
            .with_help("use `json` for a list of arbitrary values"),
        );
    }

    /// Checks `wire.auth.session` against the credentials, the wire and the
    /// token method it names.
    fn session(
        &mut self,
        meta: &model::ApiMeta,
        session: &model::Session,
        wire: &Wire,
        sections: &[Section],
    ) -> Option<Session> {
        let path = self.path;
        let method = session
            .method
            .value
            .rsplit_once('/')
            .and_then(|(section, method)| {
                let section = sections.iter().find(|s| s.name == section)?;
                let method = section.methods.iter().find(|m| m.name == method)?;
                Some((section, method))
            });
        let Some((section, method)) = method else {
            let known: Vec<String> = sections
                .iter()
                .flat_map(|s| {
                    s.methods
                        .iter()
                        .map(move |m| format!("{}/{}", s.name, m.name))
                })
                .collect();
            let mut diagnostic = Diagnostic::error(
                "session",
                path,
                session.method.pos,
                format!(
                    "the session method `{}` is not a method of this API (write `Section/method`)",
                    session.method.value
                ),
            );
            if let Some(s) = did_you_mean(&session.method.value, known.iter().map(String::as_str)) {
                diagnostic = diagnostic.with_help(format!("did you mean `{s}`?"));
            }
            self.diags.push(diagnostic);
            return None;
        };
        let mut ok = true;
        let replaces = self.credential_ref(meta, &session.replaces);
        let used = wire
            .basic_auth
            .iter()
            .any(|(u, p)| *u == replaces || *p == replaces)
            || wire.credential_params.iter().any(|(_, c)| *c == replaces);
        let secret = meta.credentials.get(&replaces).is_some_and(|c| c.secret);
        if meta.credentials.get(&replaces).is_some() && (!used || !secret) {
            self.error(
                "session",
                path,
                session.replaces.pos,
                format!(
                    "the token replaces `{replaces}`, which must be a secret credential that `basic` or `params` sends"
                ),
            );
            ok = false;
        }
        for (field, what) in [
            (Some(&session.token), "token"),
            (session.expires.as_ref(), "expires"),
        ] {
            if let Some(field) = field
                && !method.returns.iter().any(|m| m.wire_name == field.value)
            {
                self.error(
                    "session",
                    path,
                    field.pos,
                    format!(
                        "`{what}` names `{}`, which `{}` does not return",
                        field.value, session.method.value
                    ),
                );
                ok = false;
            }
        }
        if let Some(param) = &session.timeout_param
            && !method.params.iter().any(|m| m.wire_name == param.value)
        {
            self.error(
                "session",
                path,
                param.pos,
                format!(
                    "`timeout_param` names `{}`, which `{}` does not take",
                    param.value, session.method.value
                ),
            );
            ok = false;
        }
        let (idle, max_idle, lifetime) = (
            *session.idle_timeout,
            *session.max_idle_timeout,
            *session.max_lifetime,
        );
        if idle == 0 || idle > max_idle {
            self.error(
                "session",
                path,
                session.idle_timeout.pos,
                format!("`idle_timeout` must be between 1 and `max_idle_timeout` ({max_idle}), not {idle}"),
            );
            ok = false;
        }
        if lifetime < max_idle {
            self.error(
                "session",
                path,
                session.max_lifetime.pos,
                format!(
                    "`max_lifetime` ({lifetime}) must be at least `max_idle_timeout` ({max_idle})"
                ),
            );
            ok = false;
        }
        ok.then(|| Session {
            section_module: section.module.clone(),
            method_rust_name: method.rust_name.clone(),
            method_wire_name: method.wire_name.clone(),
            replaces,
            token_field: session.token.value.clone(),
            expires_field: session.expires.as_ref().map(|e| e.value.clone()),
            timeout_param: session.timeout_param.as_ref().map(|t| t.value.clone()),
            idle_timeout: idle,
            max_idle_timeout: max_idle,
            max_lifetime: lifetime,
        })
    }

    /// The snake_case name derived from a spec name that has no `rust_name`,
    /// or a located error saying why there is none (then a stand-in unique
    /// to the position, so checking goes on without reporting collisions of
    /// stand-ins).
    fn derived_snake(&mut self, file: &Path, name: &Sp<String>, what: &str) -> String {
        naming::checked_snake(&name.value).unwrap_or_else(|problem| {
            self.diags.push(
                Diagnostic::error(
                    "rust-name",
                    file,
                    name.pos,
                    format!("{what} `{}` {problem}", name.value),
                )
                .with_help("set `rust_name` to the name generated code should use"),
            );
            format!("unnamed_{}_{}", name.pos.line, name.pos.column)
        })
    }

    fn check_identifier(&mut self, file: &Path, name: &Sp<String>) {
        if !naming::is_identifier(&name.value) {
            self.error(
                "rust-name",
                file,
                name.pos,
                format!("`{}` is not a usable Rust identifier", name.value),
            );
            if let Some(d) = self.diags.0.last_mut() {
                d.help = Some(format!(
                    "write ASCII letters, digits and `_`, not starting with a digit or `__`, not a Rust keyword, at most {} characters",
                    naming::MAX_LEN
                ));
            }
        }
    }

    /// Resolves a type reference, recording named types as used.
    fn type_ref(&mut self, file: &Path, name: &Sp<String>) -> TypeRef {
        if let Some(builtin) = Builtin::from_name(&name.value) {
            return TypeRef::Builtin(builtin);
        }
        if let Some(rust) = self.type_names.get(name.value.as_str()) {
            let rust = rust.clone();
            self.mark_used(&name.value);
            return TypeRef::Named(rust);
        }
        let candidates: Vec<&str> = self
            .type_names
            .keys()
            .copied()
            .chain(Builtin::NAMES.iter().copied())
            .collect();
        let mut diagnostic = Diagnostic::error(
            "unknown-type",
            file,
            name.pos,
            format!("unknown type `{}`", name.value),
        );
        diagnostic = match did_you_mean(&name.value, candidates) {
            Some(s) => diagnostic.with_help(format!("did you mean `{s}`?")),
            None => diagnostic.with_help(
                "use a type declared under `types` (here or in a `uses` library) or a builtin: string, integer, float, boolean, json",
            ),
        };
        self.diags.push(diagnostic);
        TypeRef::Builtin(Builtin::Json)
    }

    /// Marks a named type and every type it refers to as used.
    fn mark_used(&mut self, name: &str) {
        // Iterative: a hostile spec's chain of thousands of types must not
        // exhaust the stack before the depth check reports it.
        let mut stack = vec![name.to_string()];
        while let Some(name) = stack.pop() {
            if !self.used_types.insert(name.clone()) {
                continue;
            }
            if let Some(def) = self.type_def(&name) {
                stack.extend(
                    referenced_types(def)
                        .into_iter()
                        .filter(|inner| self.type_names.contains_key(inner.as_str())),
                );
            }
        }
    }

    /// Every type this API can name, with the file it comes from.
    fn named_types(&mut self) -> Vec<(&'a Path, NamedType)> {
        // Every type of this file and of the libraries it uses is emitted,
        // used or not: a library such as Liquid Web's type catalogue is
        // useful to callers as a whole. What they refer to is then needed too.
        let all: Vec<String> = self.types.iter().map(|t| t.name.value.clone()).collect();
        for name in all {
            self.mark_used(&name);
        }
        let local: Vec<usize> = (0..self.types.len()).collect();
        let mut out = Vec::new();
        for i in local {
            let (file, def, name) = (self.types[i].file, self.types[i].def, self.types[i].name);
            if let Some(kind) = self.type_kind(file, name, def) {
                out.push((
                    file,
                    NamedType {
                        name: name.value.clone(),
                        rust_name: self.type_names[name.value.as_str()].clone(),
                        doc: def.doc.value.clone(),
                        note: def.note.clone(),
                        vendor_name: def.vendor_name.clone(),
                        secret: def.secret,
                        library: file != self.path,
                        kind,
                    },
                ));
            }
        }
        out
    }

    fn type_kind(
        &mut self,
        file: &Path,
        name: &Sp<String>,
        def: &model::TypeDef,
    ) -> Option<TypeKind> {
        let kinds: Vec<(&str, Pos)> = [
            def.string.as_ref().map(|s| ("string", s.pos)),
            def.integer.as_ref().map(|s| ("integer", s.pos)),
            def.float.as_ref().map(|s| ("float", s.pos)),
            def.boolean.as_ref().map(|s| ("boolean", s.pos)),
            def.enumeration.as_ref().map(|s| ("enum", s.pos)),
            def.unix_time.as_ref().map(|s| ("unix_time", s.pos)),
            def.map.as_ref().map(|s| ("map", s.pos)),
            def.array.as_ref().map(|s| ("array", s.pos)),
            def.decimal.as_ref().map(|s| ("decimal", s.pos)),
            def.union.as_ref().map(|s| ("union", s.pos)),
            def.object.as_ref().map(|s| ("object", s.pos)),
        ]
        .into_iter()
        .flatten()
        .collect();
        match kinds.as_slice() {
            [] => {
                self.diags.push(
                    Diagnostic::error(
                        "type-kind",
                        file,
                        name.pos,
                        format!("type `{}` needs exactly one kind", name.value),
                    )
                    .with_help(
                        "add one of: string, integer, float, boolean, enum, unix_time, map, array, decimal, union, object",
                    ),
                );
                return None;
            }
            [_] => {}
            [_, (second, pos), ..] => {
                self.error(
                    "type-kind",
                    file,
                    *pos,
                    format!(
                        "type `{}` has more than one kind (`{}` and `{second}`)",
                        name.value, kinds[0].0
                    ),
                );
                return None;
            }
        }
        if let Some(rule) = &def.string {
            return self.string_rule(file, rule).map(TypeKind::String);
        }
        if let Some(rule) = &def.integer {
            if let (Some(min), Some(max)) = (&rule.min, &rule.max)
                && min.value > max.value
            {
                self.error(
                    "unsatisfiable",
                    file,
                    max.pos,
                    format!("max {} is below min {}", max.value, min.value),
                );
            }
            return Some(TypeKind::Integer {
                min: rule.min.as_ref().map(|m| m.value),
                max: rule.max.as_ref().map(|m| m.value),
            });
        }
        if let Some(rule) = &def.float {
            return self.float_rule(file, rule);
        }
        if let Some(rule) = &def.decimal {
            return self.decimal_rule(file, rule).map(TypeKind::Decimal);
        }
        if let Some(rule) = &def.union {
            return self.union_rule(file, name, rule);
        }
        if let Some(rule) = &def.object {
            if rule.fields.is_empty() {
                self.error(
                    "unsatisfiable",
                    file,
                    rule.pos,
                    "an object needs at least one field",
                );
                return None;
            }
            let fields = self.object_fields(file, &name.value, &rule.fields);
            return Some(TypeKind::Object { fields });
        }
        if let Some(rule) = &def.boolean {
            return Some(TypeKind::Boolean(rule.encoding));
        }
        if let Some(rule) = &def.enumeration {
            return self.enum_rule(file, rule);
        }
        if def.unix_time.is_some() {
            return Some(TypeKind::UnixTime);
        }
        if let Some(rule) = &def.map {
            let values = rule.values.as_ref().map(|v| self.type_ref(file, v));
            return Some(TypeKind::Map { values });
        }
        if let Some(rule) = &def.array {
            let items = self.type_ref(file, &rule.items);
            return Some(TypeKind::Array { items });
        }
        None
    }

    fn string_rule(&mut self, file: &Path, rule: &Sp<model::StringRule>) -> Option<StringRule> {
        let mut out = StringRule::default();
        let mut ok = true;
        if let Some(lengths) = &rule.length {
            if lengths.value.is_empty() {
                self.error(
                    "unsatisfiable",
                    file,
                    lengths.pos,
                    "`length` lists no permitted length",
                );
                ok = false;
            }
            let mut sorted = lengths.value.clone();
            sorted.sort_unstable();
            sorted.dedup();
            out.lengths = sorted;
            if rule.min_length.is_some() || rule.max_length.is_some() {
                self.error(
                    "contradiction",
                    file,
                    lengths.pos,
                    "use either `length` or `min_length`/`max_length`, not both",
                );
                ok = false;
            }
        }
        out.min_length = rule.min_length.as_ref().map(|m| m.value);
        out.max_length = rule.max_length.as_ref().map(|m| m.value);
        if let (Some(min), Some(max)) = (&rule.min_length, &rule.max_length)
            && min.value > max.value
        {
            self.error(
                "unsatisfiable",
                file,
                max.pos,
                format!("max_length {} is below min_length {}", max.value, min.value),
            );
            ok = false;
        }
        for (slot, class) in [
            (&mut out.chars, &rule.chars),
            (&mut out.first_char, &rule.first_char),
        ] {
            if let Some(text) = class {
                match CharClass::parse(&text.value) {
                    Ok(parsed) => *slot = Some(parsed),
                    Err(problem) => {
                        self.diags.push(
                            Diagnostic::error(
                                "char-class",
                                file,
                                text.pos,
                                format!("bad character class `{}`: {problem}", text.value),
                            )
                            .with_help("write ranges and characters, e.g. `A-Z0-9` or `a-z0-9._-`"),
                        );
                        ok = false;
                    }
                }
            }
        }
        if let Some(control) = &rule.control_chars {
            let allow = &control.value.allow;
            out.control_chars = Some((
                allow.contains(&model::ControlChar::Tab),
                allow.contains(&model::ControlChar::Cr),
                allow.contains(&model::ControlChar::Lf),
            ));
        }
        if let Some(text) = &rule.not_chars {
            match CharClass::parse(&text.value) {
                Ok(parsed) => out.not_chars = Some(parsed),
                Err(problem) => {
                    self.error(
                        "char-class",
                        file,
                        text.pos,
                        format!("bad character class `{}`: {problem}", text.value),
                    );
                    ok = false;
                }
            }
        }
        if let Some(classes) = &rule.classes {
            let mut kinds = classes.value.of.clone();
            kinds.sort_unstable();
            kinds.dedup();
            if kinds.len() != classes.value.of.len() {
                self.error(
                    "contradiction",
                    file,
                    classes.pos,
                    "`classes.of` lists a class twice",
                );
                ok = false;
            }
            let at_least = classes.value.at_least.value;
            if at_least == 0 || at_least as usize > classes.value.of.len() {
                self.error(
                    "unsatisfiable",
                    file,
                    classes.value.at_least.pos,
                    format!(
                        "`at_least` must be 1 to {} (the number of classes listed), got {at_least}",
                        classes.value.of.len()
                    ),
                );
                ok = false;
            }
            out.classes = Some((at_least, classes.value.of.clone()));
        }
        if let Some(format) = &rule.format {
            out.format = Some(self.string_format(file, format)?);
        }
        if let Some(pattern) = &rule.pattern {
            match super::pattern::checked(file, pattern) {
                Ok(canonical) => out.pattern = Some(canonical),
                Err(diagnostic) => {
                    self.diags.push(diagnostic);
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    fn string_format(
        &mut self,
        file: &Path,
        format: &Sp<model::StringFormat>,
    ) -> Option<StringFormat> {
        use model::StringFormat as F;
        Some(match &format.value {
            F::Base64 => StringFormat::Base64,
            F::HttpUri => StringFormat::HttpUri,
            F::Hostname => StringFormat::Hostname,
            F::Fqdn => StringFormat::Fqdn,
            F::DomainName => StringFormat::DomainName,
            F::WildcardDomain => StringFormat::WildcardDomain,
            F::ReverseDnsV4 => StringFormat::ReverseDnsV4,
            F::ReverseDnsV6 => StringFormat::ReverseDnsV6,
            F::ReverseZone => StringFormat::ReverseZone,
            F::Ipv4 => StringFormat::Ipv4,
            F::Ipv4Cidr => StringFormat::Ipv4Cidr,
            F::Ipv6 => StringFormat::Ipv6,
            F::Email => StringFormat::Email,
            F::Date => StringFormat::Date,
            F::Datetime => StringFormat::Datetime,
            F::MimeType => StringFormat::MimeType,
            F::SshPublicKey => StringFormat::SshPublicKey,
            F::Pem(label) => {
                let usable = !label.value.is_empty()
                    && label
                        .value
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == ' ')
                    && !label.value.starts_with(' ')
                    && !label.value.ends_with(' ');
                if !usable {
                    self.error(
                        "format",
                        file,
                        label.pos,
                        format!(
                            "PEM label `{}` must be capital letters, digits and single spaces, e.g. `CERTIFICATE`",
                            label.value
                        ),
                    );
                    return None;
                }
                StringFormat::Pem(label.value.clone())
            }
        })
    }

    fn float_rule(&mut self, file: &Path, rule: &Sp<model::FloatRule>) -> Option<TypeKind> {
        let mut ok = true;
        for bound in [&rule.min, &rule.max, &rule.above].into_iter().flatten() {
            if !bound.value.is_finite() {
                self.error(
                    "unsatisfiable",
                    file,
                    bound.pos,
                    "bounds must be finite numbers",
                );
                ok = false;
            }
        }
        if let (Some(min), Some(above)) = (&rule.min, &rule.above) {
            self.error(
                "contradiction",
                file,
                above.pos,
                format!(
                    "use either `min` ({}) or `above` ({}), not both",
                    min.value, above.value
                ),
            );
            ok = false;
        }
        if let Some(max) = &rule.max {
            if let Some(min) = rule.min.as_ref().filter(|m| m.value > max.value) {
                self.error(
                    "unsatisfiable",
                    file,
                    max.pos,
                    format!("max {} is below min {}", max.value, min.value),
                );
                ok = false;
            }
            if let Some(above) = rule.above.as_ref().filter(|a| a.value >= max.value) {
                self.error(
                    "unsatisfiable",
                    file,
                    max.pos,
                    format!(
                        "no number is above {} and at most {}",
                        above.value, max.value
                    ),
                );
                ok = false;
            }
        }
        ok.then(|| TypeKind::Float {
            min: rule.min.as_ref().map(|m| m.value),
            max: rule.max.as_ref().map(|m| m.value),
            above: rule.above.as_ref().map(|m| m.value),
        })
    }

    fn decimal_rule(&mut self, file: &Path, rule: &Sp<model::DecimalRule>) -> Option<Decimal> {
        let mut ok = true;
        let currency = match &rule.currency {
            Some(symbol) => {
                let mut chars = symbol.value.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_ascii_digit() && c != '-' && c != '.' => Some(c),
                    _ => {
                        self.error(
                            "format",
                            file,
                            symbol.pos,
                            format!(
                                "`currency` must be one character other than a digit, '-' or '.', got `{}`",
                                symbol.value
                            ),
                        );
                        ok = false;
                        None
                    }
                }
            }
            None => None,
        };
        if rule.negative && rule.positive {
            self.error(
                "contradiction",
                file,
                rule.pos,
                "`negative: true` allows a '-' that `positive: true` forbids",
            );
            ok = false;
        }
        let min_fraction = rule.min_fraction_digits.as_ref().map_or(0, |m| m.value);
        if let Some(max) = &rule.max_fraction_digits
            && max.value < min_fraction
        {
            self.error(
                "unsatisfiable",
                file,
                max.pos,
                format!(
                    "max_fraction_digits {} is below min_fraction_digits {min_fraction}",
                    max.value
                ),
            );
            ok = false;
        }
        ok.then(|| Decimal {
            currency,
            negative: rule.negative,
            positive: rule.positive,
            min_fraction,
            max_fraction: rule.max_fraction_digits.as_ref().map(|m| m.value),
        })
    }

    fn union_rule(
        &mut self,
        file: &Path,
        name: &Sp<String>,
        rule: &Sp<model::UnionRule>,
    ) -> Option<TypeKind> {
        if rule.of.len() < 2 {
            self.error(
                "unsatisfiable",
                file,
                rule.pos,
                format!("union `{}` needs at least two member types", name.value),
            );
            return None;
        }
        let mut members: Vec<UnionMember> = Vec::new();
        for member in &rule.of {
            if member.value == name.value {
                self.error(
                    "unsatisfiable",
                    file,
                    member.pos,
                    format!("union `{}` cannot contain itself", name.value),
                );
                return None;
            }
            let ty = self.type_ref(file, member);
            // Variants are named within the enum, so a builtin's variant
            // can be called `String` beside the prelude's type.
            let rust_name = match &ty {
                TypeRef::Named(rust) => rust.clone(),
                TypeRef::Builtin(builtin) => builtin.variant_name().to_string(),
            };
            if members.iter().any(|m| m.ty == ty) {
                self.error(
                    "contradiction",
                    file,
                    member.pos,
                    format!("union `{}` lists `{}` twice", name.value, member.value),
                );
                return None;
            }
            if let Some(other) = members.iter().find(|m| m.rust_name == rust_name) {
                let message = format!(
                    "union `{}` would have two variants named `{rust_name}` (for `{}` and `{}`)",
                    name.value,
                    type_ref_name(&other.ty),
                    member.value
                );
                self.diags.push(
                    Diagnostic::error("name-collision", file, member.pos, message)
                        .with_help("rename the named type"),
                );
                return None;
            }
            let boxed = self
                .boxed
                .contains(&(name.value.clone(), member.value.clone()));
            members.push(UnionMember {
                rust_name,
                ty,
                boxed,
            });
        }
        Some(TypeKind::Union { members })
    }

    /// The fields of the object type `owner`.
    fn object_fields(
        &mut self,
        file: &Path,
        owner: &str,
        fields: &crate::spec::span::Entries<model::Param>,
    ) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::new();
        for (name, field) in fields.iter() {
            let rust_name = self.member_name(file, name, field.rust_name.as_ref(), &out);
            if field.required && field.allow_empty {
                self.error(
                    "contradiction",
                    file,
                    name.pos,
                    format!(
                        "`{}` is `required` but `allow_empty` lets an empty value read as absent",
                        name.value
                    ),
                );
            }
            let member = Member {
                wire_name: name.value.clone(),
                rust_name,
                ty: self.type_ref(file, &field.ty),
                required: field.required,
                doc: field.doc.clone(),
                type_doc: self.type_doc(&field.ty.value),
                secret: field.secret,
                default: self.shown_default(field.secret, &field.ty, field.default.as_ref()),
                series: false,
                required_if: Vec::new(),
                allow_empty: field.allow_empty,
                boxed: self
                    .boxed
                    .contains(&(owner.to_string(), name.value.clone())),
            };
            if let Some(default) = &field.default {
                self.check_default(file, &member, default);
            }
            out.push(member);
        }
        self.required_if(file, fields, &mut out);
        out
    }

    /// Resolves every `required_if` among `params` (parameters of one method,
    /// or fields of one object) into `members`, which were built from them in
    /// order.
    fn required_if(
        &mut self,
        file: &Path,
        params: &crate::spec::span::Entries<model::Param>,
        members: &mut [Member],
    ) {
        for (name, param) in params.iter() {
            let mut conditions = Vec::new();
            for (other, value) in param.required_if.iter() {
                if other.value == name.value {
                    self.error(
                        "required-if",
                        file,
                        other.pos,
                        format!(
                            "`{}` cannot be required on a condition about itself",
                            name.value
                        ),
                    );
                    continue;
                }
                let Some(target) = members.iter().find(|m| m.wire_name == other.value) else {
                    let mut diagnostic = Diagnostic::error(
                        "required-if",
                        file,
                        other.pos,
                        format!(
                            "`required_if` of `{}` names `{}`, which is not a parameter here",
                            name.value, other.value
                        ),
                    );
                    let candidates = members
                        .iter()
                        .map(|m| m.wire_name.as_str())
                        .filter(|n| *n != name.value);
                    diagnostic = match did_you_mean(&other.value, candidates) {
                        Some(s) => diagnostic.with_help(format!("did you mean `{s}`?")),
                        None => diagnostic.with_help(
                            "a condition names another parameter of the same method (or field of the same object)",
                        ),
                    };
                    self.diags.push(diagnostic);
                    continue;
                };
                let value = match value {
                    serde_json::Value::Null => None,
                    serde_json::Value::String(_)
                    | serde_json::Value::Number(_)
                    | serde_json::Value::Bool(_) => Some(value.clone()),
                    other_value => {
                        self.error(
                            "required-if",
                            file,
                            other.pos,
                            format!(
                                "the condition on `{}` must be `null` (absent) or a string, number or boolean, not {other_value}",
                                other.value
                            ),
                        );
                        continue;
                    }
                };
                conditions.push(Condition {
                    wire_name: target.wire_name.clone(),
                    rust_name: target.rust_name.clone(),
                    value,
                });
            }
            if param.required && !param.required_if.is_empty() {
                self.error(
                    "contradiction",
                    file,
                    name.pos,
                    format!(
                        "`{}` is always `required`, so `required_if` says nothing",
                        name.value
                    ),
                );
            }
            if let Some(member) = members.iter_mut().find(|m| m.wire_name == name.value) {
                member.required_if = conditions;
            }
        }
    }

    fn enum_rule(&mut self, file: &Path, rule: &Sp<model::EnumRule>) -> Option<TypeKind> {
        if rule.values.is_empty() {
            self.error(
                "unsatisfiable",
                file,
                rule.pos,
                "an enum needs at least one value",
            );
            return None;
        }
        let mut values: Vec<EnumValue> = Vec::new();
        for (index, value) in rule.values.iter().enumerate() {
            // Enum values are the vendor's wire values and have no
            // `rust_name`: one that names no variant (`+`, `é`, `unknown`,
            // which the catch-all variant takes) is called by its position.
            let rust_name = naming::checked_camel(&value.value)
                .ok()
                .filter(|name| name != "Unknown")
                .unwrap_or_else(|| format!("Value{}", index + 1));
            let clash = values.iter().find(|v| {
                v.rust_name == rust_name
                    || (rule.case_insensitive && v.wire.eq_ignore_ascii_case(&value.value))
            });
            if let Some(other) = clash {
                let message = format!(
                    "enum values `{}` and `{}` collide (as `{rust_name}` or ignoring case)",
                    other.wire, value.value
                );
                self.error("name-collision", file, value.pos, message);
                continue;
            }
            values.push(EnumValue {
                wire: value.value.clone(),
                rust_name,
            });
        }
        Some(TypeKind::Enum {
            values,
            case_insensitive: rule.case_insensitive,
        })
    }

    fn sections(&mut self, spec: &'a SpecFile, meta: &model::ApiMeta, wire: &Wire) -> Vec<Section> {
        let mut out: Vec<Section> = Vec::new();
        // Accessor types share the API module's type namespace.
        let mut accessors: HashMap<String, String> = names::API_TYPES
            .iter()
            .map(|t| {
                (
                    t.to_string(),
                    "a type the API's module defines itself".to_string(),
                )
            })
            .collect();
        for (name, section) in spec.sections.iter() {
            let module = match &section.rust_name {
                Some(rust) => {
                    self.check_identifier(self.path, rust);
                    rust.value.clone()
                }
                None => self.derived_snake(self.path, name, "section"),
            };
            if let Some(other) = out.iter().find(|s| s.module == module) {
                let message = format!(
                    "sections `{}` and `{}` both become the module `{module}`",
                    other.name, name.value
                );
                self.diags.push(
                    Diagnostic::error("name-collision", self.path, name.pos, message)
                        .with_help("set `rust_name` on one of them"),
                );
                continue;
            }
            if let Some(problem) = names::section_module_problem(&module) {
                self.diags.push(
                    Diagnostic::error(
                        "name-collision",
                        self.path,
                        name.pos,
                        format!(
                            "section `{}` would become the module `{module}`: {problem}",
                            name.value
                        ),
                    )
                    .with_help("set `rust_name` on the section"),
                );
                continue;
            }
            let accessor = naming::camel(&module);
            let blocking = format!("{accessor}Blocking");
            if let Some((item, with)) = first_taken(&accessors, &[&accessor, &blocking]) {
                self.diags.push(
                    Diagnostic::error(
                        "name-collision",
                        self.path,
                        name.pos,
                        format!(
                            "section `{}` needs the Rust type `{item}`, like {with}",
                            name.value
                        ),
                    )
                    .with_help("set `rust_name` on the section"),
                );
                continue;
            }
            if wire.method_name == MethodName::Path {
                self.check_path_segments(name, "section");
            }
            let owner = format!("the section `{}`", name.value);
            accessors.insert(accessor.clone(), owner.clone());
            accessors.insert(blocking.clone(), owner);
            let methods = self.methods(&name.value, [&accessor, &blocking], section, meta, wire);
            out.push(Section {
                name: name.value.clone(),
                rust_name: accessor,
                module,
                doc: section.doc.clone(),
                methods,
            });
        }
        out
    }

    fn methods(
        &mut self,
        section: &str,
        accessors: [&str; 2],
        def: &'a model::Section,
        meta: &model::ApiMeta,
        wire: &Wire,
    ) -> Vec<Method> {
        let mut out: Vec<Method> = Vec::new();
        // Everything a section's module and accessor define, by Rust name:
        // method names, request and response types, descriptor constants.
        let mut items: HashMap<String, String> = HashMap::new();
        for (list, what) in [
            (names::API_TYPES, "a type the API's module defines itself"),
            (&accessors[..], "the section's accessor type"),
            (
                names::ACCESSOR_METHODS,
                "a method the section's accessor defines itself",
            ),
        ] {
            items.extend(list.iter().map(|item| (item.to_string(), what.to_string())));
        }
        for (name, method) in def.methods.iter() {
            let rust_name = match &method.rust_name {
                Some(rust) => {
                    self.check_identifier(self.path, rust);
                    rust.value.clone()
                }
                None => self.derived_snake(self.path, name, "method"),
            };
            let base = naming::camel(&rust_name);
            let request_type = format!("{base}Request");
            let response_type = format!("{base}Response");
            let constant = naming::constant(&rust_name);
            let wanted = [&rust_name, &request_type, &response_type, &constant];
            if let Some((item, with)) = first_taken(&items, &wanted) {
                self.diags.push(
                    Diagnostic::error(
                        "name-collision",
                        self.path,
                        name.pos,
                        format!(
                            "method `{}` needs the Rust name `{item}`, like {with}",
                            name.value
                        ),
                    )
                    .with_help("set `rust_name` on the method"),
                );
                continue;
            }
            let owner = format!("the method `{}`", name.value);
            for item in [&rust_name, &request_type, &response_type, &constant] {
                items.insert(item.clone(), owner.clone());
            }
            if wire.method_name == MethodName::Path {
                self.check_path_segments(name, "method");
            }
            let params = self.params(&method.params, meta);
            let returns = self.members_of_fields(self.path, &method.returns, true);
            let errors = self.method_errors(&method.errors);
            let returns_map = method
                .returns_map
                .as_ref()
                .and_then(|map| self.returns_map(map, !method.returns.is_empty()));
            let paging = method
                .paging
                .as_ref()
                .and_then(|paging| self.paging(&name.value, &rust_name, paging, &params, &returns));
            if let Some(paging) = &paging {
                if let Some(other) = items.get(&paging.rust_name) {
                    let message = format!(
                        "the page-walking helper of `{}` would be named `{}`, like {other}",
                        name.value, paging.rust_name
                    );
                    self.diags.push(
                        Diagnostic::error("name-collision", self.path, name.pos, message)
                            .with_help("set `rust_name` on one of them"),
                    );
                }
                items.insert(
                    paging.rust_name.clone(),
                    format!("the method `{}`", name.value),
                );
            }
            out.push(Method {
                name: name.value.clone(),
                wire_name: match wire.method_name {
                    MethodName::Path => format!("{section}/{}", name.value),
                    _ => name.value.clone(),
                },
                rust_name,
                request_type,
                response_type,
                doc: method.doc.clone(),
                url: method.url.clone(),
                notes: method.notes.clone(),
                params,
                returns,
                errors,
                idempotent: method.idempotent,
                returns_secrets: self.returns_secrets(method),
                returns_map,
                paging,
            });
        }
        out
    }

    /// A section's or method's name goes into the URL path as segments
    /// (each percent-encoded when sent): none may be empty, `.` or `..`,
    /// which would change the path instead of naming a method.
    fn check_path_segments(&mut self, name: &Sp<String>, what: &str) {
        let bad = name
            .value
            .split('/')
            .find(|segment| matches!(*segment, "" | "." | ".."));
        if let Some(segment) = bad {
            let found = if segment.is_empty() {
                "an empty path segment".to_string()
            } else {
                format!("the path segment `{segment}`")
            };
            self.diags.push(
                Diagnostic::error(
                    "wire-name",
                    self.path,
                    name.pos,
                    format!(
                        "{what} `{}` has {found}; it goes into the request URL, where it would change the path",
                        name.value
                    ),
                )
                .with_help("write the name as the vendor documents it, without leading, trailing or doubled `/`, `.` or `..`"),
            );
        }
    }

    /// The named `map` type a whole response is.
    fn returns_map(&mut self, map: &Sp<String>, has_returns: bool) -> Option<TypeRef> {
        if has_returns {
            self.error(
                "contradiction",
                self.path,
                map.pos,
                "use either `returns` (named fields) or `returns_map` (arbitrary keys), not both",
            );
            return None;
        }
        let ty = self.type_ref(self.path, map);
        let is_map = self
            .type_def(&map.value)
            .is_some_and(|def| def.map.is_some());
        if !is_map && self.type_names.contains_key(map.value.as_str()) {
            self.error(
                "returns-map",
                self.path,
                map.pos,
                format!(
                    "`returns_map` needs a named `map` type; `{}` is not one",
                    map.value
                ),
            );
            return None;
        }
        Some(ty)
    }

    /// Checks a method's `paging` against its parameters and returns.
    fn paging(
        &mut self,
        method: &str,
        rust_name: &str,
        paging: &Sp<model::Paging>,
        params: &[Member],
        returns: &[Member],
    ) -> Option<Paging> {
        let mut ok = true;
        let page = &paging.page;
        if !params.iter().any(|p| p.wire_name == page.value) {
            let candidates = params.iter().map(|p| p.wire_name.as_str());
            let mut diagnostic = Diagnostic::error(
                "paging",
                self.path,
                page.pos,
                format!(
                    "`paging.page` names `{}`, which is not a parameter of `{method}`",
                    page.value
                ),
            );
            if let Some(s) = did_you_mean(&page.value, candidates) {
                diagnostic = diagnostic.with_help(format!("did you mean `{s}`?"));
            }
            self.diags.push(diagnostic);
            ok = false;
        }
        let mut item_type = None;
        for (key, field) in [("items", &paging.items), ("page_total", &paging.page_total)] {
            let Some(member) = returns.iter().find(|r| r.wire_name == field.value) else {
                let candidates = returns.iter().map(|r| r.wire_name.as_str());
                let mut diagnostic = Diagnostic::error(
                    "paging",
                    self.path,
                    field.pos,
                    format!(
                        "`paging.{key}` names `{}`, which `{method}` does not return",
                        field.value
                    ),
                );
                if let Some(s) = did_you_mean(&field.value, candidates) {
                    diagnostic = diagnostic.with_help(format!("did you mean `{s}`?"));
                }
                self.diags.push(diagnostic);
                ok = false;
                continue;
            };
            if key == "items" {
                let items = match &member.ty {
                    TypeRef::Named(rust) => self
                        .types
                        .iter()
                        .find(|t| self.type_names.get(t.name.value.as_str()) == Some(rust))
                        .and_then(|t| t.def.array.as_ref())
                        .map(|a| a.items.clone()),
                    TypeRef::Builtin(_) => None,
                };
                match items {
                    Some(items) => item_type = Some(self.type_ref(self.path, &items)),
                    None => {
                        self.error(
                            "paging",
                            self.path,
                            field.pos,
                            format!(
                                "`paging.items` needs a returned `array` type; `{}` is not one",
                                field.value
                            ),
                        );
                        ok = false;
                    }
                }
            }
        }
        if !ok {
            return None;
        }
        Some(Paging {
            page: page.value.clone(),
            items: paging.items.value.clone(),
            item_type: item_type?,
            page_total: paging.page_total.value.clone(),
            rust_name: format!("{}_all", rust_name.trim_end_matches('_')),
        })
    }

    fn method_errors(&mut self, names: &[Sp<String>]) -> Vec<String> {
        let prefix = self.class_prefix();
        let mut out = Vec::new();
        for name in names {
            match self.errors.iter().find(|e| e.name.value == name.value) {
                Some(origin) => out.push(error_variant(prefix, &name.value, origin.def)),
                None => {
                    let candidates: Vec<&str> =
                        self.errors.iter().map(|e| e.name.value.as_str()).collect();
                    let mut diagnostic = Diagnostic::error(
                        "unknown-error",
                        self.path,
                        name.pos,
                        format!("`{}` is not a documented error of this API", name.value),
                    );
                    if let Some(s) = did_you_mean(&name.value, candidates) {
                        diagnostic = diagnostic.with_help(format!("did you mean `{s}`?"));
                    }
                    self.diags.push(diagnostic);
                }
            }
        }
        out
    }

    fn params(
        &mut self,
        params: &'a crate::spec::span::Entries<model::Param>,
        meta: &model::ApiMeta,
    ) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::new();
        for (name, param) in params.iter() {
            if carries_method_or_credential(meta, &name.value) {
                self.diags.push(
                    Diagnostic::error(
                        "reserved-param",
                        self.path,
                        name.pos,
                        format!(
                            "`{}` is sent by the wire itself (method name or credential); it cannot be a parameter",
                            name.value
                        ),
                    ),
                );
                continue;
            }
            let ty = self.type_ref(self.path, &param.ty);
            if ty == TypeRef::Builtin(Builtin::ErrorList) {
                self.error_list_misplaced(self.path, &param.ty);
            }
            let member = Member {
                wire_name: name.value.clone(),
                rust_name: self.member_name(self.path, name, param.rust_name.as_ref(), &out),
                ty,
                required: param.required,
                doc: param.doc.clone(),
                type_doc: self.type_doc(&param.ty.value),
                secret: param.secret,
                default: self.shown_default(param.secret, &param.ty, param.default.as_ref()),
                series: false,
                required_if: Vec::new(),
                allow_empty: param.allow_empty,
                boxed: false,
            };
            if let Some(default) = &param.default {
                self.check_default(self.path, &member, default);
            }
            out.push(member);
        }
        let path = self.path;
        self.required_if(path, params, &mut out);
        out
    }

    fn members_of_fields(
        &mut self,
        file: &Path,
        fields: &'a crate::spec::span::Entries<model::Field>,
        allow_series: bool,
    ) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::new();
        for (name, field) in fields.iter() {
            if field.series && (!allow_series || !name.value.contains("{n}")) {
                self.error(
                    "series",
                    file,
                    name.pos,
                    format!(
                        "`series` needs a returned field whose name holds `{{n}}` (like `Err{{n}}`); `{}` does not",
                        name.value
                    ),
                );
            }
            let rust_name = self.member_name(file, name, field.rust_name.as_ref(), &out);
            let ty = self.type_ref(file, &field.ty);
            if allow_series && ty == TypeRef::Builtin(Builtin::ErrorList) {
                self.error_list_misplaced(file, &field.ty);
            }
            out.push(Member {
                wire_name: name.value.clone(),
                rust_name,
                ty,
                required: !field.optional && !field.series && !field.allow_empty,
                doc: field.doc.clone(),
                type_doc: self.type_doc(&field.ty.value),
                secret: field.secret,
                default: None,
                series: field.series,
                required_if: Vec::new(),
                allow_empty: field.allow_empty,
                boxed: false,
            });
        }
        out
    }

    /// The Rust name of a member defined in `file` (an error's fields may
    /// come from a library).
    fn member_name(
        &mut self,
        file: &Path,
        name: &Sp<String>,
        rust_name: Option<&Sp<String>>,
        existing: &[Member],
    ) -> String {
        let rust = match rust_name {
            Some(rust) => {
                self.check_identifier(file, rust);
                rust.value.clone()
            }
            None => self.derived_snake(file, name, "field"),
        };
        let setter = naming::setter(&rust);
        if let Some(other) = existing.iter().find(|m| m.rust_name == rust) {
            let message = format!(
                "`{}` and `{}` both become the Rust field `{rust}`",
                other.wire_name, name.value
            );
            self.diags.push(
                Diagnostic::error("name-collision", file, name.pos, message)
                    .with_help("set `rust_name` on one of them"),
            );
        } else if let Some(other) = existing
            .iter()
            .find(|m| naming::setter(&m.rust_name) == setter)
        {
            let message = format!(
                "`{}` and `{}` would both get the setter `{setter}`",
                other.wire_name, name.value
            );
            self.diags.push(
                Diagnostic::error("name-collision", file, name.pos, message)
                    .with_help("set `rust_name` on one of them"),
            );
        }
        rust
    }

    /// The definition of the named type `name`, if there is one.
    fn type_def(&self, name: &str) -> Option<&'a model::TypeDef> {
        self.type_index.get(name).map(|&i| self.types[i].def)
    }

    /// Whether any value `method` returns is secret, however deep.
    fn returns_secrets(&self, method: &model::Method) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = method
            .returns
            .iter()
            .map(|(_, f)| f.ty.value.as_str())
            .chain(method.returns_map.as_ref().map(|m| m.value.as_str()))
            .collect();
        if method.returns.iter().any(|(_, f)| f.secret) {
            return true;
        }
        while let Some(name) = stack.pop() {
            if !seen.insert(name) {
                continue;
            }
            let Some(def) = self.type_def(name) else {
                continue;
            };
            if def.secret
                || def
                    .object
                    .as_ref()
                    .is_some_and(|o| o.fields.iter().any(|(_, f)| f.secret))
            {
                return true;
            }
            stack.extend(
                referenced_types(def)
                    .into_iter()
                    .filter_map(|n| self.type_index.get(n.as_str()))
                    .map(|&i| self.types[i].name.value.as_str()),
            );
        }
        false
    }

    /// The default a member's docs may show: none for a secret member or a
    /// member of a type declared secret (the default is checked all the
    /// same, without quoting it).
    fn shown_default(
        &self,
        secret: bool,
        ty: &Sp<String>,
        default: Option<&Sp<serde_json::Value>>,
    ) -> Option<serde_json::Value> {
        let secret_type = self.type_def(&ty.value).is_some_and(|def| def.secret);
        default
            .filter(|_| !secret && !secret_type)
            .map(|d| d.value.clone())
    }

    /// The phrase of the named type `name`, one shared copy per type.
    fn type_doc(&mut self, name: &str) -> Option<std::sync::Arc<str>> {
        if let Some(doc) = self.type_docs.get(name) {
            return Some(doc.clone());
        }
        let doc: std::sync::Arc<str> = self.type_def(name)?.doc.value.as_str().into();
        self.type_docs.insert(name.to_string(), doc.clone());
        Some(doc)
    }

    /// A documented default must be a value of its own type; checked by
    /// [`Self::check_defaults`] once the types are lowered.
    fn check_default(&mut self, file: &Path, member: &Member, default: &Sp<serde_json::Value>) {
        self.defaults.push(super::defaults::Pending {
            file: file.to_path_buf(),
            pos: default.pos,
            ty: member.ty.clone(),
            secret: member.secret,
            value: default.value.clone(),
        });
    }

    /// Checks the queued defaults against the lowered `types`
    /// (`ir::defaults`).
    fn check_defaults(&mut self, types: &[(&Path, NamedType)]) {
        let pending = std::mem::take(&mut self.defaults);
        let mut defaults = super::defaults::Defaults::new(types.iter().map(|(_, t)| t));
        for diagnostic in defaults.diagnostics(&pending) {
            self.diags.push(diagnostic);
        }
    }
}

/// The first of `wanted` that `taken` already has, with what took it.
fn first_taken(taken: &HashMap<String, String>, wanted: &[&String]) -> Option<(String, String)> {
    wanted.iter().find_map(|item| {
        taken
            .get(*item)
            .map(|owner| (item.to_string(), owner.clone()))
    })
}

/// How a member type is called in messages.
fn type_ref_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(rust) => rust.clone(),
        TypeRef::Builtin(builtin) => builtin.variant_name().to_lowercase(),
    }
}

/// An error's class with the API's common prefix left out.
fn stripped_class<'n>(prefix: Option<&str>, class: &'n str) -> &'n str {
    prefix.and_then(|p| class.strip_prefix(p)).unwrap_or(class)
}

/// The variant name of a documented error: its `rust_name`, or derived from
/// its class without the common prefix.
fn error_variant(prefix: Option<&str>, class: &str, def: &model::ErrorDef) -> String {
    match &def.rust_name {
        Some(rust) => rust.value.clone(),
        None => naming::camel(stripped_class(prefix, class)),
    }
}

/// The names a type definition refers to.
fn referenced_types(def: &model::TypeDef) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(array) = &def.array {
        out.push(array.items.value.clone());
    }
    if let Some(values) = def.map.as_ref().and_then(|m| m.values.as_ref()) {
        out.push(values.value.clone());
    }
    if let Some(union) = &def.union {
        out.extend(union.of.iter().map(|m| m.value.clone()));
    }
    if let Some(object) = &def.object {
        out.extend(object.fields.iter().map(|(_, f)| f.ty.value.clone()));
    }
    out
}

fn carries_method_or_credential(meta: &model::ApiMeta, name: &str) -> bool {
    let method_param = match &meta.wire.method_name {
        model::MethodName::Query(p) | model::MethodName::Form(p) => Some(p.value.as_str()),
        model::MethodName::Path => None,
    };
    method_param.is_some_and(|p| p.eq_ignore_ascii_case(name))
        || meta
            .wire
            .auth
            .params
            .iter()
            .any(|(k, _)| k.value.eq_ignore_ascii_case(name))
}
