//! The rules of named types, as code (specialised checks calling
//! hostapi-runtime's helpers) and as words (for doc comments and the
//! published type table).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use crate::ir::charclass::CharClass;
use crate::ir::checks::{self, StringCheck};
use crate::ir::{BooleanEncoding, CharKind, Decimal, StringFormat, StringRule, TypeKind};

/// The exact rule, in words, for doc comments.
pub fn rule_description(kind: &TypeKind) -> String {
    match kind {
        TypeKind::String(rule) => string_rule_description(rule),
        TypeKind::Integer { min, max } => match (min, max) {
            (Some(min), Some(max)) => format!("an integer from {min} to {max}"),
            (Some(min), None) => format!("an integer, {min} or more"),
            (None, Some(max)) => format!("an integer, {max} or less"),
            (None, None) => "any integer".to_string(),
        },
        TypeKind::Float { min, max, above } => {
            let mut parts = Vec::new();
            if let Some(min) = min {
                parts.push(format!("{min} or more"));
            }
            if let Some(above) = above {
                parts.push(format!("above {above}"));
            }
            if let Some(max) = max {
                parts.push(format!("{max} or less"));
            }
            if parts.is_empty() {
                "any number".to_string()
            } else {
                format!("a number, {}", parts.join(" and "))
            }
        }
        TypeKind::Decimal(decimal) => decimal_description(decimal),
        TypeKind::Boolean(BooleanEncoding::ZeroOne) => {
            "true or false, sent as `1` or `0`".to_string()
        }
        TypeKind::Boolean(BooleanEncoding::TrueFalse) => {
            "true or false, sent as `True` or `False`".to_string()
        }
        TypeKind::Enum {
            values,
            case_insensitive,
        } => {
            let list: Vec<String> = values.iter().map(|v| docs::code(&v.wire)).collect();
            let case = if *case_insensitive { " (any case)" } else { "" };
            format!("one of {}{case}", list.join(", "))
        }
        TypeKind::UnixTime => "whole seconds since 1970-01-01T00:00:00Z, 0 or more".to_string(),
        TypeKind::Map { .. } => "any keys and values".to_string(),
        TypeKind::Array { .. } => "a list".to_string(),
        TypeKind::Union { members } => {
            let names: Vec<String> = members
                .iter()
                .map(|m| format!("`{}`", m.rust_name))
                .collect();
            format!("the first of {} that accepts the value", join_or(&names))
        }
        TypeKind::Object { fields } => {
            let required: Vec<String> = fields
                .iter()
                .filter(|f| f.required)
                .map(|f| format!("`{}`", f.wire_name))
                .collect();
            if required.is_empty() {
                "a structure whose fields are all optional".to_string()
            } else {
                format!("a structure that must hold {}", required.join(", "))
            }
        }
    }
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn decimal_description(decimal: &Decimal) -> String {
    let mut text = String::from("a decimal number written as text: ");
    let mut shape = Vec::new();
    if decimal.negative {
        shape.push("an optional `-`".to_string());
    }
    if let Some(symbol) = decimal.currency {
        shape.push(format!("an optional `{symbol}`"));
    }
    shape.push("digits with an optional `.` and fraction".to_string());
    text.push_str(&shape.join(", "));
    let fraction = match (decimal.min_fraction, decimal.max_fraction) {
        (0, None) => None,
        (min, Some(max)) if min == max => Some(format!("exactly {min}")),
        (0, Some(max)) => Some(format!("at most {max}")),
        (min, Some(max)) => Some(format!("{min} to {max}")),
        (min, None) => Some(format!("at least {min}")),
    };
    if let Some(fraction) = fraction {
        text.push_str(&format!("; {fraction} digits after the point"));
    }
    if decimal.positive {
        text.push_str("; above zero");
    }
    text
}

fn format_description(format: &StringFormat) -> String {
    match format {
        StringFormat::Base64 => "letters, digits, `+` and `/`, then zero to two `=`".into(),
        StringFormat::HttpUri => "an absolute `http://` or `https://` URI with a host".into(),
        StringFormat::Hostname => "a host name: labels of 1 to 63 letters, digits and `-` (not first or last), joined by `.`; at most 253 characters".into(),
        StringFormat::Fqdn => "a fully-qualified host name: at least two labels of 1 to 63 letters, digits and `-` (not first or last), joined by `.`; at most 253 characters".into(),
        StringFormat::DomainName => "a domain name: at most 127 labels of 1 to 63 characters, joined by `.`; at most 253 characters".into(),
        StringFormat::WildcardDomain => "`*.` followed by a domain name".into(),
        StringFormat::ReverseDnsV4 => "a domain name ending in `.in-addr.arpa`".into(),
        StringFormat::ReverseDnsV6 => "a domain name ending in `.ip6.arpa`".into(),
        StringFormat::ReverseZone => "a domain name ending in `.in-addr.arpa` or `.ip6.arpa`".into(),
        StringFormat::Ipv4 => "an IPv4 address in dotted-quad notation, without leading zeros".into(),
        StringFormat::Ipv4Cidr => "an IPv4 address, `/` and a mask of 0 to 32".into(),
        StringFormat::Ipv6 => "an IPv6 address".into(),
        StringFormat::Email => "`local@domain`: 1 to 64 letters, digits, dots (between them) and ``!#$%&'*+-/=?^_`{|}~``, `@`, then a host name; at most 254 characters".into(),
        StringFormat::Date => "a date `YYYY-MM-DD` that exists".into(),
        StringFormat::Datetime => "a date and time `YYYY-MM-DD HH:MM:SS` that exist".into(),
        StringFormat::MimeType => "a MIME type `type/subtype` (RFC 6838 names), without parameters".into(),
        StringFormat::SshPublicKey => "one line: a key type, a space, the base64 key, optionally a comment".into(),
        StringFormat::Pem(label) => format!(
            "one or more PEM blocks from `-----BEGIN {label}-----` to `-----END {label}-----` holding base64 lines"
        ),
    }
}

fn kind_name(kind: CharKind) -> &'static str {
    match kind {
        CharKind::Lowercase => "lowercase letters",
        CharKind::Uppercase => "uppercase letters",
        CharKind::Letter => "letters",
        CharKind::Digit => "digits",
        CharKind::Punctuation => "punctuation",
    }
}

