//! The whole Liquid Web v1 API through the generated `hostapi` crate: every
//! method of the vendor's docs.json is a client method, conditional
//! requirements are checked before sending, and list methods page through a
//! loopback server one page at a time.

use std::future::poll_fn;
use std::pin::Pin;

use hostapi::liquidweb_v1::{Client, Credentials, network_dns_record, network_pool, types};
use hostapi::runtime::paging::Stream;
use hostapi::runtime::{ClientConfig, Error};
use hostapi_testkit::{Canned, Reply, TestServer};

/// A server answering every request with one reply.
async fn serve_once(status: u16, content_type: &'static str, body: &str) -> TestServer {
    TestServer::start(Canned::new(status, content_type, body.to_string())).await
}

/// A server answering the `n`th request with `replies[n]` (the last one
/// again after that).
async fn serve_sequence(replies: Vec<(u16, &'static str, String)>) -> TestServer {
    TestServer::scripted(move |n, _| {
        let (status, content_type, body) = &replies[n.min(replies.len() - 1)];
        Reply::Respond(Canned::new(*status, content_type, body.clone()))
    })
    .await
}

fn client(base: &str) -> Client {
    Client::with_config(
        Credentials::new("alice", "pw"),
        ClientConfig::default().with_base_url(base),
    )
    .unwrap()
}

fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(body)))
}

/// Every (section, method) of the source, in its order.
fn documented_methods() -> Vec<(String, String)> {
    let source = include_str!("../spec/liquidweb/source/docs-v1.json");
    let docs: serde_json::Value = serde_json::from_str(source).unwrap();
    let mut out = Vec::new();
    for (section, spec) in docs.as_object().unwrap() {
        for method in spec["__methods"].as_object().unwrap().keys() {
            out.push((section.clone(), method.clone()));
        }
    }
    out
}

#[test]
fn the_client_has_every_documented_method_by_name() {
    let documented = documented_methods();
    assert_eq!(documented.len(), 150);
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let generated = hostapi_codegen::generate(&spec).unwrap_or_else(|e| panic!("{e}"));
    let api = generated
        .workspace
        .apis
        .iter()
        .find(|a| a.module == "liquidweb_v1")
        .unwrap();
    let mut missing = Vec::new();
    let mut count = 0;
    for (section_name, method_name) in &documented {
        let found = api
            .sections
            .iter()
            .find(|s| &s.name == section_name)
            .and_then(|s| {
                s.methods
                    .iter()
                    .find(|m| &m.name == method_name)
                    .map(|m| (s, m))
            });
        let Some((section, method)) = found else {
            missing.push(format!("{section_name}/{method_name}"));
            continue;
        };
        // The method is a client method with a typed response, on the wire
        // under its documented name.
        let file = generated
            .files
            .iter()
            .find(|f| {
                f.path
                    .ends_with(format!("liquidweb_v1/{}.rs", section.module))
            })
            .unwrap();
        // Declared once in the section's `section!`: name, response, wire name.
        let declared = file
            .contents
            .lines()
            .find(|line| line.starts_with(&format!("    fn {}(", method.rust_name)))
            .unwrap_or_else(|| panic!("{section_name}/{method_name} is not declared"));
        assert!(
            declared.contains(&format!(") -> {} = ", method.response_type))
                && declared.contains(&format!(" {method_name:?}")),
            "{declared}"
        );
        assert_eq!(method.wire_name, format!("{section_name}/{method_name}"));
        count += 1;
    }
    assert!(missing.is_empty(), "not in the client: {missing:?}");
    assert_eq!(count, 150);
    // Beyond the source only today's Cloud names of Storm sections, each
    // method one its Storm section has.
    let mut twins = 0;
    for section in api.sections.iter().filter(|s| s.name.starts_with("Cloud/")) {
        let storm = section.name.replacen("Cloud/", "Storm/", 1);
        for method in &section.methods {
            assert!(
                documented.contains(&(storm.clone(), method.name.clone())),
                "{}/{} has no Storm twin in the source",
                section.name,
                method.name
            );
            twins += 1;
        }
    }
    assert_eq!(twins, 26);
    assert_eq!(api.method_count(), 150 + twins, "methods beyond the source");
}

