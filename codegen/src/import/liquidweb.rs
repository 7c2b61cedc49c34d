//! Liquid Web's machine-readable API documentation (`docs.json`) → spec YAML.
//!
//! The source is `{ "Section/Name": { "__description", "__methods": { method:
//! { "__description", "__input": {field: spec}, "__output": {field: spec} } } }
//! }`; a field spec has `type` (a vendor type name such as `POSITIVE_INT`,
//! `ARRAY[WORD]`, `A|B`, `TEXT_GENERAL[80]`), `type_description`,
//! `optional`/`required`, `required_if`, `default`, `enum`, `array_of`,
//! `structure`, `allow_empty` and `no_trim`.
//!
//! How each is mapped (spec/README.md, "Importing Liquid Web's docs.json",
//! says the same for spec maintainers):
//!
//! * `type` is looked up by `vendor_name` in the type libraries the overlay
//!   uses (the catalogue, `types.yaml`); `STRING`, `INTEGER` and `FLOAT` are
//!   the builtins. A name not found is reported and written as `json`.
//! * `structure` becomes an `object` type of its own, `array_of` an `array`
//!   type (the catalogue's `ARRAY[X]` when it has one), `enum` an `enum`
//!   type; identical ones are shared. They are named after where they first
//!   appear: `{last section part}{method}{field…}`.
//! * Parameters are required exactly where `required` is 1. Returned fields
//!   are present unless `optional` is 1, `required` is 0, or `required_if`
//!   makes them conditional.
//! * `required_if` on a parameter is kept (conditions naming no parameter
//!   of the method are dropped and reported); on a returned field it becomes
//!   a doc note, since the field is optional anyway.
//! * `allow_empty` on a returned non-list value becomes `allow_empty: true`
//!   (an empty value reads as absent); on a list it needs nothing (lists may
//!   be empty); on a parameter it is a doc note. `no_trim` is a doc note.
//! * An output described only as "One or more keys matching: …" becomes a
//!   `map` type that the whole response is (`returns_map`).
//! * Methods taking `page_num` and returning `items` and `page_total` get
//!   `paging`.
//! * Members named like a password, token or ticket secret, or typed
//!   `PRIVATE_KEY` or a secret catalogue type, are `secret`.
//!
//! The overlay (`v1.overlay.yaml` beside the output) supplies the `api`
//! block, which is copied verbatim, and hand-transcribed methods, which
//! replace the imported ones; every difference from the source is written
//! as a note on the method.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use heck::ToSnakeCase;
use serde_json::{Map, Value};

use super::yaml::{self, Yaml};
use super::{ImportError, Kind, Report};
use crate::naming;
use crate::spec::load::{self, LoadedFile, SpecSet};
use crate::spec::model::{self, Field, Method, Param, Section, TypeDef};
use crate::spec::span::{Entries, Pos, Sp};

/// What to import and where it goes.
#[derive(Clone, Debug)]
pub struct Options {
    /// The vendor's `docs.json`.
    pub docs: PathBuf,
    /// The spec file to write (or compare, with `--check`).
    pub out: PathBuf,
    /// The hand-written overlay; by default `<out stem>.overlay.yaml`.
    pub overlay: PathBuf,
}

impl Options {
    /// Options with the default overlay path for `out`.
    pub fn new(docs: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        let out = out.into();
        let overlay = default_overlay(&out);
        Options {
            docs: docs.into(),
            out,
            overlay,
        }
    }
}

/// `spec/liquidweb/v1.yaml` → `spec/liquidweb/v1.overlay.yaml`.
pub fn default_overlay(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!("{stem}.overlay.yaml"))
}

/// An import's result: the spec text and the report.
#[derive(Clone, Debug)]
pub struct Imported {
    pub text: String,
    pub report: Report,
    pub sections: usize,
    pub methods: usize,
    /// Types the importer made (enums, objects, lists, maps).
    pub types: usize,
    /// Methods the overlay's transcriptions replaced or added.
    pub from_overlay: usize,
}

