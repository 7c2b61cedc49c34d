//! eNom key/value decoding (text, HTML, XML) and error recognition.

use hostapi_runtime::keyvalue::{KeyValueFormat, collect_series, decode, decode_str, detect};
use hostapi_runtime::wire::ErrorRule;
use hostapi_runtime::{ErrorDetail, RawApiError};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const ENOM_ERRORS: ErrorRule = ErrorRule::CountAbove {
    field: "ErrCount",
    message_prefix: "Err",
    number_prefix: Some("ResponseNumber"),
    text_prefix: Some("ResponseString"),
};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn get<'a>(map: &'a Map<String, Value>, key: &str) -> &'a str {
    map.get(key)
        .unwrap_or_else(|| panic!("missing {key} in {map:?}"))
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string"))
}

#[test]
fn seed_text_example() {
    let body = fixture("enom_getaccountpassword.txt");
    assert_eq!(detect(&body), KeyValueFormat::Text);
    let map = decode_str(&body).unwrap();
    assert_eq!(map.len(), 18, "{map:?}");
    assert_eq!(get(&map, "ResultCode"), "1");
    assert_eq!(get(&map, "ErrorMessage"), "Success");
    assert_eq!(get(&map, "Command"), "GETACCOUNTPASSWORD");
    assert_eq!(get(&map, "ErrCount"), "0");
    assert_eq!(get(&map, "MinPeriod"), "");
    assert_eq!(get(&map, "TimeDifference"), "+0.00");
    assert_eq!(get(&map, "Done"), "true");
    assert_eq!(get(&map, "RequestDateTime"), "2/11/2015 1:35:31 PM");
    assert!(map.keys().all(|k| !k.starts_with(';')));
    assert!(RawApiError::recognize(&ENOM_ERRORS, &map, 200).is_none());
}

#[test]
fn seed_html_example() {
    let body = fixture("enom_getaccountpassword.html");
    assert_eq!(detect(&body), KeyValueFormat::Html);
    let map = decode_str(&body).unwrap();
    assert_eq!(map.len(), 18, "{map:?}");
    assert_eq!(get(&map, "ResultCode"), "1");
    assert_eq!(get(&map, "Command"), "GETACCOUNTPASSWORD");
    assert_eq!(get(&map, "ErrCount"), "0");
    // `<STRONG>MinPeriod:</ STRONG><br>`: an empty value.
    assert_eq!(get(&map, "MinPeriod"), "");
    assert_eq!(get(&map, "Site"), "");
    assert_eq!(get(&map, "Server"), "SJL0VWRESELL_T1");
    assert_eq!(get(&map, "ExecTime"), "0.016");
    // The last line lacks its `<STRONG>`, and the value holds colons.
    assert_eq!(get(&map, "RequestDateTime"), "2/11/2015 1:34:12 PM");
    assert!(!map.contains_key(";URL Interface"));
    assert!(RawApiError::recognize(&ENOM_ERRORS, &map, 200).is_none());
}

#[test]
fn seed_xml_example_with_mismatched_end_tag() {
    let body = fixture("enom_setaccountpassword.xml");
    assert_eq!(detect(&body), KeyValueFormat::Xml);
    let map = decode_str(&body).unwrap();
    assert_eq!(map.len(), 16, "{map:?}");
    // `<Success>True</Sucess>`
    assert_eq!(get(&map, "Success"), "True");
    assert_eq!(get(&map, "Command"), "GETACCOUNTPASSWORD");
    assert_eq!(get(&map, "ErrCount"), "0");
    assert_eq!(get(&map, "MinPeriod"), "");
    assert_eq!(get(&map, "MaxPeriod"), "10");
    assert_eq!(get(&map, "IsLockable"), "");
    assert_eq!(get(&map, "RequestDateTime"), "12/7/2011 6:16:27 AM");
    assert_eq!(get(&map, "debug"), "");
    assert!(RawApiError::recognize(&ENOM_ERRORS, &map, 200).is_none());
}

