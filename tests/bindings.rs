//! Per-method HTTP bindings and authentication schemes over loopback: the
//! clients generated from tests/fixtures/specs/rest_registrar.yaml and
//! rest_keys.yaml (checked in under tests/fixtures/generated/, kept fresh by
//! the last test) call every method, and the bytes the server receives are
//! checked: HTTP method, path, query, headers and body.

use std::path::Path;

use hostapi_runtime::{ClientConfig, Error, RetryPolicy, SessionConfig};
use hostapi_testkit::{Canned, Recorded, Reply, TestServer};

// Generated code is laid out by the generator, not rustfmt.
#[path = "fixtures/generated/registrar/rest_registrar/mod.rs"]
#[allow(dead_code)]
#[rustfmt::skip]
mod rest_registrar;

#[path = "fixtures/generated/keys/rest_keys/mod.rs"]
#[allow(dead_code)]
#[rustfmt::skip]
mod rest_keys;

use rest_registrar::{domains, records, types};

const TOKEN: &str = "tok-s3cret";

fn config(server: &TestServer) -> ClientConfig {
    ClientConfig::default()
        .with_base_url(server.url("/v1"))
        .with_retry(RetryPolicy::none())
}

fn registrar(server: &TestServer) -> rest_registrar::Client {
    rest_registrar::Client::with_config(rest_registrar::Credentials::new(TOKEN), config(server))
        .unwrap()
}

fn domain(name: &str) -> types::DomainName {
    types::DomainName::new(name).unwrap()
}

/// The one request the server received, with the bearer token checked.
fn sent(server: &TestServer) -> Recorded {
    let request = server.single_request();
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    request
}

#[tokio::test]
async fn get_with_a_path_parameter_query_and_header() {
    let server = TestServer::start(Canned::json(
        200,
        r#"{"name":"example.com","status":"active"}"#,
    ))
    .await;
    let request = domains::DetailsRequest::new(domain("example.com"))
        .with_fields("status".to_string())
        .with_request_id("req-1".to_string());
    let answer = registrar(&server)
        .domains()
        .details(&request)
        .await
        .unwrap();
    assert_eq!(answer.status, "active");
    let sent = sent(&server);
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.target, "/v1/domains/example.com?fields=status");
    assert_eq!(sent.header("x-request-id"), Some("req-1"));
    assert_eq!(sent.header("content-type"), None);
    assert!(sent.body.is_empty());
}

