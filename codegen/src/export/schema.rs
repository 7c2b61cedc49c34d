//! Named types and records as JSON Schema (the dialect of OpenAPI 3.1):
//! each constraint as the keyword that says it where one exists, the
//! vendor's phrase as `description`, and what JSON Schema cannot say
//! (a set of lengths, "3 of 4 character classes", our own formats) in an
//! `x-hostapi-rule` object keyed by rule id.

use serde_json::{Map, Value, json};

use super::markdown;
use super::pattern;
use crate::ir::checks::{StringCheck, string_checks};
use crate::ir::{
    BooleanEncoding, Builtin, CharKind, Decimal, Member, NamedType, StringFormat, StringRule,
    TypeKind, TypeRef,
};

/// Where components live in the document.
pub const COMPONENTS: &str = "#/components/schemas/";

/// How values of builtin types travel: in a JSON body, or as query or
/// form pairs (where the runtime writes a boolean as `1`/`0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Values {
    Json,
    Pairs,
}

/// A reference to component `name`.
pub fn component_ref(name: &str) -> Value {
    json!({ "$ref": format!("{COMPONENTS}{name}") })
}

/// The schema of a member's type: a reference to a named type, or a
/// builtin written out.
pub fn type_ref(ty: &TypeRef, values: Values) -> Value {
    match ty {
        TypeRef::Named(name) => component_ref(name),
        TypeRef::Builtin(builtin) => builtin_schema(*builtin, values),
    }
}

fn builtin_schema(builtin: Builtin, values: Values) -> Value {
    match builtin {
        Builtin::String => json!({ "type": "string" }),
        Builtin::Integer => json!({ "type": "integer" }),
        Builtin::Float => json!({ "type": "number" }),
        Builtin::Boolean => match values {
            Values::Json => json!({ "type": "boolean" }),
            // The runtime flattens `true`/`false` to `1`/`0` in pairs.
            Values::Pairs => json!({ "type": "integer", "enum": [1, 0] }),
        },
        // Any JSON value.
        Builtin::Json => json!({}),
        Builtin::ErrorList => json!({
            "type": "array",
            "description": "The API's nested errors.",
        }),
    }
}

/// A named type as a component: its rule as JSON Schema, its phrase as
/// `description`.
pub fn named_type(ty: &NamedType, values: Values) -> Value {
    let mut object = keywords(kind_schema(&ty.kind, &ty.doc, values));
    let mut description = ty.doc.clone();
    if let Some(note) = &ty.note {
        description.push_str("\n\n");
        description.push_str(note);
    }
    object.insert("description".into(), markdown(&description).into());
    if let Some(vendor) = &ty.vendor_name {
        object.insert("x-hostapi-vendor-name".into(), vendor.clone().into());
    }
    if ty.secret {
        mark_secret(&mut object);
    }
    Value::Object(object)
}

