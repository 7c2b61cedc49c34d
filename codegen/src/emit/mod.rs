//! Emitting Rust from the IR: tokens with quote, checked by syn, laid out by
//! prettyplease. One directory per API, one file per section, so no file is
//! huge and the compiler can work on modules independently.

mod api;
pub(crate) mod docs;
mod errors;
mod layout;
mod library_records;
mod library_types;
mod record;
mod section;
mod shared;
mod shared_client;
mod table;
mod types;

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Api, Builtin, Member, TypeRef, Workspace};
use layout::{Deferred, Doc};

pub use record::MAX_GROUP_FIELDS;
pub use table::type_table;
pub use types::rule_description;

/// One file of generated code, relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// Generated tokens that do not parse: a bug in the generator, reported
/// rather than panicking.
#[derive(Debug)]
pub struct EmitError {
    pub file: PathBuf,
    pub message: String,
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "internal error: generated code for {} {} (please report this with the spec)",
            self.file.display(),
            self.message
        )
    }
}

impl std::error::Error for EmitError {}

/// Every file for every API. `spec_root` makes the source paths named in
/// headers independent of where the generator runs.
pub fn emit(workspace: &Workspace, spec_root: &Path) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut files = Vec::new();
    // Named types several APIs of a library declare alike move into the
    // library first, so records naming them can be lifted too.
    let library_types::Lifted {
        workspace,
        ways: library_ways,
    } = library_types::lift(workspace);
    let workspace = &workspace;
    // Each library's shared `ApiError`, decided once for it and its users.
    let shared_enums: Vec<Option<&Api>> = workspace
        .libraries
        .iter()
        .map(|l| errors::shared_enum(l, &workspace.apis))
        .collect();
    // And what their clients declare alike.
    let shared_clients: Vec<shared_client::SharedClient> = workspace
        .libraries
        .iter()
        .map(|l| shared_client::decide(l, &workspace.apis))
        .collect();
    // Each API's twins, then the records the APIs of a library have in
    // common lifted into the library.
    let mut aliases: Vec<RecordAliases> = workspace.apis.iter().map(RecordAliases::find).collect();
    let library_records: Vec<Vec<library_records::LibraryRecord>> = workspace
        .libraries
        .iter()
        .map(|library| {
            let (apis, mut users): (Vec<&Api>, Vec<&mut RecordAliases>) = workspace
                .apis
                .iter()
                .zip(aliases.iter_mut())
                .filter(|(api, _)| library.used_by.contains(&api.module))
                .unzip();
            library_records::lift(library, &apis, &mut users)
        })
        .collect();
    for (api, aliases) in workspace.apis.iter().zip(&aliases) {
        let dir = PathBuf::from(&api.module);
        let sources: Vec<String> = api
            .sources
            .iter()
            .map(|p| source_name(p, spec_root))
            .collect();
        let header = header(&sources.join(", "));
        let mut add = |name: String, (tokens, deferred): (TokenStream, Deferred)| {
            let path = dir.join(name);
            let contents = format_tokens(&path, &header, tokens, &deferred)?;
            files.push(GeneratedFile { path, contents });
            Ok::<(), EmitError>(())
        };
        let from_library = shared_client::for_api(api, &shared_clients);
        add("mod.rs".into(), api::emit(api, aliases, from_library))?;
        let twin_section = |module: &str| {
            aliases
                .twin_section(module)
                .and_then(|m| api.sections.iter().find(|s| s.module == m))
                .map(|s| s.module.as_str())
        };
        for file in types::emit(api, &twin_section) {
            add(file.path, (file.tokens, file.deferred))?;
        }
        let enum_in = workspace
            .libraries
            .iter()
            .zip(&shared_enums)
            .find(|(l, shared)| shared.is_some() && l.used_by.contains(&api.module))
            .map(|(l, _)| l.module.as_str());
        add("errors.rs".into(), errors::emit(api, enum_in))?;
        for section in &api.sections {
            add(
                format!("{}.rs", section.module),
                section::emit(section, &api.sections, &api.wire, aliases),
            )?;
        }
        if let Some(file) = shared::emit(aliases) {
            add(format!("{}.rs", shared::MODULE), file)?;
        }
    }
    let libraries = workspace.libraries.iter().zip(shared_enums);
    let libraries = libraries.zip(&shared_clients).zip(&library_records);
    for ((((library, shared_enum), client), records), ways) in libraries.zip(&library_ways) {
        let path = PathBuf::from(&library.module).join("mod.rs");
        let header = header(&source_name(&library.source, spec_root));
        let (tokens, deferred) = types::emit_library(library, client, records, ways);
        let contents = format_tokens(&path, &header, tokens, &deferred)?;
        files.push(GeneratedFile { path, contents });
        if let Some((tokens, deferred)) = library_records::emit(records) {
            let path =
                PathBuf::from(&library.module).join(format!("{}.rs", library_records::MODULE));
            let contents = format_tokens(&path, &header, tokens, &deferred)?;
            files.push(GeneratedFile { path, contents });
        }
        if let Some((tokens, deferred)) = shared_client::emit(client) {
            let path = PathBuf::from(&library.module).join(format!("{}.rs", shared_client::MODULE));
            let contents = format_tokens(&path, &header, tokens, &deferred)?;
            files.push(GeneratedFile { path, contents });
        }
        if !library.errors.is_empty() {
            let path = PathBuf::from(&library.module).join("errors.rs");
            let (tokens, deferred) = errors::emit_library(library, shared_enum);
            let contents = format_tokens(&path, &header, tokens, &deferred)?;
            files.push(GeneratedFile { path, contents });
        }
    }
    Ok(files)
}