/// Imports `options.docs`, merges the overlay, and checks the result as a
/// spec. Nothing is written; see [`crate::output::write_atomic`].
pub fn import(options: &Options) -> Result<Imported, ImportError> {
    let source = read(&options.docs)?;
    let docs: Value = serde_json::from_str(&source).map_err(|e| ImportError::Json {
        path: options.docs.clone(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let overlay_path = load::normalize(&options.overlay);
    check_overlay_place(&overlay_path, &options.out)?;
    let set = load::load_paths(std::slice::from_ref(&overlay_path)).map_err(ImportError::Spec)?;
    let overlay = set
        .get(&overlay_path)
        .ok_or_else(|| overlay_error(&overlay_path, "could not be loaded"))?;
    check_overlay_contents(overlay)?;
    // The overlay is an API file in its own right: its mistakes are reported
    // at its own lines, not at the output's.
    crate::ir::build(&set).map_err(ImportError::Spec)?;
    let catalogue = Catalogue::from_set(&set, &overlay_path);

    let mut importer = Importer::new(&options.docs, catalogue);
    let sections = importer.sections(&docs)?;
    let source_name = importer.source.clone();
    let merged = merge(&source_name, sections, overlay, &mut importer.report);
    let text = write(options, overlay, &importer, &merged)?;
    self_check(&options.out, &text, &set, &overlay_path)?;
    Ok(Imported {
        text,
        report: importer.report,
        sections: merged.sections.len(),
        methods: merged.sections.iter().map(|(_, s)| s.methods.len()).sum(),
        types: importer.types.len(),
        from_overlay: merged.from_overlay,
    })
}

fn read(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path).map_err(|error| ImportError::Io {
        path: path.to_path_buf(),
        error,
    })
}

fn overlay_error(path: &Path, message: impl Into<String>) -> ImportError {
    ImportError::Overlay {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// The overlay must exist and sit beside the output: its `uses` paths are
/// relative and are copied into the output.
fn check_overlay_place(overlay: &Path, out: &Path) -> Result<(), ImportError> {
    if !overlay.is_file() {
        return Err(overlay_error(
            overlay,
            "no overlay here: the importer takes the `api` block (and any hand transcriptions) from it; \
             pass `--overlay PATH` or create it (see spec/README.md, \"Importing\")",
        ));
    }
    let dir = |p: &Path| {
        let parent = p.parent().unwrap_or(Path::new(""));
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        parent
            .canonicalize()
            .unwrap_or_else(|_| parent.to_path_buf())
    };
    if dir(overlay) != dir(out) {
        return Err(overlay_error(
            overlay,
            format!(
                "the overlay must be in the output's directory ({}), since its `uses` paths are copied as they are",
                dir(out).display()
            ),
        ));
    }
    Ok(())
}

fn check_overlay_contents(overlay: &LoadedFile) -> Result<(), ImportError> {
    let spec = &overlay.spec;
    if spec.api.is_none() {
        return Err(overlay_error(
            &overlay.path,
            "the overlay needs an `api` block (name, base_url, credentials, wire …); it is copied into the output",
        ));
    }
    if !spec.types.is_empty() || !spec.errors.is_empty() {
        return Err(overlay_error(
            &overlay.path,
            "the overlay may not declare `types` or `errors`: put them in a type library it `uses` (e.g. types.yaml)",
        ));
    }
    if api_block(&overlay.source).is_none() {
        return Err(overlay_error(
            &overlay.path,
            "the `api` block must start at the beginning of a line (`api:`) in block style",
        ));
    }
    Ok(())
}

/// The overlay's `api:` block, verbatim: from `api:` to the next top-level
/// key, without trailing blank or comment lines.
fn api_block(source: &str) -> Option<Vec<&str>> {
    let lines: Vec<&str> = source.lines().collect();
    let start = lines.iter().position(|l| l.trim_end() == "api:")?;
    let top_level =
        |l: &&str| l.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '"' || c == '\'');
    let end = lines[start + 1..]
        .iter()
        .position(top_level)
        .map_or(lines.len(), |i| start + 1 + i);
    let mut block = lines[start..end].to_vec();
    while block
        .last()
        .is_some_and(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        block.pop();
    }
    Some(block)
}

/// A catalogue type: its spec name and what the importer needs to know.
#[derive(Clone, Debug)]
struct CatalogueType {
    name: String,
    doc: String,
    secret: bool,
    is_array: bool,
}

/// The named types of the libraries the overlay uses, by vendor name.
#[derive(Clone, Debug, Default)]
struct Catalogue {
    by_vendor: HashMap<String, CatalogueType>,
    by_name: HashMap<String, CatalogueType>,
}

impl Catalogue {
    fn from_set(set: &SpecSet, overlay: &Path) -> Self {
        let mut catalogue = Catalogue::default();
        for (path, file) in &set.files {
            if path == overlay {
                continue;
            }
            for (name, def) in file.spec.types.iter() {
                let entry = CatalogueType {
                    name: name.value.clone(),
                    doc: def.doc.value.clone(),
                    secret: def.secret,
                    is_array: def.array.is_some(),
                };
                if let Some(vendor) = &def.vendor_name {
                    catalogue.by_vendor.insert(vendor.clone(), entry.clone());
                }
                catalogue.by_name.insert(name.value.clone(), entry);
            }
        }
        catalogue
    }
}

/// Which way a member travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    In,
    Out,
}

/// Where the importer is, for names, messages and JSON paths.
#[derive(Clone, Debug)]
struct Ctx {
    section: String,
    method: String,
    dir: Dir,
    /// Field names from the method down, `[]` for list items.
    fields: Vec<String>,
    json_path: String,
}

impl Ctx {
    fn at(&self) -> String {
        let what = match self.dir {
            Dir::In => "param",
            Dir::Out => "returns",
        };
        format!(
            "{} {}: {what} `{}`",
            self.section,
            self.method,
            self.fields.join(".")
        )
    }

    fn child(&self, field: &str, key: &str) -> Ctx {
        let mut ctx = self.clone();
        ctx.fields.push(field.to_string());
        ctx.json_path = json_path(&json_path(&self.json_path, key), field);
        ctx
    }

    fn item(&self) -> Ctx {
        let mut ctx = self.clone();
        ctx.fields.push("[]".to_string());
        ctx.json_path = json_path(&self.json_path, "array_of");
        ctx
    }
}

/// `$` + `.key` or `["key"]`.
fn json_path(base: &str, key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("{base}.{key}")
    } else {
        format!("{base}[{}]", serde_json::Value::from(key))
    }
}

/// What the source says about a member, for comparing with the overlay.
#[derive(Clone, Debug)]
struct Fact {
    name: String,
    vendor_type: String,
    /// Parameters: required; returned fields: optional.
    flag: bool,
}

/// One imported method and the source's facts about it.
#[derive(Clone, Debug)]
struct ImportedMethod {
    name: String,
    method: Method,
    params: Vec<Fact>,
    returns: Vec<Fact>,
}

#[derive(Clone, Debug)]
struct ImportedSection {
    name: String,
    doc: String,
    methods: Vec<ImportedMethod>,
}

/// A type the importer made.
#[derive(Clone, Debug)]
struct Made {
    name: String,
    /// The section it was made for first.
    section: String,
    def: TypeDef,
    /// Where it is used after the first place (named in its doc).
    also: Vec<String>,
}

struct Importer<'a> {
    docs_path: &'a Path,
    /// The source's file name, for notes ("docs-v1.json says …").
    source: String,
    catalogue: Catalogue,
    types: Vec<Made>,
    /// Canonical text of a made type's rule → its index in `types`.
    by_body: HashMap<String, usize>,
    report: Report,
}

const FIELD_KEYS: &[&str] = &[
    "type",
    "type_description",
    "optional",
    "required",
    "required_if",
    "default",
    "enum",
    "array_of",
    "structure",
    "allow_empty",
    "no_trim",
];

const KEYS_MATCHING: &str = "One or more keys matching";

