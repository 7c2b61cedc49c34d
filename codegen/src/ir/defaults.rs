//! Documented defaults (`default:` on parameters and object fields) must be
//! values of their own type, as generated code decides it: the value is
//! read from JSON the way the generated type reads it (the same lenient
//! conversions, the same reader per field), then validated with the same
//! `hostapi-rules` functions, with the same arguments and in the same
//! order, that the type's `check` calls (`ir::checks`). A union takes the
//! first member that accepts the value, as its strict read does; an object
//! needs its required fields, checks each field and its `required_if`
//! rules. Stricter than generated code in one point only: an object default
//! with a key the object does not have is refused (a typo in a spec), where
//! reading a response ignores unknown keys.
//!
//! Types are lowered before defaults are checked: the builder queues each
//! default ([`Pending`]) and checks the queue once every named type has a
//! [`TypeKind`].

mod example;
mod read;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use hostapi_rules as rules;
use hostapi_rules::{PatternMatcher, Violation};
use serde_json::{Map, Value};

use super::checks::{self, StringCheck};
use super::{Builtin, CharKind, Decimal, Member, NamedType, StringFormat, TypeKind, TypeRef};
use crate::diag::{Diagnostic, did_you_mean};
use crate::spec::span::Pos;
pub use example::{PendingExample, ResponseShape};

/// A default waiting to be checked.
#[derive(Clone, Debug)]
pub struct Pending {
    pub file: PathBuf,
    pub pos: Pos,
    pub ty: TypeRef,
    /// The member is secret: the default is never shown.
    pub secret: bool,
    pub value: Value,
}

/// Deeper values are refused rather than walked (no stack overflow on a
/// hostile spec).
const MAX_DEPTH: usize = 64;

/// Checks defaults against the named types of one API (or library).
pub struct Defaults<'t> {
    types: HashMap<&'t str, &'t NamedType>,
    /// Compiled patterns by source; `None` when one does not compile (its
    /// type was reported already).
    patterns: HashMap<String, Option<PatternMatcher>>,
    /// Unions being tried on a value, so a union that contains itself
    /// through another is not tried forever.
    trying: HashSet<(String, usize)>,
    /// Refuse unknown object keys (a spec's typo), which generated code
    /// ignores; off only for [`Defaults::generated_verdict`].
    strict: bool,
}

/// Why a value does not fit, and where inside it.
#[derive(Clone, Debug)]
struct Found {
    /// `.field`, `[2]`, `[key]` from the default's top.
    path: String,
    type_name: Option<String>,
    message: String,
}

/// What decides how a record reads a member: a secret is held in a secret
/// type, a required one must be present, an `allow_empty` one may be empty.
#[derive(Clone, Copy, Debug)]
struct Presence {
    secret: bool,
    required: bool,
    allow_empty: bool,
}

/// A value as generated code holds it after reading: its wire form (what
/// serializing it gives, for `required_if`), and what validating it finds.
type Read = Result<(Value, Vec<Found>), Found>;

impl<'t> Defaults<'t> {
    pub fn new(types: impl IntoIterator<Item = &'t NamedType>) -> Self {
        Defaults {
            types: types
                .into_iter()
                .map(|t| (t.rust_name.as_str(), t))
                .collect(),
            patterns: HashMap::new(),
            trying: HashSet::new(),
            strict: true,
        }
    }

    /// Whether the generated type `ty` takes `value`: its `Deserialize`
    /// reads it and validating it finds nothing. Generated code's verdict
    /// exactly, without the checker's one addition (unknown object keys are
    /// refused); the test proving that the checker decides like generated
    /// code compares this with the generated types.
    pub fn generated_verdict(&mut self, ty: &TypeRef, value: &Value) -> bool {
        self.strict = false;
        let verdict =
            matches!(self.plain(ty, false, value, "", 0), Ok((_, problems)) if problems.is_empty());
        self.strict = true;
        verdict
    }

    /// A located `bad-default` for each pending default that does not fit.
    pub fn diagnostics(&mut self, pending: &[Pending]) -> Vec<Diagnostic> {
        pending
            .iter()
            .filter_map(|p| {
                let problem = self.problem(&p.ty, p.secret, &p.value)?;
                Some(Diagnostic::error("bad-default", &p.file, p.pos, problem))
            })
            .collect()
    }