#[test]
fn rrpcode_reference() {
    let body = fixture("enom_check_success_rrpcode210.xml");
    let map = decode(body.as_bytes()).unwrap();
    assert_eq!(get(&map, "DomainName"), "test123456test123456.com");
    assert_eq!(get(&map, "RRPCode"), "210");
    assert_eq!(get(&map, "RRPText"), "Domain available");
    assert_eq!(get(&map, "AuctionDate"), "");
    assert_eq!(get(&map, "IsRealTimeTLD"), "True");
    assert_eq!(get(&map, "TimeDifference"), "+08.00");
    assert_eq!(get(&map, "debug"), "");
    assert!(RawApiError::recognize(&ENOM_ERRORS, &map, 200).is_none());
}

fn expected_error() -> RawApiError {
    RawApiError {
        class: None,
        message: Some("Token is invalid or has expired".into()),
        fields: Map::new(), // compared separately
        details: vec![
            ErrorDetail {
                message: "Token is invalid or has expired".into(),
                number: Some("304155".into()),
                text: Some("Token is invalid or has expired".into()),
            },
            ErrorDetail {
                message: "Password does not meet the requirements".into(),
                number: None,
                text: None,
            },
        ],
        status: 200,
    }
}

#[test]
fn errcount_two_in_every_format() {
    for name in [
        "enom_error_errcount2.txt",
        "enom_error_errcount2.html",
        "enom_error_errcount2.xml",
    ] {
        let map = decode_str(&fixture(name)).unwrap();
        let raw = RawApiError::recognize(&ENOM_ERRORS, &map, 200)
            .unwrap_or_else(|| panic!("{name}: not an error"));
        let expected = expected_error();
        assert_eq!(raw.class, expected.class, "{name}");
        assert_eq!(raw.message, expected.message, "{name}");
        assert_eq!(raw.details, expected.details, "{name}");
        assert_eq!(raw.status, 200);
        assert_eq!(raw.fields.get("ErrCount"), Some(&json!("2")), "{name}");
        assert_eq!(
            raw.fields.get("Command"),
            Some(&json!("SETACCOUNTPASSWORD")),
            "{name}"
        );
        assert!(
            raw.fields
                .keys()
                .all(|k| !k.starts_with("Err") || k == "ErrCount"),
            "{name}: {:?}",
            raw.fields
        );
        assert!(!raw.fields.contains_key("ResponseNumber1"), "{name}");
        assert_eq!(
            raw.to_string(),
            "Token is invalid or has expired (304155); Password does not meet the requirements",
            "{name}"
        );
    }
}

#[test]
fn error_count_variants() {
    let mut map = Map::new();
    map.insert("ErrCount".into(), json!(" 1 "));
    map.insert("Err1".into(), json!("Bad"));
    let raw = RawApiError::recognize(&ENOM_ERRORS, &map, 200).unwrap();
    assert_eq!(raw.message.as_deref(), Some("Bad"));
    // A registry success code does not cancel ErrCount > 0.
    map.insert("RRPCode".into(), json!("200"));
    assert!(RawApiError::recognize(&ENOM_ERRORS, &map, 200).is_some());
    map.insert("ErrCount".into(), json!("0"));
    assert!(RawApiError::recognize(&ENOM_ERRORS, &map, 200).is_none());
    // Unreadable count with a first message: still an error.
    map.insert("ErrCount".into(), json!("two"));
    assert!(RawApiError::recognize(&ENOM_ERRORS, &map, 200).is_some());
    map.remove("ErrCount");
    assert!(RawApiError::recognize(&ENOM_ERRORS, &map, 200).is_none());
}