fn sp<T>(value: T) -> Sp<T> {
    Sp::new(value, Pos::default())
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Importer<'a> {
    fn new(docs_path: &'a Path, catalogue: Catalogue) -> Self {
        Importer {
            docs_path,
            source: docs_path.file_name().map_or_else(
                || "the source".to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            catalogue,
            types: Vec::new(),
            by_body: HashMap::new(),
            report: Report::default(),
        }
    }

    fn shape(&self, json_path: &str, message: String) -> ImportError {
        ImportError::Shape {
            path: self.docs_path.to_path_buf(),
            json_path: json_path.to_string(),
            message,
        }
    }

    fn object<'v>(
        &self,
        value: &'v Value,
        json_path: &str,
        what: &str,
    ) -> Result<&'v Map<String, Value>, ImportError> {
        value.as_object().ok_or_else(|| {
            self.shape(
                json_path,
                format!("expected {what} (an object), found {}", kind_of(value)),
            )
        })
    }

    fn string<'v>(
        &self,
        map: &'v Map<String, Value>,
        key: &str,
        json_path: &str,
    ) -> Result<&'v str, ImportError> {
        match map.get(key) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(self.shape(
                &self::json_path(json_path, key),
                format!("expected a string, found {}", kind_of(other)),
            )),
            None => Err(self.shape(json_path, format!("missing `{key}` (a string)"))),
        }
    }

    fn sections(&mut self, docs: &Value) -> Result<Vec<ImportedSection>, ImportError> {
        let root = self.object(docs, "$", "the sections")?;
        let mut out = Vec::new();
        for (name, section) in root {
            let path = json_path("$", name);
            let section = self.object(section, &path, "a section")?;
            let doc = self.string(section, "__description", &path)?.to_string();
            for key in section.keys() {
                if key != "__description" && key != "__methods" {
                    self.report.push(
                        Kind::Unmapped,
                        "unknown-key",
                        name.clone(),
                        format!("section key `{key}` is not part of the docs format; ignored"),
                    );
                }
            }
            let methods_path = json_path(&path, "__methods");
            let methods = section
                .get("__methods")
                .ok_or_else(|| self.shape(&path, "missing `__methods` (an object)".into()))?;
            let methods = self.object(methods, &methods_path, "the methods")?;
            let mut imported = Vec::new();
            for (method, spec) in methods {
                let method_path = json_path(&methods_path, method);
                imported.push(self.method(name, method, spec, &method_path)?);
            }
            out.push(ImportedSection {
                name: name.clone(),
                doc,
                methods: imported,
            });
        }
        Ok(out)
    }

    fn method(
        &mut self,
        section: &str,
        name: &str,
        spec: &Value,
        path: &str,
    ) -> Result<ImportedMethod, ImportError> {
        let spec = self.object(spec, path, "a method")?;
        let doc = self.string(spec, "__description", path)?.to_string();
        for key in spec.keys() {
            if !["__description", "__input", "__output"].contains(&key.as_str()) {
                self.report.push(
                    Kind::Unmapped,
                    "unknown-key",
                    format!("{section} {name}"),
                    format!("method key `{key}` is not part of the docs format; ignored"),
                );
            }
        }
        let get = |key: &str| {
            spec.get(key)
                .ok_or_else(|| self.shape(path, format!("missing `{key}` (an object)")))
        };
        let input_path = json_path(path, "__input");
        let output_path = json_path(path, "__output");
        let input = self.object(get("__input")?, &input_path, "the parameters")?;
        let output = self.object(get("__output")?, &output_path, "the returned fields")?;
        let ctx = Ctx {
            section: section.to_string(),
            method: name.to_string(),
            dir: Dir::In,
            fields: Vec::new(),
            json_path: path.to_string(),
        };

        let mut params = Entries::default();
        let mut param_facts = Vec::new();
        for (field, field_spec) in input {
            let ctx = ctx.child(field, "__input");
            let (param, fact) = self.param(field, field_spec, input, &ctx)?;
            param_facts.push(fact);
            params.0.push((sp(field.clone()), param));
        }

        let mut returns = Entries::default();
        let mut return_facts = Vec::new();
        let mut returns_map = None;
        let out_ctx = Ctx {
            dir: Dir::Out,
            ..ctx.clone()
        };
        for (field, field_spec) in output {
            let ctx = out_ctx.child(field, "__output");
            if field.starts_with(KEYS_MATCHING) {
                if output.len() == 1 {
                    returns_map = Some(self.keys_matching(field, field_spec, &ctx)?);
                } else {
                    self.report.push(
                        Kind::Unmapped,
                        "keys-matching",
                        ctx.at(),
                        "\"One or more keys matching\" beside named fields cannot be typed; left out".into(),
                    );
                }
                continue;
            }
            let (returned, fact) = self.returned(field, field_spec, output, &ctx)?;
            return_facts.push(fact);
            returns.0.push((sp(field.clone()), returned));
        }

        let paging = self.paging(&ctx, &params, &returns);
        let method = Method {
            lint: None,
            doc,
            url: None,
            notes: Vec::new(),
            params,
            returns,
            returns_map: returns_map.map(sp),
            paging,
            errors: Vec::new(),
            idempotent: false,
            rust_name: None,
        };
        Ok(ImportedMethod {
            name: name.to_string(),
            method,
            params: param_facts,
            returns: return_facts,
        })
    }

    /// `paging` for methods that take `page_num` and return `items` and
    /// `page_total`.
    fn paging(
        &mut self,
        ctx: &Ctx,
        params: &Entries<Param>,
        returns: &Entries<Field>,
    ) -> Option<Sp<model::Paging>> {
        let takes = params.get("page_num").is_some();
        if !takes {
            return None;
        }
        let items = returns.get("items");
        let lists = items.is_some_and(|f| self.is_array(&f.ty.value));
        if lists && returns.get("page_total").is_some() {
            return Some(sp(model::Paging {
                page: sp("page_num".to_string()),
                items: sp("items".to_string()),
                page_total: sp("page_total".to_string()),
            }));
        }
        self.report.push(
            Kind::Unmapped,
            "paging",
            format!("{} {}", ctx.section, ctx.method),
            "takes `page_num` but does not return a list `items` and `page_total`: no page-walking helper".into(),
        );
        None
    }

    fn is_array(&self, name: &str) -> bool {
        self.types
            .iter()
            .any(|t| t.name == name && t.def.array.is_some())
            || self.catalogue.by_name.get(name).is_some_and(|t| t.is_array)
    }

    /// Checks a field spec's keys and flag values.
    fn field_keys(&mut self, spec: &Map<String, Value>, ctx: &Ctx) -> Result<(), ImportError> {
        for key in spec.keys() {
            if !FIELD_KEYS.contains(&key.as_str()) {
                self.report.push(
                    Kind::Unmapped,
                    "unknown-key",
                    ctx.at(),
                    format!("field key `{key}` is not part of the docs format; ignored"),
                );
            }
        }
        for key in ["optional", "required", "allow_empty", "no_trim"] {
            if let Some(value) = spec.get(key) {
                flag(value).ok_or_else(|| {
                    self.shape(
                        &json_path(&ctx.json_path, key),
                        format!("expected 0 or 1, found {}", kind_of(value)),
                    )
                })?;
            }
        }
        Ok(())
    }

    fn param(
        &mut self,
        name: &str,
        spec: &Value,
        siblings: &Map<String, Value>,
        ctx: &Ctx,
    ) -> Result<(Param, Fact), ImportError> {
        let spec = self.object(spec, &ctx.json_path, "a field")?;
        self.field_keys(spec, ctx)?;
        let (ty, vendor_type) = self.member_type(name, spec, ctx)?;
        let required = spec.get("required").and_then(flag) == Some(true);
        let optional = spec.get("optional").and_then(flag) == Some(true);
        if required && optional {
            self.report.push(
                Kind::Interpreted,
                "required-and-optional",
                ctx.at(),
                "marked both `required` and `optional`; read as required".into(),
            );
        }
        let mut notes = Vec::new();
        let mut required_if = Entries::default();
        if let Some(conditions) = spec.get("required_if") {
            let path = json_path(&ctx.json_path, "required_if");
            let conditions = self.object(conditions, &path, "the conditions")?;
            let mut dropped = Vec::new();
            for (other, value) in conditions {
                if !matches!(
                    value,
                    Value::Null | Value::String(_) | Value::Number(_) | Value::Bool(_)
                ) {
                    return Err(self.shape(
                        &json_path(&path, other),
                        format!(
                            "expected null, a string, a number or a boolean, found {}",
                            kind_of(value)
                        ),
                    ));
                }
                if ctx.dir == Dir::In && siblings.contains_key(other) && other != name {
                    required_if.0.push((sp(other.clone()), value.clone()));
                } else {
                    dropped.push(condition_text(other, value));
                }
            }
            if ctx.dir == Dir::Out {
                notes.push(format!(
                    "Present when {} (`required_if` in {}).",
                    dropped.join(" and "),
                    self.source
                ));
            } else if !dropped.is_empty() {
                notes.push(format!(
                    "{} also makes this required when {}, which names no parameter of this method; that condition is not checked.",
                    self.source,
                    dropped.join(" and ")
                ));
                self.report.push(
                    Kind::Unmapped,
                    "required-if-unknown",
                    ctx.at(),
                    format!(
                        "`required_if` condition {} names no sibling; kept as a doc note, not checked",
                        dropped.join(" and ")
                    ),
                );
            }
        }
        if ty == "json" && vendor_type == "nothing" {
            notes.push(format!(
                "{} gives no type: any JSON value is accepted.",
                self.source
            ));
        } else if ty == "json" {
            let phrase = spec
                .get("type_description")
                .and_then(Value::as_str)
                .map(|p| format!(" (\"{p}\")"))
                .unwrap_or_default();
            notes.push(format!(
                "{} types this `{vendor_type}`{phrase}, which the type catalogue does not have: any JSON value is accepted.",
                self.source
            ));
        }
        let inner_allows_empty = spec
            .get("array_of")
            .and_then(|inner| inner.get("allow_empty"))
            .and_then(flag)
            == Some(true);
        let allow_empty =
            spec.get("allow_empty").and_then(flag) == Some(true) || inner_allows_empty;
        let is_list = spec.contains_key("array_of");
        let mut allow_empty_key = false;
        if allow_empty {
            if is_list {
                notes.push("May be an empty list.".to_string());
            } else if ctx.dir == Dir::Out {
                allow_empty_key = true;
            } else {
                notes.push(format!("May be empty (`allow_empty` in {}).", self.source));
                self.report.push(
                    Kind::Recorded,
                    "allow-empty",
                    ctx.at(),
                    "`allow_empty` on a parameter: an empty value is sent as is; kept as a doc note".into(),
                );
            }
        }
        if spec.get("no_trim").and_then(flag) == Some(true) {
            notes.push(format!(
                "Sent exactly as given: the server keeps leading and trailing whitespace (`no_trim` in {}).",
                self.source
            ));
            self.report.push(
                Kind::Recorded,
                "no-trim",
                ctx.at(),
                "`no_trim`: the client never trims, so nothing to enforce; kept as a doc note"
                    .into(),
            );
        }
        let default = spec.get("default").cloned();
        if let Some(default) = &default
            && !matches!(
                default,
                Value::String(_) | Value::Number(_) | Value::Bool(_)
            )
        {
            return Err(self.shape(
                &json_path(&ctx.json_path, "default"),
                format!(
                    "expected a string, number or boolean, found {}",
                    kind_of(default)
                ),
            ));
        }
        let secret = self.secret(name, &ty, &vendor_type, ctx);
        let flag_value = if ctx.dir == Dir::In {
            required
        } else {
            !required && (optional || spec.get("required").and_then(flag) == Some(false))
        };
        // Fields of received objects: present unless marked otherwise.
        let required = match ctx.dir {
            Dir::In => required,
            Dir::Out => {
                !(optional
                    || spec.get("required").and_then(flag) == Some(false)
                    || spec.contains_key("required_if")
                    || allow_empty_key)
            }
        };
        let param = Param {
            lint: None,
            ty: sp(ty),
            required,
            doc: (!notes.is_empty()).then(|| notes.join("\n\n")),
            secret,
            default: default.map(|d| Box::new(sp(d))),
            required_if,
            allow_empty: allow_empty_key,
            rust_name: None,
        };
        let fact = Fact {
            name: name.to_string(),
            vendor_type,
            flag: flag_value,
        };
        Ok((param, fact))
    }

    fn returned(
        &mut self,
        name: &str,
        spec: &Value,
        siblings: &Map<String, Value>,
        ctx: &Ctx,
    ) -> Result<(Field, Fact), ImportError> {
        let (param, fact) = self.param(name, spec, siblings, ctx)?;
        let Param {
            ty,
            required,
            doc,
            secret,
            default,
            required_if: _,
            allow_empty,
            rust_name,
            lint: _,
        } = param;
        if default.is_some() {
            self.report.push(
                Kind::Recorded,
                "output-default",
                ctx.at(),
                "a returned field with a `default`; kept out of the spec (returned fields have none)".into(),
            );
        }
        let field = Field {
            lint: None,
            ty,
            optional: !required && !allow_empty,
            doc,
            secret,
            series: false,
            allow_empty,
            rust_name,
        };
        Ok((field, fact))
    }

    /// Secret members: password-, token- and ticket-secret-like names, and
    /// values of secret types. Other names that merely contain `key` are
    /// reported for review.
    fn secret(&mut self, name: &str, ty: &str, vendor: &str, ctx: &Ctx) -> bool {
        let snake = name.to_snake_case();
        let words: Vec<&str> = snake.split('_').collect();
        let secret_word = words.iter().any(|w| {
            matches!(
                *w,
                "password" | "passwd" | "pass" | "pw" | "passphrase" | "secret" | "token" | "secid"
            )
        });
        let secret_type =
            vendor == "PRIVATE_KEY" || self.catalogue.by_name.get(ty).is_some_and(|t| t.secret);
        if secret_word || secret_type {
            return true;
        }
        if words.contains(&"key") {
            self.report.push(
                Kind::Interpreted,
                "not-secret",
                ctx.at(),
                format!(
                    "named like a key but typed `{vendor}` ({}): not marked secret",
                    if words.contains(&"public") {
                        "a public key"
                    } else {
                        "a name or number, not key material"
                    }
                ),
            );
        }
        false
    }

    /// The spec type of a field spec, and the source's words for it.
    fn member_type(
        &mut self,
        name: &str,
        spec: &Map<String, Value>,
        ctx: &Ctx,
    ) -> Result<(String, String), ImportError> {
        let present: Vec<&str> = ["structure", "array_of", "enum", "type"]
            .into_iter()
            .filter(|k| spec.contains_key(*k))
            .collect();
        if present.len() > 1 {
            self.report.push(
                Kind::Interpreted,
                "several-kinds",
                ctx.at(),
                format!(
                    "has {}; the first is used",
                    present
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        match present.first() {
            Some(&"structure") => {
                let path = json_path(&ctx.json_path, "structure");
                let fields = self.object(&spec["structure"], &path, "the nested fields")?;
                let ty = self.structure(fields, ctx, false)?;
                Ok((ty, "a nested structure".to_string()))
            }
            Some(&"array_of") => {
                let item_ctx = ctx.item();
                let inner = self.object(&spec["array_of"], &item_ctx.json_path, "a field")?;
                self.field_keys(inner, &item_ctx)?;
                let ty = self.array(inner, &item_ctx)?;
                let inner_vendor = inner
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or("a nested structure");
                Ok((ty, format!("array_of {inner_vendor}")))
            }
            Some(&"enum") => {
                let ty = self.enumeration(name, spec, ctx)?;
                Ok((ty, "an enum".to_string()))
            }
            Some(_) => {
                let vendor = self.string(spec, "type", &ctx.json_path)?.to_string();
                let ty = self.named(&vendor, spec.get("type_description"), ctx);
                Ok((ty, vendor))
            }
            None => {
                self.report.push(
                    Kind::Unmapped,
                    "no-type",
                    ctx.at(),
                    "has no `type`, `array_of`, `structure` or `enum`; written as `json`".into(),
                );
                Ok(("json".to_string(), "nothing".to_string()))
            }
        }
    }

    /// A vendor type name, resolved against the catalogue.
    fn named(&mut self, vendor: &str, phrase: Option<&Value>, ctx: &Ctx) -> String {
        let builtin = match vendor {
            "STRING" => Some("string"),
            "INTEGER" => Some("integer"),
            "FLOAT" => Some("float"),
            _ => None,
        };
        if let Some(builtin) = builtin {
            return builtin.to_string();
        }
        let Some(found) = self.catalogue.by_vendor.get(vendor) else {
            self.report.push(
                Kind::Unmapped,
                "unknown-type",
                ctx.at(),
                format!("type `{vendor}` has no `vendor_name` in the catalogue; written as `json`"),
            );
            return "json".to_string();
        };
        if let Some(Value::String(phrase)) = phrase
            && !same_phrase(phrase, &found.doc)
        {
            self.report.push(
                Kind::Interpreted,
                "phrase-differs",
                ctx.at(),
                format!(
                    "`{vendor}` is described as {:?}, the catalogue's `{}` as {:?}; the catalogue's type is used",
                    phrase, found.name, found.doc
                ),
            );
        }
        found.name.clone()
    }

    /// Type names for something made at `ctx`, best first:
    /// `{last section part}{method}{fields…}` (a field followed by `[]` in
    /// the singular: `items[]` → `Item`), then with `Returned`/`Param`
    /// before the fields (so a parameter and a returned field of one method
    /// do not clash), then with the whole section path. Enums leave the
    /// method out of the first name: their values rarely depend on it.
    fn candidates(&self, ctx: &Ctx, with_method: bool) -> Vec<String> {
        let mut fields = String::new();
        for (i, field) in ctx.fields.iter().enumerate() {
            if field == "[]" {
                continue;
            }
            let camel = naming::camel(field);
            if ctx.fields.get(i + 1).is_some_and(|f| f == "[]") {
                fields.push_str(&singular(&camel));
            } else {
                fields.push_str(&camel);
            }
        }
        let method = naming::camel(&ctx.method);
        let side = match ctx.dir {
            Dir::In => "Param",
            Dir::Out => "Returned",
        };
        let last_part = ctx.section.rsplit('/').next().unwrap_or(&ctx.section);
        let last = naming::camel(last_part);
        let full = naming::camel(&ctx.section);
        let mut out = Vec::new();
        if !with_method {
            out.push(format!("{last}{fields}"));
        }
        out.push(format!("{last}{method}{fields}"));
        // A clash within the section is a parameter against a returned
        // field; across sections (`Server`, `Storm/Server`), the section.
        let clash_in_section = out.iter().any(|name| {
            self.types
                .iter()
                .any(|t| t.name == *name && t.section == ctx.section)
        });
        if clash_in_section {
            out.push(format!("{last}{method}{side}{fields}"));
        }
        out.push(format!("{full}{method}{fields}"));
        out.push(format!("{full}{method}{side}{fields}"));
        out
    }

    /// Registers a made type (or finds an identical one) and returns its name.
    fn make(
        &mut self,
        ctx: &Ctx,
        candidates: Vec<String>,
        def: TypeDef,
        used_at: String,
    ) -> String {
        let body = canonical(&def);
        if let Some(&index) = self.by_body.get(&body) {
            let made = &mut self.types[index];
            made.also.push(used_at);
            return made.name.clone();
        }
        let taken = |name: &str, this: &Self| {
            this.types.iter().any(|t| t.name == name)
                || this.catalogue.by_name.contains_key(name)
                || crate::ir::Builtin::from_name(name).is_some()
        };
        let mut name = None;
        for candidate in &candidates {
            if !taken(candidate, self) {
                name = Some(candidate.clone());
                break;
            }
        }
        let name = name.unwrap_or_else(|| {
            let base = candidates
                .last()
                .cloned()
                .unwrap_or_else(|| "Imported".into());
            (2..)
                .map(|n| format!("{base}{n}"))
                .find(|n| !taken(n, self))
                .unwrap_or(base)
        });
        self.by_body.insert(body, self.types.len());
        self.types.push(Made {
            name: name.clone(),
            section: ctx.section.clone(),
            def,
            also: Vec::new(),
        });
        name
    }

    fn where_used(ctx: &Ctx) -> String {
        let dir = match ctx.dir {
            Dir::In => "parameter",
            Dir::Out => "returned field",
        };
        let field = ctx.fields.join(".").replace(".[]", "[]");
        format!("`{}/{}` {dir} `{field}`", ctx.section, ctx.method)
    }

    /// An `object` type for a nested structure.
    fn structure(
        &mut self,
        fields: &Map<String, Value>,
        ctx: &Ctx,
        item: bool,
    ) -> Result<String, ImportError> {
        if fields.is_empty() {
            self.report.push(
                Kind::Unmapped,
                "empty-structure",
                ctx.at(),
                "a structure without fields; written as `Hash` (any keys)".into(),
            );
            return Ok("Hash".to_string());
        }
        let mut object = Entries::default();
        for (field, spec) in fields {
            let child = ctx.child(field, "structure");
            let (param, _) = self.param(field, spec, fields, &child)?;
            object.0.push((sp(field.clone()), param));
        }
        let used_at = Self::where_used(ctx);
        let doc = if item {
            format!("One item of {used_at}.")
        } else {
            format!("The structure of {used_at}.")
        };
        let def = TypeDef {
            doc: sp(doc),
            note: None,
            ..empty_type()
        };
        let def = TypeDef {
            object: Some(sp(model::ObjectRule { fields: object })),
            ..def
        };
        let candidates = self.candidates(ctx, true);
        Ok(self.make(ctx, candidates, def, used_at))
    }

    /// An `array` type for `array_of`.
    fn array(&mut self, inner: &Map<String, Value>, item_ctx: &Ctx) -> Result<String, ImportError> {
        let (items, phrase) = if let Some(structure) = inner.get("structure") {
            let path = json_path(&item_ctx.json_path, "structure");
            let fields = self.object(structure, &path, "the nested fields")?;
            (self.structure(fields, item_ctx, true)?, None)
        } else if let Some(Value::String(vendor)) = inner.get("type") {
            if let Some(list) = self.catalogue.by_vendor.get(&format!("ARRAY[{vendor}]")) {
                return Ok(list.name.clone());
            }
            let items = self.named(vendor, inner.get("type_description"), item_ctx);
            let phrase = inner
                .get("type_description")
                .and_then(Value::as_str)
                .map(str::to_string);
            (items, phrase)
        } else {
            self.report.push(
                Kind::Unmapped,
                "no-type",
                item_ctx.at(),
                "`array_of` without `type` or `structure`; items written as `json`".into(),
            );
            ("json".to_string(), None)
        };
        let ctx = {
            let mut ctx = item_ctx.clone();
            ctx.fields.pop();
            ctx
        };
        let doc = match phrase {
            Some(phrase) => format!("An array of {phrase}"),
            None => format!("The list {}.", Self::where_used(&ctx)),
        };
        let def = TypeDef {
            doc: sp(doc),
            array: Some(sp(model::ArrayRule {
                items: sp(items.clone()),
            })),
            ..empty_type()
        };
        let candidates = if self.catalogue.by_name.contains_key(&items)
            || crate::ir::Builtin::from_name(&items).is_some()
        {
            vec![format!("{}List", naming::camel(&items))]
        } else {
            self.candidates(&ctx, true)
        };
        let used_at = Self::where_used(&ctx);
        Ok(self.make(&ctx, candidates, def, used_at))
    }

    /// An `enum` type for `enum`.
    fn enumeration(
        &mut self,
        _name: &str,
        spec: &Map<String, Value>,
        ctx: &Ctx,
    ) -> Result<String, ImportError> {
        let path = json_path(&ctx.json_path, "enum");
        let Some(Value::Array(values)) = spec.get("enum") else {
            return Err(self.shape(&path, "expected a list of values".into()));
        };
        let mut written = Vec::new();
        for (i, value) in values.iter().enumerate() {
            match value {
                Value::String(s) => written.push(sp(s.clone())),
                Value::Number(n) => written.push(sp(n.to_string())),
                other => {
                    return Err(self.shape(
                        &format!("{path}[{i}]"),
                        format!("expected a string or a number, found {}", kind_of(other)),
                    ));
                }
            }
        }
        let doc = spec
            .get("type_description")
            .and_then(Value::as_str)
            .map_or_else(
                || format!("One of the values listed for {}.", Self::where_used(ctx)),
                str::to_string,
            );
        let def = TypeDef {
            doc: sp(doc),
            enumeration: Some(sp(model::EnumRule {
                values: written,
                case_insensitive: false,
            })),
            ..empty_type()
        };
        let candidates = self.candidates(ctx, false);
        Ok(self.make(ctx, candidates, def, Self::where_used(ctx)))
    }

    /// "One or more keys matching: …" as the whole response: a `map`.
    fn keys_matching(&mut self, key: &str, spec: &Value, ctx: &Ctx) -> Result<String, ImportError> {
        let spec_map = self.object(spec, &ctx.json_path, "a field")?;
        self.field_keys(spec_map, ctx)?;
        let (values, _) = self.member_type("value", spec_map, ctx)?;
        let optional = spec_map.get("optional").and_then(flag) == Some(true);
        let mut note = format!(
            "{} lists no fields for this response, only \"{key}\" (values: {}). Read as an object whose keys are not fixed; the key phrase is not checked.",
            self.source,
            spec_map
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("untyped")
        );
        if optional {
            note.push_str(" The values are marked optional: the object may be empty.");
        }
        let def = TypeDef {
            doc: sp(key.to_string()),
            note: Some(note),
            map: Some(sp(model::MapRule {
                values: Some(sp(values)),
            })),
            ..empty_type()
        };
        self.report.push(
            Kind::Interpreted,
            "keys-matching",
            format!("{} {}", ctx.section, ctx.method),
            format!("the response is only \"{key}\": typed as a map (`returns_map`)"),
        );
        let mut map_ctx = ctx.clone();
        map_ctx.fields.clear();
        let mut candidates = self.candidates(&map_ctx, true);
        for c in &mut candidates {
            c.push_str("Map");
        }
        let used_at = format!("`{}/{}`", ctx.section, ctx.method);
        Ok(self.make(&map_ctx, candidates, def, used_at))
    }
}

fn empty_type() -> TypeDef {
    TypeDef {
        lint: None,
        doc: sp(String::new()),
        note: None,
        vendor_name: None,
        secret: false,
        string: None,
        integer: None,
        float: None,
        boolean: None,
        enumeration: None,
        unix_time: None,
        map: None,
        array: None,
        decimal: None,
        union: None,
        object: None,
    }
}

/// The text of a made type's rule, for sharing identical ones.
fn canonical(def: &TypeDef) -> String {
    let rule = TypeDef {
        doc: sp(String::new()),
        note: None,
        ..def.clone()
    };
    let mut y = Yaml::new();
    // Made types are always of a kind the writer writes.
    let _ = yaml::write_type(&mut y, 0, "T", &rule);
    y.finish()
}

/// `Items` → `Item`, `Addresses` → `Address`, `AttachedTo` → `AttachedToItem`.
fn singular(camel: &str) -> String {
    if let Some(stem) = camel.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = camel.strip_suffix("sses") {
        format!("{stem}ss")
    } else if camel.ends_with('s') && !camel.ends_with("ss") {
        camel[..camel.len() - 1].to_string()
    } else {
        format!("{camel}Item")
    }
}

/// `0`/`1` (or a boolean) as a flag.
fn flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_u64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        Value::String(s) if s == "0" || s == "1" => Some(s == "1"),
        _ => None,
    }
}