#[tokio::test]
async fn required_if_is_checked_before_sending_and_names_the_fields() {
    // No server: a request that breaks a rule never leaves the client.
    let c = client("http://127.0.0.1:9");
    let request = network_dns_record::CreateRequest::new(
        types::TextGeneral::new("www").unwrap(),
        types::TextGeneral::new("127.0.0.1").unwrap(),
        types::RrType::new("A").unwrap(),
    );
    let Err(Error::Validation(error)) = c.network_dns_record().create(&request).await else {
        panic!("expected a validation error");
    };
    assert_eq!(
        error.to_string(),
        "params.zone: `zone` is required when `zone_id` is absent; \
         params.zone_id: `zone_id` is required when `zone` is absent"
    );

    // Nested structures follow their own rules, with their paths.
    let overrides = vec![types::RecordRegionOverride::new(
        types::TextGeneral::new("10.0.0.1").unwrap(),
    )];
    let request = request
        .with_zone_id(types::PositiveInt::new(7).unwrap())
        .with_region_overrides(overrides);
    let Err(Error::Validation(error)) = c.network_dns_record().create(&request).await else {
        panic!("expected a validation error");
    };
    assert_eq!(
        error.to_string(),
        "params.region_overrides[0].region: `region` is required when `region_id` is absent; \
         params.region_overrides[0].region_id: `region_id` is required when `region` is absent"
    );

    // Satisfied, it goes out with only what was set.
    let server = serve_once(
        200,
        "application/json",
        r#"{"id":"12","name":"www.example.com","rdata":"127.0.0.1","type":"A","zone_id":7}"#,
    )
    .await;
    let base = server.url("");
    let fixed = vec![
        types::RecordRegionOverride::new(types::TextGeneral::new("10.0.0.1").unwrap())
            .with_region_id(types::PositiveInt::new(2).unwrap()),
    ];
    let request = request.with_region_overrides(fixed);
    let created = client(&base)
        .network_dns_record()
        .create(&request)
        .await
        .unwrap();
    assert_eq!(created.id.get(), 12);
    assert_eq!(created.type_, types::RecordType::A);
    let seen = server.single_request();
    assert_eq!(seen.target, "/Network/DNS/Record/create");
    assert_eq!(
        json(&seen.body),
        serde_json::json!({"params": {
            "name": "www", "rdata": "127.0.0.1", "type": "A", "zone_id": 7,
            "region_overrides": [{"rdata": "10.0.0.1", "region_id": 2}],
        }})
    );
}

#[tokio::test]
async fn several_conditions_must_all_hold() {
    // Network/Pool/details: `subaccnt` is required when `id` and `uniq_id`
    // are both absent.
    let c = client("http://127.0.0.1:9");
    let none = network_pool::DetailsRequest::new();
    let Err(Error::Validation(error)) = c.network_pool().details(&none).await else {
        panic!("expected a validation error");
    };
    assert!(
        error.to_string().contains(
            "params.subaccnt: `subaccnt` is required when `id` is absent and `uniq_id` is absent"
        ),
        "{error}"
    );
    let by_id = network_pool::DetailsRequest::new().with_id(types::PositiveInt::new(3).unwrap());
    let server = serve_once(
        200,
        "application/json",
        r#"{"accnt":1,"id":3,"zone_id":1,"assignments":[]}"#,
    )
    .await;
    let base = server.url("");
    let result = client(&base).network_pool().details(&by_id).await;
    let seen = server.single_request();
    assert_eq!(json(&seen.body), serde_json::json!({"params": {"id": 3}}));
    assert!(!matches!(result, Err(Error::Validation(_))), "{result:?}");
}

/// Through the `Stream` trait rather than `Pages::next`, so both stay usable.
async fn next_by_stream<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

fn record_page(page: u64, total: u64, ids: &[u64]) -> String {
    let items: Vec<serde_json::Value> = ids
        .iter()
        .map(|id| serde_json::json!({"id": id, "name": "www", "rdata": "1.2.3.4", "type": "A", "zone_id": 7}))
        .collect();
    serde_json::json!({
        "item_count": ids.len(), "item_total": 5, "items": items,
        "page_num": page.to_string(), "page_size": 2, "page_total": total.to_string(),
    })
    .to_string()
}

#[tokio::test]
async fn list_all_walks_every_page_one_at_a_time() {
    let server = serve_sequence(vec![
        (200, "application/json", record_page(1, 3, &[1, 2])),
        (200, "application/json", record_page(2, 3, &[3, 4])),
        (200, "application/json", record_page(3, 3, &[5])),
    ])
    .await;
    let base = server.url("");
    let c = client(&base);
    let request = network_dns_record::ListRequest::new()
        .with_zone_id(types::PositiveInt::new(7).unwrap())
        .with_page_size(types::PositiveInt::new(2).unwrap());
    let mut records = c.network_dns_record().list_all(&request);
    let mut ids = Vec::new();
    while let Some(record) = next_by_stream(&mut records).await {
        let record = record.unwrap();
        ids.push(record.id.get());
    }
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    let seen = server.requests();
    let pages: Vec<serde_json::Value> = seen.iter().map(|r| json(&r.body)).collect();
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(
            page,
            &serde_json::json!({"params": {"page_num": i + 1, "page_size": 2, "zone_id": 7}})
        );
    }
    assert!(seen.iter().all(|r| r.target == "/Network/DNS/Record/list"));
}