#[test]
fn xml_sloppiness() {
    // Mismatched, missing and upper-case end tags; attributes; entities;
    // a comment and a BOM.
    let body = "\u{feff}\n<?xml version=\"1.0\"?>\n<!-- hi -->\n<interface-response>\
                <A x=\"1\">a &amp; b</a><B>b</Bee><C>x&lt;y</C><D><![CDATA[<raw>]]></D><E /></interface-response>";
    let map = decode_str(body).unwrap();
    assert_eq!(get(&map, "A"), "a & b");
    assert_eq!(get(&map, "B"), "b");
    assert_eq!(get(&map, "C"), "x<y");
    assert_eq!(get(&map, "D"), "<raw>");
    assert_eq!(get(&map, "E"), "");
}

#[test]
fn series_are_collected_in_numeric_order() {
    let mut map =
        decode_str("Domain2=b.com\nDomain10=j.com\nDomain1=a.com\nDomainCount=3\n").unwrap();
    collect_series(&mut map, &["Domain{n}", "Err{n}"]);
    assert_eq!(map["Domain{n}"], json!(["a.com", "b.com", "j.com"]));
    assert_eq!(map["Err{n}"], json!([]));
    assert_eq!(map["DomainCount"], json!("3"));
}

#[test]
fn broken_bodies_are_errors() {
    let xml = fixture("enom_setaccountpassword.xml");
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "the response body is empty"),
        ("  \r\n\t ".into(), "the response body is empty"),
        ("\u{feff}".into(), "the response body is empty"),
        (
            "hello world".into(),
            "the response holds no key=value lines",
        ),
        (
            ";only a comment\n".into(),
            "the response holds no key=value lines",
        ),
        (
            xml.replace("</interface-response>", ""),
            "the XML root element is not closed (truncated?)",
        ),
        (
            xml[..xml.len() / 2].to_owned(),
            "the XML response ends inside an end tag (truncated?)",
        ),
        (
            "<interface-response><ErrCount>0</ErrCount".into(),
            "the XML response ends inside an end tag (truncated?)",
        ),
        (
            "<interface-response><debug><![CDATA[abc".into(),
            "the XML response ends inside CDATA (truncated?)",
        ),
        (
            "<?xml version=\"1.0\"".into(),
            "the XML response ends inside the XML declaration (truncated?)",
        ),
        (
            "<?xml version=\"1.0\"?>garbage".into(),
            "the XML response has no root element",
        ),
        (
            "<interface-response/>".into(),
            "the XML root element is empty",
        ),
        (
            "<interface-response>text</interface-response>".into(),
            "the XML root element has no child elements",
        ),
        (
            "<interface-response><>".into(),
            "malformed XML tag at byte 20 of the response",
        ),
        (
            "<HTML><BODY><STRONG>ErrCount: </ STR".into(),
            "the HTML response ends inside a tag (truncated?)",
        ),
        (
            "<html><body><h1>503 Service Unavailable</h1></body></html>".into(),
            "the response holds no \"Key: value\" lines",
        ),
    ];
    for (body, expected) in cases {
        let err = decode(body.as_bytes()).unwrap_err();
        assert_eq!(err.message, expected, "{body:?}");
        assert_eq!(err.body.as_bytes(), body.as_bytes());
    }
    // Invalid UTF-8 is replaced, not fatal.
    let map = decode(b"ErrCount=0\nName=\xff\xfe\n").unwrap();
    assert_eq!(get(&map, "Name"), "\u{fffd}\u{fffd}");
}

#[test]
fn xml_with_data_after_its_root_is_an_error() {
    let xml = fixture("enom_setaccountpassword.xml");
    for (trailer, what) in [
        ("garbage", "text"),
        ("<Success>False</Success>", "a second element"),
        (
            "<interface-response><ErrCount>1</ErrCount></interface-response>",
            "a second document",
        ),
        ("<![CDATA[x]]>", "CDATA"),
        ("\n\n  x", "text after whitespace"),
    ] {
        let body = format!("{xml}{trailer}");
        let err = decode(body.as_bytes()).unwrap_err();
        assert!(
            err.message
                .starts_with("the XML response has data after its root element"),
            "{what}: {}",
            err.message
        );
    }
    // A stray end tag closing the root early leaves a child behind: refused,
    // not read as if the child were absent.
    let body =
        "<interface-response><ErrCount>0</ErrCount></Sucess><Done>true</Done></interface-response>";
    assert!(decode_str(body).is_err());
    // What may follow a document is still accepted.
    for trailer in [
        "",
        "\r\n",
        "\n<!-- served by SJL0VWRESELL_T -->\n",
        "<?pi x?>",
        "</interface-response>",
    ] {
        let body = format!("{xml}{trailer}");
        let map = decode_str(&body).unwrap_or_else(|e| panic!("{trailer:?}: {e}"));
        assert_eq!(get(&map, "Success"), "True", "{trailer:?}");
    }
}

