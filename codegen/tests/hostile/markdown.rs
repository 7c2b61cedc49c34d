//! Whether rustdoc would read doc text as Rust code (a doctest): the same
//! CommonMark parser and options rustdoc uses, after rustdoc's removal of
//! the indentation every line shares.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

/// The Rust code blocks in the doc made of `lines` (one `doc` attribute
/// value each), as rustdoc would find them.
pub fn runnable_code_blocks(lines: &[String]) -> Vec<String> {
    let text = unindent(lines);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(&text, options) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let rust = match kind {
                    CodeBlockKind::Indented => true,
                    CodeBlockKind::Fenced(info) => is_rust(&info),
                };
                current = rust.then(String::new);
            }
            Event::Text(t) => {
                if let Some(code) = &mut current {
                    code.push_str(&t);
                }
            }
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                found.extend(current.take());
            }
            _ => {}
        }
    }
    found
}

/// rustdoc joins the fragments with line breaks and removes the smallest
/// indentation of the non-blank lines from every line.
fn unindent(lines: &[String]) -> String {
    let all: Vec<&str> = lines.iter().flat_map(|l| l.split('\n')).collect();
    let indent = all
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.chars().take_while(|c| *c == ' ' || *c == '\t').count())
        .min()
        .unwrap_or(0);
    all.iter()
        .map(|l| {
            if l.trim().is_empty() {
                ""
            } else {
                let cut = l.char_indices().nth(indent).map_or(l.len(), |(i, _)| i);
                &l[cut..]
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// rustdoc's reading of a fence's info string: Rust when empty, when it
/// says `rust`, or when every word is one of rustdoc's own attributes.
fn is_rust(info: &str) -> bool {
    let words: Vec<&str> = info
        .split([',', ' ', '\t', '{', '}'])
        .map(|w| w.trim().trim_start_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    words.is_empty()
        || words.contains(&"rust")
        || words.iter().all(|w| {
            matches!(
                *w,
                "should_panic"
                    | "no_run"
                    | "ignore"
                    | "test_harness"
                    | "compile_fail"
                    | "standalone_crate"
            ) || w.starts_with("edition")
                || w.starts_with("ignore-")
                || (w.len() == 5
                    && w.starts_with('E')
                    && w[1..].chars().all(|c| c.is_ascii_digit()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(doc: &str) -> usize {
        let lines: Vec<String> = doc.split('\n').map(|l| format!(" {l}")).collect();
        runnable_code_blocks(&lines).len()
    }

    #[test]
    fn finds_what_rustdoc_would_test() {
        assert_eq!(blocks("```\nfn x() {}\n```"), 1);
        assert_eq!(blocks("```rust,no_run\nx\n```"), 1);
        assert_eq!(blocks("~~~ should_panic\nx\n~~~"), 1);
        assert_eq!(blocks("```text\nx\n```"), 0);
        assert_eq!(blocks("```json\n{}\n```"), 0);
        assert_eq!(blocks("plain \\`\\`\\`"), 0);
        assert_eq!(blocks(">     let x = 1;"), 1, "indented code in a quote");
        assert_eq!(
            blocks("-      let x = 1;"),
            1,
            "indented code in a list item"
        );
        assert_eq!(blocks("a\n    b"), 0, "indentation inside a paragraph");
        assert_eq!(blocks("a\n\n    b"), 1, "indented code after a blank line");
    }
}