/// `//!` lines for `text`, rendered like every doc made from spec text, for
/// files written without tokens (a standalone crate's `lib.rs`).
pub fn inner_doc_lines(text: &str) -> String {
    let mut out = String::new();
    docs::write(&mut out, "", "//!", &[text]);
    out
}

/// A spec file's path relative to the spec root, with `/` separators; a
/// library outside it (`--uses-root`) is named with `..`, so generated files
/// never hold the machine's own paths.
fn source_name(path: &Path, spec_root: &Path) -> String {
    let relative = match path.strip_prefix(spec_root) {
        Ok(inside) => inside.to_path_buf(),
        Err(_) => relative_to(path, spec_root)
            .unwrap_or_else(|| path.file_name().map(PathBuf::from).unwrap_or_default()),
    };
    relative.to_string_lossy().replace('\\', "/")
}

/// `path` relative to `base`, both made absolute, through `..` where needed.
fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    let absolute = |p: &Path| {
        let p = if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        };
        std::path::absolute(p)
            .ok()
            .map(|a| crate::spec::load::normalize(&a))
    };
    let (path, base) = (absolute(path)?, absolute(base)?);
    let common = path
        .components()
        .zip(base.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in base.components().skip(common) {
        out.push("..");
    }
    out.extend(path.components().skip(common));
    Some(out)
}

/// The first lines of every generated file. File names are spec text too:
/// one holding a line break must not end the comment.
fn header(sources: &str) -> String {
    format!(
        "// @generated by hostapi-codegen from {}. Do not edit: change the spec and regenerate.\n\n",
        docs::comment_text(sources)
    )
}

/// Lays out `tokens`, then puts `deferred` docs and records in place. A
/// record that does not tokenize, or a hidden character that reached the
/// output, is a generator bug.
fn format_tokens(
    path: &Path,
    header: &str,
    tokens: TokenStream,
    deferred: &Deferred,
) -> Result<String, EmitError> {
    let error = |message: String| EmitError {
        file: path.to_path_buf(),
        message,
    };
    let file =
        syn::parse2::<syn::File>(tokens).map_err(|e| error(format!("does not parse: {e}")))?;
    deferred
        .check()
        .map_err(|e| error(format!("does not parse: {e}")))?;
    let code = prettyplease::unparse(&file);
    // The syntax tree is larger than the text: free it before filling.
    drop(file);
    let contents = deferred.fill(header, &code);
    match contents.chars().find(|&c| c != '\n' && docs::is_hidden(c)) {
        Some(c) => Err(error(format!("would hold U+{:04X} raw", c as u32))),
        None => Ok(contents),
    }
}

