//! Boundary cases for the format, number and character-class rules, taken
//! from the vendors' phrases.

use hostapi_runtime::validate::Violation;
use hostapi_runtime::validate::rules::*;

fn rule(r: Result<(), Violation>) -> &'static str {
    r.expect_err("expected a violation").rule
}

fn msg(r: Result<(), Violation>) -> String {
    r.expect_err("expected a violation").message
}

fn label(n: usize) -> String {
    "a".repeat(n)
}

/// A name of exactly `total` (> 192) characters: three 63-character labels
/// and one more.
fn name_of_length(total: usize) -> String {
    let name = format!("{0}.{0}.{0}.{1}", label(63), label(total - 3 * 64));
    assert_eq!(name.chars().count(), total);
    name
}

#[test]
fn domain_names_253_versus_254_characters() {
    let ok = name_of_length(253);
    assert!(domain_name(&ok).is_ok());
    assert!(hostname(&ok).is_ok());
    assert!(fqdn(&ok).is_ok());
    // A trailing dot (the root) is not counted.
    assert!(domain_name(&format!("{ok}.")).is_ok());
    let long = name_of_length(254);
    assert_eq!(
        msg(domain_name(&long)),
        "expected at most 253 characters in a domain name, got 254"
    );
    assert_eq!(rule(hostname(&long)), "format.hostname");
}

#[test]
fn labels_hold_1_to_63_characters() {
    assert!(domain_name(&format!("{}.com", label(63))).is_ok());
    assert_eq!(
        msg(domain_name(&format!("{}.com", label(64)))),
        "label 1 has 64 characters; labels hold at most 63"
    );
    assert_eq!(
        msg(domain_name("a..com")),
        "label 2 is empty; labels hold 1 to 63 characters"
    );
    assert!(domain_name("").is_err());
    assert!(domain_name(".").is_err());
    // 127 one-character labels are 253 characters; 128 would be too many.
    let labels_127 = vec!["a"; 127].join(".");
    assert!(domain_name(&labels_127).is_ok());
}

#[test]
fn label_length_counts_characters_not_bytes() {
    let unicode = format!("{}.de", "ü".repeat(63));
    assert!(domain_name(&unicode).is_ok());
    assert!(hostname(&unicode).is_ok(), "Unicode letters are letters");
    assert!(domain_name(&format!("{}.de", "ü".repeat(64))).is_err());
}

#[test]
fn hostnames_hold_letters_digits_and_inner_hyphens() {
    for ok in [
        "localhost",
        "liquidweb.com",
        "www.liquidweb.com",
        "a-b.c0m",
        "xn--bcher-kva.example",
    ] {
        assert!(hostname(ok).is_ok(), "{ok}");
    }
    assert_eq!(
        msg(hostname("foo_bar.com")),
        "character 4 (U+005F) is not allowed; a host name holds only letters, digits, '-' and '.'"
    );
    assert_eq!(msg(hostname("-a.com")), "label 1 starts or ends with '-'");
    assert_eq!(msg(hostname("a-.com")), "label 1 starts or ends with '-'");
    assert!(hostname("a b.com").is_err());
}

#[test]
fn fully_qualified_names_need_two_labels() {
    assert!(fqdn("liquidweb.com").is_ok());
    assert!(fqdn("liquidweb.com.").is_ok());
    assert_eq!(
        msg(fqdn("localhost")),
        "expected a fully-qualified domain name of at least 2 labels (e.g. example.com), got 1"
    );
}

#[test]
fn wildcards_and_reverse_names() {
    assert!(wildcard_domain("*.example.com").is_ok());
    assert_eq!(
        rule(wildcard_domain("example.com")),
        "format.wildcard_domain"
    );
    assert!(wildcard_domain("*.").is_err());
    assert!(reverse_dns_name("1.0.0.127.in-addr.arpa", ReverseFamily::V4).is_ok());
    assert!(reverse_dns_name("1.0.0.127.IN-ADDR.ARPA.", ReverseFamily::V4).is_ok());
    assert!(reverse_dns_name("in-addr.arpa", ReverseFamily::V4).is_err());
    assert!(reverse_dns_name("1.0.0.127.in-addr.arpa", ReverseFamily::V6).is_err());
    assert!(reverse_dns_name("b.a.9.8.ip6.arpa", ReverseFamily::V6).is_ok());
    assert!(reverse_dns_name("example.com", ReverseFamily::V4).is_err());
    assert!(reverse_zone("168.192.in-addr.arpa").is_ok());
    assert!(reverse_zone("8.b.d.0.1.0.0.2.ip6.arpa").is_ok());
    assert_eq!(
        msg(reverse_zone("example.com")),
        "expected a zone ending in .in-addr.arpa or .ip6.arpa"
    );
    // Multi-byte text right before the suffix must not split a character.
    assert!(reverse_zone("é.in-addr.arpa").is_ok());
    assert!(reverse_zone("éin-addr.arpa").is_err());
}

