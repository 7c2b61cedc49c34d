//! A broken rule, and a value that broke its type's rule.

use std::fmt;

/// One broken rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Stable id of the rule: `"length"`, `"min_length"`, `"max_length"`,
    /// `"chars"`, `"first_char"`, `"control_chars"`, `"format.base64"`,
    /// `"format.http_uri"`, `"min"`, `"max"`, `"enum"`.
    pub rule: &'static str,
    /// What was expected and what was found, without the value itself.
    pub message: String,
}

impl Violation {
    /// Creates a violation.
    pub fn new(rule: &'static str, message: impl Into<String>) -> Self {
        Violation {
            rule,
            message: message.into(),
        }
    }

    /// Drops the character detail, for secret fields: a message such as
    /// "character 5 (U+0007) is a control character; …" becomes
    /// "character 5 is not allowed". Messages without a code point are kept.
    pub fn redacted(self) -> Violation {
        match self.message.find(" (U+") {
            Some(at) => {
                let mut message = self.message;
                message.truncate(at);
                message.push_str(" is not allowed");
                Violation {
                    rule: self.rule,
                    message,
                }
            }
            None => self,
        }
    }

    /// Attaches the name of the constrained type.
    pub fn for_type(self, type_name: &'static str) -> ConstraintError {
        ConstraintError {
            type_name,
            violation: self,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A value that does not satisfy the constraints of a constrained type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstraintError {
    /// The constrained type, e.g. `"SingleUseHash"`.
    pub type_name: &'static str,
    /// The broken rule.
    pub violation: Violation,
}

impl ConstraintError {
    /// Creates a constraint error.
    pub fn new(type_name: &'static str, violation: Violation) -> Self {
        ConstraintError {
            type_name,
            violation,
        }
    }
}

impl fmt::Display for ConstraintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.type_name, self.violation.message)
    }
}

impl std::error::Error for ConstraintError {}
