//! Names and addresses: host and domain names, reverse-DNS names, IP
//! addresses and email addresses.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::{Violation, char_at_byte, char_count};

/// Characters a label may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Labels {
    /// Letters, digits and `-`, not first or last (RFC 1123 host names).
    /// Non-ASCII letters and digits count as letters and digits, so
    /// internationalised names pass in Unicode form as well as in `xn--`
    /// form.
    Ldh,
    /// Anything but `.` (DNS names may hold any octet).
    Any,
}

/// Checks a dotted name: labels of 1 to 63 characters, at most 127 labels,
/// at most 253 characters, one optional trailing `.` (the root) not counted.
#[inline]
fn dotted(
    value: &str,
    rule: &'static str,
    labels: Labels,
    min_labels: usize,
    what: &str,
) -> Result<(), Violation> {
    let name = without_root(value.as_bytes());
    if let Some(count) = ascii_labels(name, labels)
        && count >= min_labels
        && name.len() <= 253
    {
        return Ok(());
    }
    dotted_slow(value, rule, labels, min_labels, what)
}

/// A name without its trailing `.` (the root), if any; on bytes, which is
/// cheaper than `str::strip_suffix` with a `char`.
#[inline]
fn without_root(name: &[u8]) -> &[u8] {
    name.strip_suffix(b".").unwrap_or(name)
}

/// What a byte is in a name, for [`ascii_labels`]: refused, part of a
/// label, or the `.` between labels.
const REFUSED: u8 = 0;
const IN_LABEL: u8 = 1;
const DOT: u8 = 2;

/// Byte classes of a host name: letters, digits and `-` in labels.
const LDH_CLASSES: [u8; 256] = byte_classes(Labels::Ldh);
/// Byte classes of a DNS name: any ASCII byte in labels.
const ANY_CLASSES: [u8; 256] = byte_classes(Labels::Any);

const fn byte_classes(labels: Labels) -> [u8; 256] {
    let mut table = [REFUSED; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let in_label = match labels {
            Labels::Ldh => c.is_ascii_alphanumeric() || c == b'-',
            Labels::Any => c.is_ascii(),
        };
        table[b] = if c == b'.' {
            DOT
        } else if in_label {
            IN_LABEL
        } else {
            REFUSED
        };
        b += 1;
    }
    table
}

/// The number of labels of an all-ASCII name, or `None` when the name is
/// not ASCII or breaks a label rule (the slow path then says which). One
/// pass with one table lookup and one test per byte; each label's length
/// and edges are checked at the '.' (or end) that closes it.
#[inline]
fn ascii_labels(name: &[u8], labels: Labels) -> Option<usize> {
    let ldh = labels == Labels::Ldh;
    let classes = if ldh { &LDH_CLASSES } else { &ANY_CLASSES };
    let label_ok = |label: &[u8]| {
        !label.is_empty()
            && label.len() <= 63
            && (!ldh || label[0] != b'-' && label[label.len() - 1] != b'-')
    };
    let (mut dots, mut start) = (0usize, 0usize);
    for (at, &b) in name.iter().enumerate() {
        let class = classes[usize::from(b)];
        if class != IN_LABEL {
            if class != DOT || !label_ok(&name[start..at]) {
                return None;
            }
            dots += 1;
            start = at + 1;
        }
    }
    label_ok(&name[start..]).then_some(dots + 1)
}

#[cold]
#[inline(never)]
fn dotted_slow(
    value: &str,
    rule: &'static str,
    labels: Labels,
    min_labels: usize,
    what: &str,
) -> Result<(), Violation> {
    let name = value.strip_suffix('.').unwrap_or(value);
    if name.is_empty() {
        return Err(Violation::new(
            rule,
            format!("expected {what}, got an empty name"),
        ));
    }
    let total = char_count(name);
    if total > 253 {
        return Err(Violation::new(
            rule,
            format!("expected at most 253 characters in {what}, got {total}"),
        ));
    }
    let mut count = 0usize;
    let mut offset = 0usize;
    for label in name.split('.') {
        count += 1;
        let length = char_count(label);
        if length == 0 {
            return Err(Violation::new(
                rule,
                format!("label {count} is empty; labels hold 1 to 63 characters"),
            ));
        }
        if length > 63 {
            return Err(Violation::new(
                rule,
                format!("label {count} has {length} characters; labels hold at most 63"),
            ));
        }
        if labels == Labels::Ldh {
            for (i, c) in label.char_indices() {
                if !(c.is_alphanumeric() || c == '-') {
                    return Err(Violation::new(
                        rule,
                        format!(
                            "{} is not allowed; {what} holds only letters, digits, '-' and '.'",
                            char_at_byte(value, offset + i, c)
                        ),
                    ));
                }
            }
            if label.starts_with('-') || label.ends_with('-') {
                return Err(Violation::new(
                    rule,
                    format!("label {count} starts or ends with '-'"),
                ));
            }
        }
        offset += label.len() + 1;
    }
    if count > 127 {
        return Err(Violation::new(
            rule,
            format!("expected at most 127 labels, got {count}"),
        ));
    }
    if count < min_labels {
        return Err(Violation::new(
            rule,
            format!(
                "expected {what} of at least {min_labels} labels (e.g. example.com), got {count}"
            ),
        ));
    }
    Ok(())
}

