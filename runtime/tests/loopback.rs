//! End-to-end calls against a loopback HTTP/1.1 server, in the three wire
//! styles (Liquid Web, eNom, Sive.Host).

use std::time::{Duration, Instant};

use hostapi_runtime::validate::rules;
use hostapi_runtime::wire::*;
use hostapi_runtime::wire_value::{de_bool, de_i64, de_opt_bool, de_u64};
use hostapi_runtime::{
    BuildError, Client, ClientConfig, Credentials, Error, RawApiError, Secret, Validate, Violations,
};
use hostapi_testkit::{Canned, TestServer};
use serde::{Deserialize, Serialize};
use serde_json::json;

// ---------------------------------------------------------------- Liquid Web

static LW: ApiDescriptor = ApiDescriptor {
    name: "liquidweb_bleed",
    title: "Liquid Web API (bleed)",
    default_base_url: "https://api.liquidweb.com/bleed",
    wire: Wire {
        http_method: HttpMethod::Post,
        method_name: MethodName::Path,
        params: ParamEncoding::Json {
            envelope: Some("params"),
        },
        basic_auth: Some(BasicAuth {
            username: "username",
            password: "password",
        }),
        credential_params: &[],
        auth_schemes: &[],
        response: ResponseFormat::Json,
        error: ErrorRule::FieldPresent {
            field: "error_class",
            message: Some("full_message"),
        },
    },
    session: None,
    statuses: &[],
    servers: &[],
};

static LW_TOKEN: MethodDescriptor = MethodDescriptor {
    section: "Account/Auth",
    name: "token",
    wire_name: "Account/Auth/token",
    idempotent: false,
    returns_secrets: false,
    series: &[],
    binding: None,
    headers: &[],
    text_body: None,
};

static LW_EXECUTE_RESET: MethodDescriptor = MethodDescriptor {
    section: "Account/ChatPassword",
    name: "executeReset",
    wire_name: "Account/ChatPassword/executeReset",
    idempotent: false,
    returns_secrets: false,
    series: &[],
    binding: None,
    headers: &[],
    text_body: None,
};

const LW_USER: &str = "lwuser";
const LW_PASS: &str = "lw-pass-123";

#[derive(Serialize)]
struct TokenRequest {
    timeout: Option<i64>,
    note: Option<String>,
}

impl Validate for TokenRequest {
    fn validate(&self, v: &mut Violations) {
        if let Some(t) = self.timeout {
            v.field("timeout", &PositiveInt(t));
        }
    }
}

struct PositiveInt(i64);

impl Validate for PositiveInt {
    fn validate(&self, v: &mut Violations) {
        v.check(
            rules::int_min(self.0, 1).map_err(|e| e.for_type("PositiveInt")),
            false,
        );
    }
}

#[derive(Debug, Deserialize)]
struct TokenResponse {
    token: Secret,
    #[serde(deserialize_with = "de_i64")]
    expires: i64,
}

#[derive(Serialize)]
struct ExecuteResetRequest {
    hash: SingleUseHash,
    passphrase: Passphrase,
}

#[derive(Serialize)]
struct SingleUseHash(String);

#[derive(Serialize)]
struct Passphrase(Secret);

impl Validate for SingleUseHash {
    fn validate(&self, v: &mut Violations) {
        v.check(
            rules::length_in(&self.0, &[27, 86]).map_err(|e| e.for_type("SingleUseHash")),
            false,
        );
    }
}

impl Validate for Passphrase {
    fn validate(&self, v: &mut Violations) {
        v.check(
            rules::control_chars(self.0.expose(), true, true, true)
                .map_err(|e| e.for_type("Passphrase")),
            true,
        );
    }
}

impl Validate for ExecuteResetRequest {
    fn validate(&self, v: &mut Violations) {
        v.field("hash", &self.hash);
        v.field("passphrase", &self.passphrase);
    }
}

#[derive(Debug, Deserialize)]
struct OkResponse {
    #[serde(deserialize_with = "de_bool")]
    ok: bool,
}

