//! Rule helpers used by generated constrained types.
//!
//! Every helper returns `Ok(())` without allocating when the value passes,
//! walks the value once, uses no regular expressions, and counts
//! **characters** (Unicode scalar values), not bytes. Positions in messages
//! are 1-based character positions. Messages never contain the value itself;
//! at most one offending character appears, as its `U+XXXX` code point, which
//! [`Violation::redacted`] strips for secrets.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt::Write as _;

mod base_url;
mod combined;
mod domain;
mod encoded;
mod number;
mod pattern;
mod text;
mod time;
mod uri;
mod violation;

pub use base_url::base_url;
pub use combined::{Length, length_and_chars};
pub use domain::{
    ReverseFamily, domain_name, email, fqdn, hostname, ipv4, ipv4_cidr, ipv6, reverse_dns_name,
    reverse_zone, wildcard_domain,
};
pub use encoded::{mime_type, pem, ssh_public_key};
pub use number::{Decimal, decimal};
pub use pattern::{PATTERN_NEST_LIMIT, PATTERN_SIZE_LIMIT, anchored_pattern};
#[cfg(feature = "pattern")]
pub use pattern::{Pattern, pattern};
#[cfg(feature = "pattern-check")]
pub use pattern::{PatternError, PatternMatcher};
pub use text::{CharKind, char_classes, not_chars};
pub use time::{date, datetime};
pub use uri::http_uri;
pub use violation::{ConstraintError, Violation};

#[inline]
fn char_count(value: &str) -> usize {
    value.chars().count()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "character" } else { "characters" }
}

/// "character 5 (U+0007)".
fn char_at(position: usize, c: char) -> String {
    format!("character {position} (U+{:04X})", c as u32)
}

/// [`char_at`] for a character found at a byte offset of `value`.
fn char_at_byte(value: &str, byte_offset: usize, c: char) -> String {
    char_at(char_count(&value[..byte_offset]) + 1, c)
}

/// `[27, 86]` → "27 or 86"; `[1, 2, 3]` → "1, 2 or 3".
fn join_or(items: &[usize]) -> String {
    let mut out = String::new();
    for (i, n) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " or " } else { ", " });
        }
        let _ = write!(out, "{n}");
    }
    out
}

/// The length, in characters, must be one of `allowed`.
///
/// Message: "expected 27 or 86 characters, got 30".
#[inline]
pub fn length_in(value: &str, allowed: &[usize]) -> Result<(), Violation> {
    let n = if value.is_ascii() {
        value.len()
    } else {
        char_count(value)
    };
    if allowed.contains(&n) {
        return Ok(());
    }
    length_in_failure(n, allowed)
}

// Messages are built out of line: callers inline only the test.
#[cold]
#[inline(never)]
fn length_in_failure(n: usize, allowed: &[usize]) -> Result<(), Violation> {
    let message = match allowed {
        [] => format!("no length is allowed, got {n} {}", plural(n)),
        [one] => format!("expected {one} {}, got {n}", plural(*one)),
        _ => format!("expected {} characters, got {n}", join_or(allowed)),
    };
    Err(Violation::new("length", message))
}

/// At least `min` characters.
///
/// Message: "expected at least 1 character, got 0".
#[inline]
pub fn min_length(value: &str, min: usize) -> Result<(), Violation> {
    // A character is one to four bytes: `4 × min` bytes hold at least `min`
    // characters whatever they are (so `min_length(v, 1)` only asks whether
    // `v` is empty), fewer than `min` bytes hold fewer.
    let bytes = value.len();
    if bytes >= min.saturating_mul(4)
        || bytes >= min && (value.is_ascii() || char_count(value) >= min)
    {
        return Ok(());
    }
    min_length_failure(value, min)
}

#[cold]
#[inline(never)]
fn min_length_failure(value: &str, min: usize) -> Result<(), Violation> {
    let n = char_count(value);
    Err(Violation::new(
        "min_length",
        format!("expected at least {min} {}, got {n}", plural(min)),
    ))
}

/// At most `max` characters.
///
/// Message: "expected at most 80 characters, got 81".
#[inline]
pub fn max_length(value: &str, max: usize) -> Result<(), Violation> {
    // A character is at least one byte: few bytes means few characters.
    if value.len() <= max {
        return Ok(());
    }
    max_length_counted(value, max)
}

/// [`max_length`] for a value with more bytes than `max`, which may still
/// have few enough characters.
#[inline(never)]
fn max_length_counted(value: &str, max: usize) -> Result<(), Violation> {
    let n = char_count(value);
    if n <= max {
        return Ok(());
    }
    Err(Violation::new(
        "max_length",
        format!("expected at most {max} {}, got {n}", plural(max)),
    ))
}

