//! Malformed bodies never panic: empty, truncated, trailing data, HTML
//! instead of JSON, Latin-1 and invalid UTF-8, binary garbage, absurd
//! nesting and oversized bodies, through every generated client. Each gives
//! a clear error (or, for eNom's lenient key/value text, a usable answer).

use hostapi::runtime::{ClientConfig, Error, RetryPolicy};
use hostapi::{enom, liquidweb_bleed as lw, sivehost};
use hostapi_testkit::{Canned, TestServer};

const LIMIT: usize = 4096;

/// What a body is expected to give.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    Decode,
    Status,
    TooLarge,
    Api,
    /// Anything but a panic.
    NoPanic,
}

fn kind<E: std::fmt::Debug>(error: &Error<E>) -> Expect {
    match error {
        Error::Decode(_) => Expect::Decode,
        Error::Status { .. } => Expect::Status,
        Error::Transport(t) if t.is_body_too_large() => Expect::TooLarge,
        Error::Api(_) => Expect::Api,
        other => panic!("unexpected error kind: {other:?}"),
    }
}

fn config(base: &str) -> ClientConfig {
    ClientConfig::default()
        .with_base_url(base)
        .with_max_response_bytes(LIMIT)
        .with_retry(RetryPolicy::none())
}

fn nested(depth: usize) -> Vec<u8> {
    let mut body = "[".repeat(depth);
    body.push_str(&"]".repeat(depth));
    body.into_bytes()
}

/// Bodies for the JSON APIs and what each must give.
fn json_cases() -> Vec<(&'static str, Canned, Expect)> {
    vec![
        ("empty", Canned::json(200, ""), Expect::Decode),
        (
            "truncated",
            Canned::json(200, r#"{"token":"abc","expi"#),
            Expect::Decode,
        ),
        (
            "html instead of json",
            Canned::html(200, "<!DOCTYPE html><html><body>Maintenance</body></html>"),
            Expect::Decode,
        ),
        (
            "html error page",
            Canned::html(503, "<html>busy</html>"),
            Expect::Status,
        ),
        (
            "latin-1 in a string",
            Canned::json(
                200,
                b"{\"token\":\"caf\xe9\",\"result\":\"caf\xe9\"}".to_vec(),
            ),
            Expect::Decode,
        ),
        (
            "invalid utf-8",
            Canned::json(200, vec![0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28]),
            Expect::Decode,
        ),
        (
            "deep nesting",
            Canned::json(200, nested(LIMIT / 2 - 1)),
            Expect::Decode,
        ),
        (
            "oversized",
            Canned::json(200, vec![b' '; LIMIT + 1]),
            Expect::TooLarge,
        ),
        (
            "oversized without length",
            Canned::json(200, vec![b' '; LIMIT * 4]).without_content_length(),
            Expect::TooLarge,
        ),
        ("json null", Canned::json(200, "null"), Expect::Decode),
        (
            "json with data after the object",
            Canned::json(200, r#"{"token":"abc","expires":1} {"token":"x"}"#),
            Expect::Decode,
        ),
    ]
}

#[tokio::test]
async fn liquidweb_never_panics_on_bad_bodies() {
    for (name, canned, expect) in json_cases() {
        let server = TestServer::start(canned).await;
        let client =
            lw::Client::with_config(lw::Credentials::new("u", "p"), config(&server.url("")))
                .unwrap();
        let error = client
            .account_auth()
            .token(&lw::account_auth::TokenRequest::new())
            .await
            .unwrap_err();
        assert_eq!(kind(&error), expect, "{name}: {error:?}");
        assert!(!error.to_string().is_empty());
    }
}

#[tokio::test]
async fn sivehost_never_panics_on_bad_bodies() {
    for (name, canned, expect) in json_cases() {
        let server = TestServer::start(canned).await;
        let credentials = sivehost::Credentials::new("u", "p", "k", "s");
        let client = sivehost::Client::with_config(credentials, config(&server.url(""))).unwrap();
        let request = sivehost::hosting::PasswdUpdRequest::new(
            "1".into(),
            sivehost::types::ControlPanelPassword::new("123456789").unwrap(),
        );
        let error = client.hosting().passwd_upd(&request).await.unwrap_err();
        assert_eq!(kind(&error), expect, "{name}: {error:?}");
    }
}

#[tokio::test]
async fn enom_never_panics_on_bad_bodies() {
    let xml = "<?xml version=\"1.0\"?><interface-response><Command>SETACCOUNTPASSWORD</Command><ErrCount>0</ErrCount><Success>True</Success><Done>true</Done></interface-response>";
    let cases: Vec<(&str, Canned, Expect)> = vec![
        ("empty", Canned::text(""), Expect::Decode),
        (
            "truncated xml",
            Canned::new(200, "text/xml", &xml[..xml.len() - 40]),
            Expect::Decode,
        ),
        (
            "xml with data after its root",
            Canned::new(200, "text/xml", format!("{xml}<ErrCount>1</ErrCount>")),
            Expect::Decode,
        ),
        (
            "html without pairs",
            Canned::html(200, "<html><body>Server Error</body></html>"),
            Expect::Decode,
        ),
        (
            "html error page",
            Canned::html(500, "<html>oops</html>"),
            Expect::Status,
        ),
        (
            "latin-1 error text",
            Canned::text(b"ErrCount=1\nErr1=Mot de passe refus\xe9\nDone=true\n".to_vec()),
            Expect::Api,
        ),
        (
            "binary garbage",
            Canned::text(vec![0xff, 0x00, 0xfe, 0x3d, 0x0a, 0x80]),
            Expect::NoPanic,
        ),
        (
            "deep xml",
            Canned::new(200, "text/xml", "<a>".repeat(LIMIT / 3 - 1)),
            Expect::Decode,
        ),
        (
            "oversized",
            Canned::text(vec![b'x'; LIMIT + 1]),
            Expect::TooLarge,
        ),
        (
            "missing fields",
            Canned::text("ErrCount=0\nDone=true\n"),
            Expect::Decode,
        ),
    ];
    for (name, canned, expect) in cases {
        let server = TestServer::start(canned).await;
        let client = enom::Client::with_config(
            enom::Credentials::new("u", "p"),
            config(&server.url("/interface.asp")),
        )
        .unwrap();
        let request = enom::account::SetAccountPasswordRequest::new("t", "p");
        let result = client.account().set_account_password(&request).await;
        match (&result, expect) {
            (_, Expect::NoPanic) => {}
            (Ok(response), _) => panic!("{name}: expected {expect:?}, got {response:?}"),
            (Err(error), _) => assert_eq!(kind(error), expect, "{name}: {error:?}"),
        }
        if let Err(Error::Api(api)) = &result {
            let message = api.raw().details[0].message.as_str();
            assert_eq!(message, "Mot de passe refus\u{fffd}", "{name}");
        }
    }
}
