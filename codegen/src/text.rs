//! Spec text shown to people: characters that must never reach a report,
//! a comment or a doc raw, and their visible escapes.

use std::borrow::Cow;

/// Characters that break a line or hide what text says: control characters
/// (a line break splits a report's line or a comment; a lone CR is refused
/// by rustc in comments), bidirectional controls and marks (rustc refuses
/// the controls; all of them reorder what a reader sees), line and
/// paragraph separators (shown as line breaks by some editors), and
/// invisible characters that have no place in prose (zero-width space and
/// word joiners, the byte order mark, interlinear annotations, tags).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// `text` with every hidden character written as a visible escape: `\n`,
/// `\r`, `\t`, or `\u{202E}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `\u{202E}`: how a hidden character is written where it would be.
pub fn push_escape(out: &mut String, c: char) {
    out.push_str(&format!("\\u{{{:X}}}", c as u32));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_become_visible() {
        assert_eq!(visible("plain"), "plain");
        assert_eq!(
            visible("a\nb\r\t\u{202E}c\u{85}"),
            "a\\nb\\r\\t\\u{202E}c\\u{85}"
        );
        assert!(!visible("x\u{2066}\u{FEFF}").chars().any(is_hidden));
    }
}
