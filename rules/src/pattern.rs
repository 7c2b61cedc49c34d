//! The regular-expression fallback, for phrases no specialised rule covers.
//! Behind the `pattern` feature so that crates without such types do not
//! build the `regex` crate.

use std::sync::OnceLock;

use regex::Regex;

use super::Violation;

/// A pattern checked against the whole value. The generator has already
/// compiled the source, so compiling it here cannot fail in practice; if it
/// does, every value is refused rather than accepted.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// A pattern from its source; anchored at both ends when used.
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(&format!(r"\A(?:{})\z", self.source)).ok())
            .as_ref()
    }
}

/// The whole value must match `pattern`; `described` says what it means.
///
/// Message: "expected a MIME type (pattern `…`)".
pub fn pattern(value: &str, pattern: &Pattern, described: &'static str) -> Result<(), Violation> {
    match pattern.regex() {
        Some(regex) if regex.is_match(value) => Ok(()),
        _ => Err(Violation::new(
            "pattern",
            format!("expected {described} (pattern `{}`)", pattern.source),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static MIME: Pattern = Pattern::new(r"[a-z]+/[a-z0-9.+-]+");
    static BROKEN: Pattern = Pattern::new(r"(unclosed");

    #[test]
    fn the_whole_value_must_match() {
        assert!(pattern("text/plain", &MIME, "a MIME type").is_ok());
        let error = pattern("text/plain; x", &MIME, "a MIME type").unwrap_err();
        assert_eq!(error.rule, "pattern");
        assert_eq!(
            error.message,
            "expected a MIME type (pattern `[a-z]+/[a-z0-9.+-]+`)"
        );
        assert!(pattern("xtext/plain\n", &MIME, "a MIME type").is_err());
        assert!(pattern("", &MIME, "a MIME type").is_err());
    }

    #[test]
    fn a_pattern_that_does_not_compile_refuses_every_value() {
        assert!(pattern("(unclosed", &BROKEN, "anything").is_err());
    }
}
