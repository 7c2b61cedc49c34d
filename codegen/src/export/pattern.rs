//! ECMA-262 regular expressions (JSON Schema's `pattern`) for our
//! character rules, written so that they mean the same in the usual
//! engines: every character that is not an ASCII letter or digit is a
//! `\uXXXX` escape, so no spec text is ever read as regex syntax.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::ir::charclass::CharClass;

/// The inside of a bracket expression for `class`, or `None` when a
/// character lies beyond U+FFFF (which `\uXXXX` cannot name without the
/// `u` flag; the class is then stated in `x-hostapi-rule`).
pub fn class(class: &CharClass) -> Option<String> {
    let mut set = String::new();
    for &(start, end) in &class.ranges {
        set.push_str(&literal(start)?);
        if end != start {
            set.push('-');
            set.push_str(&literal(end)?);
        }
    }
    Some(set)
}

/// A class as data: its inclusive ranges.
pub fn ranges(class: &CharClass) -> Value {
    let ranges: Vec<Value> = class
        .ranges
        .iter()
        .map(|&(start, end)| json!([start.to_string(), end.to_string()]))
        .collect();
    json!({ "ranges": ranges })
}

/// No control character (C0, DEL and C1, as `char::is_control`) except
/// the tab, CR and LF allowed.
pub fn no_control_chars(tab: bool, cr: bool, lf: bool) -> String {
    let mut forbidden: Vec<(u32, u32)> = Vec::new();
    let mut push = |c: u32| match forbidden.last_mut() {
        Some(last) if last.1 + 1 == c => last.1 = c,
        _ => forbidden.push((c, c)),
    };
    for c in (0..0x20).chain(0x7F..0xA0) {
        let allowed = (tab && c == 0x09) || (cr && c == 0x0D) || (lf && c == 0x0A);
        if !allowed {
            push(c);
        }
    }
    let mut set = String::new();
    for (start, end) in forbidden {
        let _ = write!(set, "\\u{start:04X}");
        if end != start {
            let _ = write!(set, "-\\u{end:04X}");
        }
    }
    format!("^[^{set}]*$")
}

fn literal(c: char) -> Option<String> {
    if c.is_ascii_alphanumeric() {
        Some(c.to_string())
    } else if (c as u32) <= 0xFFFF {
        Some(format!("\\u{:04X}", c as u32))
    } else {
        None
    }
}

/// The keys of a received series (`Err{n}` → `^Err[0-9]+$`), its fixed
/// text escaped.
pub fn series_keys(name: &str) -> String {
    let (before, after) = name.split_once("{n}").unwrap_or((name, ""));
    format!("^{}[0-9]+{}$", escape(before), escape(after))
}

fn escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else if (c as u32) <= 0xFFFF {
                format!("\\u{:04X}", c as u32)
            } else {
                // Outside the BMP: the two UTF-16 halves an ECMA-262
                // pattern without the `u` flag matches.
                let mut units = [0u16; 2];
                c.encode_utf16(&mut units)
                    .iter()
                    .map(|unit| format!("\\u{unit:04X}"))
                    .collect()
            }
        })
        .collect()
}

/// A Rust `regex` pattern (already written back from its syntax tree) as
/// an anchored ECMA-262 one, when it keeps to what both syntaxes read alike:
/// ASCII letters, digits, escaped ASCII punctuation, groups without flags,
/// alternation, bracket expressions without classes, and repetition. `.`,
/// `\d`, `\w`, `\s`, `\b`, flags and Unicode classes differ between the two
/// (Rust's are Unicode-aware), so a pattern using them is stated only in
/// `x-hostapi-rule`.
pub fn portable(source: &str) -> Option<String> {
    let mut chars = source.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | ',' | ' ' => {}
            '\\' => match chars.next() {
                Some(escaped) if escaped.is_ascii_punctuation() => {}
                _ => return None,
            },
            '[' if !in_class => {
                in_class = true;
                // A `[:class:]` or nested set differs between the two.
                if chars.peek() == Some(&'^') {
                    chars.next();
                }
                if matches!(chars.peek(), Some('[' | ']')) {
                    return None;
                }
            }
            ']' if in_class => in_class = false,
            '(' if !in_class => {
                if chars.peek() == Some(&'?') {
                    return None;
                }
            }
            '|' | ')' | '*' | '+' | '?' | '{' | '}' if !in_class => {}
            _ => return None,
        }
    }
    (!in_class).then(|| format!("^(?:{source})$"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_escape_everything_but_letters_and_digits() {
        let class = CharClass::parse("a-zA-Z0-9._-").unwrap();
        assert_eq!(
            super::class(&class).unwrap(),
            "\\u002D-\\u002E0-9A-Z\\u005Fa-z"
        );
        assert_eq!(super::class(&CharClass::parse("😀").unwrap()), None);
    }

    #[test]
    fn control_characters_but_the_allowed_ones() {
        assert_eq!(
            no_control_chars(true, false, true),
            "^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F]*$"
        );
    }

    #[test]
    fn series_keys_are_escaped() {
        assert_eq!(series_keys("Err{n}"), "^Err[0-9]+$");
        assert_eq!(series_keys("a.b{n}c"), "^a\\u002Eb[0-9]+c$");
    }

    #[test]
    fn only_patterns_both_syntaxes_read_alike_are_portable() {
        assert_eq!(
            portable("[A-Z]{2}-[0-9]+").as_deref(),
            Some("^(?:[A-Z]{2}-[0-9]+)$")
        );
        assert_eq!(portable("a\\.b|c").as_deref(), Some("^(?:a\\.b|c)$"));
        for differs in [
            "\\d+",
            "a.b",
            "(?i)abc",
            "[[:alpha:]]",
            "\\p{L}",
            "é",
            "[a-z",
        ] {
            assert_eq!(portable(differs), None, "{differs}");
        }
    }
}
