//! The base-URL rule that both the generator's checker and `Client::new`
//! run (`rules::base_url`) admits only URLs reqwest's parser takes as they
//! are: absolute http(s) with a host, no credentials, query or fragment, and
//! the path left as written. So a spec the checker accepts builds a client,
//! and the client sends to the URL the spec says.

use hostapi_runtime::validate::rules;
use proptest::prelude::*;
use reqwest::Url;

/// What the rule promises about a URL it accepts.
fn parses_as_written(value: &str) -> Result<(), String> {
    let url = Url::parse(value).map_err(|e| format!("reqwest refuses it: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("scheme {}", url.scheme()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("no host".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("credentials".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("query or fragment".into());
    }
    let after_scheme = &value[value.find("://").unwrap() + 3..];
    let written_path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    if url.path() != written_path {
        return Err(format!("path {:?} became {:?}", written_path, url.path()));
    }
    Ok(())
}

#[test]
fn real_base_urls() {
    for ok in [
        "https://api.liquidweb.com/bleed",
        "https://api.liquidweb.com/v1",
        "https://reseller.enom.com/interface.asp",
        "https://resellertest.enom.com/interface.asp",
        "https://sive.host/api",
        "http://127.0.0.1:8080",
        "http://localhost:3000/",
        "https://[::1]:8443/api/",
        "https://[::ffff:192.0.2.1]/",
        "https://api.example.test/a%20b/c;v=1/~x/@/",
    ] {
        assert_eq!(rules::base_url(ok), Ok(()), "{ok}");
        parses_as_written(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
}

/// Hosts the URL parser refuses although they look like names: a name
/// ending in a number is read as an IPv4 address, an `xn--` label must be
/// valid punycode. The rule refuses the whole family.
#[test]
fn hosts_the_parser_reads_otherwise() {
    for bad in [
        "https://0.0.300.0",
        "https://example.123",
        "https://xn--0",
        "https://a.0x1f",
    ] {
        assert!(rules::base_url(bad).is_err(), "{bad}");
    }
    assert!(Url::parse("https://0.0.300.0").is_err());
    assert!(Url::parse("https://xn--0").is_err());
}

/// URL-shaped text built from parts that are sometimes valid and sometimes
/// just what parsers disagree about.
fn url_text() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        4 => Just("https://"),
        2 => Just("http://"),
        1 => Just("HTTP://"),
        1 => Just("ftp://"),
        1 => Just("https:/"),
        1 => Just(""),
    ];
    let label = prop_oneof![
        4 => "[a-z][a-z0-9-]{0,8}[a-z0-9]?",
        1 => "[0-9]{1,3}",
        1 => "xn--[a-z0-9]{1,6}",
        1 => "[A-Za-z0-9_~%é-]{0,6}",
        1 => Just("0x1f".to_string()),
    ];
    let host = prop_oneof![
        6 => prop::collection::vec(label, 1..5).prop_map(|l| l.join(".")),
        1 => "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}",
        1 => "\\[[0-9a-f:.]{0,20}\\]",
        1 => "[a-z]{1,4}(:[a-z]{0,3})?@[a-z]{1,5}",
        1 => Just(String::new()),
    ];
    let port = prop_oneof![
        4 => Just(String::new()),
        2 => (0u32..70000).prop_map(|p| format!(":{p}")),
        1 => ":[0-9]{0,7}",
        1 => ":[a-z]{1,3}",
    ];
    let path = prop_oneof![
        2 => Just(String::new()),
        4 => "(/[A-Za-z0-9._~!$&'()*+,;=:@%-]{0,6}){0,4}/?",
        1 => "(/(\\.|\\.\\.|%2e|%2E|%2e%2e)){1,2}/?",
        1 => "/[ -~]{0,10}",
        1 => "/[\\\\é\t ]{1,3}",
    ];
    (scheme, host, port, path).prop_map(|(s, h, p, x)| format!("{s}{h}{p}{x}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Every URL the rule accepts is one reqwest takes as written.
    #[test]
    fn accepted_urls_parse_as_written(value in url_text()) {
        if rules::base_url(&value).is_ok() {
            prop_assert_eq!(parses_as_written(&value), Ok(()), "{}", value);
        }
    }

    /// The rule never panics, whatever the text.
    #[test]
    fn never_panics(value in "\\PC{0,40}") {
        let _ = rules::base_url(&value);
    }
}