/// Whether every byte of `bytes` is ASCII and `allowed`. No decoding (a
/// byte below 0x80 is a whole character) and no early exit, so the
/// compiler can test many bytes at once.
#[inline]
pub(crate) fn all_ascii_and_allowed(bytes: &[u8], allowed: &impl Fn(char) -> bool) -> bool {
    bytes
        .iter()
        .fold(true, |ok, &b| ok & (b < 0x80) & allowed(char::from(b)))
}

/// Every character must satisfy `allowed`; `described` names the allowed set
/// ("capital letters and digits").
///
/// Message: "character 3 (U+0061) is not allowed; expected only capital
/// letters and digits".
#[inline]
pub fn chars(
    value: &str,
    allowed: impl Fn(char) -> bool,
    described: &str,
) -> Result<(), Violation> {
    if all_ascii_and_allowed(value.as_bytes(), &allowed) {
        return Ok(());
    }
    chars_decoded(value, &allowed, described)
}

/// [`chars`] character by character: for non-ASCII values, and to name the
/// first character refused.
#[inline(never)]
fn chars_decoded(
    value: &str,
    allowed: &impl Fn(char) -> bool,
    described: &str,
) -> Result<(), Violation> {
    for (i, c) in value.chars().enumerate() {
        if !allowed(c) {
            return Err(Violation::new(
                "chars",
                format!(
                    "{} is not allowed; expected only {described}",
                    char_at(i + 1, c)
                ),
            ));
        }
    }
    Ok(())
}

/// The first character must satisfy `allowed`; an empty value fails.
/// `described` names what is allowed ("a letter").
///
/// Message: "first character (U+0031) is not allowed; it must be a letter".
#[inline]
pub fn first_char(
    value: &str,
    allowed: impl Fn(char) -> bool,
    described: &str,
) -> Result<(), Violation> {
    // An ASCII first byte is the whole first character.
    if let Some(&b) = value.as_bytes().first()
        && b < 0x80
        && allowed(char::from(b))
    {
        return Ok(());
    }
    match value.chars().next() {
        Some(c) if allowed(c) => Ok(()),
        first => first_char_failure(first, described),
    }
}

#[cold]
#[inline(never)]
fn first_char_failure(first: Option<char>, described: &str) -> Result<(), Violation> {
    let message = match first {
        Some(c) => format!(
            "first character (U+{:04X}) is not allowed; it must be {described}",
            c as u32
        ),
        None => format!("the value is empty; its first character must be {described}"),
    };
    Err(Violation::new("first_char", message))
}

/// No control characters (`char::is_control`: C0, DEL and C1), except tab,
/// carriage return and line feed where allowed.
///
/// Message: "character 5 (U+0007) is a control character; only tab, CR and
/// LF are allowed".
#[inline]
pub fn control_chars(
    value: &str,
    allow_tab: bool,
    allow_cr: bool,
    allow_lf: bool,
) -> Result<(), Violation> {
    if !may_hold_forbidden_control(value.as_bytes(), allow_tab, allow_cr, allow_lf) {
        return Ok(());
    }
    control_chars_slow(value, allow_tab, allow_cr, allow_lf)
}

/// Whether `bytes` may hold a forbidden control character: C0 and DEL are
/// single bytes, C1 (U+0080 to U+009F) starts with 0xC2. Branch-free over
/// 64-byte blocks so the compiler vectorises it; long texts scan at memory
/// speed and only a suspicious text takes the exact, character-wise path.
fn may_hold_forbidden_control(bytes: &[u8], tab: bool, cr: bool, lf: bool) -> bool {
    let single = |b: u8| {
        let allowed = (tab & (b == b'\t')) | (cr & (b == b'\r')) | (lf & (b == b'\n'));
        ((b < 0x20) & !allowed) | (b == 0x7F)
    };
    // U+0080 to U+009F: 0xC2 followed by 0x80 to 0x9F.
    let pair = |a: u8, b: u8| (a == 0xC2) & (b & 0xE0 == 0x80);
    let mut start = 0;
    while start + 65 <= bytes.len() {
        let block = &bytes[start..start + 65];
        let mut any = false;
        for j in 0..64 {
            any |= single(block[j]) | pair(block[j], block[j + 1]);
        }
        if any {
            return true;
        }
        start += 64;
    }
    let tail = &bytes[start..];
    (0..tail.len()).any(|j| single(tail[j]) || (j + 1 < tail.len() && pair(tail[j], tail[j + 1])))
}