/// A record emitted before with the same fields: later methods alias it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasTarget {
    /// The module it is in, when that is another module (`shared` for a
    /// record of more than one section).
    pub module: Option<String>,
    /// The type library whose module holds `module`, for a record several
    /// APIs of the library have in common.
    pub library: Option<String>,
    pub name: String,
}

/// Requests and responses identical to another method's, found once per
/// API (`Server/details` returns what `Server/create` does), so each shape
/// is compiled once. Within a section, later methods alias the first; a
/// shape several sections use lives in the `shared` module, named for its
/// fields, so no section's alias sends the reader to an unrelated section.
#[derive(Debug, Default)]
pub struct RecordAliases {
    /// (section module, method wire name) → the record it aliases.
    requests: HashMap<(String, String), AliasTarget>,
    responses: HashMap<(String, String), AliasTarget>,
    /// The records of the `shared` module, in the order first used.
    pub shared: Vec<shared::SharedRecord>,
    /// Sections whose methods are, one for one, an earlier section's (a
    /// spec's `twin_of`, or a copy by hand), by module: every record of
    /// theirs is the earlier section's, whatever that becomes.
    sections: HashMap<String, SectionTwin>,
}

/// The earlier section a section has the same methods as.
#[derive(Debug)]
struct SectionTwin {
    /// Its module.
    module: String,
    /// Method wire name → the earlier section's method (wire name, request
    /// type, response type).
    methods: HashMap<String, (String, String, String)>,
}

/// One method using a record shape: (section module, method wire name,
/// the method's own type name, the section's name).
type Use = (String, String, String, String);

impl RecordAliases {
    fn find(api: &Api) -> Self {
        let mut requests = Firsts::default();
        let mut responses = Firsts::default();
        let mut sections = HashMap::new();
        for (index, section) in api.sections.iter().enumerate() {
            if let Some(twin) = section_twin(&api.sections[..index], &sections, section) {
                sections.insert(section.module.clone(), twin);
                continue;
            }
            for method in &section.methods {
                let at = |name: &str| {
                    (
                        section.module.clone(),
                        method.wire_name.clone(),
                        name.to_string(),
                        section.name.clone(),
                    )
                };
                // A request with groups never aliases another: the comparison
                // sees parameters only.
                if !method.params.is_empty() && method.groups.is_empty() {
                    requests.add(&method.params, at(&method.request_type));
                }
                if !method.returns.is_empty() && method.returns_map.is_none() {
                    responses.add(&method.returns, at(&method.response_type));
                }
            }
        }
        let mut aliases = RecordAliases {
            sections,
            ..RecordAliases::default()
        };
        let mut taken = std::collections::HashSet::new();
        for (firsts, ways) in [
            (requests, record::Ways::SEND),
            (responses, record::Ways::RECEIVE),
        ] {
            let mut found = HashMap::new();
            for (members, uses) in firsts.groups {
                if uses.len() < 2 {
                    continue;
                }
                let sections = uses
                    .iter()
                    .map(|u| &u.0)
                    .collect::<std::collections::HashSet<_>>();
                if sections.len() > 1 {
                    let own: Vec<&str> = uses.iter().map(|u| u.2.as_str()).collect();
                    let name = shared::record_name(members, ways, &uses[0].3, &own, &mut taken);
                    for (module, wire_name, _, _) in &uses {
                        let target = AliasTarget {
                            module: Some(shared::MODULE.to_string()),
                            library: None,
                            name: name.clone(),
                        };
                        found.insert((module.clone(), wire_name.clone()), target);
                    }
                    aliases.shared.push(shared::SharedRecord {
                        name,
                        members: members.to_vec(),
                        ways,
                        users: uses.into_iter().map(|u| u.1).collect(),
                    });
                } else {
                    let first = uses[0].2.clone();
                    for (module, wire_name, _, _) in uses.into_iter().skip(1) {
                        let target = AliasTarget {
                            module: None,
                            library: None,
                            name: first.clone(),
                        };
                        found.insert((module, wire_name), target);
                    }
                }
            }
            if ways.send {
                aliases.requests = found;
            } else {
                aliases.responses = found;
            }
        }
        aliases
    }

