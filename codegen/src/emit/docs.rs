//! Turning spec prose into doc attributes that rustdoc renders as written.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` lines for `text`, outer (`///`).
pub fn outer(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "..."]` lines for `text`, inner (`//!`).
pub fn inner(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// Lines ready for doc attributes: vendor prose must not turn into doctests
/// (indented blocks), intra-doc links (`[80]`) or bare-URL warnings.
pub fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.trim().lines() {
        let line = line.trim();
        if line.is_empty() {
            if out.last().is_some_and(|l| l.is_empty()) {
                continue;
            }
            out.push(String::new());
            continue;
        }
        // Tabs inside a line render as spaces anyway (and clippy objects).
        out.push(format!(" {}", escape_line(&line.replace('\t', "    "))));
    }
    out
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    // Inside a code span rustdoc reads nothing as a link or tag, and a
    // backslash would show.
    let mut in_code = false;
    while !rest.is_empty() {
        // A lone backtick opens no span.
        if rest.starts_with('`') && (in_code || rest[1..].contains('`')) {
            in_code = !in_code;
            out.push('`');
            rest = &rest[1..];
            continue;
        }
        if in_code {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if let Some(url_len) = url_at(rest) {
            let (url, after) = rest.split_at(url_len);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = after;
            continue;
        }
        let mut chars = rest.chars();
        let c = chars.next().unwrap_or_default();
        let html_tag = c == '<'
            && chars
                .clone()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || n == '/');
        // Brackets would be read as intra-doc links, `<a` as an HTML tag.
        if matches!(c, '[' | ']') || html_tag {
            out.push('\\');
        }
        out.push(c);
        rest = chars.as_str();
    }
    out
}

/// Length of an http(s) URL at the start of `text`, if there is one.
fn url_at(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | ')' | ']'))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

/// Bullet list item text for a constraint, in code font.
pub fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_prose_is_escaped() {
        assert_eq!(
            lines("  indented\n\n\nnext"),
            vec![" indented", "", " next"]
        );
        assert_eq!(escape_line("TEXT_GENERAL[80]"), "TEXT_GENERAL\\[80\\]");
        assert_eq!(escape_line("a <b> -> `c`"), "a \\<b> -> `c`");
        assert_eq!(
            escape_line("type `ARRAY[IP_DEC]` [x]"),
            "type `ARRAY[IP_DEC]` \\[x\\]"
        );
        assert_eq!(
            escape_line("see https://sive.host/x?id=1. Then"),
            "see <https://sive.host/x?id=1>. Then"
        );
        assert_eq!(
            escape_line("(i.e. http://www.liquidweb.com)."),
            "(i.e. <http://www.liquidweb.com>)."
        );
    }
}
