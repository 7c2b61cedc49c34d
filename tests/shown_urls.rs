//! The URL of each attempt is logged at `DEBUG` with every query value but
//! the method name redacted, so credentials sent in the query (eNom's
//! `uid`/`pw`) never reach a log.
//!
//! One test in its own binary: `tracing` caches per call site whether anyone
//! listens (see tolerant_logs.rs).

use hostapi::enom::{
    Client, Credentials,
    domain::CheckRequest,
    types::{SecondLevelDomain, TopLevelDomain},
};
use hostapi::runtime::{ClientConfig, RetryPolicy};
use hostapi_testkit::capture::Capture;
use hostapi_testkit::{Canned, TestServer};

#[tokio::test]
async fn logged_urls_show_no_query_secret() {
    let body = "Command=CHECK\r\nRRPCode=210\r\nErrCount=0\r\n";
    let server = TestServer::start(Canned::text(body)).await;
    let config = ClientConfig::default()
        .with_base_url(server.url(""))
        .with_retry(RetryPolicy::none());
    let client = Client::with_config(Credentials::new("reseller-id", "pw-s3cret"), config).unwrap();
    let request = CheckRequest::new()
        .with_sld(SecondLevelDomain::new("example").unwrap())
        .with_tld(TopLevelDomain::new("com").unwrap());

    let capture = Capture::new();
    let guard = capture.install();
    client.domain().check(&request).await.unwrap();
    drop(guard);

    // The secret did travel, so its absence from the log means something.
    assert!(server.single_request().target.contains("pw=pw-s3cret"));
    let text = capture.text();
    let sending: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("sending request"))
        .collect();
    assert_eq!(sending.len(), 1, "{text}");
    let line = sending[0];
    assert!(line.contains("http_method=GET"), "{line}");
    assert!(
        line.contains("?command=Check&uid=***&pw=***&SLD=***&TLD=***"),
        "{line}"
    );
    for secret in ["pw-s3cret", "reseller-id"] {
        assert!(!text.contains(secret), "{text}");
    }
}
