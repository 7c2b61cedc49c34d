//! The character-class notation of `chars` and `first_char`: `A-Z0-9`,
//! `a-zA-Z0-9._-`. Parsed at generation time into ranges the emitter turns
//! into a `matches!` pattern.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CharClass {
    /// Inclusive ranges, sorted and merged.
    pub ranges: Vec<(char, char)>,
}

impl CharClass {
    pub fn parse(text: &str) -> Result<CharClass, String> {
        // Tokens are (char, escaped); only an unescaped `-` between two
        // tokens makes a range.
        let mut tokens = Vec::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                tokens.push((c, false));
                continue;
            }
            let escaped = match chars.next() {
                Some('t') => '\t',
                Some('n') => '\n',
                Some('r') => '\r',
                Some(e @ ('\\' | '-' | ']' | '^')) => e,
                Some(other) => return Err(format!("unknown escape `\\{other}`")),
                None => return Err("a trailing `\\` escapes nothing".to_string()),
            };
            tokens.push((escaped, true));
        }
        let mut items = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let start = tokens[i].0;
            if i + 2 < tokens.len() && tokens[i + 1] == ('-', false) {
                let end = tokens[i + 2].0;
                if end < start {
                    return Err(format!("range `{start}-{end}` runs backwards"));
                }
                items.push((start, end));
                i += 3;
            } else {
                items.push((start, start));
                i += 1;
            }
        }
        if items.is_empty() {
            return Err("the class allows no characters".to_string());
        }
        items.sort();
        let mut ranges: Vec<(char, char)> = Vec::new();
        for (start, end) in items {
            match ranges.last_mut() {
                Some(last) if (start as u32) <= (last.1 as u32).saturating_add(1) => {
                    last.1 = last.1.max(end);
                }
                _ => ranges.push((start, end)),
            }
        }
        Ok(CharClass { ranges })
    }

    pub fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|&(a, b)| a <= c && c <= b)
    }

    /// Plain words for messages: "A-Z, 0-9, `.`, `_`".
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .ranges
            .iter()
            .map(|&(a, b)| match (a, b) {
                ('A', 'Z') => "A-Z".to_string(),
                ('a', 'z') => "a-z".to_string(),
                ('0', '9') => "0-9".to_string(),
                (' ', ' ') => "space".to_string(),
                ('\t', '\t') => "tab".to_string(),
                (a, b) if a == b => format!("`{}`", a.escape_debug()),
                (a, b) => format!("`{}`-`{}`", a.escape_debug(), b.escape_debug()),
            })
            .collect();
        parts.join(", ")
    }
}

impl fmt::Display for CharClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges_and_literals() {
        let class = CharClass::parse("A-Z0-9").unwrap();
        assert_eq!(class.ranges, vec![('0', '9'), ('A', 'Z')]);
        let class = CharClass::parse("a-zA-Z0-9._-").unwrap();
        assert!(class.contains('-') && class.contains('.') && class.contains('_'));
        assert!(!class.contains(' '));
        assert!(CharClass::parse("-a").unwrap().contains('-'));
        assert!(CharClass::parse("\\t ").unwrap().contains('\t'));
    }

    #[test]
    fn rejects_bad_classes() {
        assert!(CharClass::parse("").is_err());
        assert!(CharClass::parse("z-a").is_err());
        assert!(CharClass::parse("a\\q").is_err());
        assert!(CharClass::parse("a\\").is_err());
    }

    #[test]
    fn describes_in_words() {
        assert_eq!(CharClass::parse("A-Z0-9").unwrap().describe(), "0-9, A-Z");
        assert_eq!(CharClass::parse(" _").unwrap().describe(), "space, `_`");
    }
}