#[test]
fn ipv4_addresses_and_masks() {
    for ok in ["127.0.0.1", "0.0.0.0", "255.255.255.255"] {
        assert!(ipv4(ok).is_ok(), "{ok}");
    }
    for bad in [
        "256.0.0.1",
        "1.2.3",
        "1.2.3.4.5",
        "01.2.3.4",
        " 1.2.3.4",
        "1.2.3.4/32",
        "",
    ] {
        assert_eq!(rule(ipv4(bad)), "format.ipv4", "{bad}");
    }
    for ok in ["127.0.0.1/32", "192.168.1.0/24", "10.0.0.0/0", "10.0.0.0/8"] {
        assert!(ipv4_cidr(ok).is_ok(), "{ok}");
    }
    for bad in [
        "127.0.0.1",
        "127.0.0.1/33",
        "127.0.0.1/",
        "127.0.0.1/08",
        "127.0.0.1/+8",
        "1.2.3/24",
    ] {
        assert_eq!(rule(ipv4_cidr(bad)), "format.ipv4_cidr", "{bad}");
    }
}

#[test]
fn ipv6_addresses() {
    for ok in [
        "::1",
        "2001:db8::1",
        "::",
        "fe80::1:2:3:4",
        "::ffff:192.0.2.1",
    ] {
        assert!(ipv6(ok).is_ok(), "{ok}");
    }
    for bad in ["2001:db8::g", "1:2:3:4:5:6:7:8:9", "127.0.0.1", "[::1]", ""] {
        assert_eq!(rule(ipv6(bad)), "format.ipv6", "{bad}");
    }
}

#[test]
fn email_addresses() {
    for ok in [
        "a@b.c",
        "first.last+tag@example.com",
        "user@localhost",
        "ünïcode@例え.jp",
        "x!#$%&'*+-/=?^_`{|}~@a.io",
    ] {
        assert!(email(ok).is_ok(), "{ok}");
    }
    assert_eq!(
        msg(email("nobody")),
        "expected an address of the form name@domain"
    );
    assert!(email("@example.com").is_err());
    assert!(email("a@").is_err());
    assert!(email(".a@example.com").is_err());
    assert!(email("a..b@example.com").is_err());
    assert!(email("a b@example.com").is_err());
    assert!(email("a@exa_mple.com").is_err());
    let local_64 = format!("{}@example.com", label(64));
    assert!(email(&local_64).is_ok());
    let local_65 = format!("{}@example.com", label(65));
    assert_eq!(
        msg(email(&local_65)),
        "the part before '@' must hold 1 to 64 characters, got 65"
    );
    let long = format!(
        "{}@{}.{}.{}.{}",
        label(60),
        label(63),
        label(63),
        label(63),
        label(2)
    );
    assert_eq!(long.len(), 255);
    assert_eq!(
        msg(email(&long)),
        "expected at most 254 characters, got 255"
    );
}

#[test]
fn dates_exist() {
    for ok in ["2024-02-29", "2000-02-29", "1970-01-01", "9999-12-31"] {
        assert!(date(ok).is_ok(), "{ok}");
    }
    assert_eq!(msg(date("2023-02-29")), "day 29 does not exist in 2023-02");
    assert_eq!(msg(date("1900-02-29")), "day 29 does not exist in 1900-02");
    assert_eq!(
        msg(date("2024-13-01")),
        "the month must be 01 to 12, got 13"
    );
    assert_eq!(msg(date("2024-04-31")), "day 31 does not exist in 2024-04");
    assert_eq!(msg(date("0000-01-01")), "the year must be 0001 or later");
    for bad in [
        "2024-1-01",
        "2024/01/01",
        "20240101",
        "2024-01-01 ",
        "２０２４-01-01",
        "",
    ] {
        assert_eq!(msg(date(bad)), "expected the form YYYY-MM-DD", "{bad}");
    }
}

