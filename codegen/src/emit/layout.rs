//! After prettyplease: blank lines between items, and the text that was
//! kept out of the tokens put in place.
//!
//! Doc comments and records are written as text, not tokens. prettyplease
//! does not lay out macro bodies (records), and a doc as tokens costs an
//! attribute of several tokens per line through syn and prettyplease, which
//! took gigabytes for a spec doc of millions of short lines. The tokens hold
//! a one-line placeholder for each; [`Deferred::fill`] replaces them, so
//! spec text is rendered once, straight into the output, by
//! [`docs::write`].

use std::fmt::Write as _;
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;

/// What a doc placeholder holds after `///` or `//!`: this, then its index.
/// Nothing else puts it at the start of a comment (spec text only reaches
/// comments through [`docs::write`], after placeholders are read).
const DOC: &str = "@hostapi-doc:";
/// A record placeholder line: this, its index, then `);`.
const RECORD: &str = "hostapi_runtime::record!(__HOSTAPI_RECORD_";

/// How a record's text opens; a record that follows another drops it and
/// joins the one before.
const RECORD_OPEN: &str = "hostapi_runtime::record! {\n";

/// Docs and records of one file, to put in place after layout.
#[derive(Debug, Default)]
pub struct Deferred {
    docs: Vec<Doc>,
    records: Vec<String>,
}

/// The text of one doc: its paragraphs.
#[derive(Debug, Default)]
pub struct Doc(Vec<Arc<str>>);

impl Doc {
    pub fn push(&mut self, paragraph: impl Into<Arc<str>>) {
        self.0.push(paragraph.into());
    }

    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|p| p.trim().is_empty())
    }
}

impl From<String> for Doc {
    fn from(text: String) -> Self {
        Doc(vec![text.into()])
    }
}

impl From<&str> for Doc {
    fn from(text: &str) -> Self {
        Doc(vec![text.into()])
    }
}