/// A host name: labels of letters, digits and `-` (not first or last)
/// separated by `.`; `localhost` passes.
#[inline]
pub fn hostname(value: &str) -> Result<(), Violation> {
    dotted(value, "format.hostname", Labels::Ldh, 1, "a host name")
}

/// A fully-qualified host name: a [`hostname`] of at least two labels.
#[inline]
pub fn fqdn(value: &str) -> Result<(), Violation> {
    dotted(
        value,
        "format.fqdn",
        Labels::Ldh,
        2,
        "a fully-qualified domain name",
    )
}

/// A DNS name: at most 127 labels of 1 to 63 characters each, at most 253
/// characters in all. DNS itself puts no limit on the characters of a label.
#[inline]
pub fn domain_name(value: &str) -> Result<(), Violation> {
    dotted(value, "format.domain_name", Labels::Any, 1, "a domain name")
}

/// A wildcard name: `*.` followed by a [`domain_name`].
pub fn wildcard_domain(value: &str) -> Result<(), Violation> {
    match value.strip_prefix("*.") {
        Some(rest) => dotted(
            rest,
            "format.wildcard_domain",
            Labels::Any,
            1,
            "the domain after '*.'",
        ),
        None => Err(Violation::new(
            "format.wildcard_domain",
            "expected a wildcard name starting with '*.'",
        )),
    }
}

/// Which reverse-DNS tree a name belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReverseFamily {
    /// `in-addr.arpa`.
    V4,
    /// `ip6.arpa`.
    V6,
}

impl ReverseFamily {
    fn suffix(self) -> &'static str {
        match self {
            ReverseFamily::V4 => "in-addr.arpa",
            ReverseFamily::V6 => "ip6.arpa",
        }
    }
}

