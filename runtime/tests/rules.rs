//! Rule helpers, violations and the lenient wire-value helpers.

use hostapi_runtime::validate::rules::*;
use hostapi_runtime::validate::{Violation, Violations};
use hostapi_runtime::wire_value::*;
use hostapi_runtime::{Secret, Validate};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

fn msg(r: Result<(), Violation>) -> String {
    r.unwrap_err().message
}

fn rule(r: Result<(), Violation>) -> &'static str {
    r.unwrap_err().rule
}

#[test]
fn length_in_boundaries() {
    for n in [26, 28, 85, 87, 0] {
        let v = "a".repeat(n);
        assert_eq!(rule(length_in(&v, &[27, 86])), "length", "{n}");
    }
    for n in [27, 86] {
        assert!(length_in(&"a".repeat(n), &[27, 86]).is_ok(), "{n}");
    }
    assert_eq!(
        msg(length_in(&"a".repeat(30), &[27, 86])),
        "expected 27 or 86 characters, got 30"
    );
    assert_eq!(
        msg(length_in("abcde", &[6])),
        "expected 6 characters, got 5"
    );
    assert_eq!(msg(length_in("", &[1])), "expected 1 character, got 0");
    assert_eq!(
        msg(length_in("ab", &[1, 3, 5])),
        "expected 1, 3 or 5 characters, got 2"
    );
}

#[test]
fn lengths_count_characters_not_bytes() {
    // 27 characters, 2 bytes each.
    let v = "é".repeat(27);
    assert_eq!(v.len(), 54);
    assert!(length_in(&v, &[27, 86]).is_ok());
    assert_eq!(
        msg(length_in(&"é".repeat(28), &[27, 86])),
        "expected 27 or 86 characters, got 28"
    );
    assert!(max_length("日本語", 3).is_ok());
    assert_eq!(
        msg(max_length("日本語x", 3)),
        "expected at most 3 characters, got 4"
    );
    assert!(min_length("🦀", 1).is_ok());
    assert_eq!(
        msg(min_length("🦀", 2)),
        "expected at least 2 characters, got 1"
    );
}

#[test]
fn min_and_max_length_boundaries() {
    assert_eq!(rule(min_length("", 1)), "min_length");
    assert_eq!(
        msg(min_length("", 1)),
        "expected at least 1 character, got 0"
    );
    assert!(min_length("x", 1).is_ok());
    assert!(min_length("", 0).is_ok());
    assert!(max_length(&"a".repeat(80), 80).is_ok());
    assert_eq!(rule(max_length(&"a".repeat(81), 80)), "max_length");
    assert_eq!(
        msg(max_length(&"a".repeat(81), 80)),
        "expected at most 80 characters, got 81"
    );
}

#[test]
fn allowed_characters() {
    let upper_digit = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit();
    assert!(chars("2UPHPL", upper_digit, "capital letters and digits").is_ok());
    let e = chars("2UpHPL", upper_digit, "capital letters and digits").unwrap_err();
    assert_eq!(e.rule, "chars");
    assert_eq!(
        e.message,
        "character 3 (U+0070) is not allowed; expected only capital letters and digits"
    );
    // Position counts characters.
    let e = chars("ÉÉx", |c| c == 'É', "É").unwrap_err();
    assert!(
        e.message.starts_with("character 3 (U+0078)"),
        "{}",
        e.message
    );
    assert_eq!(e.redacted().message, "character 3 is not allowed");
}

#[test]
fn first_character() {
    let letter = |c: char| c.is_ascii_alphabetic();
    assert!(first_char("a1", letter, "a letter").is_ok());
    let e = first_char("1a", letter, "a letter").unwrap_err();
    assert_eq!(e.rule, "first_char");
    assert_eq!(
        e.message,
        "first character (U+0031) is not allowed; it must be a letter"
    );
    let e = first_char("", letter, "a letter").unwrap_err();
    assert_eq!(e.rule, "first_char");
    assert_eq!(
        e.message,
        "the value is empty; its first character must be a letter"
    );
}

