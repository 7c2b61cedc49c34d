//! Spec text in comments: doc comments that show what the vendor wrote and
//! can never run it, and `//` comment text that stays on its line.
//!
//! rustdoc reads doc comments as markdown and compiles and runs every code
//! block in them as a doctest, so vendor prose is rendered line by line:
//! - a fence (```` ``` ```` or `~~~`, any length and info string) that opens
//!   a line starts a block shown as ```` ```text ````, closed by a fence
//!   longer than any line of its content; the content is kept as written
//!   (tabs as spaces, hidden characters escaped);
//! - every other line is trimmed, container markers at its start (`>`, list
//!   bullets and numbers) keep single spaces between them, so no indented
//!   code block can start, and a fence after them is escaped, as is the
//!   line that closes it;
//! - brackets (intra-doc links), HTML tags and bare URLs are escaped;
//! - `\n`, `\r\n` and a lone `\r` end lines; other control characters,
//!   bidirectional controls and invisible marks are shown as `\u{202E}`
//!   text: rustc rejects some of them in comments, and all of them make code
//!   read differently from what it does.
//!
//! [`write()`] is the one way spec text becomes doc comment lines.

use super::layout::Doc;
use crate::ir::{HttpMethod, Method, MethodName, ParamPlace, Section, Wire};

/// Appends `paragraphs` as doc comment lines, each `indent`, `marker`
/// (`///` or `//!`) and the rendered line. Paragraphs are separated by a
/// blank line; blank lines around and within them collapse to one. A fence
/// left open closes at the end of its paragraph.
pub fn write(out: &mut String, indent: &str, marker: &str, paragraphs: &[impl AsRef<str>]) {
    let mut started = false;
    for paragraph in paragraphs {
        let mut lines = Lines {
            rest: Some(paragraph.as_ref()),
        };
        let mut blank = started;
        // A fence opened inside a block quote or list item: shown as
        // escaped prose up to its closing fence, which must not open a
        // block of its own.
        let mut contained: Option<Fence> = None;
        while let Some(raw) = lines.next() {
            let line = raw.trim();
            if line.is_empty() {
                blank = started;
                continue;
            }
            if blank {
                push_line(out, indent, marker, |_| {});
                blank = false;
            }
            started = true;
            let (containers, rest) = split_containers(line);
            if let Some(fence) = contained {
                if fence.closes(rest) {
                    contained = None;
                }
            } else if containers.is_empty()
                && let Some(fence) = Fence::open(line)
            {
                write_block(out, indent, marker, fence, &mut lines);
                continue;
            } else {
                contained = Fence::open(rest);
            }
            push_line(out, indent, marker, |out| prose(out, line));
        }
    }
}

/// Text for a `//` comment: one line, with line breaks, other control
/// characters, bidirectional controls and invisible marks as escapes.
pub fn comment_text(text: &str) -> String {
    crate::text::visible(text).into_owned()
}

pub use crate::text::is_hidden;

/// Bullet list item text for a constraint, in code font.
pub fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

/// A method's doc: the vendor's description, notes and page, each a
/// paragraph of its own (a fence one leaves open closes with it), then the
/// documented errors and, last, the request the method sends.
pub fn method_doc(wire: &Wire, method: &Method) -> Doc {
    let mut doc = Doc::default();
    if method.doc.trim().is_empty() {
        doc.push("The vendor documents no description.");
    } else {
        doc.push(method.doc.as_str());
    }
    for note in &method.notes {
        doc.push(note.as_str());
    }
    if let Some(url) = &method.url {
        doc.push(format!("Vendor documentation: {url}"));
    }
    if !method.errors.is_empty() {
        let errors: Vec<String> = method
            .errors
            .iter()
            .map(|e| format!("`ApiError::{e}`"))
            .collect();
        doc.push(format!("Errors: {}.", errors.join(", ")));
    }
    doc.push(format!("Sends {}.", method_call(wire, method)));
    if let Some(field) = &method.text_body {
        doc.push(format!(
            "Answers in plain text: the whole body is the returned field {}.",
            code(field)
        ));
    }
    doc
}

/// The doc of a method that is `original`'s (same description and notes)
/// in a twin section: a link to it instead of the description again, then
/// what this one sends.
pub fn twin_method_doc(wire: &Wire, method: &Method, section: &Section, original: &Method) -> Doc {
    let mut doc = Doc::default();
    // Plain code spans: doc text is escaped, so no link markup survives.
    doc.push(format!(
        "The same call as {} in {} ({}), under this section's name: see it for what the \
         method does.",
        code(&format!("{}::{}", section.rust_name, original.rust_name)),
        code(&section.module),
        code(&original.wire_name),
    ));
    doc.push(format!("Sends {}.", method_call(wire, method)));
    doc
}

