//! Validating newtypes as one runtime macro invocation each
//! (`hostapi_runtime::string_type!` and its siblings): the doc, the name
//! and the rule body; the derives, the struct and the impls are the
//! runtime's. prettyplease does not lay out macro bodies, so the invocation
//! is written as text, with each rule body laid out on its own.

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::quote;

use super::rules;
use super::type_doc;
use crate::emit::layout::Deferred;
use crate::ir::{BooleanEncoding, NamedType, TypeKind};

/// The invocation defining `ty`, for the kinds a runtime macro defines;
/// `None` for records, unions, enums and aliases.
pub fn defined_type(ty: &NamedType, sensitive: bool, d: &mut Deferred) -> Option<String> {
    let name = &ty.rust_name;
    let (macro_name, inner, marker, bodies) = match &ty.kind {
        TypeKind::String(rule) => {
            let checks = rules::string_checks(rule, &ty.doc);
            ("string_type", "String", None, vec![("check", checks)])
        }
        TypeKind::Decimal(decimal) => {
            let shape = rules::decimal_shape(decimal, false);
            let relaxed = rules::decimal_shape(decimal, true);
            let bodies = vec![
                ("check", vec![quote! { rules::decimal(value, &#shape)?; }]),
                (
                    "check_number",
                    vec![quote! { rules::decimal(value, &#relaxed)?; }],
                ),
            ];
            ("string_type", "String", None, bodies)
        }
        TypeKind::Integer { min, max } => {
            let mut checks = Vec::new();
            if let Some(min) = min {
                checks.push(quote! { rules::int_min(value, #min)?; });
            }
            if let Some(max) = max {
                checks.push(quote! { rules::int_max(value, #max)?; });
            }
            ("integer_type", "i64", None, vec![("check", checks)])
        }
        TypeKind::Float { min, max, above } => {
            let mut checks = Vec::new();
            if let Some(min) = min {
                checks.push(quote! { rules::float_min(value, #min)?; });
            }
            if let Some(above) = above {
                checks.push(quote! { rules::float_above(value, #above)?; });
            }
            if let Some(max) = max {
                checks.push(quote! { rules::float_max(value, #max)?; });
            }
            ("float_type", "f64", None, vec![("check", checks)])
        }
        TypeKind::Boolean(encoding) => {
            let encoding = match encoding {
                BooleanEncoding::ZeroOne => "zero_one",
                BooleanEncoding::TrueFalse => "true_false",
            };
            ("boolean_type", "bool", Some(encoding), Vec::new())
        }
        TypeKind::UnixTime => ("unix_time_type", "i64", None, Vec::new()),
        TypeKind::Map { values: None } => ("map_type", "Map", None, Vec::new()),
        _ => return None,
    };
    // Only strings (and decimals, which are strings) can be secret.
    let marker = match marker {
        None if sensitive && inner == "String" => Some("sensitive"),
        other => other,
    };
    let mut out = format!("hostapi_runtime::{macro_name}! {{\n");
    d.outer_doc_line(&mut out, "    ", type_doc(ty, sensitive));
    let _ = write!(out, "    pub struct {name}({inner})");
    if let Some(marker) = marker {
        let _ = write!(out, " as {marker}");
    }
    out.push_str(";\n");
    for (keyword, checks) in bodies {
        if checks.is_empty() {
            continue;
        }
        let body = statements(&checks, "");
        // A single short statement reads best on the keyword's line, or on
        // one line of its own when prettyplease broke it only for its indent.
        let single = (checks.len() == 1).then(|| joined(&body));
        match single {
            Some(line) if line.len() + keyword.len() + 20 <= 100 => {
                let _ = writeln!(out, "    {keyword} |value| {{ {line} }}");
            }
            Some(line) if line.len() + 8 <= 100 => {
                let _ = writeln!(out, "    {keyword} |value| {{\n        {line}\n    }}");
            }
            _ => {
                let _ = writeln!(out, "    {keyword} |value| {{");
                out.push_str(&statements(&checks, "        "));
                out.push_str("    }\n");
            }
        }
    }
    out.push_str("}\n");
    Some(out)
}

/// One statement prettyplease laid over several lines, on one line: lines
/// are joined at their breaks only (a string literal never spans one), with
/// no space after an opening bracket and no trailing comma before a closing
/// one.
fn joined(statement: &str) -> String {
    let mut out = String::new();
    for line in statement.lines().map(str::trim) {
        let closes = line.starts_with([')', ']', '}']);
        if closes && out.ends_with(',') {
            out.pop();
        }
        if !(out.is_empty() || out.ends_with(['(', '[', '{']) || closes) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// `checks` laid out by prettyplease as the body of a function, each line
/// at `indent`.
fn statements(checks: &[TokenStream], indent: &str) -> String {
    let tokens = quote! { fn rule() { #(#checks)* } };
    let laid_out = match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        // Unparsable tokens are a generator bug; `Deferred::check` reports
        // them with the file.
        Err(_) => return checks.iter().map(|c| format!("{indent}{c}\n")).collect(),
    };
    let lines: Vec<&str> = laid_out.lines().collect();
    let body = lines
        .get(1..lines.len().saturating_sub(1))
        .unwrap_or_default();
    let mut out = String::new();
    for line in body {
        // prettyplease indents a function body by four spaces.
        let line = line.strip_prefix("    ").unwrap_or(line);
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::joined;

    #[test]
    fn a_broken_statement_is_joined_at_its_breaks_only() {
        let laid_out = "rules::length_and_chars(\n    value,\n    &[6],\n    |c| matches!(c, '0'..= '9'),\n    \"0-9, ( , )\",\n)?;\n";
        assert_eq!(
            joined(laid_out),
            "rules::length_and_chars(value, &[6], |c| matches!(c, '0'..= '9'), \"0-9, ( , )\")?;"
        );
        assert_eq!(joined("rules::base64(value)?;\n"), "rules::base64(value)?;");
    }
}