#[test]
fn datetimes_exist() {
    assert!(datetime("2024-02-29 23:59:59").is_ok());
    assert!(datetime("2024-01-01 00:00:00").is_ok());
    assert_eq!(
        msg(datetime("2024-01-01 24:00:00")),
        "the time must be 00:00:00 to 23:59:59"
    );
    assert!(datetime("2024-01-01 12:60:00").is_err());
    assert!(datetime("2024-01-01 12:00:60").is_err());
    assert!(datetime("2024-01-01T12:00:00").is_err());
    assert!(datetime("2024-01-01").is_err());
    assert_eq!(
        msg(datetime("2023-02-29 00:00:00")),
        "day 29 does not exist in 2023-02"
    );
}

const MONEY: Decimal = Decimal {
    currency: Some('$'),
    negative: true,
    positive: false,
    min_fraction: 0,
    max_fraction: None,
};
const POSITIVE_MONEY: Decimal = Decimal {
    currency: Some('$'),
    negative: false,
    positive: true,
    min_fraction: 0,
    max_fraction: None,
};
const PRICE: Decimal = Decimal {
    currency: None,
    negative: false,
    positive: true,
    min_fraction: 2,
    max_fraction: Some(5),
};

#[test]
fn money_as_the_phrase_shows_it() {
    // "a monetary value, such as -$.05, 0.05, or -5.00"
    for ok in ["-$.05", "0.05", "-5.00", "5", "$5", "0", "5."] {
        assert!(decimal(ok, &MONEY).is_ok(), "{ok}");
    }
    for bad in [
        "", "$", "-", ".", "5.0.0", "$-5", "5e3", "1,000", " 5", "--5",
    ] {
        assert_eq!(rule(decimal(bad, &MONEY)), "decimal", "{bad}");
    }
}

#[test]
fn positive_money_is_above_zero() {
    // "a positive monetary value, such as $.05, 0.05, or 5.00"
    for ok in ["$.05", "0.05", "5.00"] {
        assert!(decimal(ok, &POSITIVE_MONEY).is_ok(), "{ok}");
    }
    assert_eq!(
        msg(decimal("0.00", &POSITIVE_MONEY)),
        "the value must be above zero"
    );
    assert_eq!(
        msg(decimal("-1", &POSITIVE_MONEY)),
        "a negative value is not allowed"
    );
}

#[test]
fn prices_hold_2_to_5_decimals() {
    assert_eq!(
        msg(decimal("5.1", &PRICE)),
        "expected 2 to 5 digits after the point, got 1"
    );
    assert!(decimal("5.10", &PRICE).is_ok());
    assert!(decimal("5.12345", &PRICE).is_ok());
    assert_eq!(
        msg(decimal("5.123456", &PRICE)),
        "expected 2 to 5 digits after the point, got 6"
    );
    assert!(decimal("5", &PRICE).is_err());
    assert!(decimal("0.00", &PRICE).is_err());
    assert!(
        decimal("$5.00", &PRICE).is_err(),
        "no currency symbol for prices"
    );
}

#[test]
fn three_of_four_classes() {
    let kinds = [
        CharKind::Lowercase,
        CharKind::Uppercase,
        CharKind::Digit,
        CharKind::Punctuation,
    ];
    for ok in ["abcDEF1", "abc123!", "ABC!1", "aB!", "Pässwörd1"] {
        assert!(char_classes(ok, 3, &kinds).is_ok(), "{ok}");
    }
    assert_eq!(
        msg(char_classes("abcdef12", 3, &kinds)),
        "expected characters from at least 3 of: lowercase letters, uppercase letters, digits, punctuation; found 2"
    );
    assert!(char_classes("abc", 3, &kinds).is_err());
    assert!(char_classes("", 3, &kinds).is_err());
    // Spaces and control characters are not punctuation.
    assert!(char_classes("abcDEF \t", 3, &kinds).is_err());
    assert_eq!(
        msg(char_classes("123", 1, &[CharKind::Letter])),
        "expected at least one of the letters"
    );
    assert!(char_classes("12a", 1, &[CharKind::Letter]).is_ok());
}

