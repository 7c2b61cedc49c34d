//! Liquid Web bleed's Storm/* sections (issue 11), each a `twin_of` its
//! Cloud/* section: called over loopback, they go to their own names, take
//! and return the Cloud sections' very types, and read documented errors.

use hostapi::liquidweb_bleed::{
    ApiError, Client, Credentials, cloud_private_parent, cloud_server, storm_private_parent,
    storm_server, storm_template, types,
};
use hostapi::runtime::{ClientConfig, Error};
use hostapi_testkit::{Canned, Reply, TestServer};

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

fn uniq_id(text: &str) -> types::SubaccntUniqId {
    types::SubaccntUniqId::new(text).unwrap()
}

const SERVER: &str = r#"{
    "accnt": 123456, "active": 1, "backup_enabled": 0, "bandwidth_quota": 0,
    "config_description": "2 GB", "config_id": 7, "create_date": "2026-12-03 10:00:00",
    "domain": "host.example.com", "ip": "192.0.2.10", "ip_count": 1, "manage_level": "self",
    "template": "UBUNTU_2204", "template_description": "Ubuntu 22.04", "type": "SS.VPS",
    "uniq_id": "ABC123", "memory": 2048, "diskspace": 40, "vcpu": 2, "parent": "PAR123"
}"#;

#[tokio::test]
async fn storm_server_details_goes_to_its_own_name_with_the_cloud_types() {
    let server = TestServer::start(Canned::json(200, SERVER)).await;
    // The Cloud section's request type is the Storm section's: one value
    // serves both names.
    let request: cloud_server::DetailsRequest =
        storm_server::DetailsRequest::new(uniq_id("ABC123"));
    let answer: cloud_server::DetailsResponse = client(&server.url(""))
        .storm_server()
        .details(&request)
        .await
        .unwrap();
    assert_eq!(answer.uniq_id.as_str(), "ABC123");
    assert_eq!(answer.domain.as_str(), "host.example.com");
    assert_eq!(answer.memory.as_ref().map(|m| m.get()), Some(2048));
    assert!(answer.violations().is_empty(), "{:?}", answer.violations());
    let seen = server.single_request();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.target, "/Storm/Server/details");
    assert_eq!(
        json(&seen.body),
        serde_json::json!({"params": {"uniq_id": "ABC123"}})
    );
}

#[tokio::test]
async fn the_cloud_name_still_goes_to_the_cloud_section() {
    let server = TestServer::start(Canned::json(200, SERVER)).await;
    let request = cloud_server::DetailsRequest::new(uniq_id("ABC123"));
    client(&server.url(""))
        .cloud_server()
        .details(&request)
        .await
        .unwrap();
    assert_eq!(server.single_request().target, "/Cloud/Server/details");
}

#[tokio::test]
async fn a_documented_error_of_a_twin_method_is_typed() {
    let body = include_str!("fixtures/reference/error_record_not_found_minimal.json");
    let server = TestServer::start(Canned::json(200, body)).await;
    let request = storm_server::DetailsRequest::new(uniq_id("ABC123"));
    let error = client(&server.url(""))
        .storm_server()
        .details(&request)
        .await
        .unwrap_err();
    match error {
        Error::Api(ApiError::RecordNotFound(e)) => {
            assert_eq!(e.field.as_deref(), Some("network_dns_zone"));
        }
        other => panic!("expected RecordNotFound, got {other:?}"),
    }
    assert_eq!(server.single_request().target, "/Storm/Server/details");
}

#[tokio::test]
async fn a_twin_list_pages_through_its_own_name() {
    let server = TestServer::scripted(|n, _| {
        let (page, uniq_id) = if n == 0 { (1, "PAR001") } else { (2, "PAR002") };
        Reply::Respond(Canned::json(
            200,
            format!(
                r#"{{"item_count":1,"item_total":2,"page_num":{page},"page_size":1,"page_total":2,
                    "items":[{{"domain":"parent{page}.example.com","uniq_id":"{uniq_id}"}}]}}"#
            ),
        ))
    })
    .await;
    let request: cloud_private_parent::ListRequest = storm_private_parent::ListRequest::new()
        .with_page_size(types::PositiveInt::new(1).unwrap());
    let client = client(&server.url(""));
    let mut parents = client.storm_private_parent().list_all(&request);
    let mut found = Vec::new();
    while let Some(parent) = parents.next().await {
        found.push(parent.unwrap().uniq_id.as_str().to_string());
    }
    assert_eq!(found, ["PAR001", "PAR002"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for (seen, page) in requests.iter().zip([1, 2]) {
        assert_eq!(seen.target, "/Storm/Private/Parent/list");
        assert_eq!(json(&seen.body)["params"]["page_num"], page);
    }
}

#[tokio::test]
async fn a_twin_checks_its_request_by_the_same_rules_before_sending() {
    let server = TestServer::start(Canned::json(200, "{}")).await;
    // Template details needs `id` or `template` (each required when the
    // other is absent); neither is given.
    let request = storm_template::DetailsRequest::new();
    let error = client(&server.url(""))
        .storm_template()
        .details(&request)
        .await
        .unwrap_err();
    match error {
        Error::Validation(violations) => {
            let text = violations.to_string();
            assert!(text.contains("id") && text.contains("template"), "{text}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(server.request_count(), 0);
}