/// The request a method makes: [`wire_call`], with the method's own HTTP
/// method, path and parameter places where it has a binding.
fn method_call(wire: &Wire, method: &Method) -> String {
    let Some(binding) = &method.binding else {
        return wire_call(wire, &method.wire_name);
    };
    let verb = binding.http_method.unwrap_or(wire.http_method);
    let mut text = match &binding.path {
        Some(path) => {
            let mut text = code(&format!("{} {{base}}{path}", verb_text(verb)));
            match &wire.method_name {
                MethodName::Path => {}
                MethodName::Query(key) | MethodName::Form(key) => {
                    text.push_str(&format!(
                        " with {}",
                        code(&format!("{key}={}", method.wire_name))
                    ));
                }
            }
            text
        }
        None => {
            let mut own = wire.clone();
            own.http_method = verb;
            wire_call(&own, &method.wire_name)
        }
    };
    let places: Vec<String> = binding
        .params
        .iter()
        .map(|p| {
            let name = code(&p.wire_name);
            match &p.place {
                ParamPlace::Path => format!("{name} in the path"),
                ParamPlace::Query => format!("{name} in the query"),
                ParamPlace::Header { name: header, .. } => {
                    format!("{name} as the header {}", code(header))
                }
                ParamPlace::Form => format!("{name} in the form body"),
                ParamPlace::Json => format!("{name} in the JSON body"),
                ParamPlace::Body => format!("{name} as the whole JSON body"),
            }
        })
        .collect();
    if !places.is_empty() {
        text.push_str(&format!(", {}", places.join(", ")));
    }
    text
}

fn verb_text(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Put => "PUT",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Delete => "DELETE",
    }
}

/// The request a method makes, in words and code: the HTTP method, the
/// base URL as `{base}`, and where the method's name travels.
fn wire_call(wire: &Wire, wire_name: &str) -> String {
    let verb = verb_text(wire.http_method);
    match &wire.method_name {
        MethodName::Path => code(&format!("{verb} {{base}}/{wire_name}")),
        MethodName::Query(key) => code(&format!("{verb} {{base}}?{key}={wire_name}")),
        MethodName::Form(key) => format!(
            "{} with {} in the form body",
            code(&format!("{verb} {{base}}")),
            code(&format!("{key}={wire_name}"))
        ),
    }
}

