//! Outbound validation: the [`Validate`] trait, the [`Violations`] collector
//! and the error types it produces.
//!
//! Generated constrained types (newtypes such as `SingleUseHash`) check
//! themselves with the helpers in [`rules`] and report a [`ConstraintError`];
//! generated request structs implement [`Validate`] by calling
//! [`Violations::field`] for each field, so that every violation carries the
//! path of the offending field (`params.hash`, `params.domains[2]`).
//!
//! Messages never contain the checked value: at most one offending character,
//! as its `U+XXXX` code point and 1-based position, and for secret fields not
//! even that (see [`Violation::redacted`]).

use std::collections::{BTreeMap, HashMap};
use std::fmt;

mod conditions;

/// The rule helpers generated types call, from `hostapi-rules`.
pub use hostapi_rules as rules;
pub use hostapi_rules::{ConstraintError, Violation};

pub use conditions::{RequiredIf, When};

/// A violation together with the path of the field where it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldViolation {
    /// The field's path as on the wire: `params.hash` or `params.domains[2]`
    /// inside Liquid Web's `params` envelope, a bare `Password` for
    /// parameters sent as a query string or form.
    pub path: String,
    /// The constrained type, e.g. `"SingleUseHash"`; empty for a violation
    /// of no type (a conditionally required parameter that is missing).
    pub type_name: &'static str,
    /// The broken rule.
    pub violation: Violation,
}

impl fmt::Display for FieldViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        // Violations that belong to no type (a missing conditional
        // parameter) have an empty `type_name`.
        if !self.type_name.is_empty() {
            write!(f, "{}: ", self.type_name)?;
        }
        f.write_str(&self.violation.message)
    }
}

/// Every violation found in a request. Never empty when returned as an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// The violations, in field order.
    pub violations: Vec<FieldViolation>,
}

impl fmt::Display for ValidationError {
    /// Lists every violation with its path, separated by `"; "`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// Something that can check itself before it is sent.
pub trait Validate {
    /// Records every violation in `v`, at `v`'s current path.
    fn validate(&self, v: &mut Violations);
}

/// How a sent numbered series (or series of groups) is numbered: its first
/// number, the most values it takes (`None`: as many as the caller sends,
/// the vendor giving no highest number), and whether one is required.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Numbering {
    /// The number of the first value (`1` for `NS1`).
    pub first: usize,
    /// The most values the series takes; `None` when open-ended.
    pub max: Option<usize>,
    /// Whether at least one value must be sent.
    pub required: bool,
}

/// Collects [`FieldViolation`]s while walking a value, keeping track of the
/// current field path.
#[derive(Clone, Debug, Default)]
pub struct Violations {
    path: String,
    found: Vec<FieldViolation>,
    /// Inside a secret field: violations are redacted.
    secret_depth: u32,
}

impl Violations {
    /// A collector with an empty root path.
    pub fn new() -> Self {
        Violations::default()
    }

    /// A collector whose paths start with `root` (e.g. `"params"`, the
    /// request's wire envelope; `""` for none).
    pub fn with_root(root: &'static str) -> Self {
        Violations {
            path: root.to_owned(),
            found: Vec::new(),
            secret_depth: 0,
        }
    }

    /// Validates `value` as the field `name` of the current path.
    pub fn field<T: Validate + ?Sized>(&mut self, name: &str, value: &T) {
        let len = self.path.len();
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(name);
        value.validate(self);
        self.path.truncate(len);
    }

    /// Validates `value` as element `index` of the current path (`[index]`).
    pub fn index<T: Validate + ?Sized>(&mut self, index: usize, value: &T) {
        use std::fmt::Write as _;
        let len = self.path.len();
        let _ = write!(self.path, "[{index}]");
        value.validate(self);
        self.path.truncate(len);
    }

    /// Validates `value` as the map entry `key` of the current path (`[key]`).
    pub fn key<T: Validate + ?Sized>(&mut self, key: &str, value: &T) {
        let len = self.path.len();
        self.path.push('[');
        self.path.push_str(key);
        self.path.push(']');
        value.validate(self);
        self.path.truncate(len);
    }

    /// Validates a numbered series (`NS{n}`) sent as one parameter per
    /// value: each value at its own number's name, too many values (or none,
    /// when one is required) a violation naming the series.
    pub fn series<T: Validate>(&mut self, pattern: &str, numbering: Numbering, values: &[T]) {
        for (number, value) in (numbering.first..).zip(values) {
            self.field(&crate::record::series_name(pattern, number), value);
        }
        let first = crate::record::series_name(pattern, numbering.first);
        let broken = match (values.len(), numbering.max) {
            (len, Some(max)) if len > max => Some(Violation::new(
                "max_items",
                format!(
                    "at most {max} values (`{first}` to `{}`), got {len}",
                    crate::record::series_name(pattern, (numbering.first + max).saturating_sub(1)),
                ),
            )),
            (0, _) if numbering.required => Some(Violation::new(
                "required",
                format!("at least one value (`{first}`) is required"),
            )),
            _ => None,
        };
        if let Some(violation) = broken {
            self.push_at(pattern, violation);
        }
    }

    /// Checks how many groups a numbered series of groups holds (each
    /// group's members are checked by the record's walk): more than its
    /// `max`, or none when one is required, is a violation at `name`, the
    /// series' field.
    pub fn group_count(&mut self, name: &str, numbering: Numbering, len: usize) {
        let broken = match numbering.max {
            Some(max) if len > max => Some(Violation::new(
                "max_items",
                format!(
                    "at most {max} group{}, got {len}",
                    if max == 1 { "" } else { "s" }
                ),
            )),
            _ if numbering.required && len == 0 => Some(Violation::new(
                "required",
                "at least one group is required".to_owned(),
            )),
            _ => None,
        };
        if let Some(violation) = broken {
            self.push_at(name, violation);
        }
    }

