//! Rust names for spec names: idiomatic case, ASCII, never a keyword.
//!
//! Spec names come from vendors' pages and contributors, so they may hold
//! anything. A derived name is built from the name's ASCII letters and
//! digits only (everything else separates words), and the checker refuses
//! a name that loses letters on the way ([`checked_snake`],
//! [`checked_camel`]): generated identifiers are always plain ASCII, which
//! keeps module file names portable and rules out look-alike characters.
//! [`snake`] and [`camel`] are the total versions for suggestions and
//! importers; they may return a name the checker would refuse.

use std::fmt;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves (strict and reserved, 2024 edition).
const RESERVED: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Type names that generated type modules use unqualified (the prelude's
/// and the runtime's), so a named type may not take them: a derived one
/// gets `Type` appended.
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
    "From",
    "Validate",
    "Violation",
    "Violations",
];

/// The longest identifier derived from a spec name: module names become
/// file names (`types/<module>.rs`, written through a temporary name), and
/// file systems refuse names over 255 bytes.
pub const MAX_LEN: usize = 100;

/// Why a spec name yields no usable Rust name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameProblem {
    /// Nothing but punctuation, spaces or symbols.
    NoLetters,
    /// A letter or digit outside ASCII, which a derived name would lose.
    NonAscii(char),
    /// Longer than [`MAX_LEN`] once derived.
    TooLong(usize),
}

impl fmt::Display for NameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameProblem::NoLetters => f.write_str("has no ASCII letter or digit to name it by"),
            NameProblem::NonAscii(c) => write!(
                f,
                "holds `{}` (U+{:04X}); generated names are ASCII",
                c.escape_debug(),
                *c as u32
            ),
            NameProblem::TooLong(len) => write!(
                f,
                "would become a {len}-character Rust name; at most {MAX_LEN} are allowed"
            ),
        }
    }
}

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

/// [`snake`], or why the name cannot be one.
pub fn checked_snake(name: &str) -> Result<String, NameProblem> {
    usable(name)?;
    limited(snake(name))
}

/// [`camel`], or why the name cannot be one.
pub fn checked_camel(name: &str) -> Result<String, NameProblem> {
    usable(name)?;
    limited(camel(name))
}

fn usable(name: &str) -> Result<(), NameProblem> {
    if let Some(c) = name.chars().find(|c| c.is_alphanumeric() && !c.is_ascii()) {
        return Err(NameProblem::NonAscii(c));
    }
    if !name.chars().any(|c| c.is_ascii_alphanumeric()) {
        return Err(NameProblem::NoLetters);
    }
    Ok(())
}

fn limited(name: String) -> Result<String, NameProblem> {
    if name.len() > MAX_LEN {
        Err(NameProblem::TooLong(name.len()))
    } else {
        Ok(name)
    }
}

/// Everything but ASCII letters and digits separates words.
fn clean(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Whether `name` is usable as-is as a snake_case identifier (for `api.name`).
pub fn is_snake_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
        && !RESERVED.contains(&name)
        && name.len() <= MAX_LEN
}

/// Whether `name` is usable as-is as a Rust identifier (for `rust_name`):
/// ASCII, not a keyword, not `_`, and not starting with `__`, which
/// generated code keeps for itself.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && !RESERVED.contains(&name)
        && name != "_"
        && !name.starts_with("__")
        && name.len() <= MAX_LEN
}

/// The constant naming a method's descriptor: `get_info` → `GET_INFO`.
pub fn constant(rust_name: &str) -> String {
    rust_name.trim_end_matches('_').to_ascii_uppercase()
}

/// The `with_` setter of an optional record field.
pub fn setter(rust_name: &str) -> String {
    format!("with_{}", rust_name.trim_end_matches('_'))
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
        assert_eq!(camel("from"), "FromType");
        assert_eq!(
            camel("LW::Exception::API::InvalidMethod"),
            "LwExceptionApiInvalidMethod"
        );
    }

    #[test]
    fn names_that_lose_letters_or_have_none_are_refused() {
        assert_eq!(checked_snake("maß"), Err(NameProblem::NonAscii('ß')));
        assert_eq!(checked_camel("x²"), Err(NameProblem::NonAscii('²')));
        assert_eq!(checked_snake("٣"), Err(NameProblem::NonAscii('٣')));
        for none in ["", "_", "__", "+-", "😀", "\u{301}", " ", "/"] {
            assert_eq!(checked_snake(none), Err(NameProblem::NoLetters), "{none:?}");
            assert_eq!(checked_camel(none), Err(NameProblem::NoLetters), "{none:?}");
        }
        assert_eq!(checked_snake("a😀b"), Ok("a_b".to_string()));
        assert_eq!(checked_snake("\u{301}a"), Ok("a".to_string()));
        let long = "a".repeat(MAX_LEN + 1);
        assert_eq!(checked_snake(&long), Err(NameProblem::TooLong(MAX_LEN + 1)));
        assert!(checked_snake(&"a".repeat(MAX_LEN)).is_ok());
    }

    #[test]
    fn every_accepted_name_is_an_ascii_identifier() {
        for name in [
            "a",
            "A-b",
            "1",
            "type",
            "Self",
            "x y z",
            "__init__",
            "a\u{202e}b",
        ] {
            for derived in [checked_snake(name), checked_camel(name)]
                .into_iter()
                .flatten()
            {
                assert!(
                    syn::parse_str::<syn::Ident>(&derived).is_ok(),
                    "{name:?} -> {derived:?}"
                );
                assert!(derived.is_ascii(), "{derived:?}");
            }
        }
    }

    #[test]
    fn identifiers() {
        assert!(is_snake_identifier("liquidweb_bleed"));
        assert!(!is_snake_identifier("LiquidWeb"));
        assert!(!is_snake_identifier("type"));
        assert!(is_identifier("Foo_1"));
        assert!(!is_identifier("1foo"));
        assert!(!is_identifier("__hidden"));
        assert!(!is_identifier("naïve"));
        assert_eq!(constant("get_"), "GET");
        assert_eq!(setter("type_"), "with_type");
    }
}
