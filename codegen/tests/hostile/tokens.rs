//! "No spec text becomes code", checked on tokens rather than text: every
//! identifier is one the generator may write, spec text (the marker) sits
//! only in string literals and `doc` attribute values, and nothing that
//! reads files or the environment at compile time, runs `unsafe` code or
//! changes how the crate is built appears at all.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use super::case::MARKER;
use super::check::Violations;
use super::markdown;

/// Macros whose arguments reach outside the source file or the language.
const FORBIDDEN_MACROS: &[&str] = &[
    "include",
    "include_str",
    "include_bytes",
    "env",
    "option_env",
    "concat_idents",
    "asm",
    "global_asm",
    "naked_asm",
    "macro_rules",
    "compile_error",
];

/// Outer attributes the generator writes; anything else (`path`, `link`,
/// `export_name`, `cfg_attr`, …) changes what or how the crate builds.
const ATTRIBUTES: &[&str] = &["doc", "derive", "allow", "expect", "cfg", "non_exhaustive"];

/// Characters rustc refuses in source (`text_direction_codepoint_in_*` are
/// deny-by-default lints) or that make code read differently than it runs.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Runs every token check on one generated Rust file; returns the parsed
/// file for the item checks when it parses.
pub fn check_file(label: &str, text: &str, out: &mut Violations) -> Option<syn::File> {
    for (line_no, line) in text.lines().enumerate() {
        if let Some(c) = line
            .chars()
            .find(|&c| (c.is_control() && c != '\t') || is_bidi(c) || c == '\u{feff}')
        {
            out.push(
                "no-raw-control-or-bidi",
                format!(
                    "{label}:{}: raw U+{:04X} in the generated text: {:?}",
                    line_no + 1,
                    c as u32,
                    line
                ),
            );
        }
    }
    let tokens: TokenStream = match text.parse() {
        Ok(tokens) => tokens,
        Err(e) => {
            out.push(
                "parses-with-syn",
                format!("{label}: does not tokenize: {e:?}"),
            );
            return None;
        }
    };
    let file = match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => file,
        Err(e) => {
            out.push("parses-with-syn", format!("{label}: {e}"));
            return None;
        }
    };
    let mut walker = Walker {
        label,
        out,
        docs: Vec::new(),
        docs_inner: false,
    };
    walker.stream(&tokens, Context::Code);
    walker.flush_docs();
    Some(file)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Code,
    /// Inside a non-`doc` attribute: spec text here would configure code.
    Attribute,
}

struct Walker<'a> {
    label: &'a str,
    out: &'a mut Violations,
    /// The `doc` values of the attribute run being read, for the markdown
    /// check once the item they document starts.
    docs: Vec<String>,
    /// Whether that run is of inner (`//!`) docs.
    docs_inner: bool,
}

