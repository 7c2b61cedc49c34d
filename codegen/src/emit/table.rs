//! The published mapping from a vendor's type phrases to enforced rules: a
//! Markdown table with one row per named type.

use crate::ir::NamedType;

use super::rule_description;

/// One row per named type, in spec order: vendor name, Rust type,
/// phrase, the rule in words, and the spec's note on how it was read.
pub fn type_table(types: &[NamedType]) -> String {
    let mut out = String::from(
        "| Vendor name | Rust type | Phrase (verbatim) | Rule enforced | How the phrase was read |\n|---|---|---|---|---|\n",
    );
    for ty in types {
        let vendor = ty
            .vendor_name
            .as_deref()
            .map_or("—".to_string(), |v| format!("`{v}`"));
        let mut rule = rule_description(&ty.kind);
        if ty.secret {
            rule.push_str(" (secret: never printed)");
        }
        let reading = ty.note.as_deref().unwrap_or("As written.");
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            cell(&vendor),
            ty.rust_name,
            cell(&ty.doc),
            cell(&rule),
            cell(reading)
        ));
    }
    out
}

/// Text safe inside a table cell: no pipes or line breaks.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}