#[cold]
#[inline(never)]
fn control_chars_slow(
    value: &str,
    allow_tab: bool,
    allow_cr: bool,
    allow_lf: bool,
) -> Result<(), Violation> {
    for (i, c) in value.chars().enumerate() {
        if !c.is_control() {
            continue;
        }
        let ok = match c {
            '\t' => allow_tab,
            '\r' => allow_cr,
            '\n' => allow_lf,
            _ => false,
        };
        if ok {
            continue;
        }
        let mut names: Vec<&str> = Vec::with_capacity(3);
        if allow_tab {
            names.push("tab");
        }
        if allow_cr {
            names.push("CR");
        }
        if allow_lf {
            names.push("LF");
        }
        let tail = match names.as_slice() {
            [] => "no control characters are allowed".to_owned(),
            [one] => format!("only {one} is allowed"),
            [a, b] => format!("only {a} and {b} are allowed"),
            [a, b, c] => format!("only {a}, {b} and {c} are allowed"),
            _ => unreachable!("at most three names"),
        };
        return Err(Violation::new(
            "control_chars",
            format!("{} is a control character; {tail}", char_at(i + 1, c)),
        ));
    }
    Ok(())
}

/// A base64 string: ASCII letters, digits, `+` and `/`, then zero to two `=`
/// and nothing after them. The length is not required to be a multiple of
/// four: the vendor's phrase does not say so.
#[inline]
pub fn base64(value: &str) -> Result<(), Violation> {
    // Fast path: comparisons without early exit, which the compiler turns
    // into vector code; the slow path below only runs to describe a
    // failure.
    let bytes = value.as_bytes();
    let padding = bytes.iter().rev().take_while(|&&b| b == b'=').count();
    let body = &bytes[..bytes.len() - padding];
    let body_ok = body.iter().fold(true, |ok, &b| {
        ok & (b.is_ascii_alphanumeric() | (b == b'+') | (b == b'/'))
    });
    if padding <= 2 && body_ok {
        return Ok(());
    }
    base64_slow(value)
}

#[cold]
#[inline(never)]
fn base64_slow(value: &str) -> Result<(), Violation> {
    const RULE: &str = "format.base64";
    let mut padding = 0usize;
    for (i, c) in value.chars().enumerate() {
        if c == '=' {
            padding += 1;
            if padding > 2 {
                return Err(Violation::new(
                    RULE,
                    "expected at most two '=' padding characters at the end, got more",
                ));
            }
        } else if padding > 0 {
            return Err(Violation::new(
                RULE,
                format!(
                    "{} follows the '=' padding; '=' may only appear at the end",
                    char_at(i + 1, c)
                ),
            ));
        } else if !(c.is_ascii_alphanumeric() || c == '+' || c == '/') {
            return Err(Violation::new(
                RULE,
                format!(
                    "{} is not allowed; expected letters, digits, '+' and '/', then at most two '='",
                    char_at(i + 1, c)
                ),
            ));
        }
    }
    Ok(())
}

/// `value >= min`. Message: "must be at least 1".
#[inline]
pub fn int_min(value: i64, min: i64) -> Result<(), Violation> {
    if value >= min {
        Ok(())
    } else {
        Err(Violation::new("min", format!("must be at least {min}")))
    }
}

/// `value <= max`. Message: "must be at most 100".
#[inline]
pub fn int_max(value: i64, max: i64) -> Result<(), Violation> {
    if value <= max {
        Ok(())
    } else {
        Err(Violation::new("max", format!("must be at most {max}")))
    }
}

/// `value >= min`; NaN fails.
#[inline]
pub fn float_min(value: f64, min: f64) -> Result<(), Violation> {
    if value.is_nan() {
        Err(Violation::new(
            "min",
            format!("must be a number of at least {min}, got NaN"),
        ))
    } else if value >= min {
        Ok(())
    } else {
        Err(Violation::new("min", format!("must be at least {min}")))
    }
}

/// `value > bound` ("a positive floating-point value" is above 0); NaN fails.
#[inline]
pub fn float_above(value: f64, bound: f64) -> Result<(), Violation> {
    if value > bound {
        Ok(())
    } else if value.is_nan() {
        Err(Violation::new(
            "above",
            format!("must be a number above {bound}, got NaN"),
        ))
    } else {
        Err(Violation::new("above", format!("must be above {bound}")))
    }
}

/// `value <= max`; NaN fails.
#[inline]
pub fn float_max(value: f64, max: f64) -> Result<(), Violation> {
    if value.is_nan() {
        Err(Violation::new(
            "max",
            format!("must be a number of at most {max}, got NaN"),
        ))
    } else if value <= max {
        Ok(())
    } else {
        Err(Violation::new("max", format!("must be at most {max}")))
    }
}