    /// Why `value` cannot be the default of a member of type `ty`, or
    /// `None` when it is a value of the type (or the type could not be
    /// lowered, which is reported already).
    pub fn problem(&mut self, ty: &TypeRef, secret: bool, value: &Value) -> Option<String> {
        if !self.all_lowered(ty, &mut HashSet::new()) {
            return None;
        }
        let hidden = secret || self.reaches_secret(ty, &mut HashSet::new());
        let shown = if hidden {
            "the default of a secret member (not shown)".to_string()
        } else {
            format!("default `{}`", show(value))
        };
        let top = Presence {
            secret,
            required: true,
            allow_empty: false,
        };
        let found = match self.field(ty, top, value, "", 0) {
            Ok((_, problems)) => problems.into_iter().next()?,
            Err(found) => found,
        };
        let at = if found.path.is_empty() {
            String::new()
        } else {
            format!("at `{}`, ", found.path.trim_start_matches('.'))
        };
        let type_name = found
            .type_name
            .map(|t| format!("`{t}`: "))
            .unwrap_or_default();
        // Nothing of a secret, not even one character's code point.
        let message = if hidden {
            Violation::new("default", found.message).redacted().message
        } else {
            found.message
        };
        Some(format!("{shown}: {at}{type_name}{message}"))
    }

    /// Every rule `value` breaks as a value of `ty`, judged as generated
    /// code reads and validates it (unknown object keys are ignored): each
    /// as its path inside the value (empty for the value itself) and a
    /// message naming the type. A secret's messages never show it. The mock
    /// server checks requests with this, so it refuses what clients refuse.
    pub fn value_problems(
        &mut self,
        ty: &TypeRef,
        secret: bool,
        value: &Value,
    ) -> Vec<(String, String)> {
        self.strict = false;
        let top = Presence {
            secret,
            required: true,
            allow_empty: false,
        };
        let found = match self.field(ty, top, value, "", 0) {
            Ok((_, problems)) => problems,
            Err(found) => vec![found],
        };
        self.strict = true;
        found
            .into_iter()
            .map(|f| {
                let message = match f.type_name {
                    Some(t) => format!("{t}: {}", f.message),
                    None => f.message,
                };
                (f.path.trim_start_matches('.').to_string(), message)
            })
            .collect()
    }

    /// Whether every named type `ty` reaches was lowered.
    fn all_lowered(&self, ty: &TypeRef, seen: &mut HashSet<String>) -> bool {
        let TypeRef::Named(name) = ty else {
            return *ty != TypeRef::Builtin(Builtin::ErrorList);
        };
        if !seen.insert(name.clone()) {
            return true;
        }
        let Some(t) = self.types.get(name.as_str()) else {
            return false;
        };
        inner_types(&t.kind).all(|inner| self.all_lowered(inner, seen))
    }

    /// Whether a value of `ty` may hold a secret (a secret type, or a
    /// secret field of an object inside it): then no part is shown.
    fn reaches_secret(&self, ty: &TypeRef, seen: &mut HashSet<String>) -> bool {
        let TypeRef::Named(name) = ty else {
            return false;
        };
        if !seen.insert(name.clone()) {
            return false;
        }
        let Some(t) = self.types.get(name.as_str()) else {
            return false;
        };
        t.secret
            || matches!(&t.kind, TypeKind::Object { fields } if fields.iter().any(|f| f.secret))
            || inner_types(&t.kind).any(|inner| self.reaches_secret(inner, seen))
    }

