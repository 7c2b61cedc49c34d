//! What the tolerant reader logs: one `WARN` event per violation, naming the
//! API, method, path, type and rule, never a value, secret or not.
//!
//! One test in its own binary: `tracing` caches per call site whether anyone
//! listens, and tests on other threads hitting the same call sites while this
//! one installs its capturing subscriber can leave that cache stale.

use std::future::poll_fn;
use std::pin::Pin;

use hostapi::liquidweb_bleed as bleed;
use hostapi::liquidweb_v1::{Client, Credentials, network_dns_record, network_dns_zone, types};
use hostapi::runtime::paging::Stream;
use hostapi::runtime::{ClientConfig, RetryPolicy};
use hostapi_testkit::capture::Capture;
use hostapi_testkit::{Canned, TestServer};
use serde_json::json;

async fn serve(body: serde_json::Value) -> TestServer {
    TestServer::start(Canned::json(200, body.to_string())).await
}

fn config(server: &TestServer) -> ClientConfig {
    ClientConfig::default()
        .with_base_url(server.url(""))
        .with_retry(RetryPolicy::none())
}

fn warnings(capture: &Capture) -> Vec<String> {
    capture
        .lines()
        .into_iter()
        .filter(|l| l.starts_with("event WARN"))
        .collect()
}

#[tokio::test]
async fn violations_are_logged_by_name_and_rule_never_by_value() {
    let capture = Capture::new();
    let _guard = capture.install();

    // A record with five broken rules, one in a nested record.
    let server = serve(json!({
        "id": 0, "name": "www.example.com", "rdata": "1.2.3.4", "type": "CAA", "zone_id": 5,
        "exchange": "mail server!", "ttl": "n/a",
        "regionOverrides": [{"rdata": "5.6.7.8", "region": "EU", "region_id": 0}],
    }))
    .await;
    let v1 = Client::with_config(Credentials::new("alice", "pw"), config(&server)).unwrap();
    let request = network_dns_record::DetailsRequest::new(types::PositiveInt::new(1).unwrap());
    let record = v1.network_dns_record().details(&request).await.unwrap();
    assert_eq!(record.violations().len(), 5);
    let logged = warnings(&capture);
    assert_eq!(logged.len(), 5, "{logged:#?}");
    for part in [
        "api=liquidweb_v1",
        "method=Network/DNS/Record/details",
        "path=regionOverrides[0].region_id",
        "type_name=PositiveInt",
        "rule=min",
        "detail=must be at least 1",
    ] {
        assert!(logged[3].contains(part), "{part} in {}", logged[3]);
    }
    let paths: Vec<&str> = logged
        .iter()
        .filter_map(|l| l.split("path=").nth(1)?.split(',').next())
        .collect();
    assert_eq!(
        paths,
        [
            "id",
            "type",
            "exchange",
            "regionOverrides[0].region_id",
            "ttl"
        ]
    );

    // Secret values: the broken rule is named, nothing of the value.
    let server = serve(json!({"token": "hunter2\u{7}!", "expires": 1})).await;
    let lw = bleed::Client::with_config(bleed::Credentials::new("alice", "pw"), config(&server))
        .unwrap();
    let token = lw
        .account_auth()
        .token(&bleed::account_auth::TokenRequest::new())
        .await
        .unwrap();
    assert_eq!(token.violations().len(), 1);
    let server = serve(json!({"password": ["hunter2"]})).await;
    let lw = bleed::Client::with_config(bleed::Credentials::new("alice", "pw"), config(&server))
        .unwrap();
    assert!(
        lw.account_chat_password()
            .get()
            .await
            .unwrap()
            .password
            .is_none()
    );

    // Pages name the item.
    let server = serve(json!({
        "page_num": 1, "page_total": 1,
        "items": [{"active": 1, "id": 0, "master": "10.0.0.1", "name": "example.org", "type": "NATIVE"}],
    }))
    .await;
    let v1 = Client::with_config(Credentials::new("alice", "pw"), config(&server)).unwrap();
    let mut zones = v1
        .network_dns_zone()
        .list_all(&network_dns_zone::ListRequest::new());
    while let Some(zone) = poll_fn(|cx| Pin::new(&mut zones).poll_next(cx)).await {
        zone.unwrap();
    }

    let logged = warnings(&capture);
    assert_eq!(logged.len(), 8, "{logged:#?}");
    assert!(logged[5].contains("method=Account/Auth/token") && logged[5].contains("path=token"));
    assert!(
        logged[6].contains("method=Account/ChatPassword/get")
            && logged[6].contains("path=password")
    );
    assert!(
        logged[7].contains("method=Network/DNS/Zone/list")
            && logged[7].contains("path=items[0].id")
    );
    let text = capture.text();
    for value in ["mail server!", "n/a", "CAA", "hunter2", "U+0007", "\u{7}"] {
        assert!(!text.contains(value), "{value:?} logged: {text}");
    }
}
