//! Responses from real servers are read tolerantly through the generated
//! clients: a value that breaks its documented rule is kept and listed by
//! the response's `violations()` with its path; an optional field that
//! cannot be read at all is `None`; only a response that cannot be read is
//! refused. `with_strict_responses(true)` refuses them all. What is logged
//! is checked in `tolerant_logs.rs`.

use std::future::poll_fn;
use std::pin::Pin;

use hostapi::liquidweb_bleed as bleed;
use hostapi::liquidweb_v1::{
    Client, Credentials, monitoring_services, network_dns_record, network_dns_zone, storm_config,
    types,
};
use hostapi::runtime::paging::Stream;
use hostapi::runtime::{ClientConfig, Error, ResponseViolation, RetryPolicy};
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

fn client(server: &TestServer) -> Client {
    Client::with_config(Credentials::new("alice", "pw"), config(server)).unwrap()
}

fn strict_client(server: &TestServer) -> Client {
    let config = config(server).with_strict_responses(true);
    Client::with_config(Credentials::new("alice", "pw"), config).unwrap()
}

/// `(path, type, rule)` of each violation.
fn summary(found: &[ResponseViolation]) -> Vec<(String, String, &'static str)> {
    found
        .iter()
        .map(|v| (v.path.clone(), v.type_name.to_string(), v.violation.rule))
        .collect()
}

fn triple(path: &str, type_name: &str, rule: &'static str) -> (String, String, &'static str) {
    (path.to_owned(), type_name.to_owned(), rule)
}

/// A DNS record whose server broke five documented rules.
fn sloppy_record() -> serde_json::Value {
    json!({
        "id": 0,
        "name": "www.example.com",
        "rdata": "1.2.3.4",
        "type": "CAA",
        "zone_id": 5,
        "exchange": "mail server!",
        "ttl": "n/a",
        "regionOverrides": [
            {"rdata": "1.2.3.4", "region": "US", "region_id": 7},
            {"rdata": "5.6.7.8", "region": "EU", "region_id": 0},
        ],
    })
}

fn details(id: i64) -> network_dns_record::DetailsRequest {
    network_dns_record::DetailsRequest::new(types::PositiveInt::new(id).unwrap())
}

#[tokio::test]
async fn broken_rules_are_kept_and_listed_with_paths() {
    let server = serve(sloppy_record()).await;
    let record = client(&server)
        .network_dns_record()
        .details(&details(1))
        .await
        .unwrap();

    // Kept as received.
    assert_eq!(record.id.get(), 0);
    assert_eq!(record.type_, types::RecordType::Unknown("CAA".into()));
    assert_eq!(record.exchange.as_ref().unwrap().as_str(), "mail server!");
    let overrides = record.region_overrides.as_ref().unwrap();
    assert_eq!(overrides[1].region_id.get(), 0);
    // Unreadable as its type: absent.
    assert_eq!(record.ttl, None);
    // A union still picks the member that accepts the value.
    assert!(
        matches!(record.name, types::DnsRecordName::Hostname(_)),
        "{:?}",
        record.name
    );

    assert_eq!(
        summary(record.violations()),
        [
            triple("id", "PositiveInt", "min"),
            triple("type", "RecordType", "enum"),
            triple("exchange", "Hostname", "format.fqdn"),
            triple("regionOverrides[1].region_id", "PositiveInt", "min"),
            triple("ttl", "PositiveInt", "type"),
        ]
    );
    // A nested record lists its own, relative to itself.
    assert!(overrides[0].violations().is_empty());
    assert_eq!(
        summary(overrides[1].violations()),
        [triple("region_id", "PositiveInt", "min")]
    );
    // A named type's unreadable value is not repeated back.
    assert_eq!(record.violations()[4].received, None);
    assert!(format!("{record:?}").contains("violations: ["));
}

#[tokio::test]
async fn strict_responses_refuse_what_tolerant_ones_keep() {
    let server = serve(sloppy_record()).await;
    let error = strict_client(&server)
        .network_dns_record()
        .details(&details(1))
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}")
    };
    assert!(decode.message.contains("field `id`"), "{}", decode.message);
    assert!(decode.message.contains("PositiveInt"), "{}", decode.message);

    // Each rule on its own is enough.
    for (field, value) in [
        ("type", json!("CAA")),
        ("exchange", json!("mail server!")),
        ("ttl", json!("n/a")),
    ] {
        let mut body =
            json!({"id": 1, "name": "www.example.com", "rdata": "x", "type": "A", "zone_id": 5});
        body[field] = value;
        let server = serve(body.clone()).await;
        let kept = client(&server)
            .network_dns_record()
            .details(&details(1))
            .await
            .unwrap();
        assert_eq!(kept.violations().len(), 1, "{field}");
        let error = strict_client(&server)
            .network_dns_record()
            .details(&details(1))
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::Decode(d) if d.message.contains(&format!("field `{field}`"))),
            "{field}: {error:?}"
        );
    }

    // A response that keeps its documentation passes either way.
    let clean =
        json!({"id": 1, "name": "www.example.com", "rdata": "x", "type": "A", "zone_id": 5});
    let server = serve(clean).await;
    let record = strict_client(&server)
        .network_dns_record()
        .details(&details(1))
        .await
        .unwrap();
    assert!(record.violations().is_empty());
}

