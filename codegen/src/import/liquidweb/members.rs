//! One parameter or returned field: its type, whether it is required,
//! whether it is secret, and doc notes for what the client does not enforce.

use heck::ToSnakeCase;
use serde_json::{Map, Value};

use super::context::{Ctx, Dir, json_path};
use super::importer::{Fact, Importer, flag, kind_of, sp};
use crate::import::{ImportError, Kind};
use crate::spec::model::{Field, Param};
use crate::spec::span::Entries;

impl Importer<'_> {
    pub(super) fn param(
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
            series: None,
            place: None,
            rust_name: None,
        };
        let fact = Fact {
            name: name.to_string(),
            vendor_type,
            flag: flag_value,
        };
        Ok((param, fact))
    }

    pub(super) fn returned(
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
            series: _,
            place: _,
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
            header: None,
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
    pub(super) fn member_type(
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
    pub(super) fn named(&mut self, vendor: &str, phrase: Option<&Value>, ctx: &Ctx) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_compare_without_first_letter_case() {
        assert!(same_phrase(
            "a boolean value (0 or 1).",
            "A boolean value (0 or 1)."
        ));
        assert!(!same_phrase("a boolean value", "an integer"));
    }
}
