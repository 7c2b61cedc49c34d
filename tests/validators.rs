//! The generated validators of Liquid Web's type catalogue: each enforces
//! what its phrase says, through every way a value can be made (`new`,
//! `TryFrom`, `FromStr`, `Deserialize`) and reports which type and rule a
//! value broke.

use std::str::FromStr;

use hostapi::liquidweb_bleed::types::*;
use hostapi::runtime::validate::{Validate, Violations};

/// `Ok` for every value in `ok` and `Err` for every value in `bad`, through
/// `new`, `FromStr` and JSON deserialisation alike.
macro_rules! accepts {
    ($ty:ty, ok: [$($ok:expr),* $(,)?], bad: [$($bad:expr),* $(,)?]) => {{
        $(
            let value: &str = &$ok;
            assert!(<$ty>::new(value).is_ok(), "{} should accept {:?}: {:?}", stringify!($ty), value, <$ty>::new(value).err());
            assert!(<$ty>::from_str(value).is_ok());
            assert!(serde_json::from_value::<$ty>(serde_json::json!(value)).is_ok());
        )*
        $(
            let value: &str = &$bad;
            let error = <$ty>::new(value).err().unwrap_or_else(|| panic!("{} should refuse {:?}", stringify!($ty), value));
            assert_eq!(error.type_name, stringify!($ty));
            assert!(<$ty>::try_from(value.to_string()).is_err());
            assert!(serde_json::from_value::<$ty>(serde_json::json!(value)).is_err());
        )*
    }};
}