fn kind_schema(kind: &TypeKind, phrase: &str, values: Values) -> Value {
    match kind {
        TypeKind::String(rule) => string_schema(rule, phrase),
        TypeKind::Integer { min, max } => {
            let mut schema = Map::new();
            schema.insert("type".into(), "integer".into());
            insert_some(&mut schema, "minimum", *min);
            insert_some(&mut schema, "maximum", *max);
            Value::Object(schema)
        }
        TypeKind::Float { min, max, above } => {
            let mut schema = Map::new();
            schema.insert("type".into(), "number".into());
            insert_some(&mut schema, "minimum", *min);
            insert_some(&mut schema, "exclusiveMinimum", *above);
            insert_some(&mut schema, "maximum", *max);
            Value::Object(schema)
        }
        TypeKind::Decimal(decimal) => json!({
            "type": "string",
            "x-hostapi-rule": { "decimal": decimal_rule(decimal) },
        }),
        // As the runtime writes them (`serialize_u8`, or the two words).
        TypeKind::Boolean(BooleanEncoding::ZeroOne) => json!({ "type": "integer", "enum": [1, 0] }),
        TypeKind::Boolean(BooleanEncoding::TrueFalse) => {
            json!({ "type": "string", "enum": ["True", "False"] })
        }
        TypeKind::Enum {
            values: members,
            case_insensitive,
        } => {
            let wire: Vec<&str> = members.iter().map(|v| v.wire.as_str()).collect();
            let mut schema = keywords(json!({ "type": "string", "enum": wire }));
            if *case_insensitive {
                // Clients send these spellings; the vendor accepts any case.
                schema.insert(
                    "x-hostapi-rule".into(),
                    json!({ "enum": { "case_insensitive": true } }),
                );
            }
            Value::Object(schema)
        }
        TypeKind::UnixTime => json!({
            "type": "integer",
            "minimum": 0,
            "x-hostapi-rule": { "unix_time": {} },
        }),
        TypeKind::Map { values: None } => json!({ "type": "object" }),
        TypeKind::Map { values: Some(item) } => {
            json!({ "type": "object", "additionalProperties": type_ref(item, values) })
        }
        TypeKind::Array { items } => json!({ "type": "array", "items": type_ref(items, values) }),
        // Tried in order: the first member that accepts the value wins.
        TypeKind::Union { members } => json!({
            "anyOf": members.iter().map(|m| type_ref(&m.ty, values)).collect::<Vec<_>>(),
        }),
        TypeKind::Object { fields } => object(fields, Direction::Either, values),
    }
}

fn decimal_rule(decimal: &Decimal) -> Value {
    json!({
        "currency": decimal.currency.map(String::from),
        "negative": decimal.negative,
        "positive": decimal.positive,
        "min_fraction": decimal.min_fraction,
        "max_fraction": decimal.max_fraction,
    })
}

/// A string rule: each check in the order generated code runs them.
fn string_schema(rule: &StringRule, phrase: &str) -> Value {
    let mut schema = Map::new();
    schema.insert("type".into(), "string".into());
    let mut patterns: Vec<String> = Vec::new();
    let mut rules = Map::new();
    for check in string_checks(rule, phrase) {
        match check {
            StringCheck::Lengths([one]) => {
                schema.insert("minLength".into(), (*one).into());
                schema.insert("maxLength".into(), (*one).into());
            }
            StringCheck::Lengths(lengths) => {
                // The bounds hold for every allowed length; the set itself
                // is ours to state.
                insert_some(&mut schema, "minLength", lengths.iter().min().copied());
                insert_some(&mut schema, "maxLength", lengths.iter().max().copied());
                rules.insert("length_in".into(), json!({ "lengths": lengths }));
            }
            StringCheck::MinLength(min) => tighten(&mut schema, "minLength", min, u32::max),
            StringCheck::MaxLength(max) => tighten(&mut schema, "maxLength", max, u32::min),
            StringCheck::ControlChars { tab, cr, lf } => {
                patterns.push(pattern::no_control_chars(tab, cr, lf));
            }
            StringCheck::FirstChar(class) => match pattern::class(class) {
                Some(set) => patterns.push(format!("^[{set}]")),
                None => {
                    rules.insert("first_char".into(), pattern::ranges(class));
                }
            },
            StringCheck::Chars(class) => match pattern::class(class) {
                Some(set) => patterns.push(format!("^[{set}]*$")),
                None => {
                    rules.insert("chars".into(), pattern::ranges(class));
                }
            },
            StringCheck::NotChars(class) => match pattern::class(class) {
                Some(set) => patterns.push(format!("^[^{set}]*$")),
                None => {
                    rules.insert("not_chars".into(), pattern::ranges(class));
                }
            },
            StringCheck::Classes { at_least, kinds } => {
                let of: Vec<&str> = kinds.iter().map(|k| char_kind(*k)).collect();
                rules.insert(
                    "char_classes".into(),
                    json!({ "at_least": at_least, "of": of }),
                );
            }
            StringCheck::Format(format) => match json_schema_format(format) {
                Some((keyword, value)) => {
                    schema.insert(keyword.into(), value.into());
                }
                None => {
                    rules.insert("format".into(), format_rule(format));
                }
            },
            StringCheck::Pattern { source, .. } => {
                // Rust `regex` syntax is not ECMA-262: the exact pattern is
                // ours to state, and JSON Schema gets it only when the two
                // syntaxes read it alike.
                if let Some(ecma) = pattern::portable(source) {
                    patterns.push(ecma);
                }
                rules.insert(
                    "pattern".into(),
                    json!({ "syntax": "rust-regex", "whole_value": true, "source": source }),
                );
            }
        }
    }
    match patterns.len() {
        0 => {}
        1 => {
            schema.insert("pattern".into(), patterns.remove(0).into());
        }
        _ => {
            let all: Vec<Value> = patterns
                .into_iter()
                .map(|p| json!({ "pattern": p }))
                .collect();
            schema.insert("allOf".into(), all.into());
        }
    }
    if !rules.is_empty() {
        schema.insert("x-hostapi-rule".into(), Value::Object(rules));
    }
    Value::Object(schema)
}

