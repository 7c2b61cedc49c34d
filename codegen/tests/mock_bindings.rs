//! The mock serving per-method bindings and the Bearer and API-key auth
//! schemes, with the fixtures tests/bindings.rs calls the generated clients
//! of (tests/fixtures/specs/rest_registrar.yaml and rest_keys.yaml): every
//! method round-trips over HTTP with the bytes the runtime sends (as
//! tests/bindings.rs records them), parameters are read where they are
//! bound, and wrong HTTP methods, bad path segments and missing or wrong
//! credentials are refused.

use std::path::Path;

use hostapi_codegen::ir::Workspace;
use hostapi_codegen::mock::{Mock, Options, RawRequest, Server, bound, incoming, load};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TOKEN: &str = "tok-s3cret";
/// base64("alice:pw-s3cret")
const ALICE: &str = "Basic YWxpY2U6cHctczNjcmV0";

fn fixture(name: &str) -> Workspace {
    load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../tests/fixtures/specs/{name}.yaml")),
    )
    .expect("fixture spec")
}

/// A request as the runtime sends it: `target` is the path and query.
fn request(method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> RawRequest {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut headers: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        .collect();
    if !body.is_empty() {
        headers.push(("content-type".into(), "application/json".into()));
    }
    RawRequest {
        method: method.into(),
        path: path.into(),
        query: query.into(),
        headers,
        body: body.as_bytes().to_vec(),
    }
}

fn bearer() -> String {
    format!("Bearer {TOKEN}")
}

/// One request over a fresh connection: status and body.
async fn send(server: &Server, raw: &RawRequest) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
    let target = match raw.query.as_str() {
        "" => raw.path.clone(),
        query => format!("{}?{query}", raw.path),
    };
    let mut head = format!(
        "{} {target} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n",
        raw.method
    );
    for (name, value) in &raw.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\n\r\n", raw.body.len()));
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&raw.body).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    let status = answer[9..12].parse().unwrap();
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    (status, body.to_string())
}

/// A successful JSON answer.
async fn ok(server: &Server, raw: &RawRequest) -> Value {
    let (status, body) = send(server, raw).await;
    assert_eq!(status, 200, "{} {}: {body}", raw.method, raw.path);
    let value: Value = serde_json::from_str(&body).unwrap();
    assert!(
        value.get("error").is_none(),
        "{} {}: {body}",
        raw.method,
        raw.path
    );
    value
}

#[tokio::test]
async fn every_registrar_method_round_trips_as_the_runtime_sends_it() {
    let server = Server::start(fixture("rest_registrar")).await.unwrap();
    let auth = bearer();
    let auth = [("authorization", auth.as_str())];
    let details = request(
        "GET",
        "/rest_registrar/domains/example.com?fields=status",
        &[auth[0], ("x-request-id", "req-1")],
        "",
    );
    let answer = ok(&server, &details).await;
    assert!(
        answer["name"].is_string() && answer["status"].is_string(),
        "{answer}"
    );

    let list = request("GET", "/rest_registrar/Domains/list?page=2", &auth, "");
    assert!(ok(&server, &list).await.get("domains").is_some());

    let create = request(
        "POST",
        "/rest_registrar/domains/example.com/records",
        &auth,
        r#"{"type":"A","name":"www","data":"192.0.2.2"}"#,
    );
    assert!(ok(&server, &create).await["id"].is_i64());

    let update = request(
        "PUT",
        "/rest_registrar/domains/example.com/records/7",
        &auth,
        r#"{"data":"192.0.2.1","ttl":300}"#,
    );
    assert!(ok(&server, &update).await["id"].is_i64());

    // Values the runtime percent-encodes into one segment.
    let delete = request(
        "DELETE",
        "/rest_registrar/domains/..%2Fadmin/records/a%2Fb%3Fc%23d%25e",
        &auth,
        "",
    );
    assert!(ok(&server, &delete).await["deleted"].is_boolean());
}