fn message<T, E: std::fmt::Display>(result: Result<T, E>) -> String {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn both_liquid_web_versions_share_one_catalogue() {
    let host = hostapi::liquidweb_bleed::types::Hostname::new("www.liquidweb.com").unwrap();
    let same: hostapi::liquidweb_v1::types::Hostname = host.clone();
    let shared: hostapi::liquidweb_types::Hostname = same;
    assert_eq!(shared, host);
}

#[test]
fn single_use_hash_is_27_or_86_characters() {
    let ok27 = "a".repeat(27);
    let ok86 = "b".repeat(86);
    accepts!(SingleUseHash, ok: [ok27, ok86, "é".repeat(27)], bad: ["a".repeat(26), "a".repeat(28), "a".repeat(85), "a".repeat(87), "", "é".repeat(28)]);
    assert_eq!(
        message(SingleUseHash::new("a".repeat(30))),
        "SingleUseHash: expected 27 or 86 characters, got 30"
    );
}

#[test]
fn identifiers_and_words() {
    accepts!(SubaccntUniqId, ok: ["ABC123", "000000"], bad: ["abc123", "ABC12", "ABC1234", "ABC-12", "ÀBC123"]);
    accepts!(SanUsername, ok: ["ABC123"], bad: ["ABC12", "abc123"]);
    accepts!(AccountUsername, ok: ["a", "0user", "a.b-c_d", &format!("a{}", "b".repeat(19))], bad: ["", "_user", ".a", &format!("a{}", "b".repeat(20)), "us er"]);
    accepts!(SubaccntUsername, ok: ["", "a.b-c_d", &"x".repeat(20)], bad: [&"x".repeat(21), "a b"]);
    accepts!(Word, ok: ["abc123"], bad: ["", "a_b", "a-b", "a b"]);
    accepts!(WordUnderscore, ok: ["a_b"], bad: ["", "a-b"]);
    accepts!(LaxWord, ok: ["a-b_c"], bad: ["", "a b"]);
    accepts!(LaxWords, ok: ["", "a b-c_d"], bad: ["a.b", "a\tb"]);
    accepts!(HdTicketType, ok: ["billing"], bad: ["", "Billing", "bill1"]);
    accepts!(HdSecid, ok: ["Ab3dE5gH9j"], bad: ["", "ab-cd"]);
    accepts!(ProductAlias, ok: ["ssd.vps/2gb-x_y", &"a".repeat(100)], bad: ["SSD", &"a".repeat(101)]);
    accepts!(ProductCode, ok: ["SS.VPS", "a12", "1a2"], bad: ["ab", "123", "1234.5"]);
    accepts!(AccountType, ok: ["DS.W1", "GUARD", "abc"], bad: ["ab", ""]);
    accepts!(Cvv2, ok: ["123", "1234", "010"], bad: ["12", "12345", "12a"]);
    accepts!(RrType, ok: ["A", "AAAA", "TYPE65"], bad: ["", "A A"]);
}

#[test]
fn text_types_and_control_characters() {
    // A tab versus a bell character.
    accepts!(TextGeneral, ok: ["a\tb\r\nc", ""], bad: ["a\u{7}b", "a\u{0}"]);
    accepts!(Line, ok: ["one line"], bad: ["two\nlines", "tab\there", "bell\u{7}"]);
    accepts!(TextGeneral80, ok: [&"x".repeat(80), &"日".repeat(80)], bad: [&"x".repeat(81), "a\u{7}"]);
    accepts!(TextGeneral60, ok: [&"x".repeat(60)], bad: [&"x".repeat(61)]);
    assert_eq!(
        message(Line::new("bell\u{7}")),
        "Line: character 5 (U+0007) is a control character; no control characters are allowed"
    );
}

#[test]
fn passwords_are_checked_and_never_shown() {
    accepts!(StormInstancePassword, ok: ["abcDEF1", "aB3!aB3!", &format!("aA1{}", "x".repeat(27))], bad: ["abcdefg1", "aB3!", "abc DEF1", &format!("aA1{}", "x".repeat(28))]);
    accepts!(GenericPasswordBillingLength, ok: ["secret", &"x".repeat(30)], bad: ["short", "has space", &"x".repeat(31)]);
    let password = StormInstancePassword::new("hunter2XYZ").unwrap();
    assert_eq!(format!("{password:?}"), "StormInstancePassword([REDACTED])");
    assert_eq!(password.expose(), "hunter2XYZ");
    let error = message(StormInstancePassword::new("hunter2 xyz"));
    assert!(
        !error.contains("U+0020") && !error.contains("hunter"),
        "{error}"
    );
}

#[test]
fn names_and_addresses() {
    accepts!(Hostname, ok: ["www.liquidweb.com", "a-b.example"], bad: ["localhost", "a_b.com", "-a.com", "a..com"]);
    accepts!(DomainAny, ok: ["localhost", "liquidweb.com"], bad: ["", "under_score.com"]);
    accepts!(DomainFull, ok: ["liquidweb.com", "www.liquidweb.com"], bad: ["liquidweb", "a b.com"]);
    let label = "a".repeat(63);
    let name_253 = format!("{label}.{label}.{label}.{}", "a".repeat(61));
    let name_254 = format!("{label}.{label}.{label}.{}", "a".repeat(62));
    accepts!(DnsName, ok: [name_253, "_srv._tcp.example.com"], bad: [name_254, "", "a..b"]);
    accepts!(DnsZone, ok: ["example.com"], bad: [""]);
    accepts!(DnsReverseZone, ok: ["1.168.192.in-addr.arpa", "8.b.d.0.1.0.0.2.ip6.arpa"], bad: ["example.com"]);
    accepts!(DnsReverseRecord, ok: ["1.2.0.192.in-addr.arpa"], bad: ["1.ip6.arpa"]);
    accepts!(DnsReverseRecord6, ok: ["1.ip6.arpa"], bad: ["1.2.0.192.in-addr.arpa"]);
    accepts!(RrWildcard, ok: ["*.example.com"], bad: ["www.example.com", "*example.com"]);
    accepts!(SoaAdminEmail, ok: ["hostmaster.example.com"], bad: ["a..b"]);
    accepts!(IpDec, ok: ["127.0.0.1"], bad: ["256.1.1.1", "127.0.0.1/32", "::1"]);
    accepts!(IpDecMask, ok: ["127.0.0.1/32", "192.168.1.0/24"], bad: ["127.0.0.1", "127.0.0.1/33"]);
    accepts!(Ipv6, ok: ["2001:db8::1"], bad: ["127.0.0.1"]);
    accepts!(EmailAddr, ok: ["user@example.com"], bad: ["user", "user@", "us er@example.com"]);
    accepts!(LwEmailAddr, ok: ["someone@liquidweb.com"], bad: ["someone"]);
    accepts!(HttpUri, ok: ["http://www.liquidweb.com", "https://a.b/c?d#e"], bad: ["ftp://a.b", "www.liquidweb.com"]);
}

#[test]
fn dates_and_times() {
    accepts!(DateValid, ok: ["2024-02-29"], bad: ["2023-02-29", "2024-2-29", "2024-02-29 00:00:00"]);
    accepts!(TimestampValid, ok: ["2024-02-29 23:59:59"], bad: ["2024-02-29", "2024-02-29 24:00:00"]);
    accepts!(DateTime, ok: ["1999-12-31 00:00:00"], bad: ["1999-12-31T00:00:00"]);
}

#[test]
fn encoded_text() {
    accepts!(Base64, ok: ["", "QQ", "QQ=", "QQ==", "ab+/"], bad: ["QQ===", "Q=Q", "a b", "é"]);
    let cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    let key = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----";
    let rsa_key = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----";
    accepts!(SslCert, ok: [cert], bad: [key, "MIIB"]);
    accepts!(PrivateKey, ok: [key], bad: [cert, rsa_key]);
    accepts!(SshKeyPublic, ok: ["ssh-rsa AAAAB3NzaC1yc2E= me@host\n"], bad: ["AAAAB3NzaC1yc2E="]);
    accepts!(MimeType, ok: ["application/octet-stream", "image/png", "text/plain"], bad: ["text", "text/plain; charset=x"]);
}

#[test]
fn money_and_prices() {
    accepts!(Money, ok: ["-$.05", "0.05", "-5.00", "$5"], bad: ["", "$", "5,00", "$-5"]);
    accepts!(PositiveMoney, ok: ["$.05", "0.05", "5.00"], bad: ["0", "-$.05", "$0.00"]);
    accepts!(Price, ok: ["5.00", "0.12345"], bad: ["5", "5.1", "5.123456", "0.00", "-5.00"]);
    // A JSON number has lost its written decimals: only the sign is checked.
    let price: Price = serde_json::from_value(serde_json::json!(5.1)).unwrap();
    assert_eq!(price.as_str(), "5.1");
    assert!(serde_json::from_value::<Price>(serde_json::json!(-5.1)).is_err());
    let money: Money = serde_json::from_value(serde_json::json!(-3)).unwrap();
    assert_eq!(money.to_string(), "-3");
}

#[test]
fn numbers() {
    assert!(PositiveInt::new(0).is_err());
    assert!(PositiveInt::new(1).is_ok());
    assert_eq!(
        message(PositiveInt::new(0)),
        "PositiveInt: must be at least 1"
    );
    assert!(NonNegInt::new(-1).is_err());
    assert!(NonNegInt::new(0).is_ok());
    assert!(AccountNumber::new(999_999).is_ok());
    assert!(AccountNumber::new(1_000_000).is_err());
    assert!(RelationId::new(99_999_999).is_ok());
    assert!(RelationId::new(100_000_000).is_err());
    assert!(PortNumber::new(65_535).is_ok());
    assert!(PortNumber::new(65_536).is_err());
    assert!(PositiveFloat::new(0.0).is_err());
    assert!(PositiveFloat::new(0.01).is_ok());
    assert!(PositiveFloat::new(f64::NAN).is_err());
    // Numbers arrive as strings in real responses.
    let n: PositiveInt = serde_json::from_value(serde_json::json!("3")).unwrap();
    assert_eq!(n.get(), 3);
    assert!(serde_json::from_value::<PositiveInt>(serde_json::json!("0")).is_err());
    let b: Boolean = serde_json::from_value(serde_json::json!("1")).unwrap();
    assert!(b.get());
}

#[test]
fn enums_keep_unknown_values_but_refuse_to_send_them() {
    let status: HdStatus = serde_json::from_value(serde_json::json!("open")).unwrap();
    assert_eq!(status, HdStatus::Open);
    let unknown: HdStatus = serde_json::from_value(serde_json::json!("escalated")).unwrap();
    assert_eq!(unknown, HdStatus::Unknown("escalated".into()));
    let mut violations = Violations::default();
    unknown.validate(&mut violations);
    assert_eq!(violations.violations().len(), 1);
    let text = violations.into_result().unwrap_err().to_string();
    assert!(
        text.contains("expected one of \"open\", \"closed\", \"merged\""),
        "{text}"
    );
    assert!(FirewallType::from_str("none").is_ok());
}

#[test]
fn unions_take_the_first_member_that_accepts() {
    let v: IpAddress = serde_json::from_value(serde_json::json!("127.0.0.1")).unwrap();
    assert!(matches!(v, IpAddress::IpDec(_)));
    let v: IpAddress = serde_json::from_value(serde_json::json!("::1")).unwrap();
    assert!(matches!(v, IpAddress::Ipv6(_)));
    let error = serde_json::from_value::<IpAddress>(serde_json::json!("nope")).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("expected a value of one of: IpDec, Ipv6"),
        "{error}"
    );

    let v: PositiveIntOrProductCode = serde_json::from_value(serde_json::json!(7)).unwrap();
    assert!(matches!(v, PositiveIntOrProductCode::PositiveInt(_)));
    let v: PositiveIntOrProductCode = serde_json::from_value(serde_json::json!("SS.VPS")).unwrap();
    assert!(matches!(v, PositiveIntOrProductCode::ProductCode(_)));

    let v: WordUnderscoreListOrWord =
        serde_json::from_value(serde_json::json!(["a_b", "c"])).unwrap();
    assert!(matches!(&v, WordUnderscoreListOrWord::WordUnderscoreList(list) if list.len() == 2));
    assert_eq!(
        serde_json::to_value(&v).unwrap(),
        serde_json::json!(["a_b", "c"])
    );
    let v: WordUnderscoreListOrWord = "a_b".parse::<WordUnderscore>().unwrap().into();
    assert_eq!(serde_json::to_value(&v).unwrap(), serde_json::json!("a_b"));

    let v: DomainFullOrLine = serde_json::from_value(serde_json::json!("not a domain")).unwrap();
    assert!(matches!(v, DomainFullOrLine::Line(_)));
    assert!(serde_json::from_value::<DomainFullOrLine>(serde_json::json!("two\nlines")).is_err());
}