#[test]
fn control_characters() {
    assert!(control_chars("a\tb\r\nc", true, true, true).is_ok());
    let e = control_chars("abcd\u{7}", true, true, true).unwrap_err();
    assert_eq!(e.rule, "control_chars");
    assert_eq!(
        e.message,
        "character 5 (U+0007) is a control character; only tab, CR and LF are allowed"
    );
    assert_eq!(e.redacted().message, "character 5 is not allowed");
    assert_eq!(
        msg(control_chars("a\tb", false, false, false)),
        "character 2 (U+0009) is a control character; no control characters are allowed"
    );
    assert_eq!(
        msg(control_chars("\r", true, false, true)),
        "character 1 (U+000D) is a control character; only tab and LF are allowed"
    );
    assert_eq!(
        msg(control_chars("\n", true, false, false)),
        "character 1 (U+000A) is a control character; only tab is allowed"
    );
    // DEL and C1 controls count too.
    assert!(control_chars("x\u{7f}", true, true, true).is_err());
    assert!(control_chars("x\u{85}", true, true, true).is_err());
    assert!(control_chars("héllo wörld", false, false, false).is_ok());
}

#[test]
fn base64_padding() {
    assert!(base64("QUJD").is_ok());
    assert!(base64("QUI=").is_ok());
    assert!(base64("QQ==").is_ok());
    assert!(base64("a+/b").is_ok());
    assert!(base64("").is_ok());
    // Length is not required to be a multiple of four.
    assert!(base64("QUJDR").is_ok());
    let e = base64("QQ===").unwrap_err();
    assert_eq!(e.rule, "format.base64");
    assert_eq!(
        e.message,
        "expected at most two '=' padding characters at the end, got more"
    );
    let e = base64("QQ=A").unwrap_err();
    assert_eq!(e.rule, "format.base64");
    assert_eq!(
        e.message,
        "character 4 (U+0041) follows the '=' padding; '=' may only appear at the end"
    );
    assert!(base64("Q=Q=").is_err());
    let e = base64("QU!D").unwrap_err();
    assert!(
        e.message.starts_with("character 3 (U+0021) is not allowed"),
        "{}",
        e.message
    );
    assert!(base64("QUJ D").is_err());
    assert!(base64("QUJé").is_err());
}

#[test]
fn http_uris() {
    for ok in [
        "http://www.liquidweb.com",
        "https://www.liquidweb.com/",
        "HTTPS://Example.COM:443/a/b?c=d&e=f#frag",
        "http://127.0.0.1:8080/x",
        "http://[::1]/",
        "http://[2001:db8::1]:65535",
        "https://user:pa%20ss@example.com/",
        "https://bücher.example/",
        "http://a",
    ] {
        assert!(http_uri(ok).is_ok(), "{ok}: {:?}", http_uri(ok));
    }
    let cases = [
        ("ftp://example.com/", "the scheme must be http or https"),
        ("https://", "the host is missing"),
        ("https:///path", "the host is missing"),
        ("https://:80/", "the host is missing"),
        (
            "example.com",
            "expected http:// or https:// followed by a host",
        ),
        (
            "http:/example.com",
            "expected http:// or https:// followed by a host",
        ),
        (
            "http://example.com:99999/",
            "the port must be at most 65535",
        ),
        ("http://example.com:65536", "the port must be at most 65535"),
        ("http://example.com:/", "the port after ':' is empty"),
        (
            "http://example.com:8o/",
            "the port must consist of digits only",
        ),
        ("http://[::1/", "the IPv6 host is missing its closing ']'"),
        (
            "http://[zz::1]/",
            "the bracketed host is not a valid IPv6 address",
        ),
        (
            "http://999.1.1.1/",
            "the host looks like an IPv4 address but is not a valid one",
        ),
        (
            "http://exa mple.com/",
            "character 11 (U+0020) is whitespace or a control character; a URI may contain neither",
        ),
        (
            "http://example.com/a\tb",
            "character 21 (U+0009) is whitespace or a control character; a URI may contain neither",
        ),
        (
            "http://exa<mple.com/",
            "character 11 (U+003C) is not allowed in the host",
        ),
        (
            "http://ex%4/",
            "character 10 (U+0025) starts an incomplete %-escape in the host",
        ),
    ];
    for (uri, expected) in cases {
        let e = http_uri(uri).unwrap_err();
        assert_eq!(e.rule, "format.http_uri", "{uri}");
        assert_eq!(e.message, expected, "{uri}");
    }
    assert!(http_uri(" http://example.com").is_err());
    assert!(http_uri("http://example.com ").is_err());
    assert!(http_uri("").is_err());
}

