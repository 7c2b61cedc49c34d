//! The blocking client (feature `blocking`) against a server on another
//! thread: plain calls, retries, token sessions, and use from inside an
//! async runtime.

use std::time::Duration;

use hostapi_runtime::blocking::Client;
use hostapi_runtime::wire::*;
use hostapi_runtime::{ClientConfig, Credentials, Error, RawApiError, RetryPolicy, SessionConfig};
use hostapi_testkit::{BackgroundServer, Canned, Reply};
use serde_json::{Value, json};

static TOKEN: MethodDescriptor = MethodDescriptor {
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

static GET: MethodDescriptor = MethodDescriptor {
    section: "Account/ChatPassword",
    name: "get",
    wire_name: "Account/ChatPassword/get",
    idempotent: true,
    returns_secrets: false,
    series: &[],
    binding: None,
    headers: &[],
    text_body: None,
};

static LW: ApiDescriptor = ApiDescriptor {
    name: "liquidweb_bleed",
    title: "Liquid Web API",
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
    session: Some(TokenSession {
        method: &TOKEN,
        credential: "password",
        token_field: "token",
        expires_field: Some("expires"),
        timeout_param: Some("timeout"),
        default_idle_secs: 900,
        max_idle_secs: 3600,
        max_lifetime_secs: 43_200,
    }),
    statuses: &[],
    servers: &[],
};

fn credentials() -> Credentials {
    Credentials::new()
        .with("username", "u")
        .with("password", "p")
}

fn config(server: &BackgroundServer) -> ClientConfig {
    ClientConfig::default()
        .with_base_url(server.url("/bleed"))
        .with_retry(
            RetryPolicy::default()
                .with_base_delay(Duration::from_millis(5))
                .with_max_delay(Duration::from_millis(20)),
        )
}

#[test]
fn calls_block_until_done_and_retry_like_the_async_client() {
    let server = BackgroundServer::scripted(|n, _| {
        if n == 0 {
            Reply::Respond(Canned::html(503, "busy"))
        } else {
            Reply::Respond(Canned::json(200, r#"{"password":"x"}"#))
        }
    });
    let client = Client::new(&LW, credentials(), config(&server)).expect("client");
    let got: Value = client
        .call::<_, _, RawApiError>(&GET, &json!({}))
        .expect("second attempt");
    assert_eq!(got, json!({"password": "x"}));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].path(), "/bleed/Account/ChatPassword/get");
    assert_eq!(requests[1].body_text(), r#"{"params":{}}"#);

    // Errors come back typed, as from the async client.
    let server = BackgroundServer::scripted(|_, _| {
        Reply::Respond(Canned::json(
            200,
            r#"{"error_class":"LW::Exception::Forbidden"}"#,
        ))
    });
    let client = Client::new(&LW, credentials(), config(&server)).expect("client");
    let err = client
        .call::<_, Value, RawApiError>(&GET, &json!({}))
        .unwrap_err();
    assert!(
        matches!(err, Error::Api(ref raw) if raw.class.as_deref() == Some("LW::Exception::Forbidden"))
    );
}

#[test]
fn token_sessions_work_blocking_too() {
    let server = BackgroundServer::scripted(|_, request| {
        if request.path().ends_with("/token") {
            Reply::Respond(Canned::json(200, r#"{"token":"tok","expires":4102444800}"#))
        } else {
            Reply::Respond(Canned::json(200, r#"{"password":"x"}"#))
        }
    });
    let client = Client::with_token_session(
        &LW,
        credentials(),
        config(&server),
        SessionConfig::default(),
    )
    .expect("client");
    for _ in 0..3 {
        client
            .call::<_, Value, RawApiError>(&GET, &json!({}))
            .expect("call");
    }
    let paths: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "/bleed/Account/Auth/token",
            "/bleed/Account/ChatPassword/get",
            "/bleed/Account/ChatPassword/get",
            "/bleed/Account/ChatPassword/get"
        ]
    );
    assert!(!format!("{client:?}").contains("\"p\""));
}

#[tokio::test]
async fn calling_from_inside_an_async_runtime_does_not_panic() {
    let server =
        BackgroundServer::scripted(|_, _| Reply::Respond(Canned::json(200, r#"{"password":"x"}"#)));
    let client = Client::new(&LW, credentials(), config(&server)).expect("client");
    let got: Value = client
        .call::<_, _, RawApiError>(&GET, &json!({}))
        .expect("runs on a helper thread");
    assert_eq!(got["password"], "x");
}