#[test]
fn nested_structures_validate_with_paths() {
    let ok: LoadbalancerService =
        serde_json::from_value(serde_json::json!({"src_port": "80", "dest_port": 8080})).unwrap();
    assert_eq!(ok.src_port.get(), 80);
    assert!(
        serde_json::from_value::<LoadbalancerService>(serde_json::json!({"src_port": 80})).is_err()
    );
    // A record read on its own is read like a response: a port out of range
    // is kept and reported, and a strict read refuses it.
    let out_of_range = serde_json::json!({"src_port": 80, "dest_port": 70000});
    let kept: LoadbalancerService = serde_json::from_value(out_of_range.clone()).unwrap();
    assert_eq!(kept.dest_port.get(), 70000);
    assert_eq!(kept.violations()[0].path, "dest_port");
    assert_eq!(kept.violations()[0].type_name, "PortNumber");
    let strict = hostapi::runtime::decode::read::<LoadbalancerService>(
        out_of_range,
        hostapi::runtime::decode::Mode::Strict,
    );
    assert!(strict.is_err());

    let services = vec![
        LoadbalancerService::new(PortNumber::new(80).unwrap(), PortNumber::new(8080).unwrap()),
        LoadbalancerService::new(
            PortNumber::new_unchecked(-1),
            PortNumber::new_unchecked(99_999),
        ),
    ];
    let mut violations = Violations::default();
    violations.field("services", &services);
    assert_eq!(violations.violations().len(), 2);
    let text = violations.into_result().unwrap_err().to_string();
    assert!(text.contains("services[1].src_port"), "{text}");
    assert!(text.contains("services[1].dest_port"), "{text}");
    assert_eq!(
        serde_json::to_value(&services[0]).unwrap(),
        serde_json::json!({"src_port": 80, "dest_port": 8080})
    );
}

