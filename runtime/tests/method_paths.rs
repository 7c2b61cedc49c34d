//! A path-style method name is the request path, one percent-encoded
//! segment per `/`-separated part: characters that mean something in a URL
//! (`?`, `#`, `%`, spaces) stay inside their segment, and names that would
//! change the path (`..`, `.`, empty segments) are refused before sending.

use hostapi_runtime::wire::*;
use hostapi_runtime::{Client, ClientConfig, Credentials, Error, RawApiError};
use hostapi_testkit::{Canned, TestServer};

static API: ApiDescriptor = ApiDescriptor {
    name: "paths",
    title: "Paths API",
    default_base_url: "https://api.example.test/v1",
    wire: Wire {
        http_method: HttpMethod::Post,
        method_name: MethodName::Path,
        params: ParamEncoding::Json { envelope: None },
        basic_auth: None,
        credential_params: &[],
        auth_schemes: &[],
        response: ResponseFormat::Json,
        error: ErrorRule::FieldPresent {
            field: "error_class",
            message: None,
        },
    },
    session: None,
    statuses: &[],
    servers: &[],
};

fn method(wire_name: &str) -> &'static MethodDescriptor {
    let wire_name: &'static str = Box::leak(wire_name.to_string().into_boxed_str());
    Box::leak(Box::new(MethodDescriptor {
        section: "S",
        name: wire_name,
        wire_name,
        idempotent: false,
        returns_secrets: false,
        series: &[],
        binding: None,
        headers: &[],
        text_body: None,
    }))
}

async fn target(base: &str, wire_name: &str) -> Result<String, Error<RawApiError>> {
    let server = TestServer::start(Canned::json(200, r#"{"ok":1}"#)).await;
    let config = ClientConfig::default().with_base_url(server.url(base));
    let client = Client::new(&API, Credentials::new(), config).unwrap();
    client
        .call::<_, serde_json::Value, RawApiError>(method(wire_name), &())
        .await?;
    Ok(server.single_request().target)
}

#[tokio::test]
async fn each_segment_is_percent_encoded_and_stays_a_segment() {
    for (name, expected) in [
        ("Account/Auth/token", "/v1/Account/Auth/token"),
        ("Things/get?x=1", "/v1/Things/get%3Fx=1"),
        ("Things/get#x", "/v1/Things/get%23x"),
        ("Things/get details", "/v1/Things/get%20details"),
        ("Things/100%", "/v1/Things/100%25"),
        ("Things/%2e%2e", "/v1/Things/%252e%252e"),
        ("Things/a\\b", "/v1/Things/a%5Cb"),
        ("Things/ü", "/v1/Things/%C3%BC"),
    ] {
        assert_eq!(target("/v1", name).await.unwrap(), expected, "{name}");
        assert_eq!(target("/v1/", name).await.unwrap(), expected, "{name}");
    }
}

#[tokio::test]
async fn names_that_would_change_the_path_are_refused_before_sending() {
    for name in [
        "../admin",
        "Things/../../admin",
        "Things/./get",
        "Things//get",
        "Things/get/",
        "..",
    ] {
        match target("/v1", name).await {
            Err(Error::Encode(e)) => {
                assert!(e.message.contains("path segment"), "{name}: {e}");
            }
            other => panic!("{name}: expected an encode error, got {other:?}"),
        }
    }
}