fn string_rule_description(rule: &StringRule) -> String {
    let mut parts = Vec::new();
    if !rule.lengths.is_empty() {
        let lengths: Vec<String> = rule.lengths.iter().map(u32::to_string).collect();
        parts.push(format!("exactly {} characters", join_or(&lengths)));
    }
    let characters = |n: u32| if n == 1 { "character" } else { "characters" };
    match (rule.min_length, rule.max_length) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max} characters")),
        (Some(min), None) => parts.push(format!("at least {min} {}", characters(min))),
        (None, Some(max)) => parts.push(format!("at most {max} {}", characters(max))),
        (None, None) => {}
    }
    if let Some(first) = &rule.first_char {
        parts.push(format!("the first character one of {first}"));
    }
    if let Some(chars) = &rule.chars {
        parts.push(format!("only the characters {chars}"));
    }
    if let Some(not) = &rule.not_chars {
        parts.push(format!("none of the characters {not}"));
    }
    if let Some((tab, cr, lf)) = rule.control_chars {
        let allowed: Vec<&str> = [(tab, "tab"), (cr, "CR"), (lf, "LF")]
            .into_iter()
            .filter_map(|(on, name)| on.then_some(name))
            .collect();
        if allowed.is_empty() {
            parts.push("no control characters (no newlines)".to_string());
        } else {
            parts.push(format!(
                "no control characters other than {}",
                allowed.join(", ")
            ));
        }
    }
    if let Some((at_least, kinds)) = &rule.classes {
        let names: Vec<&str> = kinds.iter().map(|k| kind_name(*k)).collect();
        if kinds.len() == 1 {
            parts.push(format!("at least one of the {}", names[0]));
        } else {
            parts.push(format!(
                "characters from at least {at_least} of: {}",
                names.join(", ")
            ));
        }
    }
    if let Some(format) = &rule.format {
        parts.push(format_description(format));
    }
    if let Some(pattern) = &rule.pattern {
        parts.push(format!("matching the pattern `{pattern}` as a whole"));
    }
    if parts.is_empty() {
        "any text".to_string()
    } else {
        parts.join("; ")
    }
}