mod properties {
    //! Values built to satisfy a rule pass; one mutation that breaks it
    //! fails; no input makes a validator panic. Plain `assert!` is used
    //! because proptest treats a panic as a failing case and shrinks it.

    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn hash_lengths(n in 0usize..120, c in proptest::char::any()) {
            let value: String = std::iter::repeat_n(c, n).collect();
            assert_eq!(SingleUseHash::new(value).is_ok(), n == 27 || n == 86);
        }

        #[test]
        fn uniq_ids_pass_and_any_lowercase_breaks_them(id in "[A-Z0-9]{6}", at in 0usize..6, c in "[a-z]") {
            assert!(SubaccntUniqId::new(id.as_str()).is_ok());
            let mut broken: Vec<char> = id.chars().collect();
            broken[at] = c.chars().next().unwrap();
            let broken: String = broken.into_iter().collect();
            assert!(SubaccntUniqId::new(broken).is_err());
        }

        #[test]
        fn usernames(first in "[a-zA-Z0-9]", rest in "[a-zA-Z0-9._-]{0,19}", bad in "[^a-zA-Z0-9._-]") {
            let ok = format!("{first}{rest}");
            assert!(AccountUsername::new(ok.as_str()).is_ok());
            assert!(AccountUsername::new(format!("{ok}{bad}")).is_err());
            assert!(AccountUsername::new(format!("{ok}{}", "x".repeat(20 - rest.len()))).is_err());
        }

        #[test]
        fn text_general_refuses_exactly_the_other_control_characters(text in "[^\\p{Cc}]{0,40}", c in proptest::char::any()) {
            assert!(TextGeneral::new(text.as_str()).is_ok());
            let mutated = format!("{text}{c}");
            let allowed = !c.is_control() || matches!(c, '\t' | '\r' | '\n');
            assert_eq!(TextGeneral::new(mutated).is_ok(), allowed);
        }

