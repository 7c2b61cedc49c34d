//! Liquid Web's error catalogue lives once in the shared type library: bleed
//! and v1 read a documented error into one and the same struct, each into
//! its own `ApiError`, and nested errors into the API's own enum.

use hostapi::runtime::{ClientConfig, Error};
use hostapi_testkit::{Canned, TestServer};

const REQUIRED: &str = r#"{
    "error_class": "LW::Exception::Input::Required",
    "full_message": "hash is required",
    "field": "hash",
    "position": 2
}"#;

const MULTIPLE: &str = r#"{
    "error_class": "LW::Exception::Input::Multiple",
    "errors": [{"error_class": "LW::Exception::RecordNotFound", "field": "uniq_id", "input": "ABC123"}]
}"#;

async fn serve_once(body: &str) -> TestServer {
    TestServer::start(Canned::new(200, "application/json", body.to_string())).await
}

fn config(server: &TestServer) -> ClientConfig {
    ClientConfig::default().with_base_url(server.url(""))
}

async fn bleed_error(body: &str) -> hostapi::liquidweb_bleed::ApiError {
    use hostapi::liquidweb_bleed::{Client, Credentials};
    let server = serve_once(body).await;
    let client = Client::with_config(Credentials::new("alice", "pw"), config(&server)).unwrap();
    match client.account_auth().expire_token().await.unwrap_err() {
        Error::Api(error) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

async fn v1_error(body: &str) -> hostapi::liquidweb_v1::ApiError {
    use hostapi::liquidweb_v1::{Client, Credentials};
    let server = serve_once(body).await;
    let client = Client::with_config(Credentials::new("alice", "pw"), config(&server)).unwrap();
    match client.account_auth().expire_token().await.unwrap_err() {
        Error::Api(error) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// The typed fields of `InputRequired`, named by the v1 path: the bleed
/// error passes here too only because both paths name one struct.
fn required_fields(
    error: &hostapi::liquidweb_v1::errors::InputRequired,
) -> (Option<&str>, Option<&serde_json::Value>, Option<&str>) {
    (
        error.field.as_deref(),
        error.position.as_ref(),
        error.raw().message.as_deref(),
    )
}

#[tokio::test]
async fn both_versions_read_a_documented_error_into_the_one_shared_struct() {
    let hostapi::liquidweb_bleed::ApiError::InputRequired(bleed) = bleed_error(REQUIRED).await
    else {
        panic!("bleed did not read InputRequired")
    };
    let hostapi::liquidweb_v1::ApiError::InputRequired(v1) = v1_error(REQUIRED).await else {
        panic!("v1 did not read InputRequired")
    };
    let bleed_path: &hostapi::liquidweb_bleed::errors::InputRequired = &bleed;
    let expected = (
        Some("hash"),
        Some(&serde_json::json!(2)),
        Some("hash is required"),
    );
    assert_eq!(required_fields(bleed_path), expected);
    assert_eq!(required_fields(&v1), expected);
    assert_eq!(bleed.to_string(), v1.to_string());
}

#[tokio::test]
async fn nested_errors_are_read_into_each_versions_own_enum() {
    let hostapi::liquidweb_bleed::ApiError::InputMultiple(bleed) = bleed_error(MULTIPLE).await
    else {
        panic!("bleed did not read InputMultiple")
    };
    let [hostapi::liquidweb_bleed::ApiError::RecordNotFound(bleed_nested)] = &bleed.errors[..]
    else {
        panic!("{:?}", bleed.errors)
    };
    let hostapi::liquidweb_v1::ApiError::InputMultiple(v1) = v1_error(MULTIPLE).await else {
        panic!("v1 did not read InputMultiple")
    };
    let [hostapi::liquidweb_v1::ApiError::RecordNotFound(v1_nested)] = &v1.errors[..] else {
        panic!("{:?}", v1.errors)
    };
    let shared: [&hostapi::liquidweb_v1::errors::RecordNotFound; 2] = [bleed_nested, v1_nested];
    for nested in shared {
        assert_eq!(nested.field.as_deref(), Some("uniq_id"));
        assert_eq!(nested.input, Some(serde_json::json!("ABC123")));
    }
}
