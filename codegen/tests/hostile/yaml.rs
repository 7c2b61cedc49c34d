//! A small YAML writer for generated specs: block style, every string
//! double-quoted with escapes, so any text (line breaks, control and bidi
//! characters, quotes) reaches the loader exactly as planted.

/// A YAML node.
#[derive(Clone, Debug, PartialEq)]
pub enum Y {
    /// A string, always double-quoted.
    Str(String),
    /// Written as is: numbers, booleans, `null`, `{}`, `[]`.
    Raw(String),
    Seq(Vec<Y>),
    Map(Vec<(String, Y)>),
}

impl Y {
    pub fn str(text: impl Into<String>) -> Y {
        Y::Str(text.into())
    }

    pub fn raw(text: impl Into<String>) -> Y {
        Y::Raw(text.into())
    }

    /// A mapping from `(key, value)` pairs.
    pub fn map<K: Into<String>>(entries: impl IntoIterator<Item = (K, Y)>) -> Y {
        Y::Map(entries.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// The document text.
    pub fn document(&self) -> String {
        let mut out = String::new();
        match self {
            Y::Map(entries) if !entries.is_empty() => write_entries(entries, 0, &mut out),
            other => {
                write_inline(other, &mut out);
                out.push('\n');
            }
        }
        out
    }
}

fn write_entries(entries: &[(String, Y)], indent: usize, out: &mut String) {
    for (key, value) in entries {
        out.push_str(&" ".repeat(indent));
        out.push_str(&key_text(key));
        out.push(':');
        write_value(value, indent, out);
    }
}

fn write_value(value: &Y, indent: usize, out: &mut String) {
    match value {
        Y::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            write_entries(entries, indent + 2, out);
        }
        Y::Seq(items) if !items.is_empty() => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent + 2));
                out.push('-');
                match item {
                    Y::Map(entries) if !entries.is_empty() => {
                        // `- key: value` with the rest of the mapping below.
                        out.push(' ');
                        let mut first = String::new();
                        write_entries(&entries[..1], 0, &mut first);
                        out.push_str(&first);
                        write_entries(&entries[1..], indent + 4, out);
                    }
                    other => write_value(other, indent + 2, out),
                }
            }
        }
        other => {
            out.push(' ');
            write_inline(other, out);
            out.push('\n');
        }
    }
}

fn write_inline(value: &Y, out: &mut String) {
    match value {
        Y::Str(text) => out.push_str(&quote(text)),
        Y::Raw(text) => out.push_str(text),
        Y::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_inline(item, out);
            }
            out.push(']');
        }
        Y::Map(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&key_text(key));
                out.push_str(": ");
                write_inline(item, out);
            }
            out.push('}');
        }
    }
}

/// A key is written plain only when YAML reads it back as the same string.
fn key_text(key: &str) -> String {
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(
            key.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain { key.to_string() } else { quote(key) }
}

/// A YAML double-quoted scalar holding exactly `text`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // YAML forbids these raw, or folds them (line and paragraph
            // separators, the byte-order mark); bidi controls are escaped
            // too, so a printed case reads as it is.
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{200e}' | '\u{200f}'
                )
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_through_the_loader() {
        let tricky = "a\"b\\c\nd\re\u{202e}f\u{0}g\u{2028}h ~~~ ``` */ #x: y";
        let doc = Y::map([("key", Y::str(tricky))]).document();
        let parsed: std::collections::BTreeMap<String, String> =
            serde_saphyr::from_str(&doc).unwrap();
        assert_eq!(parsed["key"], tricky, "{doc}");
    }
}