fn lw_client(server: &TestServer, config: ClientConfig) -> Client {
    let credentials = Credentials::new()
        .with("username", LW_USER)
        .with("password", LW_PASS);
    Client::new(
        &LW,
        credentials,
        config.with_base_url(server.url("/bleed/")),
    )
    .expect("client")
}

fn token_request() -> TokenRequest {
    TokenRequest {
        timeout: Some(3600),
        note: None,
    }
}

/// Request parameters follow the request struct's field order when
/// serde_json keeps insertion order (its `preserve_order` feature, on in this
/// workspace), else sorted order. Joins `pairs` (given in field order)
/// accordingly.
fn in_map_order(mut pairs: Vec<&str>) -> String {
    let mut probe = serde_json::Map::new();
    probe.insert("b".into(), json!(1));
    probe.insert("a".into(), json!(2));
    if probe.keys().next().map(String::as_str) == Some("a") {
        pairs.sort_unstable();
    }
    pairs.join("&")
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[tokio::test]
async fn liquidweb_success() {
    let server = TestServer::start(Canned::json(
        200,
        r#"{"token":"tok-abc","expires":"1700000000"}"#,
    ))
    .await;
    let client = lw_client(&server, ClientConfig::default());
    let resp: TokenResponse = client
        .call::<_, _, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .expect("call");
    assert_eq!(resp.token.expose(), "tok-abc");
    assert_eq!(resp.expires, 1_700_000_000);

    let req = server.single_request();
    assert_eq!(req.method, "POST");
    assert_eq!(req.target, "/bleed/Account/Auth/token");
    assert_eq!(
        req.header("authorization"),
        Some("Basic bHd1c2VyOmx3LXBhc3MtMTIz")
    );
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(req.header("accept"), Some("application/json"));
    assert_eq!(
        req.header("user-agent"),
        Some(concat!("hostapi/", env!("CARGO_PKG_VERSION")))
    );
    // Null fields are skipped.
    let body: serde_json::Value = serde_json::from_slice(&req.body).expect("JSON body");
    assert_eq!(body, json!({"params": {"timeout": 3600}}));
}

#[tokio::test]
async fn liquidweb_ping_fixture_and_empty_request() {
    static PING: MethodDescriptor = MethodDescriptor {
        section: "Utilities/Info",
        name: "ping",
        wire_name: "Utilities/Info/ping",
        idempotent: true,
        returns_secrets: false,
        series: &[],
        binding: None,
        headers: &[],
        text_body: None,
    };
    let server =
        TestServer::start(Canned::json(200, fixture("liquidweb_ping_response.json"))).await;
    let client = lw_client(&server, ClientConfig::default());
    let resp: serde_json::Value = client
        .call::<_, _, RawApiError>(&PING, &())
        .await
        .expect("call");
    assert_eq!(resp, json!({"ping": "success"}));
    let req = server.single_request();
    assert_eq!(req.target, "/bleed/Utilities/Info/ping");
    assert_eq!(req.body_text(), r#"{"params":{}}"#);
}

#[tokio::test]
async fn call_raw_returns_the_body_as_received_and_still_recognises_errors() {
    // Spaces and key order as sent: nothing is parsed into a type.
    let sent = r#"{ "token" : "tok-abc",  "expires":"1700000000" }"#;
    let server = TestServer::start(Canned::json(200, sent)).await;
    let client = lw_client(&server, ClientConfig::default());
    let body = client
        .call_raw::<_, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .expect("call");
    assert_eq!(body.as_bytes(), sent.as_bytes());
    assert!(!body.is_sensitive(), "this descriptor returns no secret");

    let server = TestServer::start(Canned::json(
        200,
        fixture("liquidweb_error_invalid_method.json"),
    ))
    .await;
    let client = lw_client(&server, ClientConfig::default());
    let err = client
        .call_raw::<_, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api(_)), "{err:?}");
}