#[tokio::test]
async fn an_unreadable_optional_builtin_is_none_with_the_value_received() {
    let body = json!({
        "active": 1, "available": 3, "category": "storm", "description": "d",
        "featured": 0, "id": 9, "zone_availability": {},
        "raid_level": "n/a", "cpu_speed": "fast",
    });
    let server = serve(body).await;
    let config: storm_config::DetailsResponse = client(&server)
        .storm_config()
        .details(&hostapi::liquidweb_v1::billing_invoice::DetailsRequest::new())
        .await
        .unwrap();
    assert_eq!(config.raid_level, None);
    assert_eq!(config.cpu_speed, None);
    let found = config.violations();
    assert_eq!(
        summary(found),
        [
            triple("cpu_speed", "PositiveInt", "type"),
            triple("raid_level", "integer", "type"),
        ]
    );
    assert_eq!(found[1].received, Some(json!("n/a")));
    assert_eq!(
        found[1].violation.message,
        "expected an integer or a string holding one, got a string"
    );
}

#[tokio::test]
async fn only_responses_that_cannot_be_read_are_refused() {
    let complete =
        json!({"id": 1, "name": "www.example.com", "rdata": "x", "type": "A", "zone_id": 5});
    let mut absent = complete.clone();
    absent.as_object_mut().unwrap().remove("zone_id");
    let mut unrepresentable = complete.clone();
    unrepresentable["zone_id"] = json!("n/a");
    let mut wrong_shape = complete.clone();
    wrong_shape["regionOverrides"] = json!({"not": "a list"});
    for (name, body, refused) in [
        ("a required field absent", absent, true),
        ("a required integer holding text", unrepresentable, true),
        ("not an object", json!(["a", "list"]), true),
        ("an optional list that is an object", wrong_shape, false),
    ] {
        let server = serve(body).await;
        for (strict, client) in [(false, client(&server)), (true, strict_client(&server))] {
            let result = client.network_dns_record().details(&details(1)).await;
            match result {
                Err(Error::Decode(_)) if refused || strict => {}
                Ok(record) if !refused && !strict => {
                    assert!(record.region_overrides.is_none());
                    assert_eq!(
                        summary(record.violations()),
                        [triple(
                            "regionOverrides",
                            "Vec<RecordReturnedRegionOverride>",
                            "type"
                        )]
                    );
                }
                other => panic!("{name} (strict: {strict}): {other:?}"),
            }
        }
    }
}