    /// Records `violation` at the field `name` of the current path.
    fn push_at(&mut self, name: &str, violation: Violation) {
        let len = self.path.len();
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(name);
        self.found.push(FieldViolation {
            path: self.path.clone(),
            type_name: "",
            violation,
        });
        self.path.truncate(len);
    }

    /// Validates a secret value at the current path: whatever it reports is
    /// [redacted](Violation::redacted).
    pub fn secret<T: Validate + ?Sized>(&mut self, value: &T) {
        self.secret_depth += 1;
        value.validate(self);
        self.secret_depth -= 1;
    }

    /// Records `result`'s error, if any, at the current path. With
    /// `secret = true`, or inside [`Violations::secret`], the violation is
    /// [redacted](Violation::redacted).
    pub fn check(&mut self, result: Result<(), ConstraintError>, secret: bool) {
        if let Err(e) = result {
            let violation = if secret || self.secret_depth > 0 {
                e.violation.redacted()
            } else {
                e.violation
            };
            self.found.push(FieldViolation {
                path: self.path.clone(),
                type_name: e.type_name,
                violation,
            });
        }
    }

    /// The current path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The violations recorded so far.
    pub fn violations(&self) -> &[FieldViolation] {
        &self.found
    }

    /// Whether nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// `Ok(())` when nothing was recorded, else every violation.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                violations: self.found,
            })
        }
    }
}

macro_rules! no_op_validate {
    ($($t:ty),* $(,)?) => {
        $(
            impl Validate for $t {
                /// Carries no constraints of its own.
                #[inline]
                fn validate(&self, _v: &mut Violations) {}
            }
        )*
    };
}

no_op_validate!(
    String,
    str,
    bool,
    char,
    (),
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    usize,
    f32,
    f64,
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>,
);

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, v: &mut Violations) {
        if let Some(inner) = self {
            inner.validate(v);
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate(&self, v: &mut Violations) {
        for (i, item) in self.iter().enumerate() {
            v.index(i, item);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, v: &mut Violations) {
        self.as_slice().validate(v);
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate(&self, v: &mut Violations) {
        (**self).validate(v);
    }
}

impl<T: Validate + ?Sized> Validate for &T {
    fn validate(&self, v: &mut Violations) {
        (**self).validate(v);
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate(&self, v: &mut Violations) {
        for (k, item) in self {
            v.key(k, item);
        }
    }
}

impl<T: Validate, S> Validate for HashMap<String, T, S> {
    fn validate(&self, v: &mut Violations) {
        let mut entries: Vec<_> = self.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (k, item) in entries {
            v.key(k, item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Hash(String);
    impl Validate for Hash {
        fn validate(&self, v: &mut Violations) {
            v.check(
                rules::length_in(&self.0, &[27, 86]).map_err(|e| e.for_type("SingleUseHash")),
                false,
            );
        }
    }

    struct Pass(String);
    impl Validate for Pass {
        fn validate(&self, v: &mut Violations) {
            v.check(
                rules::control_chars(&self.0, true, true, true).map_err(|e| e.for_type("Pass")),
                true,
            );
        }
    }

    struct Req {
        hash: Hash,
        pass: Option<Pass>,
        list: Vec<Hash>,
    }
    impl Validate for Req {
        fn validate(&self, v: &mut Violations) {
            v.field("hash", &self.hash);
            v.field("pass", &self.pass);
            v.field("list", &self.list);
        }
    }

    #[test]
    fn paths_and_redaction() {
        let req = Req {
            hash: Hash("x".repeat(30)),
            pass: Some(Pass("abcd\u{7}".into())),
            list: vec![Hash("y".repeat(27)), Hash("z".into())],
        };
        let mut v = Violations::with_root("params");
        req.validate(&mut v);
        assert_eq!(v.path(), "params");
        let err = v.into_result().unwrap_err();
        assert_eq!(err.violations.len(), 3);
        assert_eq!(err.violations[0].path, "params.hash");
        assert_eq!(err.violations[1].path, "params.pass");
        assert_eq!(
            err.violations[1].violation.message,
            "character 5 is not allowed"
        );
        assert_eq!(err.violations[2].path, "params.list[1]");
        assert_eq!(
            err.to_string(),
            "params.hash: SingleUseHash: expected 27 or 86 characters, got 30; \
             params.pass: Pass: character 5 is not allowed; \
             params.list[1]: SingleUseHash: expected 27 or 86 characters, got 1"
        );
    }

    #[test]
    fn empty_is_ok() {
        let mut v = Violations::new();
        v.field("a", "anything");
        v.field("b", &Some(3i64));
        assert!(v.is_empty());
        assert!(v.into_result().is_ok());
    }

    #[test]
    fn constraint_error_display() {
        let e = rules::length_in(&"a".repeat(30), &[27, 86])
            .unwrap_err()
            .for_type("SingleUseHash");
        assert_eq!(
            e.to_string(),
            "SingleUseHash: expected 27 or 86 characters, got 30"
        );
    }

    #[test]
    fn redacted_keeps_messages_without_characters() {
        let v = Violation::new("length", "expected 6 characters, got 5");
        assert_eq!(v.clone().redacted(), v);
        let f = rules::first_char("1abc", |c| c.is_ascii_uppercase(), "a capital letter")
            .unwrap_err()
            .redacted();
        assert_eq!(f.message, "first character is not allowed");
    }
}