/// Whether `name` (without a trailing dot) ends in `.{suffix}`, in any case.
fn has_suffix(name: &str, suffix: &str) -> bool {
    name.len() > suffix.len() + 1
        && name.is_char_boundary(name.len() - suffix.len() - 1)
        && name[name.len() - suffix.len() - 1..].starts_with('.')
        && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// A name in a reverse-DNS tree: a [`domain_name`] with at least one label
/// before `in-addr.arpa` (IPv4) or `ip6.arpa` (IPv6), in any case.
pub fn reverse_dns_name(value: &str, family: ReverseFamily) -> Result<(), Violation> {
    const RULE: &str = "format.reverse_dns";
    dotted(value, RULE, Labels::Any, 1, "a reverse DNS name")?;
    let name = value.strip_suffix('.').unwrap_or(value);
    if has_suffix(name, family.suffix()) {
        Ok(())
    } else {
        Err(Violation::new(
            RULE,
            format!("expected a name ending in .{}", family.suffix()),
        ))
    }
}

/// A reverse-DNS zone of either family.
pub fn reverse_zone(value: &str) -> Result<(), Violation> {
    const RULE: &str = "format.reverse_zone";
    dotted(value, RULE, Labels::Any, 1, "a reverse DNS zone")?;
    let name = value.strip_suffix('.').unwrap_or(value);
    if has_suffix(name, "in-addr.arpa") || has_suffix(name, "ip6.arpa") {
        Ok(())
    } else {
        Err(Violation::new(
            RULE,
            "expected a zone ending in .in-addr.arpa or .ip6.arpa",
        ))
    }
}

/// An IPv4 address in dotted-quad notation (`127.0.0.1`); leading zeros are
/// refused because some parsers read them as octal.
#[inline]
pub fn ipv4(value: &str) -> Result<(), Violation> {
    if dotted_quad(value.as_bytes()) {
        return Ok(());
    }
    match value.parse::<Ipv4Addr>() {
        Ok(_) => Ok(()),
        Err(_) => Err(Violation::new(
            "format.ipv4",
            "expected an IPv4 address in dotted-quad notation, such as 192.0.2.1",
        )),
    }
}

/// Four decimal octets of 0 to 255 without leading zeros, joined by `.`:
/// the same language as `Ipv4Addr`'s parser, read octet by octet (one to
/// three digits each) rather than byte by byte.
#[inline]
fn dotted_quad(bytes: &[u8]) -> bool {
    // A digit's value, or 10 and more for anything else or past the end.
    let digit = |at: usize| bytes.get(at).map_or(u8::MAX, |b| b.wrapping_sub(b'0'));
    let mut at = 0;
    for octet in 0..4 {
        if octet > 0 {
            if bytes.get(at) != Some(&b'.') {
                return false;
            }
            at += 1;
        }
        let first = digit(at);
        if first > 9 {
            return false;
        }
        let second = digit(at + 1);
        if second > 9 {
            at += 1;
            continue;
        }
        if first == 0 {
            return false;
        }
        let third = digit(at + 2);
        if third > 9 {
            at += 2;
            continue;
        }
        if u32::from(first) * 100 + u32::from(second) * 10 + u32::from(third) > 255 {
            return false;
        }
        at += 3;
    }
    at == bytes.len()
}

/// An IPv4 address with a CIDR mask of 0 to 32 (`192.168.1.0/24`).
pub fn ipv4_cidr(value: &str) -> Result<(), Violation> {
    const RULE: &str = "format.ipv4_cidr";
    let Some((address, mask)) = value.split_once('/') else {
        return Err(Violation::new(
            RULE,
            "expected an IPv4 address, '/' and a mask, such as 192.168.1.0/24",
        ));
    };
    if address.parse::<Ipv4Addr>().is_err() {
        return Err(Violation::new(
            RULE,
            "the part before '/' is not an IPv4 address in dotted-quad notation",
        ));
    }
    let digits_ok = !mask.is_empty()
        && mask.len() <= 2
        && mask.bytes().all(|b| b.is_ascii_digit())
        && !(mask.len() == 2 && mask.starts_with('0'));
    match mask.parse::<u8>() {
        Ok(bits) if digits_ok && bits <= 32 => Ok(()),
        _ => Err(Violation::new(
            RULE,
            "the mask after '/' must be a number from 0 to 32",
        )),
    }
}

/// An IPv6 address in any of RFC 4291's text forms.
pub fn ipv6(value: &str) -> Result<(), Violation> {
    match value.parse::<Ipv6Addr>() {
        Ok(_) => Ok(()),
        Err(_) => Err(Violation::new(
            "format.ipv6",
            "expected an IPv6 address, such as 2001:db8::1",
        )),
    }
}

/// RFC 5322 `atext` in ASCII: the characters of an unquoted local part
/// besides `.`.
const ATEXT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'/'
                    | b'='
                    | b'?'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'{'
                    | b'|'
                    | b'}'
                    | b'~'
            );
        b += 1;
    }
    table
};

/// `atext`, with non-ASCII letters and digits (RFC 6531).
fn is_atext(c: char) -> bool {
    if c.is_ascii() {
        ATEXT[c as usize]
    } else {
        c.is_alphanumeric()
    }
}

/// An email address `local@domain`: a local part of 1 to 64 characters
/// (RFC 5322 dot-atom: letters, digits and ``!#$%&'*+-/=?^_`{|}~``, dots
/// between them), and a [`hostname`] domain; at most 254 characters in all.
/// Non-ASCII letters are accepted (RFC 6531). Quoted local parts and
/// address literals are not.
#[inline]
pub fn email(value: &str) -> Result<(), Violation> {
    if email_ascii_ok(value) {
        return Ok(());
    }
    email_slow(value)
}

/// The common case in one pass per part: an all-ASCII address that passes.
#[inline]
fn email_ascii_ok(value: &str) -> bool {
    let bytes = value.as_bytes();
    // The local part up to the first '@', in one pass: `atext`, with each
    // dot between two of them (so it is not empty and does not start or
    // end with a dot). The exact rule splits at the last '@'; when they
    // differ the domain holds an '@', which the label check refuses.
    let mut after_dot = true;
    let mut at = None;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'@' {
            at = Some(i);
            break;
        } else if b == b'.' {
            if after_dot {
                return false;
            }
            after_dot = true;
        } else if ATEXT[usize::from(b)] {
            after_dot = false;
        } else {
            return false;
        }
    }
    let Some(at) = at else {
        return false;
    };
    let domain = &bytes[at + 1..];
    !after_dot
        && bytes.len() <= 254
        && at <= 64
        && domain.len() <= 253
        && ascii_labels(without_root(domain), Labels::Ldh).is_some()
}

