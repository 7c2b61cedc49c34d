//! Walking docs.json: sections and methods, each checked for shape as it
//! is read (a wrong shape is an error with its JSON path), and paging.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};

use super::catalogue::Catalogue;
use super::context::{Ctx, Dir, json_path};
use super::field_list;
use super::made::Made;
use crate::import::{ImportError, Kind, Report};
use crate::spec::model::{self, Field, Method, Param};
use crate::spec::span::{Entries, Pos, Sp};

/// What the source says about a member, for comparing with the overlay.
#[derive(Clone, Debug)]
pub(super) struct Fact {
    pub(super) name: String,
    pub(super) vendor_type: String,
    /// Parameters: required; returned fields: optional.
    pub(super) flag: bool,
}

/// One imported method and the source's facts about it.
#[derive(Clone, Debug)]
pub(super) struct ImportedMethod {
    pub(super) name: String,
    pub(super) method: Method,
    pub(super) params: Vec<Fact>,
    pub(super) returns: Vec<Fact>,
}

#[derive(Clone, Debug)]
pub(super) struct ImportedSection {
    pub(super) name: String,
    pub(super) doc: String,
    pub(super) methods: Vec<ImportedMethod>,
}

pub(super) struct Importer<'a> {
    docs_path: &'a Path,
    /// The source's file name, for notes ("docs-v1.json says …").
    pub(super) source: String,
    pub(super) catalogue: Catalogue,
    pub(super) types: Vec<Made>,
    /// Canonical text of a made type's rule → its index in `types`.
    pub(super) by_body: HashMap<String, usize>,
    pub(super) report: Report,
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

pub(super) fn sp<T>(value: T) -> Sp<T> {
    Sp::new(value, Pos::default())
}

pub(super) fn kind_of(value: &Value) -> &'static str {
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
    pub(super) fn new(docs_path: &'a Path, catalogue: Catalogue) -> Self {
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

    pub(super) fn shape(&self, json_path: &str, message: String) -> ImportError {
        ImportError::Shape {
            path: self.docs_path.to_path_buf(),
            json_path: json_path.to_string(),
            message,
        }
    }

    pub(super) fn object<'v>(
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

    pub(super) fn string<'v>(
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

    pub(super) fn sections(&mut self, docs: &Value) -> Result<Vec<ImportedSection>, ImportError> {
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
        let at = format!("{section} {name}");
        let doc = field_list::place(&doc, &mut params, &mut returns, &mut self.report, &at);
        let method = Method {
            lint: None,
            groups: Default::default(),
            doc,
            url: None,
            notes: Vec::new(),
            params,
            returns,
            returns_map: returns_map.map(sp),
            paging,
            errors: Vec::new(),
            returns_example: None,
            role: None,
            idempotent: false,
            response: None,
            http: None,
            rust_name: None,
            additions: None,
            nested: Entries::default(),
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
                style: None,
                page: Some(sp("page_num".to_string())),
                items: sp("items".to_string()),
                page_total: Some(sp("page_total".to_string())),
                offset: None,
                limit: None,
                page_size: None,
                total: None,
                cursor: None,
                next: None,
                link: None,
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
    pub(super) fn field_keys(
        &mut self,
        spec: &Map<String, Value>,
        ctx: &Ctx,
    ) -> Result<(), ImportError> {
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
}

/// `0`/`1` (or a boolean) as a flag.
pub(super) fn flag(value: &Value) -> Option<bool> {
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
