//! Names as words: `apiKey`, `api_key`, `APIKey` and `Api-Key` are all
//! `api key`. Rules that read meaning into names (a secret's name) or compare
//! their style work on these words, never on substrings, so `passive` is not
//! `pass` and `keyword` is not `key`.

/// The words of a name, lower case. Words break at anything that is not a
/// letter or digit, between a lower-case letter and an upper-case one
/// (`apiKey`), before the last capital of a run followed by a lower-case
/// letter (`APIKey` → `api`, `key`) and between letters and digits
/// (`key2` → `key`, `2`).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut current, &mut words);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(char::is_lowercase))
                || (prev.is_alphabetic() && c.is_numeric())
                || (prev.is_numeric() && c.is_alphabetic());
            if boundary {
                flush(&mut current, &mut words);
            }
        }
        current.extend(c.to_lowercase());
    }
    flush(&mut current, &mut words);
    words
}

fn flush(current: &mut String, words: &mut Vec<String>) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// How a name is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// `uniq_id`
    Snake,
    /// `UNIQ_ID`
    ScreamingSnake,
    /// `uniq-id`
    Kebab,
    /// `uniqId`
    Camel,
    /// `UniqId`, also a single capitalised word (`Token`)
    Pascal,
}

impl Style {
    pub fn name(self) -> &'static str {
        match self {
            Style::Snake => "snake_case",
            Style::ScreamingSnake => "SCREAMING_SNAKE_CASE",
            Style::Kebab => "kebab-case",
            Style::Camel => "camelCase",
            Style::Pascal => "PascalCase",
        }
    }
}

/// The style of `name`, or `None` when the name fits several (a single
/// lower-case word such as `token` is snake_case, camelCase and kebab-case
/// at once; `ID` is any upper-case style) or none.
pub fn style(name: &str) -> Option<Style> {
    // Placeholders such as `{n}` in `Err{n}` are not part of the style.
    let name: String = strip_placeholders(name);
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return None;
    }
    let has_upper = letters.iter().any(|c| c.is_uppercase());
    let has_lower = letters.iter().any(|c| c.is_lowercase());
    let underscore = name.trim_matches('_').contains('_');
    let hyphen = name.trim_matches('-').contains('-');
    let first_upper = letters[0].is_uppercase();
    match (underscore, hyphen) {
        (true, false) if !has_upper => Some(Style::Snake),
        (true, false) if !has_lower => Some(Style::ScreamingSnake),
        (false, true) if !has_upper => Some(Style::Kebab),
        (false, false) if has_upper && has_lower => Some(if first_upper {
            Style::Pascal
        } else {
            Style::Camel
        }),
        _ => None,
    }
}

fn strip_placeholders(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(name: &str) -> Vec<String> {
        words(name)
    }

    #[test]
    fn splits_every_convention_the_same_way() {
        for name in [
            "apiKey", "api_key", "APIKey", "Api-Key", "API_KEY", "api key",
        ] {
            assert_eq!(w(name), ["api", "key"], "{name}");
        }
        assert_eq!(w("passive"), ["passive"]);
        assert_eq!(w("keyword"), ["keyword"]);
        assert_eq!(w("key2"), ["key", "2"]);
        assert_eq!(w("Err{n}"), ["err", "n"]);
        assert_eq!(w("SUBACCNT_UNIQ_ID"), ["subaccnt", "uniq", "id"]);
        assert_eq!(w("issuejwt"), ["issuejwt"]);
        assert_eq!(w(""), Vec::<String>::new());
        assert_eq!(w("__"), Vec::<String>::new());
    }

    #[test]
    fn styles() {
        assert_eq!(style("uniq_id"), Some(Style::Snake));
        assert_eq!(style("UNIQ_ID"), Some(Style::ScreamingSnake));
        assert_eq!(style("uniq-id"), Some(Style::Kebab));
        assert_eq!(style("expireToken"), Some(Style::Camel));
        assert_eq!(style("ResponseType"), Some(Style::Pascal));
        assert_eq!(style("Token"), Some(Style::Pascal));
        assert_eq!(style("Err{n}"), Some(Style::Pascal));
        assert_eq!(style("token"), None);
        assert_eq!(style("ID"), None);
        assert_eq!(style("_private"), None);
        assert_eq!(style("Mixed_Case"), None);
        assert_eq!(style("123"), None);
    }
}