#[tokio::test]
async fn list_all_fetches_the_next_page_only_when_the_last_is_used_up() {
    let server = serve_sequence(vec![
        (200, "application/json", record_page(1, 2, &[1, 2])),
        (200, "application/json", record_page(2, 2, &[3])),
    ])
    .await;
    let base = server.url("");
    let c = client(&base);
    let request =
        network_dns_record::ListRequest::new().with_zone_id(types::PositiveInt::new(7).unwrap());
    let mut records = c.network_dns_record().list_all(&request);
    assert!(records.next().await.unwrap().is_ok());
    assert!(records.next().await.unwrap().is_ok());
    // Two items taken, one page fetched: the second is not requested yet.
    assert_eq!(server.request_count(), 1);
    assert!(records.next().await.unwrap().is_ok());
    assert!(records.next().await.is_none());
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn list_all_ends_after_yielding_an_error() {
    // Validation fails before the first page: one error, then the end.
    let c = client("http://127.0.0.1:9");
    let mut records = c
        .network_dns_record()
        .list_all(&network_dns_record::ListRequest::new());
    let Some(Err(Error::Validation(error))) = records.next().await else {
        panic!("expected a validation error");
    };
    assert!(
        error
            .to_string()
            .contains("`zone` is required when `zone_id` is absent")
    );
    assert!(records.next().await.is_none());

    // An API error on page 2 ends the stream after page 1's items.
    let server = serve_sequence(vec![
        (200, "application/json", record_page(1, 3, &[1])),
        (
            200,
            "application/json",
            r#"{"error_class":"LW::Exception::RecordNotFound","full_message":"gone"}"#.to_string(),
        ),
    ])
    .await;
    let base = server.url("");
    let c = client(&base);
    let request =
        network_dns_record::ListRequest::new().with_zone_id(types::PositiveInt::new(7).unwrap());
    let mut records = c.network_dns_record().list_all(&request);
    assert!(records.next().await.unwrap().is_ok());
    let Some(Err(Error::Api(error))) = records.next().await else {
        panic!("expected the API error");
    };
    assert!(
        matches!(error, hostapi::liquidweb_v1::ApiError::RecordNotFound(_)),
        "{error:?}"
    );
    assert!(records.next().await.is_none());
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn a_method_named_clone_does_not_shadow_clone_on_the_section_handle() {
    use hostapi::liquidweb_v1::{StormServer, storm_server::CloneServerRequest};
    let server = serve_once(200, "application/json", "{}").await;
    let base = server.url("");
    let c = client(&base);
    let handle = c.storm_server();
    // `clone` is `Clone::clone` again: it copies the handle.
    #[allow(clippy::clone_on_copy)]
    let copy: StormServer<'_> = handle.clone();
    let request = CloneServerRequest::new(
        types::DomainFull::new("clone.example.com").unwrap(),
        hostapi::runtime::Sensitive::new(types::StormInstancePassword::new("Secr3t-pass").unwrap()),
        types::SubaccntUniqId::new("ABC123").unwrap(),
    );
    // The vendor's `Storm/Server/clone` is `clone_server`; `{}` is not its
    // response, so only the request matters here.
    let _ = copy.clone_server(&request).await;
    let seen = server.single_request();
    assert_eq!(seen.target, "/Storm/Server/clone");
    assert_eq!(
        json(&seen.body),
        serde_json::json!({"params": {
            "domain": "clone.example.com",
            "password": "Secr3t-pass",
            "uniq_id": "ABC123",
        }})
    );
}

/// A call is a future an application can spawn as a task of its own
/// (`tokio::spawn` takes only `Send` futures): with parameters and without.
#[tokio::test]
async fn calls_are_send_futures() {
    let server = serve_sequence(vec![
        (200, "application/json", r#"{"expired": 1}"#.to_string()),
        (200, "application/json", record_page(1, 1, &[9])),
    ])
    .await;
    let c = client(&server.url(""));
    let without_params = {
        let c = c.clone();
        tokio::spawn(async move { c.account_auth().expire_token().await })
    };
    assert!(without_params.await.unwrap().unwrap().expired.get());
    let with_params = tokio::spawn(async move {
        let request = network_dns_record::ListRequest::new()
            .with_zone_id(types::PositiveInt::new(7).unwrap());
        c.network_dns_record().list(&request).await
    });
    let page = with_params.await.unwrap().unwrap();
    assert_eq!(page.items.len(), 1);
    let targets: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        targets,
        ["/Account/Auth/expireToken", "/Network/DNS/Record/list"]
    );
}