#[test]
fn forbidden_characters() {
    assert!(not_chars("no-spaces", |c| c == ' ', "space").is_ok());
    assert_eq!(
        msg(not_chars("two words", |c| c == ' ', "space")),
        "character 4 (U+0020) is not allowed; expected no space"
    );
    // A tab is not a space.
    assert!(not_chars("tab\there", |c| c == ' ', "space").is_ok());
}

const CERT: &str =
    "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nZm9vYmFy==\n-----END CERTIFICATE-----\n";

#[test]
fn pem_blocks() {
    assert!(pem(CERT, "CERTIFICATE").is_ok());
    assert!(pem(&CERT.replace('\n', "\r\n"), "CERTIFICATE").is_ok());
    assert!(
        pem(&format!("\n  {CERT}\n{CERT}"), "CERTIFICATE").is_ok(),
        "a chain passes"
    );
    assert_eq!(
        msg(pem(CERT, "PRIVATE KEY")),
        "line 1: expected the line -----BEGIN PRIVATE KEY-----"
    );
    assert_eq!(
        msg(pem("-----BEGIN CERTIFICATE-----\nAAAA\n", "CERTIFICATE")),
        "the block has no closing line -----END CERTIFICATE-----"
    );
    assert_eq!(
        msg(pem(
            "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----",
            "CERTIFICATE"
        )),
        "the block holds no base64 data"
    );
    assert_eq!(
        msg(pem(
            "-----BEGIN CERTIFICATE-----\nAA!A\n-----END CERTIFICATE-----",
            "CERTIFICATE"
        )),
        "line 2: U+0021 is not base64; expected base64 lines until -----END CERTIFICATE-----"
    );
    assert!(pem("", "CERTIFICATE").is_err());
    assert!(pem(&format!("{CERT}trailing"), "CERTIFICATE").is_err());
}

#[test]
fn ssh_public_keys() {
    for ok in [
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ== user@host",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI\n",
        "ecdsa-sha2-nistp256 AAAAE2VjZHNh",
        "ssh-dss AAAAB3NzaC1kc3MAAACBAP with a long comment",
    ] {
        assert!(ssh_public_key(ok).is_ok(), "{ok}");
    }
    for bad in [
        "",
        "ssh-rsa",
        "ssh-rsa not!base64",
        "AAAA",
        "ssh-rsa AAAA\nssh-rsa AAAA",
        "ssh rsa! AAAA",
    ] {
        assert_eq!(
            rule(ssh_public_key(bad)),
            "format.ssh_public_key",
            "{bad:?}"
        );
    }
}

#[test]
fn mime_types() {
    for ok in [
        "application/octet-stream",
        "image/png",
        "text/plain",
        "application/vnd.api+json",
    ] {
        assert!(mime_type(ok).is_ok(), "{ok}");
    }
    for bad in [
        "text",
        "text/",
        "/plain",
        "text/plain; charset=utf-8",
        "te xt/plain",
        "-a/b",
    ] {
        assert_eq!(rule(mime_type(bad)), "format.mime_type", "{bad}");
    }
}

#[test]
fn floats_above_a_bound() {
    assert!(float_above(0.000_001, 0.0).is_ok());
    assert_eq!(msg(float_above(0.0, 0.0)), "must be above 0");
    assert!(float_above(-1.0, 0.0).is_err());
    assert!(float_above(f64::NAN, 0.0).is_err());
}

#[test]
fn control_characters_in_long_text_are_found_at_any_position() {
    let long = "text\twith\r\nbreaks ©°±\n".repeat(10_000);
    assert!(control_chars(&long, true, true, true).is_ok());
    // C1 controls start with the same byte as '©'.
    for bad in ['\u{7}', '\u{7f}', '\u{85}', '\u{9f}', '\u{0}'] {
        for at in [0, 63, 64, 65, long.len() / 2, long.len()] {
            let mut text = long.clone();
            let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            text.insert(at, bad);
            assert_eq!(
                rule(control_chars(&text, true, true, true)),
                "control_chars",
                "{bad:?} at {at}"
            );
        }
    }
    assert!(control_chars("tab\t", false, true, true).is_err());
    assert!(control_chars("cr\r", true, false, true).is_err());
    assert!(control_chars("lf\n", true, true, false).is_err());
}
