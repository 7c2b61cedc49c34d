//! `base-url`: the checker refuses every `api.base_url` the runtime's
//! `Client::new` would refuse, by running the same rule
//! (`hostapi_rules::base_url`), and says why without quoting the URL.

mod support;

use std::path::Path;

use hostapi_codegen::lint;

fn finding(base_url: &str) -> Option<String> {
    let spec = support::api_head(base_url);
    let report = lint::lint_source(Path::new("api.yaml"), spec.as_bytes());
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|d| d.code == "base-url")
        .collect();
    assert!(found.len() <= 1, "{found:#?}");
    found.first().map(|d| {
        assert_eq!((d.pos.line, d.pos.column), (6, 13), "located at the value");
        d.message.clone()
    })
}

#[test]
fn usable_base_urls_pass() {
    for ok in [
        "https://api.liquidweb.com/bleed",
        "https://reseller.enom.com/interface.asp",
        "http://127.0.0.1:8080/",
        "https://[::1]:8443/api/",
        // The emitted URL drops trailing slashes; that is what is checked.
        "https://api.example.test//",
    ] {
        assert_eq!(finding(ok), None, "{ok}");
    }
}

#[test]
fn what_the_runtime_refuses_is_a_spec_error() {
    for (bad, says) in [
        ("api.example.test", "`https://`"),
        ("https://api.example.test/v1?format=json", "query"),
        ("https://api.example.test/#top", "fragment"),
        ("https://user:hunter2@api.example.test", "user information"),
        ("https://", "followed by a host"),
        ("https:///v1", "host is empty"),
        ("https://api.example.test:99999", "port"),
        ("https://api.example.test/my api", "whitespace"),
        ("https://api.exa mple.test", "whitespace"),
        ("https://bücher.example", "not ASCII"),
    ] {
        let message = finding(bad).unwrap_or_else(|| panic!("{bad} should be refused"));
        assert!(
            message.starts_with("`base_url` cannot be used: "),
            "{message}"
        );
        assert!(message.contains(says), "{bad}: {message}");
        assert!(!message.contains("hunter2"), "{message}");
    }
}