/// The specialised checks of a string rule, cheapest first (the order of
/// `ir::checks`, which the default checker runs too). `described` is the
/// type's phrase, for pattern messages.
pub fn string_checks(rule: &StringRule, described: &str) -> Vec<TokenStream> {
    let checks = checks::string_checks(rule, described);
    let (one_pass, rest) = match length_and_chars(&checks) {
        Some((tokens, used)) => (Some(tokens), &checks[used..]),
        None => (None, &checks[..]),
    };
    one_pass
        .into_iter()
        .chain(rest.iter().map(string_check))
        .collect()
}

/// A length rule directly followed by a character rule (nothing checked
/// between them, so the first violation stays the same) as one
/// `rules::length_and_chars`, which walks the value once; with how many
/// checks it replaces.
fn length_and_chars(checks: &[StringCheck]) -> Option<(TokenStream, usize)> {
    let size = |n: u32| Literal::usize_unsuffixed(n as usize);
    let (length, chars, used) = match checks {
        [StringCheck::Lengths(lengths), StringCheck::Chars(chars), ..] => {
            let lengths = lengths.iter().map(|&l| size(l));
            (quote! { &[#(#lengths),*] }, chars, 2)
        }
        [
            StringCheck::MinLength(min),
            StringCheck::MaxLength(max),
            StringCheck::Chars(chars),
            ..,
        ] => {
            let (min, max) = (size(*min), size(*max));
            (quote! { #min..=#max }, chars, 3)
        }
        [StringCheck::MinLength(min), StringCheck::Chars(chars), ..] => {
            let min = size(*min);
            (quote! { #min.. }, chars, 2)
        }
        [StringCheck::MaxLength(max), StringCheck::Chars(chars), ..] => {
            let max = size(*max);
            (quote! { ..=#max }, chars, 2)
        }
        _ => return None,
    };
    let predicate = char_predicate(chars);
    let described = chars.describe();
    let tokens = quote! {
        rules::length_and_chars(value, #length, #predicate, #described)?;
    };
    Some((tokens, used))
}

fn string_check(check: &StringCheck) -> TokenStream {
    match *check {
        StringCheck::Lengths(lengths) => {
            let lengths = lengths
                .iter()
                .map(|&l| Literal::usize_unsuffixed(l as usize));
            quote! { rules::length_in(value, &[#(#lengths),*])?; }
        }
        StringCheck::MinLength(min) => {
            let min = Literal::usize_unsuffixed(min as usize);
            quote! { rules::min_length(value, #min)?; }
        }
        StringCheck::MaxLength(max) => {
            let max = Literal::usize_unsuffixed(max as usize);
            quote! { rules::max_length(value, #max)?; }
        }
        StringCheck::ControlChars { tab, cr, lf } => {
            quote! { rules::control_chars(value, #tab, #cr, #lf)?; }
        }
        StringCheck::FirstChar(first) => {
            let predicate = char_predicate(first);
            let described = first.describe();
            quote! { rules::first_char(value, #predicate, #described)?; }
        }
        StringCheck::Chars(chars) => {
            let predicate = char_predicate(chars);
            let described = chars.describe();
            quote! { rules::chars(value, #predicate, #described)?; }
        }
        StringCheck::NotChars(not) => {
            let predicate = char_predicate(not);
            let described = not.describe();
            quote! { rules::not_chars(value, #predicate, #described)?; }
        }
        StringCheck::Classes { at_least, kinds } => {
            let at_least = Literal::usize_unsuffixed(at_least as usize);
            let kinds = kinds.iter().map(|k| {
                let variant = quote::format_ident!("{}", format!("{k:?}"));
                quote! { rules::CharKind::#variant }
            });
            quote! { rules::char_classes(value, #at_least, &[#(#kinds),*])?; }
        }
        StringCheck::Format(format) => format_check(format),
        // The source is the checker's canonical form: written back
        // from its syntax tree, so the runtime's anchoring cannot be
        // swallowed by a `(?x)` comment.
        StringCheck::Pattern { source, described } => quote! {
            static PATTERN: rules::Pattern = rules::Pattern::new(#source);
            rules::pattern(value, &PATTERN, #described)?;
        },
    }
}

fn format_check(format: &StringFormat) -> TokenStream {
    let simple = |name: &str| {
        let name = quote::format_ident!("{name}");
        quote! { rules::#name(value)?; }
    };
    match format {
        StringFormat::Base64 => simple("base64"),
        StringFormat::HttpUri => simple("http_uri"),
        StringFormat::Hostname => simple("hostname"),
        StringFormat::Fqdn => simple("fqdn"),
        StringFormat::DomainName => simple("domain_name"),
        StringFormat::WildcardDomain => simple("wildcard_domain"),
        StringFormat::ReverseDnsV4 => {
            quote! { rules::reverse_dns_name(value, rules::ReverseFamily::V4)?; }
        }
        StringFormat::ReverseDnsV6 => {
            quote! { rules::reverse_dns_name(value, rules::ReverseFamily::V6)?; }
        }
        StringFormat::ReverseZone => simple("reverse_zone"),
        StringFormat::Ipv4 => simple("ipv4"),
        StringFormat::Ipv4Cidr => simple("ipv4_cidr"),
        StringFormat::Ipv6 => simple("ipv6"),
        StringFormat::Email => simple("email"),
        StringFormat::Date => simple("date"),
        StringFormat::Datetime => simple("datetime"),
        StringFormat::MimeType => simple("mime_type"),
        StringFormat::SshPublicKey => simple("ssh_public_key"),
        StringFormat::Pem(label) => quote! { rules::pem(value, #label)?; },
    }
}

/// The runtime's description of a decimal shape, as a constant expression.
pub fn decimal_shape(decimal: &Decimal, relaxed: bool) -> TokenStream {
    let currency = match decimal.currency {
        Some(c) => {
            let c = Literal::character(c);
            quote! { Some(#c) }
        }
        None => quote! { None },
    };
    let negative = decimal.negative;
    let positive = decimal.positive;
    let (min, max) = if relaxed {
        (0, quote! { None })
    } else {
        let max = match decimal.max_fraction {
            Some(max) => quote! { Some(#max) },
            None => quote! { None },
        };
        (decimal.min_fraction, max)
    };
    quote! {
        rules::Decimal {
            currency: #currency,
            negative: #negative,
            positive: #positive,
            min_fraction: #min,
            max_fraction: #max,
        }
    }
}

/// A closure testing one character against `class`: the standard ASCII
/// test where there is one, else a `matches!` pattern.
fn char_predicate(class: &CharClass) -> TokenStream {
    match class.ranges.as_slice() {
        [('0', '9')] => return quote! { |c: char| c.is_ascii_digit() },
        [('a', 'z')] => return quote! { |c: char| c.is_ascii_lowercase() },
        [('A', 'Z')] => return quote! { |c: char| c.is_ascii_uppercase() },
        [('A', 'Z'), ('a', 'z')] => return quote! { |c: char| c.is_ascii_alphabetic() },
        [('0', '9'), ('A', 'Z'), ('a', 'z')] => {
            return quote! { |c: char| c.is_ascii_alphanumeric() };
        }
        _ => {}
    }
    let arms = class.ranges.iter().map(|&(a, b)| {
        let start = Literal::character(a);
        if a == b {
            quote! { #start }
        } else {
            let end = Literal::character(b);
            quote! { #start..=#end }
        }
    });
    quote! { |c| matches!(c, #(#arms)|*) }
}