#[tokio::test]
async fn every_keys_method_round_trips_with_basic_then_a_session_bearer_token() {
    let server = Server::start(fixture("rest_keys")).await.unwrap();
    let keys = [("x-api-key", "key-s3cret")];
    let token = request(
        "POST",
        "/rest_keys/Auth/token?api_secret=secret-s3cret",
        &[("authorization", ALICE), keys[0]],
        "{}",
    );
    let token = ok(&server, &token).await["token"]
        .as_str()
        .expect("a token")
        .to_string();

    let with_token = format!("Bearer {token}");
    let details = request(
        "GET",
        "/rest_keys/domains/ex%2Fample?api_secret=secret-s3cret",
        &[("authorization", &with_token), keys[0], ("x-otp", "123456")],
        "",
    );
    assert!(ok(&server, &details).await["name"].is_string());

    // Without a session, Basic and the keys are sent on every call.
    let basic = request(
        "GET",
        "/rest_keys/domains/example.com?api_secret=secret-s3cret",
        &[("authorization", ALICE), keys[0]],
        "",
    );
    assert!(ok(&server, &basic).await["name"].is_string());
}

/// The parameters the mock reads from a bound call, by wire name.
fn params_read(ws: &Workspace, raw: &RawRequest) -> serde_json::Map<String, Value> {
    let api = &ws.apis[0];
    let rest = raw.path.trim_start_matches('/').split_once('/').unwrap().1;
    let found = bound::route(api, rest, &raw.method)
        .expect("a bound path")
        .expect("served");
    let method = &api.sections[found.section].methods[found.method];
    let types: Vec<_> = ws.types_of(api).collect();
    let mut read = incoming::read(api, raw, rest);
    let binding = method.binding.as_ref().expect("a binding");
    bound::read(
        api,
        method,
        binding,
        raw,
        &found.path_values,
        &types,
        &mut read,
    );
    assert_eq!(read.unreadable, None);
    read.params
}

#[test]
fn parameters_are_read_where_they_are_bound() {
    let ws = fixture("rest_registrar");
    let details = request(
        "GET",
        "/rest_registrar/domains/ex%2Fample.com?fields=status",
        &[("x-request-id", "req-1")],
        "",
    );
    assert_eq!(
        Value::Object(params_read(&ws, &details)),
        json!({ "domain": "ex/ample.com", "fields": "status", "request_id": "req-1" })
    );
    // A query member named like a header parameter is not the header.
    let elsewhere = request("GET", "/rest_registrar/domains/a.com?request_id=x", &[], "");
    assert_eq!(
        Value::Object(params_read(&ws, &elsewhere)),
        json!({ "domain": "a.com" })
    );
    let update = request(
        "PUT",
        "/rest_registrar/domains/a.com/records/7",
        &[],
        r#"{"data":"d","ttl":300}"#,
    );
    assert_eq!(
        Value::Object(params_read(&ws, &update)),
        json!({ "domain": "a.com", "id": 7, "data": "d", "ttl": 300 })
    );
    let record = json!({ "type": "A", "name": "www", "data": "192.0.2.2" });
    let create = request(
        "POST",
        "/rest_registrar/domains/a.com/records",
        &[],
        &record.to_string(),
    );
    assert_eq!(
        Value::Object(params_read(&ws, &create)),
        json!({ "domain": "a.com", "record": record })
    );
}

fn refusal(mock: &Mock, raw: &RawRequest) -> (u16, &'static str, String) {
    let (response, outcome) = mock.answer(raw);
    (
        response.status,
        outcome.kind,
        String::from_utf8(response.body).unwrap(),
    )
}

