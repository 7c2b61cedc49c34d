//! Rust names for spec names: idiomatic case, never a keyword.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves (strict and reserved, 2024 edition) plus names that
/// would shadow what generated modules rely on.
const RESERVED: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Type names generated modules define or import themselves.
const RESERVED_TYPES: &[&str] = &[
    "Client",
    "Credentials",
    "Error",
    "ApiError",
    "Result",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Self",
];

fn escape(name: String) -> String {
    if RESERVED.contains(&name.as_str()) {
        format!("{name}_")
    } else if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        format!("_{name}")
    } else {
        name
    }
}

/// `fooBar`, `Foo-Bar`, `Err{n}` → `foo_bar`, `err_n`; keywords get a `_`.
pub fn snake(name: &str) -> String {
    escape(clean(name).to_snake_case())
}

/// `Account/Auth`, `claim_auth_hash` → `AccountAuth`, `ClaimAuthHash`.
pub fn camel(name: &str) -> String {
    let camel = clean(name).to_upper_camel_case();
    if RESERVED_TYPES.contains(&camel.as_str()) {
        format!("{camel}Type")
    } else {
        escape(camel)
    }
}

/// Separators heck doesn't treat as word breaks become spaces.
fn clean(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Whether `name` is usable as-is as a snake_case identifier (for `api.name`).
pub fn is_snake_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
        && !RESERVED.contains(&name)
}

/// Whether `name` is usable as-is as a Rust identifier (for `rust_name`).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && !RESERVED.contains(&name)
        && name != "_"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_is_idiomatic_and_safe() {
        assert_eq!(snake("claim_auth_hash"), "claim_auth_hash");
        assert_eq!(snake("expireToken"), "expire_token");
        assert_eq!(snake("ResponseType"), "response_type");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("Err{n}"), "err_n");
        assert_eq!(snake("2fa"), "_2fa");
    }

    #[test]
    fn camel_case_avoids_prelude_names() {
        assert_eq!(camel("Account/ChatPassword"), "AccountChatPassword");
        assert_eq!(camel("passwdUpd"), "PasswdUpd");
        assert_eq!(camel("result"), "ResultType");
        assert_eq!(
            camel("LW::Exception::API::InvalidMethod"),
            "LwExceptionApiInvalidMethod"
        );
    }

    #[test]
    fn identifiers() {
        assert!(is_snake_identifier("liquidweb_bleed"));
        assert!(!is_snake_identifier("LiquidWeb"));
        assert!(!is_snake_identifier("type"));
        assert!(is_identifier("Foo_1"));
        assert!(!is_identifier("1foo"));
    }
}