#[tokio::test]
async fn liquidweb_invalid_method_is_an_api_error() {
    let server = TestServer::start(Canned::json(
        200,
        fixture("liquidweb_error_invalid_method.json"),
    ))
    .await;
    let client = lw_client(&server, ClientConfig::default());
    let err = client
        .call::<_, TokenResponse, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .unwrap_err();
    let Error::Api(raw) = err else {
        panic!("expected Api, got {err:?}")
    };
    assert_eq!(
        raw.class.as_deref(),
        Some("LW::Exception::API::InvalidMethod")
    );
    assert_eq!(
        raw.message.as_deref(),
        Some("Invalid API Method: blah/blah/blah")
    );
    assert_eq!(
        raw.fields,
        json!({"method": "blah/blah/blah"})
            .as_object()
            .cloned()
            .unwrap()
    );
    assert_eq!(raw.status, 200);
    assert!(raw.details.is_empty());
    assert_eq!(
        raw.to_string(),
        "LW::Exception::API::InvalidMethod: Invalid API Method: blah/blah/blah"
    );
}

#[tokio::test]
async fn liquidweb_record_not_found_without_full_message() {
    let server = TestServer::start(Canned::json(
        200,
        fixture("liquidweb_error_record_not_found_minimal.json"),
    ))
    .await;
    let client = lw_client(&server, ClientConfig::default());
    let err = client
        .call::<_, TokenResponse, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .unwrap_err();
    let Error::Api(raw) = err else {
        panic!("expected Api, got {err:?}")
    };
    assert_eq!(raw.class.as_deref(), Some("LW::Exception::RecordNotFound"));
    assert_eq!(raw.message, None);
    assert_eq!(
        raw.fields,
        json!({"field": "network_dns_zone"})
            .as_object()
            .cloned()
            .unwrap()
    );
    assert_eq!(
        raw.to_string(),
        "LW::Exception::RecordNotFound: field=network_dns_zone"
    );
}

#[tokio::test]
async fn liquidweb_http_500_with_error_body_is_an_api_error() {
    let body = r#"{"error_class":"LW::Exception::API::Internal","full_message":"Internal error","public_message":"Try again"}"#;
    let server = TestServer::start(Canned::json(500, body)).await;
    let client = lw_client(&server, ClientConfig::default());
    let err = client
        .call::<_, TokenResponse, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .unwrap_err();
    let Error::Api(raw) = err else {
        panic!("expected Api, got {err:?}")
    };
    assert_eq!(raw.status, 500);
    assert_eq!(raw.class.as_deref(), Some("LW::Exception::API::Internal"));
    assert_eq!(raw.fields.get("public_message"), Some(&json!("Try again")));
}

#[tokio::test]
async fn liquidweb_http_500_with_html_is_a_status_error() {
    let page = "<html><body><h1>500 Internal Server Error</h1></body></html>";
    let server = TestServer::start(Canned::html(500, page)).await;
    let client = lw_client(&server, ClientConfig::default());
    let err = client
        .call::<_, TokenResponse, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .unwrap_err();
    match &err {
        Error::Status { status, body } => {
            assert_eq!(*status, 500);
            assert_eq!(body.text_lossy(), page);
        }
        other => panic!("expected Status, got {other:?}"),
    }
    assert_eq!(err.to_string(), format!("HTTP status 500: {page}"));
}

#[tokio::test]
async fn html_instead_of_json_is_a_decode_error_with_the_body() {
    let page = "<html><body>Maintenance</body></html>";
    let server = TestServer::start(Canned::html(200, page)).await;
    let client = lw_client(&server, ClientConfig::default());
    let err = client
        .call::<_, TokenResponse, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert!(
        d.message.starts_with("the response is not valid JSON"),
        "{}",
        d.message
    );
    assert_eq!(d.body.as_bytes(), page.as_bytes());
    assert_eq!(
        err.raw_body().map(|b| b.text_lossy().into_owned()),
        Some(page.to_owned())
    );
}