    /// A record field of type `ty`, read with the reader generated records
    /// pick for it (`emit::record::read_mode`): builtin text, numbers and
    /// booleans leniently (`lenient`, or `opt_lenient`, where a blank string
    /// is absent except for text), an optional `allow_empty` field's empty
    /// value as absent (`empty`), everything else as its Rust type. A
    /// `Null` wire value is an absent field.
    fn field(
        &mut self,
        ty: &TypeRef,
        how: Presence,
        value: &Value,
        path: &str,
        depth: usize,
    ) -> Read {
        let Presence {
            secret,
            required,
            allow_empty,
        } = how;
        let absent = || Ok((Value::Null, Vec::new()));
        let lenient = match ty {
            TypeRef::Builtin(
                b @ (Builtin::String | Builtin::Integer | Builtin::Float | Builtin::Boolean),
            ) if !secret => Some(*b),
            _ => None,
        };
        if !required && allow_empty {
            return if is_empty(value) {
                absent()
            } else {
                self.plain(ty, secret, value, path, depth)
            };
        }
        let Some(builtin) = lenient else {
            return self.plain(ty, secret, value, path, depth);
        };
        let blank = value.as_str().is_some_and(|s| s.trim().is_empty());
        if !required && blank && builtin != Builtin::String {
            return absent();
        }
        let read = match builtin {
            Builtin::Integer => read::lenient_i64(value).map(Value::from),
            Builtin::Float => read::lenient_f64(value).map(read::float_wire),
            Builtin::Boolean => read::lenient_bool(value).map(Value::Bool),
            _ => read::lenient_text(value).map(Value::String),
        };
        read.map(|wire| (wire, Vec::new()))
            .map_err(|expected| unreadable(path, None, expected, value))
    }

