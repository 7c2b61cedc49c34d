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
        if !checks.is_empty() {
            let _ = writeln!(out, "    {keyword} |value| {{");
            out.push_str(&statements(&checks, "        "));
            out.push_str("    }\n");
        }
    }
    out.push_str("}\n");
    Some(out)
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