#[tokio::test]
async fn bodies_of_methods_returning_secrets_are_never_shown() {
    static SECRET_TOKEN: MethodDescriptor = MethodDescriptor {
        returns_secrets: true,
        ..LW_TOKEN
    };
    for canned in [
        // Decodes as JSON but lacks `expires`: the token is in the body.
        Canned::json(200, r#"{"token":"tok-SECRET-1"}"#),
        // A non-2xx status whose body is not an API error.
        Canned::json(502, r#"{"token":"tok-SECRET-1","note":"proxy"}"#),
    ] {
        let server = TestServer::start(canned).await;
        let err = client_default(&server)
            .call::<_, TokenResponse, RawApiError>(&SECRET_TOKEN, &token_request())
            .await
            .unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("tok-SECRET-1"), "{shown}");
        assert!(shown.contains("[REDACTED: "), "{shown}");
        let body = err.raw_body().expect("body kept");
        assert!(body.is_sensitive());
        assert!(
            body.text_lossy().contains("tok-SECRET-1"),
            "still available on purpose"
        );
    }
}

#[tokio::test]
async fn json_that_is_not_an_object_or_has_the_wrong_shape() {
    let server = TestServer::start(Canned::json(200, "[1,2]")).await;
    let client = lw_client(&server, ClientConfig::default());
    let err = client
        .call::<_, TokenResponse, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert_eq!(d.message, "expected a JSON object, got an array");

    let server = TestServer::start(Canned::json(200, r#"{"token":"t"}"#)).await;
    let client = lw_client(&server, ClientConfig::default());
    let err = client
        .call::<_, TokenResponse, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert!(
        d.message.contains("missing field `expires`"),
        "{}",
        d.message
    );
    assert_eq!(d.body.as_bytes(), br#"{"token":"t"}"#);
}

#[tokio::test]
async fn validation_fails_before_anything_is_sent() {
    let server = TestServer::start(Canned::json(200, r#"{"ok":1}"#)).await;
    let client = lw_client(&server, ClientConfig::default());
    let request = ExecuteResetRequest {
        hash: SingleUseHash("h".repeat(30)),
        passphrase: Passphrase(Secret::new("my-secret-\u{7}-phrase")),
    };
    let err = client
        .call::<_, OkResponse, RawApiError>(&LW_EXECUTE_RESET, &request)
        .await
        .unwrap_err();
    let Error::Validation(v) = &err else {
        panic!("expected Validation, got {err:?}")
    };
    assert_eq!(v.violations.len(), 2);
    assert_eq!(
        v.to_string(),
        "params.hash: SingleUseHash: expected 27 or 86 characters, got 30; \
         params.passphrase: Passphrase: character 11 is not allowed"
    );
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("my-secret"), "{shown}");
    assert!(!shown.contains("U+0007"), "{shown}");
    // Give a wrongly sent request time to arrive, then check nothing did.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(server.requests().is_empty());

    // The same request goes out when validation is off.
    let client = lw_client(
        &server,
        ClientConfig::default().with_validate_requests(false),
    );
    let ok: OkResponse = client
        .call::<_, _, RawApiError>(&LW_EXECUTE_RESET, &request)
        .await
        .expect("sent without validation");
    assert!(ok.ok);
    assert_eq!(
        server.single_request().target,
        "/bleed/Account/ChatPassword/executeReset"
    );

    // A valid request passes.
    let valid = TokenRequest {
        timeout: Some(0),
        note: None,
    };
    let err = client_default(&server)
        .call::<_, TokenResponse, RawApiError>(&LW_TOKEN, &valid)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request: params.timeout: PositiveInt: must be at least 1"
    );
}

fn client_default(server: &TestServer) -> Client {
    lw_client(server, ClientConfig::default())
}

#[tokio::test]
async fn oversized_bodies_are_rejected() {
    let big = format!(r#"{{"token":"{}","expires":1}}"#, "x".repeat(10_000));
    for canned in [
        Canned::json(200, big.clone()),
        Canned::json(200, big.clone()).without_content_length(),
    ] {
        let streamed = !canned.content_length;
        let server = TestServer::start(canned).await;
        let client = lw_client(
            &server,
            ClientConfig::default().with_max_response_bytes(1024),
        );
        let err = client
            .call::<_, TokenResponse, RawApiError>(&LW_TOKEN, &token_request())
            .await
            .unwrap_err();
        let Error::Transport(t) = &err else {
            panic!("expected Transport (streamed: {streamed}), got {err:?}")
        };
        assert!(t.is_body_too_large(), "{t}");
        assert_eq!(
            err.to_string(),
            "transport error: the response body is larger than the limit of 1024 bytes"
        );
    }
    // Exactly at the limit is fine.
    let exact = r#"{"token":"t","expires":1}"#;
    let server = TestServer::start(Canned::json(200, exact).without_content_length()).await;
    let client = lw_client(
        &server,
        ClientConfig::default().with_max_response_bytes(exact.len()),
    );
    let ok: TokenResponse = client
        .call::<_, _, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .expect("at the limit");
    assert_eq!(ok.expires, 1);
}

#[tokio::test]
async fn slow_server_times_out() {
    let server = TestServer::start(
        Canned::json(200, r#"{"token":"t","expires":1}"#).with_delay(Duration::from_secs(2)),
    )
    .await;
    let client = lw_client(
        &server,
        ClientConfig::default().with_timeout(Duration::from_millis(200)),
    );
    let started = Instant::now();
    let err = client
        .call::<_, TokenResponse, RawApiError>(&LW_TOKEN, &token_request())
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
    assert!(err.is_timeout(), "{err:?}");
    let Error::Transport(t) = &err else {
        panic!("expected Transport, got {err:?}")
    };
    assert!(t.is_timeout());
    assert!(!t.is_connect());
    assert!(
        err.to_string()
            .starts_with("transport error: the request timed out"),
        "{err}"
    );
}

// ---------------------------------------------------------------- eNom

static ENOM: ApiDescriptor = ApiDescriptor {
    name: "enom",
    title: "eNom reseller API",
    default_base_url: "https://reseller.enom.com/interface.asp",
    wire: Wire {
        http_method: HttpMethod::Get,
        method_name: MethodName::Query("command"),
        params: ParamEncoding::Query,
        basic_auth: None,
        credential_params: &[
            CredentialParam {
                wire_name: "uid",
                credential: "uid",
            },
            CredentialParam {
                wire_name: "pw",
                credential: "pw",
            },
        ],
        auth_schemes: &[],
        response: ResponseFormat::KeyValue,
        error: ErrorRule::CountAbove {
            field: "ErrCount",
            message_prefix: "Err",
            number_prefix: Some("ResponseNumber"),
            text_prefix: Some("ResponseString"),
        },
    },
    session: None,
    statuses: &[],
    servers: &[],
};

static ENOM_SET_ACCOUNT_PASSWORD: MethodDescriptor = MethodDescriptor {
    section: "Account",
    name: "SetAccountPassword",
    wire_name: "SetAccountPassword",
    idempotent: false,
    returns_secrets: false,
    series: &["Err{n}"],
    binding: None,
    headers: &[],
    text_body: None,
};

const ENOM_PW: &str = "p@ss w&rd=1";

#[derive(Serialize)]
struct SetAccountPasswordRequest {
    #[serde(rename = "Token")]
    token: Secret,
    #[serde(rename = "Password")]
    password: Secret,
    #[serde(rename = "ResponseType", skip_serializing_if = "Option::is_none")]
    response_type: Option<&'static str>,
}

impl Validate for SetAccountPasswordRequest {
    fn validate(&self, v: &mut Violations) {
        v.field("Token", &self.token);
        v.field("Password", &self.password);
    }
}

#[derive(Debug, Deserialize)]
struct SetAccountPasswordResponse {
    #[serde(rename = "Command")]
    command: String,
    #[serde(rename = "ErrCount", deserialize_with = "de_u64")]
    err_count: u64,
    #[serde(rename = "Done", deserialize_with = "de_bool")]
    done: bool,
    #[serde(rename = "Success", default, deserialize_with = "de_opt_bool")]
    success: Option<bool>,
    #[serde(rename = "Err{n}")]
    errors: Vec<String>,
}

fn enom_client(server: &TestServer) -> Client {
    let credentials = Credentials::new()
        .with("uid", "resellid")
        .with("pw", ENOM_PW);
    Client::new(
        &ENOM,
        credentials,
        ClientConfig::default().with_base_url(server.url("/interface.asp")),
    )
    .expect("client")
}

fn enom_request(response_type: Option<&'static str>) -> SetAccountPasswordRequest {
    SetAccountPasswordRequest {
        token: Secret::new("reset-token"),
        password: Secret::new("N3w pass!"),
        response_type,
    }
}

#[tokio::test]
async fn enom_success_in_every_format() {
    let cases = [
        (
            "enom_getaccountpassword.txt",
            "text/plain",
            Some("Text"),
            None,
        ),
        (
            "enom_getaccountpassword.html",
            "text/html",
            Some("HTML"),
            None,
        ),
        (
            "enom_setaccountpassword.xml",
            "text/xml",
            Some("XML"),
            Some(true),
        ),
    ];
    for (name, content_type, response_type, success) in cases {
        let server = TestServer::start(Canned::new(200, content_type, fixture(name))).await;
        let client = enom_client(&server);
        let resp: SetAccountPasswordResponse = client
            .call::<_, _, RawApiError>(&ENOM_SET_ACCOUNT_PASSWORD, &enom_request(response_type))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(resp.command, "GETACCOUNTPASSWORD", "{name}");
        assert_eq!(resp.err_count, 0);
        assert!(resp.done);
        assert_eq!(resp.success, success, "{name}");
        assert!(resp.errors.is_empty());

        let req = server.single_request();
        assert_eq!(req.method, "GET");
        assert_eq!(req.path(), "/interface.asp");
        assert_eq!(req.header("authorization"), None);
        assert!(req.body.is_empty());
        let response_type = format!("ResponseType={}", response_type.unwrap_or_default());
        let expected_query = format!(
            "command=SetAccountPassword&uid=resellid&pw=p%40ss+w%26rd%3D1&{}",
            in_map_order(vec![
                "Token=reset-token",
                "Password=N3w+pass%21",
                &response_type
            ])
        );
        assert_eq!(req.query(), Some(expected_query.as_str()), "{name}");
    }
}

#[tokio::test]
async fn enom_errors_in_every_format() {
    for name in [
        "enom_error_errcount2.txt",
        "enom_error_errcount2.html",
        "enom_error_errcount2.xml",
    ] {
        let server = TestServer::start(Canned::text(fixture(name))).await;
        let client = enom_client(&server);
        let err = client
            .call::<_, SetAccountPasswordResponse, RawApiError>(
                &ENOM_SET_ACCOUNT_PASSWORD,
                &enom_request(None),
            )
            .await
            .unwrap_err();
        let Error::Api(raw) = err else {
            panic!("{name}: expected Api, got {err:?}")
        };
        assert_eq!(raw.class, None, "{name}");
        assert_eq!(
            raw.message.as_deref(),
            Some("Token is invalid or has expired")
        );
        assert_eq!(raw.details.len(), 2, "{name}");
        assert_eq!(raw.details[0].number.as_deref(), Some("304155"));
        assert_eq!(
            raw.details[0].text.as_deref(),
            Some("Token is invalid or has expired")
        );
        assert_eq!(
            raw.details[1].message,
            "Password does not meet the requirements"
        );
        assert_eq!(raw.fields.get("ErrCount"), Some(&json!("2")));
        assert_eq!(raw.fields.get("Done"), Some(&json!("true")));
    }
}

#[tokio::test]
async fn enom_garbage_and_truncation_are_decode_errors() {
    let full = fixture("enom_setaccountpassword.xml");
    for body in [
        String::new(),
        "garbage without pairs".to_owned(),
        full[..full.len() - 30].to_owned(),
    ] {
        let server = TestServer::start(Canned::text(body.clone())).await;
        let client = enom_client(&server);
        let err = client
            .call::<_, SetAccountPasswordResponse, RawApiError>(
                &ENOM_SET_ACCOUNT_PASSWORD,
                &enom_request(None),
            )
            .await
            .unwrap_err();
        let Error::Decode(d) = &err else {
            panic!("{body:?}: expected Decode, got {err:?}")
        };
        assert_eq!(d.body.as_bytes(), body.as_bytes());
    }
    // A key/value body missing a required field is a Decode error too.
    let server = TestServer::start(Canned::text("ErrCount=0\nDone=true\n")).await;
    let err = enom_client(&server)
        .call::<_, SetAccountPasswordResponse, RawApiError>(
            &ENOM_SET_ACCOUNT_PASSWORD,
            &enom_request(None),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.message.contains("Command")),
        "{err:?}"
    );
}

#[tokio::test]
async fn enom_credentials_never_leak_into_errors() {
    // A port with nothing listening: connection refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!(
        "http://{}/interface.asp",
        listener.local_addr().expect("addr")
    );
    drop(listener);
    let credentials = Credentials::new()
        .with("uid", "resellid")
        .with("pw", ENOM_PW);
    let client = Client::new(
        &ENOM,
        credentials,
        ClientConfig::default().with_base_url(url),
    )
    .expect("client");
    let err = client
        .call::<_, SetAccountPasswordResponse, RawApiError>(
            &ENOM_SET_ACCOUNT_PASSWORD,
            &enom_request(None),
        )
        .await
        .unwrap_err();
    let Error::Transport(t) = &err else {
        panic!("expected Transport, got {err:?}")
    };
    assert!(t.is_connect(), "{t:?}");
    let shown = format!("{err} | {err:?} | {client:?}");
    for secret in ["p@ss", "p%40ss", "reset-token", "N3w"] {
        assert!(!shown.contains(secret), "{secret} leaked: {shown}");
    }
    assert!(shown.contains("[REDACTED]"), "{shown}");
}

// ---------------------------------------------------------------- Sive.Host

static SIVE: ApiDescriptor = ApiDescriptor {
    name: "sivehost",
    title: "Sive.Host API",
    default_base_url: "https://sive.host/includes/sivehost-api.php",
    wire: Wire {
        http_method: HttpMethod::Post,
        method_name: MethodName::Form("action"),
        params: ParamEncoding::Form,
        basic_auth: Some(BasicAuth {
            username: "username",
            password: "password",
        }),
        credential_params: &[
            CredentialParam {
                wire_name: "api_key",
                credential: "api_key",
            },
            CredentialParam {
                wire_name: "api_secret",
                credential: "api_secret",
            },
        ],
        auth_schemes: &[],
        response: ResponseFormat::Json,
        error: ErrorRule::FieldEquals {
            field: "result",
            value: "error",
            message: "message",
        },
    },
    session: None,
    statuses: &[],
    servers: &[],
};

static SIVE_PASSWD_UPD: MethodDescriptor = MethodDescriptor {
    section: "Hosting",
    name: "passwdUpd",
    wire_name: "passwdUpd",
    idempotent: false,
    returns_secrets: false,
    series: &[],
    binding: None,
    headers: &[],
    text_body: None,
};

#[derive(Serialize)]
struct PasswdUpdRequest {
    serviceid: String,
    pass: Secret,
    debug: Option<bool>,
}

impl Validate for PasswdUpdRequest {
    fn validate(&self, v: &mut Violations) {
        v.field("serviceid", &self.serviceid);
        v.field("pass", &self.pass);
    }
}

#[derive(Debug, Deserialize)]
struct PasswdUpdResponse {
    result: String,
    message: String,
}

fn sive_client(server: &TestServer) -> Client {
    let credentials = Credentials::new()
        .with("username", "siveuser")
        .with("password", "sive-pass-456")
        .with("api_key", "KEY123")
        .with("api_secret", "SECRET+456");
    Client::new(
        &SIVE,
        credentials,
        ClientConfig::default().with_base_url(server.url("/includes/sivehost-api.php")),
    )
    .expect("client")
}

fn passwd_request() -> PasswdUpdRequest {
    PasswdUpdRequest {
        serviceid: "2639".into(),
        pass: Secret::new("MyHard2Cr@ckPasswd"),
        debug: Some(true),
    }
}

#[tokio::test]
async fn sivehost_success() {
    let server = TestServer::start(Canned::json(
        200,
        "{\"result\":\"success\",\n\"message\":\"OK\"\n}",
    ))
    .await;
    let resp: PasswdUpdResponse = sive_client(&server)
        .call::<_, _, RawApiError>(&SIVE_PASSWD_UPD, &passwd_request())
        .await
        .expect("call");
    assert_eq!(
        (resp.result.as_str(), resp.message.as_str()),
        ("success", "OK")
    );
    let req = server.single_request();
    assert_eq!(req.method, "POST");
    assert_eq!(req.target, "/includes/sivehost-api.php");
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        req.header("authorization"),
        Some("Basic c2l2ZXVzZXI6c2l2ZS1wYXNzLTQ1Ng==")
    );
    assert_eq!(
        req.body_text(),
        format!(
            "action=passwdUpd&api_key=KEY123&api_secret=SECRET%2B456&{}",
            in_map_order(vec![
                "serviceid=2639",
                "pass=MyHard2Cr%40ckPasswd",
                "debug=1"
            ])
        )
    );
}

#[tokio::test]
async fn sivehost_error_class_is_the_message() {
    let server = TestServer::start(Canned::json(
        200,
        r#"{"result":"error","message":"Invalid API Key or secret."}"#,
    ))
    .await;
    let err = sive_client(&server)
        .call::<_, PasswdUpdResponse, RawApiError>(&SIVE_PASSWD_UPD, &passwd_request())
        .await
        .unwrap_err();
    let Error::Api(raw) = &err else {
        panic!("expected Api, got {err:?}")
    };
    assert_eq!(raw.class.as_deref(), Some("Invalid API Key or secret."));
    assert_eq!(raw.message.as_deref(), Some("Invalid API Key or secret."));
    assert!(raw.fields.is_empty());
    assert_eq!(err.to_string(), "API error: Invalid API Key or secret.");
}

// ---------------------------------------------------------------- building

#[test]
fn build_errors() {
    let err = Client::new(
        &LW,
        Credentials::new().with("username", "u"),
        ClientConfig::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, BuildError::MissingCredential { name: "password" }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "missing credential \"password\", which this API needs"
    );

    let full = Credentials::new()
        .with("username", "u")
        .with("password", "p");
    for bad in [
        "ftp://example.com/",
        "example.com",
        "https://u:p@example.com/",
        "https://example.com/?x=1",
    ] {
        let err = Client::new(
            &LW,
            full.clone(),
            ClientConfig::default().with_base_url(bad),
        )
        .unwrap_err();
        assert!(
            matches!(err, BuildError::InvalidBaseUrl { .. }),
            "{bad}: {err:?}"
        );
        assert!(!err.to_string().contains("u:p"), "{err}");
    }
}

#[test]
fn client_and_credentials_debug_show_no_secrets() {
    let credentials = Credentials::new()
        .with("username", "visible-name-is-secret-too")
        .with("password", String::from("hunter2"))
        .with("password", "hunter3");
    assert_eq!(
        credentials.get("password").map(Secret::expose),
        Some("hunter3")
    );
    assert_eq!(credentials.names().count(), 2);
    let shown = format!("{credentials:?}");
    assert_eq!(shown, r#"{"username": [REDACTED], "password": [REDACTED]}"#);
    let client = Client::new(&LW, credentials, ClientConfig::default()).expect("client");
    let shown = format!("{client:?} {:#?}", client.clone());
    for secret in ["hunter", "visible-name"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert_eq!(client.base_url(), "https://api.liquidweb.com/bleed");
    assert_eq!(client.api().name, "liquidweb_bleed");
}