#[test]
fn numbers_and_enums() {
    assert!(int_min(1, 1).is_ok());
    assert_eq!(rule(int_min(0, 1)), "min");
    assert_eq!(msg(int_min(0, 1)), "must be at least 1");
    assert!(int_max(100, 100).is_ok());
    assert_eq!(rule(int_max(101, 100)), "max");
    assert_eq!(msg(int_max(101, 100)), "must be at most 100");
    assert!(float_min(0.5, 0.5).is_ok());
    assert_eq!(rule(float_min(0.4, 0.5)), "min");
    assert_eq!(rule(float_min(f64::NAN, 0.0)), "min");
    assert!(float_max(f64::NAN, 1.0).is_err());
    assert!(enum_known(true, &["Text", "HTML", "XML"]).is_ok());
    let e = enum_known(false, &["Text", "HTML", "XML"]).unwrap_err();
    assert_eq!(e.rule, "enum");
    assert_eq!(e.message, r#"expected one of "Text", "HTML", "XML""#);
}

#[test]
fn messages_never_contain_the_value() {
    let value = "SECRETVALUE\u{7}";
    let results = [
        length_in(value, &[27]),
        max_length(value, 3),
        chars(value, |c| c.is_ascii_lowercase(), "lowercase letters"),
        control_chars(value, false, false, false),
        base64(value),
        http_uri(value),
    ];
    for r in results {
        let e = r.unwrap_err();
        assert!(!e.message.contains("SECRET"), "{}", e.message);
    }
    let e = http_uri("https://example.com:123456/SECRET").unwrap_err();
    assert!(!e.message.contains("123456") && !e.message.contains("SECRET"));
}

// ---- Violations with a secret field ----

struct Passphrase(Secret);

impl Validate for Passphrase {
    fn validate(&self, v: &mut Violations) {
        v.check(
            control_chars(self.0.expose(), true, true, true).map_err(|e| e.for_type("Passphrase")),
            true,
        );
    }
}

#[test]
fn secret_fields_are_redacted() {
    let mut v = Violations::with_root("params");
    v.field("passphrase", &Passphrase(Secret::new("hunter\u{7}2")));
    let err = v.into_result().unwrap_err();
    let text = err.to_string();
    assert_eq!(
        text,
        "params.passphrase: Passphrase: character 7 is not allowed"
    );
    assert!(!text.contains("U+0007"));
}

// ---- wire_value ----

#[derive(Debug, Deserialize, Serialize, PartialEq)]
struct Lenient {
    #[serde(deserialize_with = "de_i64")]
    i: i64,
    #[serde(deserialize_with = "de_u64")]
    u: u64,
    #[serde(deserialize_with = "de_f64")]
    f: f64,
    #[serde(deserialize_with = "de_bool")]
    b: bool,
    #[serde(deserialize_with = "de_string")]
    s: String,
    #[serde(default, deserialize_with = "de_opt_i64")]
    oi: Option<i64>,
    #[serde(default, deserialize_with = "de_opt_u64")]
    ou: Option<u64>,
    #[serde(default, deserialize_with = "de_opt_f64")]
    of: Option<f64>,
    #[serde(default, deserialize_with = "de_opt_bool")]
    ob: Option<bool>,
    #[serde(default, deserialize_with = "de_opt_string")]
    os: Option<String>,
}

fn lenient(json: &str) -> Result<Lenient, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn lenient_forms() {
    let a = lenient(r#"{"i":"3","u":3,"f":"1.5","b":"1","s":7}"#).unwrap();
    assert_eq!((a.i, a.u, a.f, a.b, a.s.as_str()), (3, 3, 1.5, true, "7"));
    assert_eq!(
        (a.oi, a.ou, a.of, a.ob, a.os),
        (None, None, None, None, None)
    );

    let b = lenient(r#"{"i":-3,"u":" 25 ","f":2,"b":0,"s":true,"oi":"4","ou":"5","of":"0.25","ob":"True","os":12}"#)
        .unwrap();
    assert_eq!(
        (b.i, b.u, b.f, b.b, b.s.as_str()),
        (-3, 25, 2.0, false, "true")
    );
    assert_eq!(
        (b.oi, b.ou, b.of, b.ob, b.os.as_deref()),
        (Some(4), Some(5), Some(0.25), Some(true), Some("12"))
    );

    let c = lenient(r#"{"i":3.0,"u":"3","f":1,"b":"FALSE","s":"x","oi":null,"ob":"","os":""}"#)
        .unwrap();
    assert_eq!(
        (c.i, c.b, c.oi, c.ob, c.os.as_deref()),
        (3, false, None, None, Some(""))
    );

    for bad in [
        r#"{"i":"x","u":3,"f":1,"b":true,"s":""}"#,
        r#"{"i":1.5,"u":3,"f":1,"b":true,"s":""}"#,
        r#"{"i":1,"u":-3,"f":1,"b":true,"s":""}"#,
        r#"{"i":1,"u":"-3","f":1,"b":true,"s":""}"#,
        r#"{"i":1,"u":3,"f":"abc","b":true,"s":""}"#,
        r#"{"i":1,"u":3,"f":1,"b":2,"s":""}"#,
        r#"{"i":1,"u":3,"f":1,"b":"yes","s":""}"#,
        r#"{"i":1,"u":3,"f":1,"b":true,"s":[1]}"#,
        r#"{"i":1,"u":3,"f":1,"b":true,"s":"","oi":"z"}"#,
        r#"{"i":null,"u":3,"f":1,"b":true,"s":""}"#,
    ] {
        assert!(lenient(bad).is_err(), "{bad}");
    }
}

#[test]
fn booleans_in_every_documented_spelling() {
    #[derive(Deserialize)]
    struct B(#[serde(deserialize_with = "de_bool")] bool);
    for (json, expected) in [
        ("true", true),
        ("false", false),
        ("1", true),
        ("0", false),
        (r#""1""#, true),
        (r#""0""#, false),
        (r#""true""#, true),
        (r#""True""#, true),
        (r#""TRUE""#, true),
        (r#""False""#, false),
        (r#""false""#, false),
    ] {
        assert_eq!(
            serde_json::from_str::<B>(json).unwrap().0,
            expected,
            "{json}"
        );
    }
}

#[test]
fn boolean_serializers() {
    #[derive(Serialize)]
    struct Out {
        #[serde(serialize_with = "ser_bool_zero_one")]
        a: bool,
        #[serde(serialize_with = "ser_bool_zero_one")]
        b: bool,
        #[serde(serialize_with = "ser_bool_true_false")]
        c: bool,
        #[serde(serialize_with = "ser_bool_true_false")]
        d: bool,
        #[serde(serialize_with = "ser_opt_bool_zero_one")]
        e: Option<bool>,
        #[serde(serialize_with = "ser_opt_bool_true_false")]
        f: Option<bool>,
    }
    let out = Out {
        a: true,
        b: false,
        c: true,
        d: false,
        e: Some(true),
        f: None,
    };
    assert_eq!(
        serde_json::to_string(&out).unwrap(),
        r#"{"a":1,"b":0,"c":"True","d":"False","e":1,"f":null}"#
    );
}

proptest! {
    #[test]
    fn rules_never_panic_and_count_characters(s in any::<String>(), n in 0usize..40) {
        let count = s.chars().count();
        prop_assert_eq!(length_in(&s, &[count]).is_ok(), true);
        prop_assert_eq!(max_length(&s, n).is_ok(), count <= n);
        prop_assert_eq!(min_length(&s, n).is_ok(), count >= n);
        let _ = http_uri(&s);
        let _ = base64(&s);
        let _ = control_chars(&s, true, false, true);
        let _ = chars(&s, |c| c.is_alphanumeric(), "letters and digits");
    }

    #[test]
    fn base64_accepts_what_it_documents(body in "[A-Za-z0-9+/]{0,40}", pad in 0usize..3) {
        let value = format!("{body}{}", "=".repeat(pad));
        prop_assert!(base64(&value).is_ok());
        let too_much = format!("{body}===");
        prop_assert!(base64(&too_much).is_err());
    }
}

mod unix_time {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Expires(i64);
    hostapi_runtime::unix_time_newtype!(Expires);

    #[test]
    fn converts_to_system_time_without_overflow() {
        let expires = Expires::new(1_700_000_000).unwrap();
        let time = expires.to_system_time().unwrap();
        assert_eq!(Expires::from_system_time(time), Some(expires));
        assert!(Expires::new(-1).is_err());
        assert_eq!(Expires::new_unchecked(-1).to_system_time(), None);
        assert_eq!(Expires::new_unchecked(i64::MIN).to_system_time(), None);
    }
}