/// Sets `key` to `value`, or to `pick(current, value)` when both a length
/// set and a bound give one.
fn tighten(schema: &mut Map<String, Value>, key: &str, value: u32, pick: fn(u32, u32) -> u32) {
    let merged = match schema.get(key).and_then(Value::as_u64) {
        Some(current) => pick(u32::try_from(current).unwrap_or(value), value),
        None => value,
    };
    schema.insert(key.into(), merged.into());
}

fn char_kind(kind: CharKind) -> &'static str {
    match kind {
        CharKind::Lowercase => "lowercase",
        CharKind::Uppercase => "uppercase",
        CharKind::Letter => "letter",
        CharKind::Digit => "digit",
        CharKind::Punctuation => "punctuation",
    }
}

/// The JSON Schema keyword and value that name the same shape as ours.
fn json_schema_format(format: &StringFormat) -> Option<(&'static str, &'static str)> {
    Some(match format {
        StringFormat::Base64 => ("contentEncoding", "base64"),
        StringFormat::Email => ("format", "email"),
        StringFormat::Ipv4 => ("format", "ipv4"),
        StringFormat::Ipv6 => ("format", "ipv6"),
        StringFormat::Date => ("format", "date"),
        StringFormat::Datetime => ("format", "date-time"),
        StringFormat::Hostname => ("format", "hostname"),
        _ => return None,
    })
}

/// Our formats without a JSON Schema name, by the spec's name for them.
fn format_rule(format: &StringFormat) -> Value {
    let name = match format {
        StringFormat::Base64 => "base64",
        StringFormat::HttpUri => "http_uri",
        StringFormat::Hostname => "hostname",
        StringFormat::Fqdn => "fqdn",
        StringFormat::DomainName => "domain_name",
        StringFormat::WildcardDomain => "wildcard_domain",
        StringFormat::ReverseDnsV4 => "reverse_dns_v4",
        StringFormat::ReverseDnsV6 => "reverse_dns_v6",
        StringFormat::ReverseZone => "reverse_zone",
        StringFormat::Ipv4 => "ipv4",
        StringFormat::Ipv4Cidr => "ipv4_cidr",
        StringFormat::Ipv6 => "ipv6",
        StringFormat::Email => "email",
        StringFormat::Date => "date",
        StringFormat::Datetime => "datetime",
        StringFormat::MimeType => "mime_type",
        StringFormat::SshPublicKey => "ssh_public_key",
        StringFormat::Pem(label) => return json!({ "name": "pem", "label": label }),
    };
    json!({ "name": name })
}

/// Which way a record travels: what a member's secrecy and presence mean
/// depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Parameters: `required` is what a request must hold.
    Sent,
    /// Returned fields: `required` is what a response always holds.
    Received,
    /// A named object type, used both ways.
    Either,
}

