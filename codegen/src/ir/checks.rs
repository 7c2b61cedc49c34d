//! The checks of a string rule, in the order generated code runs them.
//!
//! One list serves both sides: the emitter turns each check into a call of
//! a `hostapi-rules` function, and the default checker (`ir::defaults`)
//! calls the same function with the same arguments, in the same order, on a
//! spec's documented default. So "a default must satisfy its type" is
//! decided by exactly the code a generated type runs.

use super::charclass::CharClass;
use super::{CharKind, StringFormat, StringRule};

/// One check of a string rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StringCheck<'r> {
    /// `rules::length_in`: the only permitted lengths.
    Lengths(&'r [u32]),
    /// `rules::min_length`.
    MinLength(u32),
    /// `rules::max_length`.
    MaxLength(u32),
    /// `rules::control_chars`: which of tab, CR and LF are allowed.
    ControlChars { tab: bool, cr: bool, lf: bool },
    /// `rules::first_char`.
    FirstChar(&'r CharClass),
    /// `rules::chars`.
    Chars(&'r CharClass),
    /// `rules::not_chars`.
    NotChars(&'r CharClass),
    /// `rules::char_classes`.
    Classes {
        at_least: u32,
        kinds: &'r [CharKind],
    },
    /// One of the format rules.
    Format(&'r StringFormat),
    /// `rules::pattern`: `source` is the pattern as generated code holds it
    /// (written back from its syntax tree), `described` the type's phrase
    /// for the message.
    Pattern { source: &'r str, described: &'r str },
}

/// The checks of `rule`, cheapest first. `type_doc` is the type's phrase,
/// which pattern messages quote.
pub fn string_checks<'r>(rule: &'r StringRule, type_doc: &'r str) -> Vec<StringCheck<'r>> {
    let mut checks = Vec::new();
    if !rule.lengths.is_empty() {
        checks.push(StringCheck::Lengths(&rule.lengths));
    }
    if let Some(min) = rule.min_length {
        checks.push(StringCheck::MinLength(min));
    }
    if let Some(max) = rule.max_length {
        checks.push(StringCheck::MaxLength(max));
    }
    if let Some((tab, cr, lf)) = rule.control_chars {
        checks.push(StringCheck::ControlChars { tab, cr, lf });
    }
    if let Some(first) = &rule.first_char {
        checks.push(StringCheck::FirstChar(first));
    }
    if let Some(chars) = &rule.chars {
        checks.push(StringCheck::Chars(chars));
    }
    if let Some(not) = &rule.not_chars {
        checks.push(StringCheck::NotChars(not));
    }
    if let Some((at_least, kinds)) = &rule.classes {
        checks.push(StringCheck::Classes {
            at_least: *at_least,
            kinds,
        });
    }
    if let Some(format) = &rule.format {
        checks.push(StringCheck::Format(format));
    }
    if let Some(source) = &rule.pattern {
        checks.push(StringCheck::Pattern {
            source,
            described: type_doc.trim_end_matches('.'),
        });
    }
    checks
}