#[test]
fn html_with_data_after_its_end_is_an_error() {
    let html = fixture("enom_getaccountpassword.html");
    let body = format!("{html}ErrCount: 1<br>Err1: injected<br>");
    let err = decode(body.as_bytes()).unwrap_err();
    assert_eq!(err.message, "the HTML response has data after </html>");
    let body = format!("{html}\n<!-- cached -->\n");
    assert_eq!(get(&decode_str(&body).unwrap(), "ErrCount"), "0");
}

#[test]
fn html_comments_and_separators_are_read_as_written() {
    // A comment holding `>` and pair-like text is not content.
    let body = "<HTML><!-- note: a > b\nFake: value --><STRONG>ErrCount: </ STRONG>0<br>\
                URL=https://example.com:8443/x<br>Time: 1:34:12 PM<br></HTML>";
    let map = decode_str(body).unwrap();
    assert!(!map.contains_key("Fake"), "{map:?}");
    assert!(!map.keys().any(|k| k.contains("note")), "{map:?}");
    // Whichever separator comes first splits the line.
    assert_eq!(get(&map, "URL"), "https://example.com:8443/x");
    assert_eq!(get(&map, "Time"), "1:34:12 PM");
    assert_eq!(get(&map, "ErrCount"), "0");
    assert_eq!(map.len(), 3, "{map:?}");
    let err = decode(b"<HTML><!-- never closed<br>A: b").unwrap_err();
    assert_eq!(
        err.message,
        "the HTML response ends inside a comment (truncated?)"
    );
}

#[test]
fn text_that_only_holds_a_separator_is_no_pair() {
    // Markup, JSON and sentences with an `=` in them are not key=value lines.
    for body in [
        "<error code=\"500\">Internal error</error>",
        "{\"error\":\"a=b\"}",
        "Service unavailable, retry=later please",
    ] {
        let err = decode(body.as_bytes()).unwrap_err();
        assert_eq!(
            err.message, "the response holds no key=value lines",
            "{body}"
        );
    }
    let map = decode_str("ErrCount=0\nNote: x=y\nDone=true\n").unwrap();
    assert_eq!(map.len(), 2, "{map:?}");
    // Keys are names; values may hold anything.
    let map = decode_str("Err1=Price must be <= 5 \"USD\"\n").unwrap();
    assert_eq!(get(&map, "Err1"), "Price must be <= 5 \"USD\"");
}

proptest! {
    #[test]
    fn decoding_never_panics(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = decode(&body);
    }

    #[test]
    fn decoding_markup_soup_never_panics(body in "[<>/!?\\[\\]a-zA-Z=:; \n&#x0-9CDATA-]{0,200}") {
        let _ = decode_str(&body);
        let _ = decode_str(&format!("<interface-response>{body}"));
        let _ = decode_str(&format!("<HTML>{body}"));
    }

    #[test]
    fn truncated_fixtures_never_panic(cut in 0usize..2000) {
        for name in ["enom_setaccountpassword.xml", "enom_getaccountpassword.html", "enom_error_errcount2.xml"] {
            let body = fixture(name);
            let mut end = cut.min(body.len());
            while !body.is_char_boundary(end) {
                end -= 1;
            }
            let _ = decode_str(&body[..end]);
        }
    }
}