fn condition_text(name: &str, value: &Value) -> String {
    match value {
        Value::Null => format!("`{name}` is absent"),
        Value::String(s) => format!("`{name}` is `{s}`"),
        other => format!("`{name}` is {other}"),
    }
}

/// The same phrase, apart from the first letter's case and surrounding
/// whitespace (the seeds capitalise what docs.json writes in lower case).
fn same_phrase(a: &str, b: &str) -> bool {
    let lower_first = |s: &str| {
        let s = s.trim();
        let mut chars = s.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    lower_first(a) == lower_first(b)
}

/// Whitespace runs collapsed, for comparing hard-wrapped text.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The merged result: sections in the source's order, then the overlay's own.
struct Merged {
    sections: Vec<(String, Section)>,
    /// Section docs that differ from the overlay's: name → the source's doc.
    section_differences: BTreeMap<String, String>,
    from_overlay: usize,
}

fn merge(
    source: &str,
    imported: Vec<ImportedSection>,
    overlay: &LoadedFile,
    report: &mut Report,
) -> Merged {
    let hand = &overlay.spec.sections;
    let mut sections = Vec::new();
    let mut section_differences = BTreeMap::new();
    let mut from_overlay = 0;
    for section in imported {
        let hand_section = hand.get(&section.name);
        let mut methods = Entries::default();
        for imported in &section.methods {
            let method = match hand_section.and_then(|s| s.methods.get(&imported.name)) {
                Some(hand_method) => {
                    from_overlay += 1;
                    let mut method = hand_method.clone();
                    let differences = differences(source, imported, hand_method);
                    if !differences.is_empty() {
                        report.push(
                            Kind::Interpreted,
                            "overlay-differs",
                            format!("{} {}", section.name, imported.name),
                            format!(
                                "the overlay's transcription wins; {} difference(s) noted on the method",
                                differences.len()
                            ),
                        );
                    }
                    method.notes.extend(differences);
                    method
                }
                None => imported.method.clone(),
            };
            methods.0.push((sp(imported.name.clone()), method));
        }
        let mut doc = section.doc.clone();
        if let Some(hand_section) = hand_section {
            for (name, method) in hand_section.methods.iter() {
                if !section.methods.iter().any(|m| m.name == name.value) {
                    from_overlay += 1;
                    let mut method = method.clone();
                    method
                        .notes
                        .push(format!("Not in {source}: from the overlay only."));
                    methods.0.push((name.clone(), method));
                }
            }
            if words(&hand_section.doc) != words(&section.doc) {
                section_differences.insert(section.name.clone(), section.doc.clone());
            }
            doc = hand_section.doc.clone();
        }
        sections.push((
            section.name.clone(),
            Section {
                doc,
                methods,
                rust_name: hand_section.and_then(|s| s.rust_name.clone()),
                lint: None,
            },
        ));
    }
    for (name, section) in hand.iter() {
        if !sections.iter().any(|(n, _)| *n == name.value) {
            from_overlay += section.methods.len();
            let mut section = section.clone();
            for (_, method) in section.methods.0.iter_mut() {
                method
                    .notes
                    .push(format!("Not in {source}: from the overlay only."));
            }
            sections.push((name.value.clone(), section));
        }
    }
    Merged {
        sections,
        section_differences,
        from_overlay,
    }
}

/// Notes naming what the source says where the overlay's method differs.
fn differences(source: &str, imported: &ImportedMethod, hand: &Method) -> Vec<String> {
    let mut notes = Vec::new();
    if words(&imported.method.doc) != words(&hand.doc) {
        notes.push(format!(
            "{source} describes this method differently:\n\n{}",
            imported.method.doc
        ));
    }
    let sides = [
        ("parameter", &imported.params, param_facts(hand)),
        ("returned field", &imported.returns, field_facts(hand)),
    ];
    for (what, facts, hand) in sides {
        for fact in facts.iter() {
            match hand.iter().find(|(name, _, _)| *name == fact.name) {
                None => notes.push(format!(
                    "{source} also lists the {what} `{}` (`{}`{}), which the overlay does not.",
                    fact.name,
                    fact.vendor_type,
                    flag_words(what, fact.flag)
                )),
                Some((_, ty, flag_value)) => {
                    let imported_ty = imported_type(imported, what, &fact.name);
                    if imported_ty.as_deref() != Some(ty.as_str()) {
                        notes.push(format!(
                            "{source} types the {what} `{}` as `{}`; the overlay's phrase is `{ty}`'s.",
                            fact.name, fact.vendor_type
                        ));
                    }
                    if *flag_value != fact.flag {
                        notes.push(format!(
                            "{source} marks the {what} `{}`{}.",
                            fact.name,
                            flag_words(what, fact.flag).replace(", ", " ")
                        ));
                    }
                }
            }
        }
        for (name, _, _) in &hand {
            if !facts.iter().any(|f| f.name == *name) {
                notes.push(format!("{source} does not list the {what} `{name}`."));
            }
        }
    }
    notes
}

fn flag_words(what: &str, flag: bool) -> &'static str {
    match (what, flag) {
        ("parameter", true) => ", required",
        ("parameter", false) => ", not required",
        (_, true) => ", optional",
        (_, false) => ", always returned",
    }
}

