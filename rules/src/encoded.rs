//! Structured text: PEM blocks, SSH public keys and MIME types.

use super::Violation;

fn is_base64_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '='
}

/// One or more PEM blocks with the given label and only whitespace around
/// them: a `-----BEGIN {label}-----` line, lines of base64, and a matching
/// `-----END {label}-----` line. Lines may end in CRLF.
///
/// Message: "expected a line -----BEGIN CERTIFICATE----- to start the block".
pub fn pem(value: &str, label: &str) -> Result<(), Violation> {
    const RULE: &str = "format.pem";
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let mut lines = value
        .lines()
        .map(|line| line.trim_end_matches('\r').trim())
        .enumerate()
        .filter(|(_, line)| !line.is_empty())
        .peekable();
    let mut blocks = 0usize;
    while let Some((number, line)) = lines.next() {
        if line != begin {
            return Err(Violation::new(
                RULE,
                format!("line {}: expected the line {begin}", number + 1),
            ));
        }
        let mut body_lines = 0usize;
        loop {
            match lines.next() {
                Some((_, line)) if line == end => break,
                Some((number, line)) => {
                    if let Some(c) = line.chars().find(|&c| !is_base64_char(c)) {
                        return Err(Violation::new(
                            RULE,
                            format!(
                                "line {}: U+{:04X} is not base64; expected base64 lines until {end}",
                                number + 1,
                                c as u32
                            ),
                        ));
                    }
                    body_lines += 1;
                }
                None => {
                    return Err(Violation::new(
                        RULE,
                        format!("the block has no closing line {end}"),
                    ));
                }
            }
        }
        if body_lines == 0 {
            return Err(Violation::new(RULE, "the block holds no base64 data"));
        }
        blocks += 1;
    }
    if blocks == 0 {
        return Err(Violation::new(
            RULE,
            format!("expected a block starting with the line {begin}"),
        ));
    }
    Ok(())
}

/// An OpenSSH public key as in an `id_rsa.pub` file: a key type (such as
/// `ssh-rsa`), a space, the base64 key, and an optional comment, on one line;
/// surrounding whitespace (the file's final newline) is allowed.
pub fn ssh_public_key(value: &str) -> Result<(), Violation> {
    const RULE: &str = "format.ssh_public_key";
    let line = value.trim();
    if line.contains(['\n', '\r']) {
        return Err(Violation::new(RULE, "expected a single line"));
    }
    let mut parts = line.splitn(3, [' ', '\t']);
    let kind = parts.next().unwrap_or("");
    let key = parts.next().unwrap_or("");
    let comment = parts.next().unwrap_or("");
    let kind_ok = !kind.is_empty()
        && kind
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c));
    if !kind_ok {
        return Err(Violation::new(
            RULE,
            "expected a key type such as ssh-rsa or ssh-ed25519 first",
        ));
    }
    let padding = key.len() - key.trim_end_matches('=').len();
    let key_ok = key.len() >= 4
        && padding <= 2
        && key
            .trim_end_matches('=')
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/');
    if !key_ok {
        return Err(Violation::new(
            RULE,
            "expected the base64-encoded key after the key type",
        ));
    }
    if comment.chars().any(char::is_control) {
        return Err(Violation::new(
            RULE,
            "the comment after the key holds a control character",
        ));
    }
    Ok(())
}

/// RFC 6838 `restricted-name`: a letter or digit, then up to 126 letters,
/// digits and ``!#$&-^_.+``.
fn restricted_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && name.len() <= 127
        && chars.all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c))
}

/// A MIME type `type/subtype` (RFC 6838 names, such as
/// `application/octet-stream`), without parameters.
pub fn mime_type(value: &str) -> Result<(), Violation> {
    match value.split_once('/') {
        Some((kind, subtype)) if restricted_name(kind) && restricted_name(subtype) => Ok(()),
        _ => Err(Violation::new(
            "format.mime_type",
            "expected a MIME type such as text/plain: a type, '/' and a subtype of letters, digits and !#$&-^_.+",
        )),
    }
}