impl Deferred {
    /// An outer (`///`) doc placeholder for `text`; nothing for empty text.
    pub fn outer_doc(&mut self, text: impl Into<Doc>) -> TokenStream {
        match self.doc(text.into()) {
            Some(marker) => quote! { #[doc = #marker] },
            None => quote! {},
        }
    }

    /// An inner (`//!`) doc placeholder for `text`; nothing for empty text.
    pub fn inner_doc(&mut self, text: impl Into<Doc>) -> TokenStream {
        match self.doc(text.into()) {
            Some(marker) => quote! { #![doc = #marker] },
            None => quote! {},
        }
    }

    /// Appends an outer doc placeholder line for `text` at `indent` to code
    /// written as text (records).
    pub fn outer_doc_line(&mut self, out: &mut String, indent: &str, text: impl Into<Doc>) {
        if let Some(index) = self.add_doc(text.into()) {
            let _ = writeln!(out, "{indent}///{DOC}{index}");
        }
    }

    fn doc(&mut self, text: Doc) -> Option<String> {
        self.add_doc(text).map(|index| format!("{DOC}{index}"))
    }

    /// The index of `text` among the docs, if it is not blank.
    fn add_doc(&mut self, text: Doc) -> Option<usize> {
        if text.is_blank() {
            return None;
        }
        self.docs.push(text);
        Some(self.docs.len() - 1)
    }

    /// A placeholder item for a record written as text.
    pub fn record(&mut self, text: String) -> TokenStream {
        let marker = quote::format_ident!("__HOSTAPI_RECORD_{}", self.records.len());
        self.records.push(text);
        quote! { hostapi_runtime::record!(#marker); }
    }

    /// Whether a record's text holds `needle`, e.g. a path an import serves.
    pub fn records_mention(&self, needle: &str) -> bool {
        self.records.iter().any(|r| r.contains(needle))
    }

    /// Every record must be valid Rust tokens (the macro checks the rest
    /// when the crate is compiled).
    pub fn check(&self) -> Result<(), String> {
        for text in &self.records {
            text.parse::<TokenStream>()
                .map_err(|e| format!("{e} in:\n{text}"))?;
        }
        Ok(())
    }

    /// `header`, then the laid-out `code` with blank lines between items
    /// and every placeholder replaced.
    pub fn fill(&self, header: &str, code: &str) -> String {
        let mut out = String::with_capacity(self.estimate(header, code));
        out.push_str(header);
        let mut previous = "";
        // Whether the last item written was a `record!`, still open to take
        // the next one: a run of records shares one invocation.
        let mut after_record = false;
        let lines: Vec<&str> = code.lines().collect();
        for (i, &line) in lines.iter().enumerate() {
            // A run of documented aliases reads as one list.
            let next = lines.get(i + 1).copied().unwrap_or_default();
            let alias_run = previous.starts_with("pub type ")
                && line.starts_with("///")
                && next.starts_with("pub type ");
            let blank = blank_before(previous, line) && !alias_run;
            if blank {
                out.push('\n');
            }
            previous = line;
            let Some(record) = self.record_at(line) else {
                after_record &= line.trim().is_empty();
                self.put(&mut out, line);
                continue;
            };
            let body = record.strip_prefix(RECORD_OPEN);
            match body {
                Some(body)
                    if after_record && out.ends_with(if blank { "}\n\n" } else { "}\n" }) =>
                {
                    out.truncate(out.len() - if blank { 3 } else { 2 });
                    out.push('\n');
                    body.lines().for_each(|l| self.put(&mut out, l));
                }
                _ => record.lines().for_each(|l| self.put(&mut out, l)),
            }
            after_record = body.is_some();
        }
        // The estimate may be over: hand back no more than the text.
        out.shrink_to_fit();
        out
    }

    /// About the filled size, so the output is not copied as it grows.
    fn estimate(&self, header: &str, code: &str) -> usize {
        let docs: usize = self
            .docs
            .iter()
            .flat_map(|d| &d.0)
            .map(|p| p.len() + 24 * (1 + p.bytes().filter(|&b| b == b'\n').count()))
            .sum();
        let records: usize = self.records.iter().map(String::len).sum();
        header.len() + code.len() + code.len() / 16 + docs + records
    }

    fn record_at(&self, line: &str) -> Option<&String> {
        let index = line.strip_prefix(RECORD)?.strip_suffix(");")?;
        self.records.get(index.parse::<usize>().ok()?)
    }

    /// `line`, or the doc it holds a placeholder for, at its indent.
    fn put(&self, out: &mut String, line: &str) {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        for marker in ["///", "//!"] {
            let doc = trimmed
                .strip_prefix(marker)
                .and_then(|rest| rest.strip_prefix(DOC))
                .and_then(|index| index.parse::<usize>().ok())
                .and_then(|index| self.docs.get(index));
            if let Some(doc) = doc {
                docs::write(out, indent, marker, &doc.0);
                return;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// prettyplease packs items together; a blank line between items (and
/// after the module docs) reads like hand-written code.
fn blank_before(previous: &str, line: &str) -> bool {
    let indent = line.len() - line.trim_start().len();
    let trimmed = line.trim_start();
    let previous_indent = previous.len() - previous.trim_start().len();
    let previous_trimmed = previous.trim_start();
    let starts_item = [
        "///",
        "#[",
        "pub ",
        "impl",
        "static ",
        "fn ",
        "hostapi_runtime::",
        "use ",
    ]
    .iter()
    .any(|p| trimmed.starts_with(p));
    let same_kind = |a: &str, b: &str| {
        a.split(' ').take(2).eq(b.split(' ').take(2))
            || (a.starts_with("hostapi_runtime::method!(")
                && b.starts_with("hostapi_runtime::method!("))
    };
    let ends_item = previous_trimmed == "}"
        || previous_trimmed == "};"
        || (previous_trimmed.ends_with(';')
            && !previous_trimmed.starts_with("//")
            && !same_kind(previous_trimmed, trimmed));
    let after_module_docs = previous_trimmed.starts_with("//!") && !trimmed.starts_with("//!");
    let after_uses = previous_trimmed.starts_with("use ") && !trimmed.starts_with("use ");
    (starts_item && ends_item && indent == previous_indent && indent <= 4)
        || after_module_docs
        || (after_uses && indent == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_at_their_indent() {
        let mut deferred = Deferred::default();
        let inner = deferred.inner_doc("Module.\n\n```rust\nrun()\n```");
        let outer = deferred.outer_doc("An item.");
        let mut record = String::from("hostapi_runtime::record! {\n");
        deferred.outer_doc_line(&mut record, "    ", "A record.");
        record.push_str("    pub struct R: send {}\n}\n");
        let record = deferred.record(record);
        assert!(deferred.outer_doc(" \n ").is_empty());
        let file: syn::File = syn::parse2(quote! {
            #inner
            pub mod x {
                #outer
                pub struct S;
            }
            #record
        })
        .unwrap();
        let filled = deferred.fill("// header\n", &prettyplease::unparse(&file));
        assert_eq!(
            filled,
            "// header\n//! Module.\n//!\n//! ```text\n//! run()\n//! ```\n\npub mod x {\n    \
             /// An item.\n    pub struct S;\n}\n\nhostapi_runtime::record! {\n    /// A record.\n    \
             pub struct R: send {}\n}\n"
        );
        deferred.check().unwrap();
    }

    #[test]
    fn records_that_follow_one_another_share_one_invocation() {
        let mut deferred = Deferred::default();
        let mut texts = Vec::new();
        for name in ["A", "B"] {
            texts.push(deferred.record(format!(
                "hostapi_runtime::record! {{\n    pub struct {name}: send {{}}\n}}\n"
            )));
        }
        let section = deferred.record("hostapi_runtime::section! {\n    x;\n}\n".to_string());
        let last = deferred
            .record("hostapi_runtime::record! {\n    pub struct C: send {}\n}\n".to_string());
        let (a, b) = (&texts[0], &texts[1]);
        let file: syn::File = syn::parse2(quote! { #a #b #section #last }).unwrap();
        let filled = deferred.fill("", &prettyplease::unparse(&file));
        assert_eq!(
            filled,
            "hostapi_runtime::record! {\n    pub struct A: send {}\n\n    pub struct B: send {}\n}\n\n\
             hostapi_runtime::section! {\n    x;\n}\n\n\
             hostapi_runtime::record! {\n    pub struct C: send {}\n}\n"
        );
    }
}