/// For enums that keep unknown values: `known` says whether the value is one
/// of `allowed`.
///
/// Message: `expected one of "Text", "HTML", "XML"`.
#[inline]
pub fn enum_known(known: bool, allowed: &[&str]) -> Result<(), Violation> {
    if known {
        return Ok(());
    }
    let mut message = String::from("expected one of ");
    for (i, a) in allowed.iter().enumerate() {
        if i > 0 {
            message.push_str(", ");
        }
        let _ = write!(message, "{a:?}");
    }
    if allowed.is_empty() {
        message = "no value is allowed".to_owned();
    }
    Err(Violation::new("enum", message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The fast paths decide exactly like the exact, character-wise ones.
        #[test]
        fn fast_paths_agree_with_the_exact_rules(
            value in "[A-Za-z0-9+/=]{0,80}|[ -~\t\r\n\u{7f}-\u{a0}©é]{0,200}|\\PC{0,80}",
            tab: bool, cr: bool, lf: bool,
        ) {
            prop_assert_eq!(base64(&value).is_ok(), base64_slow(&value).is_ok());
            prop_assert_eq!(
                control_chars(&value, tab, cr, lf).is_ok(),
                control_chars_slow(&value, tab, cr, lf).is_ok()
            );
        }

        /// The length shortcuts (byte counts, `4 × min` bytes) decide as a
        /// count of characters does.
        #[test]
        fn length_rules_count_characters(
            // Characters of one to four bytes, mixed.
            value in "[a-z]{0,12}|[aé€😀]{0,12}|\\PC{0,12}",
            bound in 0usize..16,
        ) {
            let n = value.chars().count();
            prop_assert_eq!(min_length(&value, bound).is_ok(), n >= bound);
            prop_assert_eq!(max_length(&value, bound).is_ok(), n <= bound);
            prop_assert_eq!(length_in(&value, &[bound]).is_ok(), n == bound);
        }

        /// The byte-wise fast paths of `chars` and `first_char` accept only
        /// what the character-wise walk accepts.
        #[test]
        fn character_rules_agree_with_the_character_walk(
            value in "[ -~]{0,20}|[a-z0-9é€ ]{0,12}|\\PC{0,12}",
            which in 0usize..3,
        ) {
            let (allowed, described) = PREDICATES[which];
            prop_assert_eq!(
                chars(&value, allowed, described),
                chars_decoded(&value, &allowed, described)
            );
            prop_assert_eq!(
                first_char(&value, allowed, described).is_ok(),
                value.chars().next().is_some_and(allowed)
            );
        }
    }

    /// Every byte value's character in a base64 body, before and in the
    /// padding: the vectorised test agrees with the exact one.
    #[test]
    fn every_byte_value_in_base64_agrees_with_the_exact_rule() {
        for c in (0u8..=0xFF).map(char::from) {
            for value in [
                format!("{c}"),
                format!("QUJD{c}RE"),
                format!("QUJDREVGR0hJSktMTU5PUFFS{c}1RVVldYWVo0MTIz=="),
                format!("QU{c}="),
                format!("QU={c}"),
            ] {
                assert_eq!(
                    base64(&value).is_ok(),
                    base64_slow(&value).is_ok(),
                    "{value:?}"
                );
            }
        }
    }

    /// Values of one- to four-byte characters against every bound near
    /// their length: the byte-count shortcuts never decide wrongly.
    #[test]
    fn length_shortcuts_hold_for_every_character_width() {
        for c in ['a', 'é', '€', '😀'] {
            for n in 0..10 {
                let value = c.to_string().repeat(n);
                for bound in 0..=4 * n + 2 {
                    assert_eq!(
                        min_length(&value, bound).is_ok(),
                        n >= bound,
                        "{value} {bound}"
                    );
                    assert_eq!(
                        max_length(&value, bound).is_ok(),
                        n <= bound,
                        "{value} {bound}"
                    );
                }
            }
        }
    }

    /// A character test and its description.
    type Predicate = (fn(char) -> bool, &'static str);

    /// Character tests as generated code writes them: ASCII sets, and one
    /// that takes letters of any script.
    const PREDICATES: [Predicate; 3] = [
        (
            |c| matches!(c, '-'..='.' | '0'..='9' | 'A'..='Z' | '_' | 'a'..='z'),
            "-, ., 0-9, A-Z, _, a-z",
        ),
        (|c| c.is_ascii_digit(), "0-9"),
        (char::is_alphabetic, "letters"),
    ];

    /// Every byte value's character, alone and after or before allowed
    /// ones: the byte-wise fast paths judge it as the character-wise rules.
    #[test]
    fn every_byte_value_is_judged_as_its_character() {
        for c in (0u8..=0xFF).map(char::from) {
            for value in [c.to_string(), format!("a1{c}"), format!("{c}b2")] {
                for (allowed, described) in PREDICATES {
                    assert_eq!(
                        chars(&value, allowed, described),
                        chars_decoded(&value, &allowed, described),
                        "{value:?}"
                    );
                    assert_eq!(
                        first_char(&value, allowed, described).is_ok(),
                        value.chars().next().is_some_and(allowed),
                        "{value:?}"
                    );
                }
            }
        }
    }
}

/// The README's Rust examples, compiled as doctests so they cannot drift
/// from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
