//! Base URLs of generated clients: the one decision the generator's checker
//! (on a spec's `api.base_url`) and the runtime (on every `Client::new`,
//! including a caller's override) both make, so a spec the checker accepts
//! never builds a client that refuses its own default.

use std::net::Ipv6Addr;

use super::{Violation, char_at};

const RULE: &str = "base_url";

/// A base URL methods are resolved against: `http://` or `https://`
/// (lower case), a host, an optional `:port`, and an optional path; nothing
/// else.
///
/// Deliberately narrower than what URL parsers accept, so that every value
/// it passes is one the WHATWG URL parser (reqwest's `Url`) takes as it is,
/// without credentials, query or fragment:
///
/// - only printable ASCII: no whitespace, control characters or non-ASCII
///   text; internationalised host names are not supported, not even in
///   their `xn--` form (the parser would validate the punycode);
/// - the host is a name of letters, digits and `-` labels (1 to 63
///   characters, `-` not first or last, at most 253 characters, the last
///   label starting with a letter, so it is never read as a number), a
///   dotted-quad IPv4 address, or a bracketed IPv6 address;
/// - the port is 1 to 5 digits, at most 65535;
/// - the path is `/`-separated segments of letters, digits,
///   `-._~!$&'()*+,;=:@` and `%XX` escapes, without `.` or `..` segments
///   (which a parser would resolve away).
///
/// Messages never contain the value.
pub fn base_url(value: &str) -> Result<(), Violation> {
    if let Some((i, c)) = value
        .chars()
        .enumerate()
        .find(|&(_, c)| !c.is_ascii_graphic())
    {
        let what = if c.is_ascii_whitespace() {
            "whitespace"
        } else if c.is_control() {
            "a control character"
        } else {
            "not ASCII"
        };
        return Err(Violation::new(
            RULE,
            format!(
                "{} is {what}; a base URL is printable ASCII (percent-encode anything else)",
                char_at(i + 1, c)
            ),
        ));
    }
    if value.contains('?') {
        return Err(Violation::new(
            RULE,
            "the URL has a query (`?…`); parameters go into the request, not the base URL",
        ));
    }
    if value.contains('#') {
        return Err(Violation::new(
            RULE,
            "the URL has a fragment (`#…`), which is never sent",
        ));
    }
    let Some(rest) = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
    else {
        return Err(Violation::new(
            RULE,
            "expected `https://` or `http://` (in lower case) followed by a host",
        ));
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        return Err(Violation::new(
            RULE,
            "the URL holds user information (`…@`); credentials are passed as credentials, \
             never in the URL",
        ));
    }
    let port = if let Some(bracketed) = authority.strip_prefix('[') {
        let Some((address, after)) = bracketed.split_once(']') else {
            return Err(Violation::new(
                RULE,
                "the IPv6 host is missing its closing `]`",
            ));
        };
        if address.parse::<Ipv6Addr>().is_err() {
            return Err(Violation::new(
                RULE,
                "the bracketed host is not an IPv6 address",
            ));
        }
        match after {
            "" => None,
            _ => match after.strip_prefix(':') {
                Some(port) => Some(port),
                None => {
                    return Err(Violation::new(
                        RULE,
                        "only `:port` may follow the IPv6 host",
                    ));
                }
            },
        }
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        check_host(host)?;
        port
    };
    if let Some(port) = port {
        check_port(port)?;
    }
    check_path(path)
}