    /// A value of `ty`'s Rust type (`Sensitive<T>` or `Secret` when
    /// `secret`), read by its `Deserialize` and then validated.
    fn plain(
        &mut self,
        ty: &TypeRef,
        secret: bool,
        value: &Value,
        path: &str,
        depth: usize,
    ) -> Read {
        if depth > MAX_DEPTH {
            return Err(found(path, None, "the value is nested too deeply to check"));
        }
        let t = match ty {
            TypeRef::Named(name) => match self.types.get(name.as_str()) {
                Some(t) => *t,
                None => return Err(found(path, None, "its type is not known")),
            },
            TypeRef::Builtin(builtin) => {
                let read = match builtin {
                    Builtin::String if secret => {
                        read::newtype_text(value).map(|(text, _)| Value::String(text))
                    }
                    Builtin::String => read::strict_text(value).map(Value::String),
                    Builtin::Integer => read::strict_i64(value).map(Value::from),
                    Builtin::Float => read::strict_f64(value).map(read::float_wire),
                    Builtin::Boolean => read::strict_bool(value).map(Value::Bool),
                    Builtin::Json => Ok(value.clone()),
                    Builtin::ErrorList => Err("no value: nested errors are only received"),
                };
                return read
                    .map(|wire| (wire, Vec::new()))
                    .map_err(|expected| unreadable(path, None, expected, value));
            }
        };
        let secret = secret || t.secret;
        let name = t.rust_name.as_str();
        let broken = |violation: Violation| {
            let violation = if secret {
                violation.redacted()
            } else {
                violation
            };
            Found {
                path: path.to_string(),
                type_name: Some(name.to_string()),
                message: violation.message,
            }
        };
        let unread = |expected: &str| unreadable(path, Some(name), expected, value);
        let scalar = |wire: Value| Ok((wire, Vec::new()));
        match &t.kind {
            TypeKind::String(rule) => {
                let (text, _) = read::newtype_text(value).map_err(unread)?;
                self.string_rule(rule, &t.doc, &text).map_err(broken)?;
                scalar(Value::String(text))
            }
            TypeKind::Decimal(decimal) => {
                // Read from a number, only the sign is checked (the digits
                // as written are lost); validating checks the whole shape.
                let (text, from_number) = read::newtype_text(value).map_err(unread)?;
                rules::decimal(&text, &decimal_shape(decimal, from_number)).map_err(broken)?;
                let problems = rules::decimal(&text, &decimal_shape(decimal, false))
                    .err()
                    .map(broken)
                    .into_iter()
                    .collect();
                Ok((Value::String(text), problems))
            }
            TypeKind::Integer { min, max } => {
                let n = read::lenient_i64(value).map_err(unread)?;
                min.map_or(Ok(()), |min| rules::int_min(n, min))
                    .and_then(|()| max.map_or(Ok(()), |max| rules::int_max(n, max)))
                    .map_err(broken)?;
                scalar(Value::from(n))
            }
            TypeKind::Float { min, max, above } => {
                let f = read::lenient_f64(value).map_err(unread)?;
                min.map_or(Ok(()), |min| rules::float_min(f, min))
                    .and_then(|()| above.map_or(Ok(()), |above| rules::float_above(f, above)))
                    .and_then(|()| max.map_or(Ok(()), |max| rules::float_max(f, max)))
                    .map_err(broken)?;
                scalar(read::float_wire(f))
            }
            TypeKind::UnixTime => {
                let n = read::lenient_i64(value).map_err(unread)?;
                rules::int_min(n, 0).map_err(broken)?;
                scalar(Value::from(n))
            }
            TypeKind::Boolean(encoding) => {
                let b = read::lenient_bool(value).map_err(unread)?;
                scalar(match encoding {
                    super::BooleanEncoding::ZeroOne => Value::from(u8::from(b)),
                    super::BooleanEncoding::TrueFalse => {
                        Value::from(if b { "True" } else { "False" })
                    }
                })
            }
            TypeKind::Enum {
                values,
                case_insensitive,
            } => {
                let text = read::lenient_text(value).map_err(unread)?;
                let known = values.iter().find(|v| {
                    if *case_insensitive {
                        text.eq_ignore_ascii_case(&v.wire)
                    } else {
                        text == v.wire
                    }
                });
                // Read, an unknown value is kept; validating refuses it.
                let allowed: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
                let problems = rules::enum_known(known.is_some(), &allowed)
                    .err()
                    .map(broken)
                    .into_iter()
                    .collect();
                let wire = known.map_or(text.clone(), |v| v.wire.clone());
                Ok((Value::String(wire), problems))
            }
            TypeKind::Map { values: None } => match value {
                Value::Object(map) => scalar(Value::Object(map.clone())),
                Value::Array(items) if items.is_empty() => scalar(Value::Object(Map::new())),
                _ => Err(unread("an associative array")),
            },
            TypeKind::Map {
                values: Some(values),
            } => {
                let Value::Object(map) = value else {
                    return Err(unread("an object"));
                };
                let mut wire = Map::new();
                let mut problems = Vec::new();
                for (key, item) in map {
                    let (w, p) =
                        self.plain(values, false, item, &format!("{path}[{key}]"), depth + 1)?;
                    wire.insert(key.clone(), w);
                    problems.extend(p);
                }
                Ok((Value::Object(wire), problems))
            }
            TypeKind::Array { items } => {
                let Value::Array(list) = value else {
                    return Err(unread("a list"));
                };
                let mut wire = Vec::new();
                let mut problems = Vec::new();
                for (i, item) in list.iter().enumerate() {
                    let (w, p) =
                        self.plain(items, false, item, &format!("{path}[{i}]"), depth + 1)?;
                    wire.push(w);
                    problems.extend(p);
                }
                Ok((Value::Array(wire), problems))
            }
            TypeKind::Union { members } => {
                let key = (name.to_string(), std::ptr::from_ref(value) as usize);
                if !self.trying.insert(key.clone()) {
                    return Err(found(path, Some(name), "the union contains itself"));
                }
                // As a strict read does: the first member that accepts the
                // value as documented; failing that, the verdict of the
                // first that can read it at all says why it is refused.
                let mut readable = None;
                let mut accepted = None;
                for member in members {
                    if let Ok(read) = self.plain(&member.ty, false, value, path, depth + 1) {
                        if read.1.is_empty() {
                            accepted = Some(read);
                            break;
                        }
                        readable.get_or_insert(read);
                    }
                }
                self.trying.remove(&key);
                accepted.or(readable).ok_or_else(|| {
                    let names: Vec<&str> = members.iter().map(|m| m.rust_name.as_str()).collect();
                    found(
                        path,
                        Some(name),
                        &format!(
                            "no member reads it; expected a value of one of: {}",
                            names.join(", ")
                        ),
                    )
                })
            }
            TypeKind::Object { fields } => self.object(name, fields, value, path, depth),
        }
    }