    /// The record `module`'s method `wire_name` takes, if it aliases one.
    pub fn request(&self, module: &str, wire_name: &str) -> Option<AliasTarget> {
        if let Some((module, wire_name, name)) = self.in_twin_section(module, wire_name, true) {
            return self.request(module, wire_name).or(Some(AliasTarget {
                module: Some(module.to_string()),
                library: None,
                name: name.to_string(),
            }));
        }
        let key = (module.to_string(), wire_name.to_string());
        self.requests.get(&key).cloned()
    }

    /// The record `module`'s method `wire_name` returns, if it aliases one.
    pub fn response(&self, module: &str, wire_name: &str) -> Option<AliasTarget> {
        if let Some((module, wire_name, name)) = self.in_twin_section(module, wire_name, false) {
            return self.response(module, wire_name).or(Some(AliasTarget {
                module: Some(module.to_string()),
                library: None,
                name: name.to_string(),
            }));
        }
        let key = (module.to_string(), wire_name.to_string());
        self.responses.get(&key).cloned()
    }

    /// For a method of a section with an earlier section's methods: that
    /// section's module, method and request (`request`) or response type.
    fn in_twin_section(
        &self,
        module: &str,
        wire_name: &str,
        request: bool,
    ) -> Option<(&str, &str, &str)> {
        let twin = self.sections.get(module)?;
        let (wire_name, request_type, response_type) = twin.methods.get(wire_name)?;
        let name = if request { request_type } else { response_type };
        Some((&twin.module, wire_name, name))
    }

    /// The module of the earlier section whose methods `module`'s are, if
    /// any.
    pub fn twin_section(&self, module: &str) -> Option<&str> {
        self.sections.get(module).map(|t| t.module.as_str())
    }
}

/// The first of `earlier` (none of them such a twin itself, per
/// `twins`) whose methods are `section`'s one for one: the same names, Rust
/// names and records (requests, groups, responses), so `section` can name
/// that section's records instead of defining or sharing its own.
fn section_twin(
    earlier: &[crate::ir::Section],
    aliases: &HashMap<String, SectionTwin>,
    section: &crate::ir::Section,
) -> Option<SectionTwin> {
    let same_method = |(a, b): (&crate::ir::Method, &crate::ir::Method)| {
        a.name == b.name
            && a.rust_name == b.rust_name
            && a.request_type == b.request_type
            && a.response_type == b.response_type
            && a.returns_map == b.returns_map
            && same_members(&a.params, &b.params)
            && same_members(&a.returns, &b.returns)
            && a.groups == b.groups
    };
    let original = earlier.iter().find(|other| {
        !section.methods.is_empty()
            && !aliases.contains_key(&other.module)
            && other.methods.len() == section.methods.len()
            && other.methods.iter().zip(&section.methods).all(same_method)
    })?;
    let methods = section
        .methods
        .iter()
        .zip(&original.methods)
        .map(|(own, theirs)| {
            let target = (
                theirs.wire_name.clone(),
                theirs.request_type.clone(),
                theirs.response_type.clone(),
            );
            (own.wire_name.clone(), target)
        })
        .collect();
    Some(SectionTwin {
        module: original.module.clone(),
        methods,
    })
}

/// Whether two member lists emit the same fields.
fn same_members(a: &[Member], b: &[Member]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(same_member)
}

/// The methods using each member list, found by a hash of the members and
/// confirmed by comparing them, so finding twins costs time linear in the
/// members' size (a key of the members' text repeated each type phrase
/// once per member).
#[derive(Default)]
struct Firsts<'a> {
    by_hash: HashMap<u64, Vec<usize>>,
    /// Each distinct member list with its uses, in the order first seen.
    groups: Vec<(&'a [Member], Vec<Use>)>,
}