fn check_host(host: &str) -> Result<(), Violation> {
    if host.is_empty() {
        return Err(Violation::new(RULE, "the host is empty"));
    }
    if super::ipv4(host).is_ok() {
        return Ok(());
    }
    if host.len() > 253 {
        return Err(Violation::new(
            RULE,
            format!(
                "the host has {} characters; at most 253 are allowed",
                host.len()
            ),
        ));
    }
    let labels: Vec<&str> = host.split('.').collect();
    for (n, label) in labels.iter().enumerate() {
        let n = n + 1;
        let ok_chars = label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let problem = if label.is_empty() {
            Some("is empty (two dots in a row, or a dot at an end)")
        } else if label.len() > 63 {
            Some("is longer than 63 characters")
        } else if !ok_chars {
            Some("holds a character other than a letter, a digit or `-`")
        } else if label.starts_with('-') || label.ends_with('-') {
            Some("starts or ends with `-`")
        } else if label.len() >= 4 && label[..4].eq_ignore_ascii_case("xn--") {
            Some("is an internationalised (`xn--`) label, which base URLs do not support")
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(Violation::new(
                RULE,
                format!("label {n} of the host {problem}"),
            ));
        }
    }
    let last = labels.last().copied().unwrap_or_default();
    if !last.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(Violation::new(
            RULE,
            "the host's last label must start with a letter (a host ending in a number is \
             read as an IPv4 address, and this one is not a valid address)",
        ));
    }
    Ok(())
}

fn check_port(port: &str) -> Result<(), Violation> {
    let digits = !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
    if digits && port.parse::<u32>().is_ok_and(|p| p <= 65535) {
        Ok(())
    } else {
        Err(Violation::new(
            RULE,
            "the port after `:` must be 1 to 5 digits, at most 65535",
        ))
    }
}

fn check_path(path: &str) -> Result<(), Violation> {
    let bytes = path.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ok = b.is_ascii_alphanumeric()
            || b"/-._~!$&'()*+,;=:@".contains(&b)
            || (b == b'%'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit));
        if !ok {
            let what = if b == b'%' {
                "`%` that does not start a `%XX` escape".to_string()
            } else {
                format!("`{}`, which is not allowed there", char::from(b))
            };
            return Err(Violation::new(RULE, format!("the path holds a {what}")));
        }
    }
    for segment in path.split('/') {
        let decoded = segment.replace("%2e", ".").replace("%2E", ".");
        if decoded == "." || decoded == ".." {
            return Err(Violation::new(
                RULE,
                "the path has a `.` or `..` segment; write the path it stands for",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_base_urls() {
        for ok in [
            "https://api.liquidweb.com/bleed",
            "https://reseller.enom.com/interface.asp",
            "http://127.0.0.1:8080/",
            "http://localhost:1",
            "https://[2001:db8::1]:443/v1/",
            "https://api.example.test/a%20b/c;v=1/~x/",
            "https://Example.COM",
        ] {
            assert_eq!(base_url(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_what_a_base_url_cannot_hold() {
        for (bad, says) in [
            ("ftp://x.example/", "`https://`"),
            ("HTTPS://x.example", "lower case"),
            ("api.example.test", "`https://`"),
            ("https://", "empty"),
            ("https:///path", "empty"),
            ("https://:80/", "empty"),
            ("https://user:pw@x.example/", "user information"),
            ("https://user@x.example/", "user information"),
            ("https://x.example/?a=1", "query"),
            ("https://x.example/?", "query"),
            ("https://x.example/#top", "fragment"),
            ("https://x.example/a b", "whitespace"),
            ("https://x example/", "whitespace"),
            ("https://x.example/\u{7}", "control"),
            ("https://bücher.example/", "not ASCII"),
            ("https://x.example:/", "port"),
            ("https://x.example:65536/", "port"),
            ("https://x.example:http/", "port"),
            ("https://x.example:123456/", "port"),
            ("https://x..example/", "label 2"),
            ("https://x_y.example/", "label 1"),
            ("https://-x.example/", "label 1"),
            ("https://xn--nxasmq6b.example/", "xn--"),
            ("https://999.1.1.1/", "last label"),
            ("https://example.123/", "last label"),
            ("https://[::1/", "closing"),
            ("https://[::g]/", "IPv6"),
            ("https://[::1]x/", "`:port`"),
            ("https://x.example/a\\b", "path"),
            ("https://x.example/a%2", "`%XX`"),
            ("https://x.example/a/../b", "`..`"),
            ("https://x.example/%2E", "`.`"),
        ] {
            let error = base_url(bad).expect_err(bad);
            assert_eq!(error.rule, "base_url");
            assert!(error.message.contains(says), "{bad}: {}", error.message);
        }
    }
}