#[tokio::test]
async fn unions_pick_the_member_that_accepts_the_value() {
    for (name, member) in [
        ("www.example.com", "Hostname"),
        ("4.3.2.1.in-addr.arpa", "DnsReverseRecord"),
        ("*.example.com", "RrWildcard"),
        ("_dmarc.example.com", "DnsName"),
    ] {
        let body = json!({"id": 1, "name": name, "rdata": "x", "type": "A", "zone_id": 5});
        let server = serve(body).await;
        let record = client(&server)
            .network_dns_record()
            .details(&details(1))
            .await
            .unwrap();
        let picked = format!("{:?}", record.name);
        assert!(picked.starts_with(member), "{name}: {picked}");
        assert!(record.violations().is_empty(), "{name}");
    }

    // A value no member accepts as documented is kept, and the union
    // reported.
    let body = json!({
        "id": 1, "name": "www.example.com", "rdata": "x", "type": "A", "zone_id": 5,
        "nameserver": "-bad-.example.com",
    });
    let server = serve(body).await;
    let record = client(&server)
        .network_dns_record()
        .details(&details(1))
        .await
        .unwrap();
    let kept = format!("{:?}", record.nameserver.as_ref().unwrap());
    assert!(kept.contains("-bad-.example.com"), "{kept}");
    assert_eq!(
        summary(record.violations()),
        [triple("nameserver", "HostnameOrSoaNameserver", "union")]
    );
    assert!(
        strict_client(&server)
            .network_dns_record()
            .details(&details(1))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn secrets_never_show_in_violations() {
    let server = serve(json!({"token": "hunter2\u{7}!", "expires": -5})).await;
    let c = bleed::Client::with_config(bleed::Credentials::new("alice", "pw"), config(&server))
        .unwrap();
    let token = c
        .account_auth()
        .token(&bleed::account_auth::TokenRequest::new())
        .await
        .unwrap();
    // Kept, for the caller to judge.
    assert_eq!(token.token.expose().as_str(), "hunter2\u{7}!");
    assert_eq!(token.expires.get(), -5);
    assert_eq!(
        summary(token.violations()),
        [
            triple("expires", "UnixTime", "min"),
            triple("token", "Base64", "format.base64")
        ]
    );
    let secret = &token.violations()[1];
    assert_eq!(secret.received, None);

    // A secret that cannot be read at all is absent, its value not kept.
    let server = serve(json!({"password": ["hunter2"]})).await;
    let c = bleed::Client::with_config(bleed::Credentials::new("alice", "pw"), config(&server))
        .unwrap();
    let got = c.account_chat_password().get().await.unwrap();
    assert!(got.password.is_none());
    assert_eq!(got.violations()[0].path, "password");
    assert_eq!(got.violations()[0].received, None);

    let shown = format!("{token:?} {got:?} {secret} {:?}", got.violations());
    for leak in ["hunter2", "U+0007", "\u{7}"] {
        assert!(!shown.contains(leak), "{leak} in {shown}");
    }
}

#[tokio::test]
async fn map_responses_list_violations_by_key() {
    let server = serve(json!({"httpd": "running", "mysql": "not running!"})).await;
    let request =
        monitoring_services::StatusRequest::new(types::SubaccntUniqId::new("ABC123").unwrap());
    let status = client(&server)
        .monitoring_services()
        .status(&request)
        .await
        .unwrap();
    // The response is the map.
    assert_eq!(status.len(), 2);
    assert_eq!(status["httpd"].as_str(), "running");
    assert_eq!(status.get("mysql").unwrap().as_str(), "not running!");
    assert_eq!(
        summary(status.violations()),
        [triple("[mysql]", "Word", "chars")]
    );
    let keys: Vec<&String> = (&status).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["httpd", "mysql"]);

    let error = strict_client(&server)
        .monitoring_services()
        .status(&request)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

#[tokio::test]
async fn pages_are_read_like_responses() {
    let page = json!({
        "item_count": 2, "item_total": 2, "page_num": 1, "page_size": 2, "page_total": 1,
        "items": [
            {"active": 1, "id": 3, "master": "10.0.0.1", "name": "example.com", "type": "NATIVE"},
            {"active": 1, "id": 0, "master": "10.0.0.1", "name": "example.org", "type": "NATIVE"},
        ],
    });
    let server = serve(page).await;
    let c = client(&server);
    let mut zones = c
        .network_dns_zone()
        .list_all(&network_dns_zone::ListRequest::new());
    let first = next(&mut zones).await.unwrap().unwrap();
    assert!(first.violations().is_empty());
    let second = next(&mut zones).await.unwrap().unwrap();
    assert_eq!(second.id.get(), 0);
    assert_eq!(
        summary(second.violations()),
        [triple("id", "PositiveInt", "min")]
    );
    assert!(next(&mut zones).await.is_none());

    let c = strict_client(&server);
    let mut zones = c
        .network_dns_zone()
        .list_all(&network_dns_zone::ListRequest::new());
    let Some(Err(Error::Decode(error))) = next(&mut zones).await else {
        panic!("expected a decode error")
    };
    assert!(error.message.contains("PositiveInt"), "{}", error.message);
    assert!(next(&mut zones).await.is_none());
}

#[test]
fn a_type_read_on_its_own_keeps_its_rule() {
    // A newtype on its own is refused, as its constructor refuses it.
    assert!(serde_json::from_str::<types::PositiveInt>("0").is_err());
    assert!(serde_json::from_str::<types::Hostname>("\"a b\"").is_err());
    assert_eq!(
        serde_json::from_str::<types::PositiveInt>("\"7\"")
            .unwrap()
            .get(),
        7
    );
    // An enum keeps a value it does not list, as it always did.
    let kept: types::RecordType = serde_json::from_str("\"CAA\"").unwrap();
    assert_eq!(kept, types::RecordType::Unknown("CAA".into()));
    // A record read on its own is a response: tolerant.
    let record: network_dns_record::DetailsResponse =
        serde_json::from_value(sloppy_record()).unwrap();
    assert_eq!(record.violations().len(), 5);
    // And a value built in code has none.
    let built = types::PositiveInt::new(1).unwrap();
    assert_eq!(built.get(), 1);
}