    /// An object: read as its `record!` reads it (required fields first),
    /// validated field by field, then its `required_if` rules against the
    /// fields as they would be sent.
    fn object(
        &mut self,
        name: &str,
        fields: &[Member],
        value: &Value,
        path: &str,
        depth: usize,
    ) -> Read {
        let Value::Object(map) = value else {
            return Err(unreadable(path, Some(name), "an object", value));
        };
        let mut wire = Map::new();
        let mut problems = Vec::new();
        let in_record_order = fields
            .iter()
            .filter(|f| f.required)
            .chain(fields.iter().filter(|f| !f.required));
        for field in in_record_order {
            let at = format!("{path}.{}", field.wire_name);
            match map.get(&field.wire_name).filter(|v| !v.is_null()) {
                None if field.required => {
                    return Err(found(
                        path,
                        Some(name),
                        &format!("the required field `{}` is missing", field.wire_name),
                    ));
                }
                None => {}
                Some(v) => {
                    let how = Presence {
                        secret: field.secret,
                        required: field.required,
                        allow_empty: field.allow_empty,
                    };
                    let (w, p) = self.field(&field.ty, how, v, &at, depth + 1)?;
                    if !w.is_null() {
                        wire.insert(field.wire_name.clone(), w);
                    }
                    problems.extend(p);
                }
            }
        }
        for field in fields.iter().filter(|f| !f.required_if.is_empty()) {
            let holds = field.required_if.iter().all(|c| {
                let present = wire.get(&c.wire_name);
                match &c.value {
                    None => present.is_none(),
                    Some(expected) => present.and_then(wire_text) == Some(condition_text(expected)),
                }
            });
            if holds && !wire.contains_key(&field.wire_name) {
                let when: Vec<String> = field
                    .required_if
                    .iter()
                    .map(|c| match &c.value {
                        None => format!("`{}` is absent", c.wire_name),
                        Some(v) => format!("`{}` is {}", c.wire_name, condition_text(v)),
                    })
                    .collect();
                problems.push(found(
                    path,
                    Some(name),
                    &format!(
                        "`{}` is required when {}",
                        field.wire_name,
                        when.join(" and ")
                    ),
                ));
            }
        }
        for key in map.keys().filter(|_| self.strict) {
            if !fields.iter().any(|f| &f.wire_name == key) {
                let mut message = format!("there is no field `{key}`");
                if let Some(s) = did_you_mean(key, fields.iter().map(|f| f.wire_name.as_str())) {
                    message.push_str(&format!("; did you mean `{s}`?"));
                }
                problems.push(found(path, Some(name), &message));
            }
        }
        Ok((Value::Object(wire), problems))
    }

    /// The checks of a string newtype, in its order, as its `check` runs
    /// them.
    fn string_rule(
        &mut self,
        rule: &super::StringRule,
        type_doc: &str,
        value: &str,
    ) -> Result<(), Violation> {
        for check in checks::string_checks(rule, type_doc) {
            match check {
                StringCheck::Lengths(lengths) => {
                    let lengths: Vec<usize> = lengths.iter().map(|&l| l as usize).collect();
                    rules::length_in(value, &lengths)
                }
                StringCheck::MinLength(min) => rules::min_length(value, min as usize),
                StringCheck::MaxLength(max) => rules::max_length(value, max as usize),
                StringCheck::ControlChars { tab, cr, lf } => {
                    rules::control_chars(value, tab, cr, lf)
                }
                StringCheck::FirstChar(class) => {
                    rules::first_char(value, |c| class.contains(c), &class.describe())
                }
                StringCheck::Chars(class) => {
                    rules::chars(value, |c| class.contains(c), &class.describe())
                }
                StringCheck::NotChars(class) => {
                    rules::not_chars(value, |c| class.contains(c), &class.describe())
                }
                StringCheck::Classes { at_least, kinds } => {
                    let kinds: Vec<rules::CharKind> = kinds.iter().map(|&k| char_kind(k)).collect();
                    rules::char_classes(value, at_least as usize, &kinds)
                }
                StringCheck::Format(format) => format_rule(format, value),
                StringCheck::Pattern { source, described } => {
                    let matcher = self
                        .patterns
                        .entry(source.to_string())
                        .or_insert_with(|| PatternMatcher::compile(source).ok());
                    match matcher {
                        Some(matcher) => matcher.check(value, source, described),
                        None => Ok(()),
                    }
                }
            }?;
        }
        Ok(())
    }
}