#[cold]
#[inline(never)]
fn email_slow(value: &str) -> Result<(), Violation> {
    const RULE: &str = "format.email";
    let Some(at) = value.rfind('@') else {
        return Err(Violation::new(
            RULE,
            "expected an address of the form name@domain",
        ));
    };
    let (local, domain) = (&value[..at], &value[at + 1..]);
    let total = char_count(value);
    if total > 254 {
        return Err(Violation::new(
            RULE,
            format!("expected at most 254 characters, got {total}"),
        ));
    }
    let local_length = char_count(local);
    if local_length == 0 || local_length > 64 {
        return Err(Violation::new(
            RULE,
            format!("the part before '@' must hold 1 to 64 characters, got {local_length}"),
        ));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(Violation::new(
            RULE,
            "dots in the part before '@' must sit between other characters",
        ));
    }
    if let Some((i, c)) = local
        .char_indices()
        .find(|&(_, c)| c != '.' && !is_atext(c))
    {
        return Err(Violation::new(
            RULE,
            format!("{} is not allowed before '@'", char_at_byte(value, i, c)),
        ));
    }
    dotted(domain, RULE, Labels::Ldh, 1, "the domain after '@'")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The fast paths decide exactly like the exact, character-wise ones.
        #[test]
        fn fast_paths_agree_with_the_exact_rules(
            value in "[a-zA-Z0-9.@_!-]{0,70}|([a-z0-9-]{1,64}\\.){1,5}[a-z]{0,3}\\.?|\\PC{0,40}",
        ) {
            for (labels, min) in [(Labels::Ldh, 1), (Labels::Ldh, 2), (Labels::Any, 1)] {
                prop_assert_eq!(
                    dotted(&value, "r", labels, min, "x").is_ok(),
                    dotted_slow(&value, "r", labels, min, "x").is_ok(),
                );
            }
            prop_assert_eq!(email(&value).is_ok(), email_slow(&value).is_ok());
        }

        #[test]
        fn the_dotted_quad_reader_agrees_with_the_standard_library(
            value in "[0-9.]{0,18}|([0-9]{1,3}\\.){3}[0-9]{1,3}",
        ) {
            prop_assert_eq!(dotted_quad(value.as_bytes()), value.parse::<Ipv4Addr>().is_ok());
        }
    }

    /// Every octet written with one to four digits, leading zeros
    /// included, in every position: read as the standard library reads it.
    #[test]
    fn every_octet_spelling_is_read_as_the_standard_library_reads_it() {
        let spellings = (0..10_000u32)
            .map(|n| n.to_string())
            .chain((0..1000u32).flat_map(|n| [format!("0{n}"), format!("00{n}")]));
        for octet in spellings {
            for value in [
                format!("{octet}.1.22.255"),
                format!("1.{octet}.22.255"),
                format!("1.22.{octet}.255"),
                format!("1.22.255.{octet}"),
            ] {
                assert_eq!(
                    dotted_quad(value.as_bytes()),
                    value.parse::<Ipv4Addr>().is_ok(),
                    "{value}"
                );
            }
        }
    }

    /// The byte-class tables say what the exact rules say of each byte.
    #[test]
    fn byte_class_tables_match_the_label_rules() {
        for b in 0..=255u8 {
            let expected = |in_label: bool| match b {
                b'.' => DOT,
                _ if in_label => IN_LABEL,
                _ => REFUSED,
            };
            let ldh = char::from(b).is_ascii_alphanumeric() || b == b'-';
            assert_eq!(LDH_CLASSES[usize::from(b)], expected(ldh), "{b:#04x}");
            assert_eq!(
                ANY_CLASSES[usize::from(b)],
                expected(b.is_ascii()),
                "{b:#04x}"
            );
        }
    }

    /// Every byte value in a local part and in a host label, at an edge
    /// and inside: the fast paths agree with the exact rules.
    #[test]
    fn every_byte_value_in_names_agrees_with_the_exact_rules() {
        for c in (0u8..=0xFF).map(char::from) {
            for value in [
                format!("{c}a@example.com"),
                format!("a{c}b@example.com"),
                format!("a{c}@example.com"),
                format!("a@{c}x.example.com"),
                format!("a@x{c}y.example.com"),
                format!("a@x{c}.example.com"),
            ] {
                assert_eq!(
                    email(&value).is_ok(),
                    email_slow(&value).is_ok(),
                    "{value:?}"
                );
                let host = &value[value.find('@').unwrap() + 1..];
                for (labels, min) in [(Labels::Ldh, 1), (Labels::Ldh, 2), (Labels::Any, 1)] {
                    assert_eq!(
                        dotted(host, "r", labels, min, "x").is_ok(),
                        dotted_slow(host, "r", labels, min, "x").is_ok(),
                        "{host:?}"
                    );
                }
            }
        }
    }
}