fn param_facts(method: &Method) -> Vec<(String, String, bool)> {
    method
        .params
        .iter()
        .map(|(k, p)| (k.value.clone(), p.ty.value.clone(), p.required))
        .collect()
}

fn field_facts(method: &Method) -> Vec<(String, String, bool)> {
    method
        .returns
        .iter()
        .map(|(k, f)| (k.value.clone(), f.ty.value.clone(), f.optional))
        .collect()
}

fn imported_type(imported: &ImportedMethod, what: &str, name: &str) -> Option<String> {
    if what == "parameter" {
        imported.method.params.get(name).map(|p| p.ty.value.clone())
    } else {
        imported
            .method
            .returns
            .get(name)
            .map(|f| f.ty.value.clone())
    }
}

/// A path relative to `base` (a directory), for the header.
fn relative(path: &Path, base: &Path) -> String {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|p| load::normalize(&p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let (path, base) = (absolute(path), absolute(base));
    let path_parts: Vec<_> = path.components().collect();
    let base_parts: Vec<_> = base.components().collect();
    let common = path_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = PathBuf::new();
    for _ in common..base_parts.len() {
        out.push("..");
    }
    for part in &path_parts[common..] {
        out.push(part);
    }
    out.to_string_lossy().replace('\\', "/")
}

fn write(
    options: &Options,
    overlay: &LoadedFile,
    importer: &Importer<'_>,
    merged: &Merged,
) -> Result<String, ImportError> {
    let out_dir = options.out.parent().unwrap_or(Path::new(""));
    let docs = relative(&options.docs, out_dir);
    let overlay_name = relative(&overlay.path, out_dir);
    let mut y = Yaml::new();
    let mut source_lines = overlay.source.lines();
    let modeline = source_lines.next().unwrap_or_default();
    if modeline.starts_with("# yaml-language-server:") {
        y.raw_line(modeline);
    }
    y.raw_line(&format!(
        "# Generated by `hostapi-codegen import liquidweb-docs` from {docs} and {overlay_name}. Do not edit:"
    ));
    y.raw_line(
        "# change the overlay (hand transcriptions, which win over the import) and re-import; `--check` in CI.",
    );
    // The overlay's first comment paragraph names the sources.
    for line in source_lines.take_while(|l| l.starts_with("# ")) {
        y.raw_line(line);
    }
    y.raw_line("hostapi: 1");
    let uses: Vec<String> = overlay.spec.uses.iter().map(|u| u.value.clone()).collect();
    y.list(0, "uses", &uses);
    y.blank_line();
    let api = api_block(&overlay.source).unwrap_or_default();
    for line in api {
        y.raw_line(line);
    }
    if !importer.types.is_empty() {
        y.blank_line();
        y.raw_line("# Types for the source's nested structures, lists and enums; identical ones are shared.");
        y.open(0, "types");
        for made in &importer.types {
            let mut def = made.def.clone();
            if !made.also.is_empty() {
                def.note = Some(format!("Also used by: {}.", made.also.join(", ")));
            }
            yaml::write_type(&mut y, 1, &made.name, &def).map_err(ImportError::Write)?;
        }
    }
    y.blank_line();
    y.open(0, "sections");
    for (name, section) in &merged.sections {
        if let Some(source_doc) = merged.section_differences.get(name) {
            y.raw_line(&format!(
                "  # {} describes this section differently: {}",
                importer.source,
                words(source_doc)
            ));
        }
        yaml::write_section(&mut y, 1, name, section);
    }
    Ok(y.finish())
}

/// The imported text must load and check like any spec, with the libraries
/// the overlay uses; else nothing is written.
fn self_check(out: &Path, text: &str, set: &SpecSet, overlay: &Path) -> Result<(), ImportError> {
    let out = load::normalize(out);
    let spec = load::parse_source(&out, text).map_err(|d| {
        let mut diagnostics = crate::diag::Diagnostics::default();
        diagnostics.push(d);
        ImportError::Imported(diagnostics)
    })?;
    let mut check = SpecSet::default();
    for (path, file) in &set.files {
        if path != overlay {
            check.files.insert(path.clone(), file.clone());
        }
    }
    check.files.insert(
        out.clone(),
        LoadedFile {
            path: out.clone(),
            source: text.to_string(),
            spec,
        },
    );
    check.roots.push(out);
    crate::ir::build(&check)
        .map(|_| ())
        .map_err(ImportError::Imported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        assert_eq!(singular("Items"), "Item");
        assert_eq!(singular("Addresses"), "Address");
        assert_eq!(singular("Policies"), "Policy");
        assert_eq!(singular("AttachedTo"), "AttachedToItem");
        assert_eq!(singular("RegionOverrides"), "RegionOverride");
    }

    #[test]
    fn json_paths() {
        assert_eq!(json_path("$", "Account/Auth"), "$[\"Account/Auth\"]");
        assert_eq!(json_path("$[\"A\"]", "__methods"), "$[\"A\"].__methods");
    }

    #[test]
    fn api_block_stops_at_the_next_top_level_key() {
        let source =
            "hostapi: 1\napi:\n  name: x\n  # comment\n  title: y\n\n# trailing\nsections:\n";
        assert_eq!(
            api_block(source).unwrap(),
            vec!["api:", "  name: x", "  # comment", "  title: y"]
        );
    }

    #[test]
    fn phrases_compare_without_first_letter_case() {
        assert!(same_phrase(
            "a boolean value (0 or 1).",
            "A boolean value (0 or 1)."
        ));
        assert!(!same_phrase("a boolean value", "an integer"));
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("spec/lw/source/docs.json"), Path::new("spec/lw")),
            "source/docs.json"
        );
        assert_eq!(
            relative(Path::new("other/docs.json"), Path::new("spec/lw")),
            "../../other/docs.json"
        );
    }
}