        #[test]
        fn ipv4_addresses(a in 0u8.., b in 0u8.., c in 0u8.., d in 0u8.., mask in 0u8..=32, over in 256u32..1000) {
            let ip = format!("{a}.{b}.{c}.{d}");
            assert!(IpDec::new(ip.as_str()).is_ok());
            assert!(IpDecMask::new(format!("{ip}/{mask}")).is_ok());
            assert!(IpDec::new(format!("{over}.{b}.{c}.{d}")).is_err());
            assert!(IpDecMask::new(format!("{ip}/{}", u32::from(mask) + 33)).is_err());
        }

        #[test]
        fn hostnames(labels in proptest::collection::vec("[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", 2..6), bad in "[_ !@]") {
            let name = labels.join(".");
            assert!(Hostname::new(name.as_str()).is_ok());
            assert!(Hostname::new(format!("{bad}{name}")).is_err());
            assert!(Hostname::new(format!("{name}..x")).is_err());
        }

        #[test]
        fn dates(y in 1u32..=9999, m in 1u32..=12, d in 1u32..=28) {
            let date = format!("{y:04}-{m:02}-{d:02}");
            assert!(DateValid::new(date.as_str()).is_ok());
            assert!(DateValid::new(format!("{y:04}-{:02}-{d:02}", m + 12)).is_err());
            assert!(TimestampValid::new(format!("{date} 23:59:59")).is_ok());
            assert!(TimestampValid::new(format!("{date} 24:00:00")).is_err());
        }

        #[test]
        fn prices(whole in 0u32..100_000, fraction in "[0-9]{2,5}", short in "[0-9]?", long in "[0-9]{6,9}") {
            let price = format!("{}.{fraction}", whole + 1);
            assert!(Price::new(price.as_str()).is_ok());
            assert!(Price::new(format!("{}.{short}", whole + 1)).is_err());
            assert!(Price::new(format!("{}.{long}", whole + 1)).is_err());
            assert!(Price::new(format!("-{price}")).is_err());
        }

        #[test]
        fn storm_passwords(lower in "[a-z]{1,5}", upper in "[A-Z]{1,5}", digits in "[0-9]{1,5}", drop in 0usize..3) {
            let parts = [lower.as_str(), upper.as_str(), digits.as_str()];
            let all = format!("{}{}{}!", parts[0], parts[1], parts[2]);
            assert_eq!(StormInstancePassword::new(all.as_str()).is_ok(), all.chars().count() >= 7);
            // With only two classes left, no length helps.
            let two: String = parts.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, p)| p.repeat(4)).collect();
            assert!(StormInstancePassword::new(two).is_err());
        }

        #[test]
        fn base64_padding(body in "[A-Za-z0-9+/]{0,40}", pad in 0usize..5) {
            let value = format!("{body}{}", "=".repeat(pad));
            assert_eq!(Base64::new(value).is_ok(), pad <= 2);
        }

        #[test]
        fn no_validator_panics_on_arbitrary_text(text in "\\PC{0,80}|.{0,300}", bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            for value in [text.as_str(), lossy.as_str()] {
                let _ = SingleUseHash::new(value);
                let _ = AccountUsername::new(value);
                let _ = Hostname::new(value);
                let _ = DomainAny::new(value);
                let _ = DnsName::new(value);
                let _ = DnsReverseZone::new(value);
                let _ = DnsReverseRecord::new(value);
                let _ = RrWildcard::new(value);
                let _ = EmailAddr::new(value);
                let _ = IpDec::new(value);
                let _ = IpDecMask::new(value);
                let _ = Ipv6::new(value);
                let _ = HttpUri::new(value);
                let _ = Base64::new(value);
                let _ = SslCert::new(value);
                let _ = PrivateKey::new(value);
                let _ = SshKeyPublic::new(value);
                let _ = MimeType::new(value);
                let _ = Money::new(value);
                let _ = Price::new(value);
                let _ = PositiveMoney::new(value);
                let _ = DateValid::new(value);
                let _ = TimestampValid::new(value);
                let _ = StormInstancePassword::new(value);
                let _ = GenericPasswordBillingLength::new(value);
                let _ = TextGeneral80::new(value);
                let _ = ProductCode::new(value);
                let _ = serde_json::from_value::<DnsRecordName>(serde_json::json!(value));
                let _ = serde_json::from_value::<PositiveIntOrProductCode>(serde_json::json!(value));
            }
        }
    }
}