#[test]
fn wrong_methods_bad_segments_and_bad_values_are_refused() {
    let mock = Mock::new(fixture("rest_registrar"), Options::default());
    let auth = bearer();
    let auth = [("authorization", auth.as_str())];

    let (status, kind, body) = refusal(
        &mock,
        &request("POST", "/rest_registrar/domains/a.com", &auth, "{}"),
    );
    assert_eq!((status, kind), (405, "wrong-http-method"), "{body}");
    assert!(body.contains("GET"), "{body}");
    let (status, kind, body) = refusal(
        &mock,
        &request("GET", "/rest_registrar/domains/a.com/records/1", &auth, ""),
    );
    assert_eq!((status, kind), (405, "wrong-http-method"));
    assert!(body.contains("PUT") && body.contains("DELETE"), "{body}");

    for segment in ["%2E%2E", ".", "%ZZ", "%FF"] {
        let target = format!("/rest_registrar/domains/{segment}");
        let (_, kind, body) = refusal(&mock, &request("GET", &target, &auth, ""));
        assert_eq!(kind, "invalid", "{segment}: {body}");
        assert!(body.contains("domain"), "{segment}: {body}");
    }

    // A path template is the bound method's only route.
    let (_, kind, _) = refusal(
        &mock,
        &request("GET", "/rest_registrar/Domains/details", &auth, ""),
    );
    assert_eq!(kind, "unknown-method");

    // Path values are checked with their types: `id` is an integer.
    let not_a_number = request(
        "PUT",
        "/rest_registrar/domains/a.com/records/seven",
        &auth,
        r#"{"data":"d"}"#,
    );
    let (_, kind, body) = refusal(&mock, &not_a_number);
    assert_eq!(kind, "invalid");
    assert!(body.contains("id"), "{body}");
    // A required JSON member is missing.
    let no_data = request(
        "PUT",
        "/rest_registrar/domains/a.com/records/7",
        &auth,
        r#"{"ttl":1}"#,
    );
    let (_, kind, body) = refusal(&mock, &no_data);
    assert_eq!(kind, "invalid");
    assert!(body.contains("data"), "{body}");
    // JSON members need a JSON object.
    let not_an_object = request(
        "PUT",
        "/rest_registrar/domains/a.com/records/7",
        &auth,
        "[1]",
    );
    assert_eq!(refusal(&mock, &not_an_object).1, "unreadable");
    // The whole body is the record: its required fields are checked.
    let no_type = request(
        "POST",
        "/rest_registrar/domains/a.com/records",
        &auth,
        r#"{"name":"www","data":"x"}"#,
    );
    let (_, kind, body) = refusal(&mock, &no_type);
    assert_eq!(kind, "invalid");
    assert!(body.contains("type"), "{body}");
}

#[test]
fn bearer_tokens_and_api_keys_are_checked() {
    let expect = |api: &str, name: &str, value: &str| hostapi_codegen::mock::ExpectedCredential {
        api: Some(api.into()),
        name: name.into(),
        value: value.into(),
    };
    let registrar = Mock::new(
        fixture("rest_registrar"),
        Options {
            credentials: vec![expect("rest_registrar", "token", TOKEN)],
            ..Options::default()
        },
    );
    let target = "/rest_registrar/domains/a.com";
    let kind = |mock: &Mock, headers: &[(&str, &str)], target: &str| {
        mock.answer(&request("GET", target, headers, "")).1.kind
    };
    assert_eq!(
        kind(&registrar, &[("authorization", &bearer())], target),
        "ok"
    );
    assert_eq!(kind(&registrar, &[], target), "unauthorized");
    assert_eq!(
        kind(&registrar, &[("authorization", "Bearer wrong")], target),
        "unauthorized"
    );
    assert_eq!(
        kind(&registrar, &[("authorization", ALICE)], target),
        "unauthorized"
    );

    let keys = Mock::new(
        fixture("rest_keys"),
        Options {
            credentials: vec![
                expect("rest_keys", "password", "pw-s3cret"),
                expect("rest_keys", "api_key", "key-s3cret"),
                expect("rest_keys", "api_secret", "secret-s3cret"),
            ],
            ..Options::default()
        },
    );
    let with_secret = "/rest_keys/domains/a.com?api_secret=secret-s3cret";
    let key = ("x-api-key", "key-s3cret");
    let basic = ("authorization", ALICE);
    assert_eq!(kind(&keys, &[basic, key], with_secret), "ok");
    assert_eq!(kind(&keys, &[basic], with_secret), "unauthorized");
    assert_eq!(
        kind(&keys, &[basic, ("x-api-key", "other")], with_secret),
        "unauthorized"
    );
    assert_eq!(
        kind(&keys, &[basic, key], "/rest_keys/domains/a.com"),
        "unauthorized"
    );
    let wrong_secret = "/rest_keys/domains/a.com?api_secret=other";
    assert_eq!(kind(&keys, &[basic, key], wrong_secret), "unauthorized");
    // A Bearer token that is no live session token stands for nothing.
    let stale = ("authorization", "Bearer not-a-token");
    assert_eq!(kind(&keys, &[stale, key], with_secret), "unauthorized");
    // The API-key query parameter is a credential, not a parameter.
    let token = request(
        "POST",
        "/rest_keys/Auth/token?api_secret=secret-s3cret",
        &[basic, key],
        "{}",
    );
    let (response, outcome) = keys.answer(&token);
    assert_eq!(
        outcome.kind,
        "ok",
        "{}",
        String::from_utf8_lossy(&response.body)
    );
}
