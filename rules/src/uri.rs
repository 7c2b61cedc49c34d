//! `http`/`https` URIs.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::{Violation, char_at, char_at_byte};

#[inline]
fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

#[inline]
fn is_sub_delim(c: char) -> bool {
    matches!(
        c,
        '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';' | '='
    )
}

/// Checks `part` (a slice of `value` starting at byte `base`) for characters
/// allowed in a host or user information, with `%XX` escapes. Non-ASCII
/// letters and digits are accepted (internationalised names).
fn check_authority_chars(
    value: &str,
    base: usize,
    part: &str,
    extra: fn(char) -> bool,
    what: &str,
) -> Result<(), Violation> {
    let bytes = part.as_bytes();
    for (i, c) in part.char_indices() {
        if c == '%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if hex(i + 1) && hex(i + 2) {
                continue;
            }
            return Err(Violation::new(
                "format.http_uri",
                format!(
                    "{} starts an incomplete %-escape in the {what}",
                    char_at_byte(value, base + i, c)
                ),
            ));
        }
        let ok = is_unreserved(c)
            || is_sub_delim(c)
            || extra(c)
            || (!c.is_ascii() && c.is_alphanumeric());
        if !ok {
            return Err(Violation::new(
                "format.http_uri",
                format!(
                    "{} is not allowed in the {what}",
                    char_at_byte(value, base + i, c)
                ),
            ));
        }
    }
    Ok(())
}

fn check_port(port: &str) -> Result<(), Violation> {
    const RULE: &str = "format.http_uri";
    if port.is_empty() {
        return Err(Violation::new(RULE, "the port after ':' is empty"));
    }
    if !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Violation::new(RULE, "the port must consist of digits only"));
    }
    let digits = port.trim_start_matches('0');
    if digits.len() > 5 || digits.parse::<u32>().is_ok_and(|p| p > 65535) {
        return Err(Violation::new(RULE, "the port must be at most 65535"));
    }
    Ok(())
}

/// A valid `http` or `https` URI: the scheme (any case), `://`, a non-empty
/// host (registered name, IPv4 address or bracketed IPv6 address), an
/// optional `:port` (digits, at most 65535), then an optional path, query and
/// fragment. Optional user information (`user@`) is accepted, as RFC 3986
/// allows it. No whitespace or control characters anywhere.
pub fn http_uri(value: &str) -> Result<(), Violation> {
    const RULE: &str = "format.http_uri";
    for (i, c) in value.chars().enumerate() {
        if c.is_whitespace() || c.is_control() {
            return Err(Violation::new(
                RULE,
                format!(
                    "{} is whitespace or a control character; a URI may contain neither",
                    char_at(i + 1, c)
                ),
            ));
        }
    }
    let Some(sep) = value.find("://") else {
        return Err(Violation::new(
            RULE,
            "expected http:// or https:// followed by a host",
        ));
    };
    let scheme = &value[..sep];
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return Err(Violation::new(RULE, "the scheme must be http or https"));
    }
    let rest_start = sep + 3;
    let rest = &value[rest_start..];
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let (host_start, host_port) = match authority.rfind('@') {
        Some(at) => {
            check_authority_chars(
                value,
                rest_start,
                &authority[..at],
                |c| c == ':',
                "user information",
            )?;
            (rest_start + at + 1, &authority[at + 1..])
        }
        None => (rest_start, authority),
    };
    if let Some(bracketed) = host_port.strip_prefix('[') {
        let Some(close) = bracketed.find(']') else {
            return Err(Violation::new(
                RULE,
                "the IPv6 host is missing its closing ']'",
            ));
        };
        if bracketed[..close].parse::<Ipv6Addr>().is_err() {
            return Err(Violation::new(
                RULE,
                "the bracketed host is not a valid IPv6 address",
            ));
        }
        let after = &bracketed[close + 1..];
        if after.is_empty() {
            return Ok(());
        }
        return match after.strip_prefix(':') {
            Some(port) => check_port(port),
            None => Err(Violation::new(
                RULE,
                "only ':port' may follow the IPv6 host",
            )),
        };
    }
    let (host, port) = match host_port.find(':') {
        Some(colon) => (&host_port[..colon], Some(&host_port[colon + 1..])),
        None => (host_port, None),
    };
    if host.is_empty() {
        return Err(Violation::new(RULE, "the host is missing"));
    }
    check_authority_chars(value, host_start, host, |_| false, "host")?;
    if host.bytes().all(|b| b.is_ascii_digit() || b == b'.') && host.parse::<Ipv4Addr>().is_err() {
        return Err(Violation::new(
            RULE,
            "the host looks like an IPv4 address but is not a valid one",
        ));
    }
    match port {
        Some(port) => check_port(port),
        None => Ok(()),
    }
}