/// Lines ended by `\n`, `\r\n` or a lone `\r` (all three end a line in
/// markdown; `str::lines` keeps a lone `\r`).
#[derive(Clone)]
struct Lines<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.find(['\n', '\r']) {
            Some(i) => {
                let end = if rest[i..].starts_with("\r\n") {
                    i + 2
                } else {
                    i + 1
                };
                self.rest = Some(&rest[end..]);
                Some(&rest[..i])
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// An opening code fence: its character and length.
#[derive(Clone, Copy)]
struct Fence {
    ch: char,
    len: usize,
}

impl Fence {
    /// The fence `line` (trimmed) opens, as CommonMark reads it: three or
    /// more backticks (then an info string without backticks) or tildes.
    fn open(line: &str) -> Option<Fence> {
        let ch = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let len = line.len() - line.trim_start_matches(ch).len();
        if len < 3 || (ch == '`' && line[len..].contains('`')) {
            return None;
        }
        Some(Fence { ch, len })
    }

    /// Whether `line` closes this fence (leniently: any surrounding
    /// whitespace).
    fn closes(self, line: &str) -> bool {
        let line = line.trim();
        line.len() >= self.len && line.chars().all(|c| c == self.ch)
    }
}

/// A fenced block, from the line after its opening fence up to and
/// including its closing fence (or the end of the text), shown as a
/// ```` ```text ```` block that nothing in it can close early.
fn write_block(out: &mut String, indent: &str, marker: &str, fence: Fence, lines: &mut Lines) {
    let mut ahead = lines.clone();
    let mut content = 0usize;
    let mut longest_ticks = 0usize;
    let mut closed = false;
    for line in ahead.by_ref() {
        if fence.closes(line) {
            closed = true;
            break;
        }
        let trimmed = line.trim();
        if trimmed.bytes().all(|b| b == b'`') {
            longest_ticks = longest_ticks.max(trimmed.len());
        }
        content += 1;
    }
    let ticks = "`".repeat(longest_ticks.max(2) + 1);
    push_line(out, indent, marker, |out| {
        out.push_str(&ticks);
        out.push_str("text");
    });
    for line in lines.by_ref().take(content) {
        let line = line.trim_end();
        if line.is_empty() {
            push_line(out, indent, marker, |_| {});
            continue;
        }
        push_line(out, indent, marker, |out| {
            for c in line.chars() {
                match c {
                    '\t' => out.push_str("    "),
                    c => push_visible(out, c),
                }
            }
        });
    }
    if closed {
        lines.next();
    }
    push_line(out, indent, marker, |out| out.push_str(&ticks));
}

/// One doc line: `indent`, `marker`, and a space and the text if `write`
/// writes any.
fn push_line(out: &mut String, indent: &str, marker: &str, write: impl FnOnce(&mut String)) {
    out.push_str(indent);
    out.push_str(marker);
    let start = out.len();
    out.push(' ');
    write(out);
    if out.len() == start + 1 {
        out.truncate(start);
    }
    out.push('\n');
}

/// Characters that may begin a line as markdown containers: block quotes,
/// bullets, ordered-list numbers, and the spaces between them.
fn is_container(c: char) -> bool {
    matches!(c, '>' | '-' | '+' | '*' | '.' | ')' | ' ' | '\t') || c.is_ascii_digit()
}

/// `line`'s container markers, and the rest.
fn split_containers(line: &str) -> (&str, &str) {
    line.split_at(line.find(|c| !is_container(c)).unwrap_or(line.len()))
}

/// A line of prose (trimmed, not empty): container markers with single
/// spaces (four spaces after one would start an indented code block), an
/// escaped fence after them, then the inline text.
fn prose(out: &mut String, line: &str) {
    let (containers, rest) = split_containers(line);
    let mut space = false;
    for c in containers.chars() {
        if c == ' ' || c == '\t' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    let rest = if rest.starts_with("```") || rest.starts_with("~~~") {
        out.push('\\');
        out.push_str(&rest[..1]);
        &rest[1..]
    } else {
        rest
    };
    inline(out, rest);
}

/// Inline text: vendor prose must not turn into intra-doc links (`[80]`),
/// HTML (`<a`, `<!--`) or bare-URL warnings.
fn inline(out: &mut String, line: &str) {
    // Inside a code span rustdoc reads nothing as a link or tag, and a
    // backslash would show. A lone backtick opens no span.
    let mut ticks_left = line.bytes().filter(|&b| b == b'`').count();
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            ticks_left -= 1;
            if in_code || ticks_left > 0 {
                in_code = !in_code;
            }
            out.push('`');
            rest = &rest[1..];
            continue;
        }
        if !in_code {
            if let Some(url_len) = url_at(rest) {
                let (url, after) = rest.split_at(url_len);
                out.push('<');
                out.push_str(url);
                out.push('>');
                rest = after;
                continue;
            }
            let next = rest[c.len_utf8()..].chars().next();
            let html = c == '<'
                && next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'));
            if matches!(c, '[' | ']') || html {
                out.push('\\');
            }
        }
        match c {
            '\t' => out.push_str("    "),
            c => push_visible(out, c),
        }
        rest = &rest[c.len_utf8()..];
    }
}

/// Length of an http(s) URL at the start of `text`, if there is one.
fn url_at(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| {
            c.is_whitespace()
                || is_hidden(c)
                || matches!(c, '<' | '>' | '"' | '\'' | ')' | ']' | '`')
        })
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

/// `c`, or `\u{…}` if it is hidden.
fn push_visible(out: &mut String, c: char) {
    if is_hidden(c) {
        crate::text::push_escape(out, c);
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rendered lines of `text`, without a marker.
    fn lines(text: &str) -> Vec<String> {
        let mut out = String::new();
        write(&mut out, "", "", &[text]);
        out.lines().map(str::to_string).collect()
    }

    fn line(text: &str) -> String {
        let mut out = String::new();
        prose(&mut out, text);
        out
    }

    #[test]
    fn vendor_prose_is_escaped() {
        assert_eq!(
            lines("  indented\n\n\nnext\n\n"),
            vec![" indented", "", " next"]
        );
        assert_eq!(line("TEXT_GENERAL[80]"), "TEXT_GENERAL\\[80\\]");
        assert_eq!(line("a <b> -> `c`"), "a \\<b> -> `c`");
        assert_eq!(
            line("type `ARRAY[IP_DEC]` [x]"),
            "type `ARRAY[IP_DEC]` \\[x\\]"
        );
        assert_eq!(
            line("see https://sive.host/x?id=1. Then"),
            "see <https://sive.host/x?id=1>. Then"
        );
        assert_eq!(
            line("(i.e. http://www.liquidweb.com)."),
            "(i.e. <http://www.liquidweb.com>)."
        );
        assert_eq!(line("<!-- x --> <?php"), "\\<!-- x --> \\<?php");
    }

    #[test]
    fn paragraphs_are_separated_once() {
        assert_eq!(
            lines_of(&["\n\none\n", "", " \n", "two\n\n"]),
            vec![" one", "", " two"]
        );
        // A fence left open in one paragraph does not take the next.
        assert_eq!(
            lines_of(&["```", "after"]),
            vec![" ```text", " ```", "", " after"]
        );
    }

    fn lines_of(paragraphs: &[&str]) -> Vec<String> {
        let mut out = String::new();
        write(&mut out, "", "", paragraphs);
        out.lines().map(str::to_string).collect()
    }

    #[test]
    fn fences_become_text_blocks() {
        assert_eq!(
            lines("Example:\n```rust\nfn main() {\n    run();\n}\n```\nAfter."),
            vec![
                " Example:",
                " ```text",
                " fn main() {",
                "     run();",
                " }",
                " ```",
                " After."
            ]
        );
        // Tildes, longer fences, an unclosed block, a block holding fences.
        assert_eq!(
            lines("~~~~ rust\n```\nx\n~~~~"),
            vec![" ````text", " ```", " x", " ````"]
        );
        assert_eq!(lines("```\nopen"), vec![" ```text", " open", " ```"]);
        // A backtick info string is not a fence: an escaped code span line.
        assert_eq!(lines("```a``` b"), vec![" \\```a``` b"]);
    }

    #[test]
    fn fences_in_containers_stay_prose_to_their_close() {
        assert_eq!(
            lines("- ```rust\n  panic!()\n  ```\nafter\n> ~~~\n> x\n> ~~~"),
            vec![
                " - \\```rust",
                " panic!()",
                " \\```",
                " after",
                " > \\~~~",
                " > x",
                " > \\~~~"
            ]
        );
    }

    #[test]
    fn containers_cannot_hold_code_blocks() {
        assert_eq!(line("> ```rust"), "> \\```rust");
        assert_eq!(line(">     indented"), "> indented");
        assert_eq!(line("- 1.\t\t~~~"), "- 1. \\~~~");
        assert_eq!(line("*     x"), "* x");
        assert_eq!(line("10)  ```"), "10) \\```");
    }

    #[test]
    fn line_breaks_and_hidden_characters() {
        assert_eq!(
            lines("a\rb\r\nc\u{2028}d"),
            vec![" a", " b", " c\\u{2028}d"]
        );
        assert_eq!(
            line("x\u{202E}y\u{2066}\u{200F}\u{1B}[0m"),
            "x\\u{202E}y\\u{2066}\\u{200F}\\u{1B}\\[0m"
        );
        assert_eq!(
            lines("```\n\u{202E}\t`\n```"),
            vec![" ```text", " \\u{202E}    `", " ```"]
        );
        assert_eq!(
            comment_text("a\nb\r\u{202E}.yaml"),
            "a\\nb\\r\\u{202E}.yaml"
        );
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{061C}', '\r',
        ] {
            assert!(is_hidden(c), "{c:?}");
        }
        for c in ['é', '\u{200D}', ' ', '\u{A0}'] {
            assert!(!is_hidden(c), "{c:?}");
        }
    }

    #[test]
    fn a_wire_name_cannot_leave_its_code_span() {
        let wire = Wire {
            http_method: HttpMethod::Get,
            method_name: MethodName::Query("command".into()),
            params: crate::ir::ParamEncoding::Query,
            basic_auth: None,
            credential_params: Vec::new(),
            auth_schemes: Vec::new(),
            response: crate::ir::ResponseFormat::Json,
            error: crate::ir::ErrorRule::FieldPresent {
                field: "error".into(),
                message: None,
            },
            session: None,
        };
        assert_eq!(
            wire_call(&wire, "Check`&x=[y](z)"),
            "`GET {base}?command=Check'&x=[y](z)`"
        );
    }

    #[test]
    fn many_backticks_take_linear_time() {
        let text = "`".repeat(200_000);
        assert_eq!(line(&text).len(), text.len() + 1);
    }
}