/// A record (parameters, returned fields, an object type's fields, an
/// error's fields) as an object schema with `required`.
pub fn object(members: &[Member], direction: Direction, values: Values) -> Value {
    let mut properties = Map::new();
    let mut pattern_properties = Map::new();
    let mut required: Vec<String> = Vec::new();
    for member in members {
        let schema = member_schema(member, direction, values);
        match (member.series, member.numbering) {
            (true, Some(numbering)) => {
                let names = series_names(member, numbering);
                if member.required
                    && let Some(first) = names.first()
                {
                    required.push(first.clone());
                }
                for name in names {
                    properties.insert(name, schema.clone());
                }
            }
            (true, None) => {
                pattern_properties.insert(pattern::series_keys(&member.wire_name), schema);
            }
            (false, _) => {
                if member.required {
                    required.push(member.wire_name.clone());
                }
                properties.insert(member.wire_name.clone(), schema);
            }
        }
    }
    let mut schema = Map::new();
    schema.insert("type".into(), "object".into());
    schema.insert("properties".into(), Value::Object(properties));
    if !pattern_properties.is_empty() {
        schema.insert(
            "patternProperties".into(),
            Value::Object(pattern_properties),
        );
    }
    if !required.is_empty() {
        schema.insert("required".into(), required.into());
    }
    Value::Object(schema)
}

/// The most numbered names a sent series is written out with; a longer
/// series says so in its `x-hostapi-series`.
pub const SERIES_LIMIT: u32 = 100;

/// The numbered names an open-ended sent series is written out with: the
/// first two show how it goes on, and its `x-hostapi-series` (`max: null`)
/// says it has no highest number.
pub const OPEN_SERIES_SHOWN: u32 = 2;

/// `NS1`, `NS2`, … of a sent series, as many as it may hold (at most
/// [`SERIES_LIMIT`]; [`OPEN_SERIES_SHOWN`] of an open-ended one).
pub fn series_names(member: &Member, numbering: crate::ir::Numbering) -> Vec<String> {
    (0..numbering
        .max
        .map_or(OPEN_SERIES_SHOWN, |max| max.min(SERIES_LIMIT)))
        .map(|i| numbering.name(&member.wire_name, i))
        .collect()
}

/// One member's schema: its type, doc, default, secrecy and the
/// conditions that make it required.
pub fn member_schema(member: &Member, direction: Direction, values: Values) -> Value {
    let mut object = keywords(type_ref(&member.ty, values));
    if let Some(doc) = &member.doc {
        object.insert("description".into(), markdown(doc).into());
    }
    if let Some(default) = &member.default
        && !member.secret
    {
        object.insert("default".into(), (**default).clone());
    }
    if member.secret {
        mark_secret(&mut object);
        if direction == Direction::Sent {
            object.insert("writeOnly".into(), true.into());
        }
    }
    if let (true, Some(numbering)) = (member.series, member.numbering) {
        object.insert(
            "x-hostapi-series".into(),
            json!({ "name": member.wire_name, "first": numbering.first, "max": numbering.max }),
        );
    }
    if !member.required_if.is_empty() {
        let conditions: Vec<Value> = member
            .required_if
            .iter()
            .map(|c| json!({ "member": c.wire_name, "value": c.value }))
            .collect();
        object.insert("x-hostapi-required-if".into(), conditions.into());
    }
    if member.allow_empty {
        object.insert("x-hostapi-allow-empty".into(), true.into());
    }
    Value::Object(object)
}

/// A secret: shown as a password field (unless its rule names a format of
/// its own), never given an example.
fn mark_secret(object: &mut Map<String, Value>) {
    object.entry("format").or_insert_with(|| "password".into());
    object.insert("x-hostapi-secret".into(), true.into());
}

fn insert_some<T: Into<Value>>(schema: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(value) = value {
        schema.insert(key.into(), value.into());
    }
}

/// The keywords of a schema written with `json!({...})`, to add more.
fn keywords(schema: Value) -> Map<String, Value> {
    match schema {
        Value::Object(map) => map,
        // Every schema here is written as an object; anything else would
        // be `true` (accept all), which an empty object also says.
        _ => Map::new(),
    }
}