/// The types a kind holds.
fn inner_types(kind: &TypeKind) -> Box<dyn Iterator<Item = &TypeRef> + '_> {
    match kind {
        TypeKind::Map { values: Some(v) } => Box::new(std::iter::once(v)),
        TypeKind::Array { items } => Box::new(std::iter::once(items)),
        TypeKind::Union { members } => Box::new(members.iter().map(|m| &m.ty)),
        TypeKind::Object { fields } => Box::new(fields.iter().map(|f| &f.ty)),
        _ => Box::new(std::iter::empty()),
    }
}

fn found(path: &str, type_name: Option<&str>, message: &str) -> Found {
    Found {
        path: path.to_string(),
        type_name: type_name.map(str::to_string),
        message: message.to_string(),
    }
}

fn unreadable(path: &str, type_name: Option<&str>, expected: &str, value: &Value) -> Found {
    found(
        path,
        type_name,
        &format!("expected {expected}, got {}", read::kind(value)),
    )
}

/// An empty value an `allow_empty` field reads as absent.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

/// A field's wire value as a `required_if` condition compares it.
pub(crate) fn wire_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_string()),
        _ => None,
    }
}

/// A condition's value as generated code writes it (emit::record).
pub(crate) fn condition_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "1" } else { "0" }.to_string(),
        other => other.to_string(),
    }
}

/// The runtime's decimal shape; a number has lost its written digits, so
/// only its sign is checked (`check_number`).
fn decimal_shape(decimal: &Decimal, from_number: bool) -> rules::Decimal {
    rules::Decimal {
        currency: decimal.currency,
        negative: decimal.negative,
        positive: decimal.positive,
        min_fraction: if from_number { 0 } else { decimal.min_fraction },
        max_fraction: if from_number {
            None
        } else {
            decimal.max_fraction
        },
    }
}

fn char_kind(kind: CharKind) -> rules::CharKind {
    match kind {
        CharKind::Lowercase => rules::CharKind::Lowercase,
        CharKind::Uppercase => rules::CharKind::Uppercase,
        CharKind::Letter => rules::CharKind::Letter,
        CharKind::Digit => rules::CharKind::Digit,
        CharKind::Punctuation => rules::CharKind::Punctuation,
    }
}

/// The rule function generated code calls for `format`
/// (`emit::types::rules::format_check`).
fn format_rule(format: &StringFormat, value: &str) -> Result<(), Violation> {
    match format {
        StringFormat::Base64 => rules::base64(value),
        StringFormat::HttpUri => rules::http_uri(value),
        StringFormat::Hostname => rules::hostname(value),
        StringFormat::Fqdn => rules::fqdn(value),
        StringFormat::DomainName => rules::domain_name(value),
        StringFormat::WildcardDomain => rules::wildcard_domain(value),
        StringFormat::ReverseDnsV4 => rules::reverse_dns_name(value, rules::ReverseFamily::V4),
        StringFormat::ReverseDnsV6 => rules::reverse_dns_name(value, rules::ReverseFamily::V6),
        StringFormat::ReverseZone => rules::reverse_zone(value),
        StringFormat::Ipv4 => rules::ipv4(value),
        StringFormat::Ipv4Cidr => rules::ipv4_cidr(value),
        StringFormat::Ipv6 => rules::ipv6(value),
        StringFormat::Email => rules::email(value),
        StringFormat::Date => rules::date(value),
        StringFormat::Datetime => rules::datetime(value),
        StringFormat::MimeType => rules::mime_type(value),
        StringFormat::SshPublicKey => rules::ssh_public_key(value),
        StringFormat::Pem(label) => rules::pem(value, label),
    }
}

/// A default as quoted in a message: text as it is, anything else as JSON,
/// shortened.
fn show(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut shown: String = text.chars().take(60).flat_map(char::escape_debug).collect();
    if text.chars().count() > 60 {
        shown.push('…');
    }
    shown
}