impl<'a> Firsts<'a> {
    /// Records that the method `at` uses `members`.
    fn add(&mut self, members: &'a [Member], at: Use) {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for member in members {
            (&member.wire_name, &member.rust_name, &member.doc).hash(&mut hasher);
        }
        let candidates = self.by_hash.entry(hasher.finish()).or_default();
        let groups = &mut self.groups;
        let same = candidates.iter().copied().find(|&i| {
            let seen = groups[i].0;
            seen.len() == members.len() && seen.iter().zip(members).all(same_member)
        });
        match same {
            Some(i) => groups[i].1.push(at),
            None => {
                candidates.push(groups.len());
                groups.push((members, vec![at]));
            }
        }
    }
}

/// Whether two members emit the same field.
fn same_member((a, b): (&Member, &Member)) -> bool {
    let Member {
        wire_name,
        rust_name,
        ty,
        required,
        doc,
        secret,
        default,
        series,
        numbering,
        required_if,
        allow_empty,
        boxed,
    } = a;
    *wire_name == b.wire_name
        && *rust_name == b.rust_name
        && *ty == b.ty
        && *required == b.required
        && *doc == b.doc
        && *secret == b.secret
        && *default == b.default
        && *series == b.series
        && *numbering == b.numbering
        && *required_if == b.required_if
        && *allow_empty == b.allow_empty
        && *boxed == b.boxed
}

/// Where a type is named from: `types.rs` itself, a sibling module, or a
/// module inside the one defining the types (a type library's `errors`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Types,
    Sibling,
    Child,
}

/// The Rust type of a reference, as seen from `scope`.
fn type_tokens(ty: &TypeRef, secret: bool, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let name = format_ident!("{name}");
            let named = match scope {
                Scope::Types => quote! { #name },
                Scope::Sibling => quote! { super::types::#name },
                Scope::Child => quote! { super::#name },
            };
            if secret {
                quote! { hostapi_runtime::Sensitive<#named> }
            } else {
                named
            }
        }
        TypeRef::Builtin(Builtin::String) if secret => quote! { hostapi_runtime::Secret },
        TypeRef::Builtin(Builtin::String) => quote! { String },
        TypeRef::Builtin(Builtin::Integer) => quote! { i64 },
        TypeRef::Builtin(Builtin::Float) => quote! { f64 },
        TypeRef::Builtin(Builtin::Boolean) => quote! { bool },
        TypeRef::Builtin(Builtin::Json) => quote! { serde_json::Value },
        TypeRef::Builtin(Builtin::ErrorList) => quote! { Vec<super::errors::ApiError> },
    }
}

/// [`type_tokens`] as text, for code written without tokens (records).
fn type_text(ty: &TypeRef, secret: bool, scope: Scope) -> String {
    match ty {
        TypeRef::Named(name) => {
            let named = match scope {
                Scope::Types => name.clone(),
                Scope::Sibling => format!("super::types::{name}"),
                Scope::Child => format!("super::{name}"),
            };
            if secret {
                format!("hostapi_runtime::Sensitive<{named}>")
            } else {
                named
            }
        }
        TypeRef::Builtin(Builtin::String) if secret => "hostapi_runtime::Secret".to_string(),
        TypeRef::Builtin(Builtin::String) => "String".to_string(),
        TypeRef::Builtin(Builtin::Integer) => "i64".to_string(),
        TypeRef::Builtin(Builtin::Float) => "f64".to_string(),
        TypeRef::Builtin(Builtin::Boolean) => "bool".to_string(),
        TypeRef::Builtin(Builtin::Json) => "serde_json::Value".to_string(),
        TypeRef::Builtin(Builtin::ErrorList) => "Vec<super::errors::ApiError>".to_string(),
    }
}

/// A member's doc: what the spec says of it, its default and whether it is
/// secret. Its type's phrase is not repeated: it is on the type, which
/// rustdoc links from the field.
fn member_doc(member: &Member) -> Doc {
    let mut doc = Doc::default();
    if let Some(own) = &member.doc {
        doc.push(own.as_str());
    }
    if let Some(default) = &member.default {
        doc.push(format!("Default: `{}`.", default_text(default)));
    }
    if member.secret {
        doc.push("Secret: never printed.");
    }
    doc
}

fn default_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
