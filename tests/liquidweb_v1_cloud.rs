//! Liquid Web v1's Cloud/* sections (issue 11), today's names of the 2013
//! Storm/* sections (`twin_of` in v1.overlay.yaml): called over loopback,
//! they go to their own names, take and return the Storm sections' types,
//! and read documented errors.

use hostapi::liquidweb_v1::{ApiError, Client, Credentials, cloud_config, storm_config, types};
use hostapi::runtime::{ClientConfig, Error};
use hostapi_testkit::{Canned, TestServer};

fn client(base: &str) -> Client {
    Client::with_config(
        Credentials::new("alice", "pw"),
        ClientConfig::default().with_base_url(base),
    )
    .unwrap()
}

const CONFIG: &str = r#"{
    "active": 1, "available": 3, "category": "storm", "description": "Storm 2GB",
    "featured": 0, "id": 7, "zone_availability": {"1": 1}, "memory": 2048, "vcpu": 2,
    "retired": 0
}"#;

#[tokio::test]
async fn cloud_config_details_goes_to_its_own_name_with_the_storm_types() {
    let server = TestServer::start(Canned::json(200, CONFIG)).await;
    // The Storm section's request value serves the Cloud name too.
    let request: cloud_config::DetailsRequest =
        storm_config::DetailsRequest::new().with_id(types::PositiveInt::new(7).unwrap());
    let answer: storm_config::DetailsResponse = client(&server.url(""))
        .cloud_config()
        .details(&request)
        .await
        .unwrap();
    assert_eq!(answer.id.get(), 7);
    assert_eq!(answer.description, "Storm 2GB");
    assert_eq!(answer.retired.as_ref().map(|r| r.get()), Some(0));
    assert!(answer.violations().is_empty(), "{:?}", answer.violations());
    let seen = server.single_request();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.target, "/Cloud/Config/details");
    let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
    assert_eq!(body, serde_json::json!({"params": {"id": 7}}));
}

#[tokio::test]
async fn the_storm_name_still_goes_to_the_storm_section() {
    let server = TestServer::start(Canned::json(200, CONFIG)).await;
    let request = storm_config::DetailsRequest::new().with_id(types::PositiveInt::new(7).unwrap());
    client(&server.url(""))
        .storm_config()
        .details(&request)
        .await
        .unwrap();
    assert_eq!(server.single_request().target, "/Storm/Config/details");
}

#[tokio::test]
async fn a_documented_error_of_a_cloud_method_is_typed() {
    let body = include_str!("fixtures/reference/error_record_not_found_minimal.json");
    let server = TestServer::start(Canned::json(200, body)).await;
    let request = cloud_config::DetailsRequest::new().with_id(types::PositiveInt::new(7).unwrap());
    let error = client(&server.url(""))
        .cloud_config()
        .details(&request)
        .await
        .unwrap_err();
    match error {
        Error::Api(ApiError::RecordNotFound(e)) => {
            assert_eq!(e.field.as_deref(), Some("network_dns_zone"));
        }
        other => panic!("expected RecordNotFound, got {other:?}"),
    }
    assert_eq!(server.single_request().target, "/Cloud/Config/details");
}