#[tokio::test]
async fn errors_are_told_by_status_and_read_into_their_types() {
    use rest_registrar::ApiError;
    // 404: the documented `NotFound`, its field read from the JSON body.
    let server = TestServer::start(Canned::json(404, r#"{"message":"no such domain"}"#)).await;
    let request = domains::DetailsRequest::new(domain("gone.example"));
    let error = registrar(&server)
        .domains()
        .details(&request)
        .await
        .unwrap_err();
    let Error::Api(ApiError::NotFound(found)) = &error else {
        panic!("expected NotFound, got {error:?}");
    };
    assert_eq!(found.message.as_deref(), Some("no such domain"));
    assert_eq!(error.api_error().map(|e| e.raw().status), Some(404));
    assert_eq!(sent(&server).target, "/v1/domains/gone.example");

    // Another 4xx: `Refused`, by the class rule.
    let server = TestServer::start(Canned::json(422, r#"{"message":"ttl too low"}"#)).await;
    let request = records::UpdateRequest::new(domain("example.com"), 7, "192.0.2.1".to_string());
    let error = registrar(&server)
        .records()
        .update(&request)
        .await
        .unwrap_err();
    let Error::Api(ApiError::Refused(refused)) = &error else {
        panic!("expected Refused, got {error:?}");
    };
    assert_eq!(refused.message.as_deref(), Some("ttl too low"));

    // A status no rule names keeps its status and body.
    let server = TestServer::start(Canned::json(503, r#"{"message":"later"}"#)).await;
    let error = registrar(&server)
        .domains()
        .details(&domains::DetailsRequest::new(domain("example.com")))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Status { status: 503, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn unbound_methods_keep_the_wire_defaults() {
    let server = TestServer::start(Canned::json(200, r#"{"domains":[]}"#)).await;
    let request = domains::ListRequest::default().with_page(2);
    registrar(&server).domains().list(&request).await.unwrap();
    let sent = sent(&server);
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.target, "/v1/Domains/list?page=2");
}

#[tokio::test]
async fn put_sends_json_members_and_path_parameters() {
    let server = TestServer::start(Canned::json(200, r#"{"id":7}"#)).await;
    let request = records::UpdateRequest::new(domain("example.com"), 7, "192.0.2.1".to_string())
        .with_ttl(300);
    registrar(&server).records().update(&request).await.unwrap();
    let sent = sent(&server);
    assert_eq!(sent.method, "PUT");
    assert_eq!(sent.target, "/v1/domains/example.com/records/7");
    assert_eq!(sent.header("content-type"), Some("application/json"));
    assert_eq!(sent.body_text(), r#"{"data":"192.0.2.1","ttl":300}"#);
}

#[tokio::test]
async fn post_sends_one_parameter_as_the_whole_body() {
    let server = TestServer::start(Canned::json(200, r#"{"id":8}"#)).await;
    let record = types::NewRecord::new(types::RecordType::A, "www".into(), "192.0.2.2".into());
    let request = records::CreateRequest::new(domain("example.com"), record);
    let answer = registrar(&server).records().create(&request).await.unwrap();
    assert_eq!(answer.id, 8);
    let sent = sent(&server);
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.target, "/v1/domains/example.com/records");
    assert_eq!(
        sent.body_text(),
        r#"{"type":"A","name":"www","data":"192.0.2.2"}"#
    );
}

#[tokio::test]
async fn delete_and_values_that_would_change_the_path() {
    let server = TestServer::start(Canned::json(200, r#"{"deleted":true}"#)).await;
    let client = registrar(&server);
    let request = records::DeleteRequest::new("../admin".into(), "a/b?c#d%e".into());
    client.records().delete(&request).await.unwrap();
    let sent = sent(&server);
    assert_eq!(sent.method, "DELETE");
    assert_eq!(
        sent.target,
        "/v1/domains/..%2Fadmin/records/a%2Fb%3Fc%23d%25e"
    );

    // A whole segment of `..` (or `.`, or nothing) cannot be encoded away:
    // URL parsers resolve it. It is refused before anything is sent.
    for bad in ["..", ".", ""] {
        let request = records::DeleteRequest::new(bad.into(), "1".into());
        match client.records().delete(&request).await {
            Err(Error::Encode(e)) => assert!(e.message.contains("would change the path"), "{e}"),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    assert_eq!(server.request_count(), 1);
}

/// The token method answers with a token; every other call with a domain.
async fn keys_server() -> TestServer {
    TestServer::scripted(|_, request| {
        let body = if request.path().ends_with("/Auth/token") {
            r#"{"token":"session-tok","expires":4102444800}"#
        } else {
            r#"{"name":"example.com"}"#
        };
        Reply::Respond(Canned::json(200, body))
    })
    .await
}

fn keys_credentials() -> rest_keys::Credentials {
    rest_keys::Credentials::new("alice", "pw-s3cret", "key-s3cret", "secret-s3cret")
}

#[tokio::test]
async fn combined_schemes_with_basic_until_a_session_token_then_bearer() {
    let server = keys_server().await;
    let client = rest_keys::Client::with_token_session(
        keys_credentials(),
        config(&server),
        SessionConfig::default(),
    )
    .unwrap();
    let request =
        rest_keys::domains::DetailsRequest::new("ex/ample".into()).with_otp("123456".to_string());
    client.domains().details(&request).await.unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    let token = &requests[0];
    assert_eq!(token.method, "POST");
    assert_eq!(token.target, "/v1/Auth/token?api_secret=secret-s3cret");
    // base64("alice:pw-s3cret")
    assert_eq!(
        token.header("authorization"),
        Some("Basic YWxpY2U6cHctczNjcmV0")
    );
    assert_eq!(token.header("x-api-key"), Some("key-s3cret"));
    assert_eq!(token.body_text(), "{}");

    let call = &requests[1];
    assert_eq!(call.method, "GET");
    assert_eq!(
        call.target,
        "/v1/domains/ex%2Fample?api_secret=secret-s3cret"
    );
    assert_eq!(call.header("authorization"), Some("Bearer session-tok"));
    assert_eq!(call.header("x-api-key"), Some("key-s3cret"));
    assert_eq!(call.header("x-otp"), Some("123456"));
    assert!(call.body.is_empty());
}

#[tokio::test]
async fn without_a_session_basic_and_the_keys_are_sent() {
    let server = keys_server().await;
    let client = rest_keys::Client::with_config(keys_credentials(), config(&server)).unwrap();
    let request = rest_keys::domains::DetailsRequest::new("example.com".into());
    client.domains().details(&request).await.unwrap();
    let call = server.single_request();
    assert_eq!(
        call.target,
        "/v1/domains/example.com?api_secret=secret-s3cret"
    );
    assert_eq!(
        call.header("authorization"),
        Some("Basic YWxpY2U6cHctczNjcmV0")
    );
    assert_eq!(call.header("x-api-key"), Some("key-s3cret"));
    assert_eq!(call.header("x-otp"), None);
}

/// The keys API's cursor-paged list: three pages, `after` absent, `c1`,
/// `c2`; the token method as in [`keys_server`].
async fn keys_list_server() -> TestServer {
    TestServer::scripted(|_, request| {
        let after = request
            .query_pairs()
            .into_iter()
            .find(|(k, _)| k == "after")
            .map(|(_, v)| v);
        let body = match (request.path(), after.as_deref()) {
            (path, _) if path.ends_with("/Auth/token") => {
                r#"{"token":"session-tok","expires":4102444800}"#
            }
            (_, None) => r#"{"domains":["a.test","b.test"],"next_cursor":"c1"}"#,
            (_, Some("c1")) => r#"{"domains":["c.test"],"next_cursor":"c2"}"#,
            (_, Some("c2")) => r#"{"domains":["d.test"],"next_cursor":null}"#,
            _ => r#"{"error":"bad_cursor","message":"no such page"}"#,
        };
        Reply::Respond(Canned::json(200, body))
    })
    .await
}

#[tokio::test]
async fn cursor_pages_each_carry_the_session_token_and_both_keys() {
    let server = keys_list_server().await;
    let client = rest_keys::Client::with_token_session(
        keys_credentials(),
        config(&server),
        SessionConfig::default(),
    )
    .unwrap();
    let request = rest_keys::domains::ListRequest::new().with_limit(2);
    let mut pages = client.domains().list_all(&request);
    let mut names = Vec::new();
    while let Some(name) = pages.next().await {
        names.push(name.unwrap());
    }
    assert_eq!(names, ["a.test", "b.test", "c.test", "d.test"]);

    let requests = server.requests();
    let targets: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "/v1/Auth/token?api_secret=secret-s3cret",
            "/v1/domains?limit=2&api_secret=secret-s3cret",
            "/v1/domains?limit=2&after=c1&api_secret=secret-s3cret",
            "/v1/domains?limit=2&after=c2&api_secret=secret-s3cret",
        ]
    );
    for page in &requests[1..] {
        assert_eq!(page.method, "GET");
        assert_eq!(page.header("authorization"), Some("Bearer session-tok"));
        assert_eq!(page.header("x-api-key"), Some("key-s3cret"));
    }
}

#[tokio::test]
async fn a_cursor_walk_starts_at_the_request_cursor_and_ends_at_an_api_error() {
    let server = keys_list_server().await;
    let client = rest_keys::Client::with_config(keys_credentials(), config(&server)).unwrap();
    let request = rest_keys::domains::ListRequest::new().with_after("c2".to_string());
    let names: Vec<String> = collect(client.domains().list_all(&request)).await.unwrap();
    assert_eq!(names, ["d.test"]);
    let page = server.single_request();
    assert_eq!(
        page.header("authorization"),
        Some("Basic YWxpY2U6cHctczNjcmV0")
    );
    assert_eq!(page.header("x-api-key"), Some("key-s3cret"));

    let request = rest_keys::domains::ListRequest::new().with_after("gone".to_string());
    let mut pages = client.domains().list_all(&request);
    match pages.next().await {
        Some(Err(Error::Api(rest_keys::ApiError::Other(raw)))) => {
            assert_eq!(raw.message.as_deref(), Some("no such page"));
        }
        other => panic!("{other:?}"),
    }
    assert!(pages.next().await.is_none());
}

#[tokio::test]
async fn a_server_repeating_a_cursor_ends_the_walk_with_an_error() {
    let server = TestServer::start(Canned::json(
        200,
        r#"{"domains":["loop.test"],"next_cursor":"same"}"#,
    ))
    .await;
    let client = rest_keys::Client::with_config(keys_credentials(), config(&server)).unwrap();
    let request = rest_keys::domains::ListRequest::new();
    let mut pages = client.domains().list_all(&request);
    let mut items = 0;
    let error = loop {
        match pages.next().await {
            Some(Ok(_)) => items += 1,
            Some(Err(error)) => break error,
            None => panic!("the walk ended without an error"),
        }
    };
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert!(error.to_string().contains("earlier page"), "{error}");
    // Both pages' items, then the error for the second's repeated cursor:
    // no third request.
    assert_eq!((items, server.request_count()), (2, 2));
    assert!(pages.next().await.is_none());
}

async fn collect<T, E>(mut pages: hostapi_runtime::Pages<T, E>) -> Result<Vec<T>, Error<E>>
where
    T: serde::de::DeserializeOwned,
    E: hostapi_runtime::error::ApiErrorType,
{
    let mut out = Vec::new();
    while let Some(item) = pages.next().await {
        out.push(item?);
    }
    Ok(out)
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let shown = format!("{:?}", keys_credentials());
    for secret in ["pw-s3cret", "key-s3cret", "secret-s3cret"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    let request = rest_keys::domains::DetailsRequest::new("example.com".into())
        .with_otp("998877".to_string());
    let shown = format!("{request:?}");
    assert!(!shown.contains("998877"), "{shown}");
    let client = rest_registrar::Client::new(rest_registrar::Credentials::new(TOKEN)).unwrap();
    assert!(!format!("{client:?}").contains(TOKEN));
}

#[test]
fn a_header_credential_a_header_cannot_hold_is_refused_unshown() {
    let error = rest_registrar::Client::new(rest_registrar::Credentials::new("tok\r\nX-Evil: 1"))
        .unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("\"token\""), "{shown}");
    assert!(!shown.contains("X-Evil"), "{shown}");
}

/// The checked-in clients are what the fixture specs generate.
#[test]
fn generated_fixtures_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (spec, out) in [("rest_registrar", "registrar"), ("rest_keys", "keys")] {
        let spec = root.join(format!("tests/fixtures/specs/{spec}.yaml"));
        let generated = hostapi_codegen::generate(&spec).unwrap_or_else(|e| panic!("{e}"));
        let dir = root.join("tests/fixtures/generated").join(out);
        let stale = hostapi_codegen::output::stale_files(&dir, &generated.files).unwrap();
        assert!(
            stale.is_empty(),
            "{} is stale ({stale:?}): run `cargo run -p hostapi-codegen -- generate --spec {} --out {}`",
            dir.display(),
            spec.display(),
            dir.display()
        );
    }
}