impl Walker<'_> {
    fn stream(&mut self, stream: &TokenStream, cx: Context) {
        let tokens: Vec<TokenTree> = stream.clone().into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            // `#[...]` or `#![...]`.
            if let TokenTree::Punct(p) = &tokens[i]
                && p.as_char() == '#'
            {
                let inner =
                    matches!(tokens.get(i + 1), Some(TokenTree::Punct(b)) if b.as_char() == '!');
                let at = if inner { i + 2 } else { i + 1 };
                if let Some(TokenTree::Group(g)) = tokens.get(at)
                    && g.delimiter() == Delimiter::Bracket
                {
                    self.attribute(g.stream(), inner);
                    i = at + 1;
                    continue;
                }
            }
            self.flush_docs();
            match &tokens[i] {
                TokenTree::Ident(ident) => {
                    let name = ident.to_string();
                    self.ident(&name, cx);
                    let bang = matches!(tokens.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                    if bang && FORBIDDEN_MACROS.contains(&name.as_str()) {
                        self.out.push(
                            "no-forbidden-macro",
                            format!("{}: `{name}!` invoked", self.label),
                        );
                    }
                    if name == "extern" || name == "unsafe" {
                        self.out.push(
                            "no-forbidden-macro",
                            format!("{}: `{name}` written", self.label),
                        );
                    }
                }
                TokenTree::Literal(lit) => self.literal(lit, cx),
                TokenTree::Group(g) => self.stream(&g.stream(), cx),
                TokenTree::Punct(_) => {}
            }
            i += 1;
        }
    }

    fn ident(&mut self, name: &str, cx: Context) {
        let bare = name.strip_prefix("r#").unwrap_or(name);
        let ok = bare.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok {
            self.out.push(
                "ascii-identifiers",
                format!(
                    "{}: identifier `{name}` is not an ASCII identifier",
                    self.label
                ),
            );
        }
        if name.to_uppercase().contains(MARKER) {
            let property = if cx == Context::Attribute {
                "no-spec-text-in-attribute"
            } else {
                "no-spec-text-in-identifier"
            };
            self.out.push(
                property,
                format!("{}: spec text became the identifier `{name}`", self.label),
            );
        }
    }

    fn literal(&mut self, lit: &proc_macro2::Literal, cx: Context) {
        let text = lit.to_string();
        let value = string_value(lit);
        if value.is_none() && text.to_uppercase().contains(MARKER) {
            self.out.push(
                "no-spec-text-in-code",
                format!("{}: spec text in a non-string literal {text}", self.label),
            );
        }
        if cx == Context::Attribute {
            // Strings in attributes the generator writes are feature names.
            let plain = value.as_deref().is_some_and(|v| {
                v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            });
            if !plain || text.to_uppercase().contains(MARKER) {
                self.out.push(
                    "no-spec-text-in-attribute",
                    format!("{}: attribute carries the literal {text}", self.label),
                );
            }
        }
    }

    fn attribute(&mut self, body: TokenStream, inner: bool) {
        let tokens: Vec<TokenTree> = body.clone().into_iter().collect();
        let name = match tokens.first() {
            Some(TokenTree::Ident(i)) => i.to_string(),
            _ => String::new(),
        };
        if name == "doc" {
            if self.docs_inner != inner {
                self.flush_docs();
                self.docs_inner = inner;
            }
            match (tokens.get(1), tokens.get(2), tokens.len()) {
                (Some(TokenTree::Punct(eq)), Some(TokenTree::Literal(lit)), 3)
                    if eq.as_char() == '=' =>
                {
                    match string_value(lit) {
                        Some(value) => self.docs.push(value),
                        None => self.out.push(
                            "no-spec-text-in-attribute",
                            format!(
                                "{}: doc attribute with a non-string value #[doc = {lit}]",
                                self.label
                            ),
                        ),
                    }
                }
                _ => {
                    self.out.push(
                        "no-spec-text-in-attribute",
                        format!(
                            "{}: doc attribute that is not `doc = \"…\"`: #[{body}]",
                            self.label
                        ),
                    );
                    self.stream(&body, Context::Attribute);
                }
            }
            return;
        }
        if inner {
            self.out.push(
                "no-foreign-inner-attribute",
                format!("{}: inner attribute #![{body}]", self.label),
            );
        } else if !ATTRIBUTES.contains(&name.as_str()) {
            self.out.push(
                "no-foreign-attribute",
                format!("{}: attribute #[{body}]", self.label),
            );
        }
        self.stream(&body, Context::Attribute);
    }

    fn flush_docs(&mut self) {
        if self.docs.is_empty() {
            return;
        }
        let docs = std::mem::take(&mut self.docs);
        for block in markdown::runnable_code_blocks(&docs) {
            self.out.push(
                "no-doctest-from-spec",
                format!(
                    "{}: rustdoc would read this doc text as a Rust code block: {block:?}\n  in the doc: {:?}",
                    self.label,
                    docs.join("\n")
                ),
            );
        }
    }
}

/// The value of a string literal token (`"…"`, `r#"…"#`), `None` for any
/// other literal.
pub fn string_value(lit: &proc_macro2::Literal) -> Option<String> {
    match syn::Lit::new(lit.clone()) {
        syn::Lit::Str(s) => Some(s.value()),
        _ => None,
    }
}
