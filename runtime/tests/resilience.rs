//! Retries, timeouts and token sessions against loopback servers that fail,
//! stall or count requests.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use hostapi_runtime::wire::*;
use hostapi_runtime::{
    ApiErrorType, BuildError, Client, ClientConfig, Credentials, Error, RawApiError, RetryPolicy,
    SessionConfig,
};
use hostapi_testkit::{Canned, Recorded, Reply, TestServer, refused_url};
use serde_json::{Value, json};

static TOKEN: MethodDescriptor = MethodDescriptor {
    section: "Account/Auth",
    name: "token",
    wire_name: "Account/Auth/token",
    idempotent: false,
    returns_secrets: true,
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

static SET: MethodDescriptor = MethodDescriptor {
    section: "Account/ChatPassword",
    name: "set",
    wire_name: "Account/ChatPassword/set",
    idempotent: false,
    returns_secrets: false,
    series: &[],
    binding: None,
    headers: &[],
    text_body: None,
};

const WIRE: Wire = Wire {
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
};

static LW: ApiDescriptor = ApiDescriptor {
    name: "liquidweb_bleed",
    title: "Liquid Web API",
    default_base_url: "https://api.liquidweb.com/bleed",
    wire: WIRE,
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

static NO_SESSION: ApiDescriptor = ApiDescriptor {
    name: "plain",
    title: "Plain",
    default_base_url: "https://example.invalid/",
    wire: WIRE,
    session: None,
    statuses: &[],
    servers: &[],
};

/// An API error type whose `RateLimit` class is retryable, as generated code
/// declares it from the spec's `retryable: true`.
#[derive(Debug)]
struct LwError(RawApiError);

impl std::fmt::Display for LwError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl ApiErrorType for LwError {
    fn from_raw(raw: RawApiError) -> Self {
        LwError(raw)
    }
    fn is_retryable(&self) -> bool {
        self.0.class.as_deref() == Some("LW::Exception::API::RateLimit")
    }
}

const USER: &str = "lwuser";
const PASSWORD: &str = "lw-pass-123";

fn credentials() -> Credentials {
    Credentials::new()
        .with("username", USER)
        .with("password", PASSWORD)
}

fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(attempts)
        .with_base_delay(Duration::from_millis(10))
        .with_max_delay(Duration::from_millis(50))
}

fn client_for(base: &str, retry: RetryPolicy) -> Client {
    let config = ClientConfig::default()
        .with_base_url(base)
        .with_retry(retry);
    Client::new(&LW, credentials(), config).expect("client")
}

async fn call(client: &Client, method: &'static MethodDescriptor) -> Result<Value, Error<LwError>> {
    client.call::<_, Value, LwError>(method, &json!({})).await
}

const OK: &str = r#"{"password":"x"}"#;

// ---------------------------------------------------------------- retries

#[tokio::test]
async fn refused_connections_are_retried_for_every_method() {
    // Nothing listens at first; a server appears on the same port later.
    let base = refused_url("");
    let addr: std::net::SocketAddr = base.trim_start_matches("http://").parse().expect("addr");
    let late = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        let listener = tokio::net::TcpListener::bind(addr).await.expect("rebind");
        TestServer::on(
            listener,
            Arc::new(|_, _: &Recorded| Reply::Respond(Canned::json(200, OK))),
        )
    });
    let retry = RetryPolicy::default()
        .with_max_attempts(40)
        .with_base_delay(Duration::from_millis(20))
        .with_max_delay(Duration::from_millis(40));
    let client = client_for(&base, retry);
    // `set` is not idempotent: only the refused connections are repeated.
    let got = call(&client, &SET)
        .await
        .expect("succeeds once the server is up");
    assert_eq!(got, json!({"password": "x"}));
    let server = late.await.expect("server task");
    assert_eq!(
        server.request_count(),
        1,
        "the request itself went out once"
    );
}

#[tokio::test]
async fn refused_connections_give_up_after_max_attempts() {
    let client = client_for(&refused_url(""), fast_retries(3));
    let err = call(&client, &SET).await.unwrap_err();
    let Error::Transport(t) = &err else {
        panic!("expected Transport, got {err:?}")
    };
    assert!(t.is_connect(), "{t}");
}

fn failing_then_ok(failures: usize, failure: Canned) -> impl Fn(usize, &Recorded) -> Reply {
    move |n, _| {
        if n < failures {
            Reply::Respond(failure.clone())
        } else {
            Reply::Respond(Canned::json(200, OK))
        }
    }
}

#[tokio::test]
async fn server_errors_are_retried_for_idempotent_methods_only() {
    for status in [500, 502, 503, 504, 429] {
        let failure = Canned::html(status, "<html>busy</html>");
        let server = TestServer::scripted(failing_then_ok(2, failure.clone())).await;
        let client = client_for(&server.url("/bleed"), fast_retries(3));
        let got = call(&client, &GET)
            .await
            .unwrap_or_else(|e| panic!("{status}: {e:?}"));
        assert_eq!(got["password"], "x");
        assert_eq!(
            server.request_count(),
            3,
            "{status}: two failures, one success"
        );

        let server = TestServer::scripted(failing_then_ok(2, failure)).await;
        let client = client_for(&server.url("/bleed"), fast_retries(3));
        let err = call(&client, &SET).await.unwrap_err();
        assert!(
            matches!(&err, Error::Status { status: s, .. } if *s == status),
            "{err:?}"
        );
        assert_eq!(server.request_count(), 1, "{status}: `set` is not repeated");
    }
}

#[tokio::test]
async fn permanent_statuses_are_not_retried() {
    for status in [400, 401, 404, 501] {
        let server =
            TestServer::scripted(failing_then_ok(1, Canned::html(status, "<html/>"))).await;
        let client = client_for(&server.url("/bleed"), fast_retries(3));
        assert!(call(&client, &GET).await.is_err(), "{status}");
        assert_eq!(server.request_count(), 1, "{status}");
    }
}

#[tokio::test]
async fn attempts_are_capped_and_retries_can_be_disabled() {
    let always = |_: usize, _: &Recorded| Reply::Respond(Canned::html(503, "down"));
    let server = TestServer::scripted(always).await;
    let client = client_for(&server.url("/bleed"), fast_retries(4));
    let err = call(&client, &GET).await.unwrap_err();
    assert!(matches!(err, Error::Status { status: 503, .. }), "{err:?}");
    assert_eq!(server.request_count(), 4);

    let server = TestServer::scripted(always).await;
    let client = client_for(&server.url("/bleed"), RetryPolicy::none());
    assert!(call(&client, &GET).await.is_err());
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn retryable_api_errors_are_declared_not_guessed() {
    let rate_limited = Canned::json(
        200,
        r#"{"error_class":"LW::Exception::API::RateLimit","full_message":"slow down","ip":"127.0.0.1"}"#,
    );
    let server = TestServer::scripted(failing_then_ok(1, rate_limited.clone())).await;
    let client = client_for(&server.url("/bleed"), fast_retries(3));
    call(&client, &GET)
        .await
        .expect("retried after the rate limit");
    assert_eq!(server.request_count(), 2);

    // Not for a method that is not idempotent.
    let server = TestServer::scripted(failing_then_ok(1, rate_limited)).await;
    let client = client_for(&server.url("/bleed"), fast_retries(3));
    let err = call(&client, &SET).await.unwrap_err();
    assert!(err.api_error().is_some_and(|e| e.is_retryable()), "{err:?}");
    assert_eq!(server.request_count(), 1);

    // Nor for an error the API type does not mark retryable.
    let not_found = Canned::json(200, r#"{"error_class":"LW::Exception::RecordNotFound"}"#);
    let server = TestServer::scripted(failing_then_ok(1, not_found)).await;
    let client = client_for(&server.url("/bleed"), fast_retries(3));
    assert!(matches!(call(&client, &GET).await, Err(Error::Api(_))));
    assert_eq!(server.request_count(), 1);

    // The same with the raw error type, which marks nothing retryable.
    let limited = Canned::json(200, r#"{"error_class":"LW::Exception::API::RateLimit"}"#);
    let server = TestServer::scripted(failing_then_ok(1, limited)).await;
    let client = client_for(&server.url("/bleed"), fast_retries(3));
    let raw = client.call::<_, Value, RawApiError>(&GET, &json!({})).await;
    assert!(matches!(raw, Err(Error::Api(_))));
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured_up_to_the_cap() {
    let busy = Canned::html(429, "slow down").with_header("Retry-After", "1");
    let server = TestServer::scripted(failing_then_ok(1, busy)).await;
    let retry = RetryPolicy::default()
        .with_max_attempts(2)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_secs(5));
    let client = client_for(&server.url("/bleed"), retry);
    let started = Instant::now();
    call(&client, &GET).await.expect("second attempt succeeds");
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "waited {:?}, the server asked for 1 s",
        started.elapsed()
    );

    // A Retry-After beyond max_delay is cut to max_delay.
    let busy = Canned::html(503, "maintenance").with_header("Retry-After", "3600");
    let server = TestServer::scripted(failing_then_ok(1, busy)).await;
    let retry = RetryPolicy::default()
        .with_max_attempts(2)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(100));
    let client = client_for(&server.url("/bleed"), retry);
    let started = Instant::now();
    call(&client, &GET).await.expect("second attempt succeeds");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn slow_servers_time_out_and_only_idempotent_calls_repeat() {
    let slow = |_: usize, _: &Recorded| {
        Reply::Respond(Canned::json(200, OK).with_delay(Duration::from_secs(3)))
    };
    let config = |server: &TestServer| {
        ClientConfig::default()
            .with_base_url(server.url("/bleed"))
            .with_timeout(Duration::from_millis(150))
            .with_retry(fast_retries(2))
    };
    let server = TestServer::scripted(slow).await;
    let client = Client::new(&LW, credentials(), config(&server)).expect("client");
    let err = call(&client, &GET).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(server.request_count(), 2, "idempotent: timed out twice");

    let server = TestServer::scripted(slow).await;
    let client = Client::new(&LW, credentials(), config(&server)).expect("client");
    let err = call(&client, &SET).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(server.request_count(), 1, "not idempotent: sent once");
}

#[tokio::test]
async fn a_connection_lost_after_sending_is_repeated_only_when_idempotent() {
    let drop_first = |n: usize, _: &Recorded| {
        if n == 0 {
            Reply::Drop
        } else {
            Reply::Respond(Canned::json(200, OK))
        }
    };
    let server = TestServer::scripted(drop_first).await;
    let client = client_for(&server.url("/bleed"), fast_retries(3));
    let err = call(&client, &SET).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(server.request_count(), 1);

    let server = TestServer::scripted(drop_first).await;
    let client = client_for(&server.url("/bleed"), fast_retries(3));
    call(&client, &GET).await.expect("repeated");
    assert_eq!(server.request_count(), 2);
}

// ---------------------------------------------------------------- sessions

/// A manual clock, in seconds since the Unix epoch.
#[derive(Clone)]
struct FakeClock(Arc<AtomicU64>);

impl FakeClock {
    fn new() -> Self {
        FakeClock(Arc::new(AtomicU64::new(1_700_000_000)))
    }
    fn now(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(self.0.load(Ordering::SeqCst))
    }
    fn advance(&self, seconds: u64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

fn basic(user: &str, password: &str) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = format!("{user}:{password}").into_bytes();
    let mut out = String::from("Basic ");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A Liquid Web-like server: `Account/Auth/token` issues `tok-1`, `tok-2`, …
/// expiring `timeout` seconds after the fake clock's now; other methods
/// answer `{"password": "x"}` when authenticated with a token it issued,
/// else an `Authorization` error with HTTP 401.
fn session_server(
    clock: FakeClock,
    token_delay: Duration,
) -> impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static {
    let issued = Arc::new(AtomicUsize::new(0));
    move |_, request| {
        let auth = request
            .header("authorization")
            .unwrap_or_default()
            .to_owned();
        if request.path().ends_with("/Account/Auth/token") {
            let body: Value = serde_json::from_slice(&request.body).unwrap_or_default();
            let timeout = body["params"]["timeout"].as_u64().unwrap_or(900);
            let n = issued.fetch_add(1, Ordering::SeqCst) + 1;
            let expires = clock.0.load(Ordering::SeqCst) + timeout;
            return Reply::Respond(
                Canned::json(200, format!(r#"{{"token":"tok-{n}","expires":{expires}}}"#))
                    .with_delay(token_delay),
            );
        }
        let known =
            (1..=issued.load(Ordering::SeqCst)).any(|n| auth == basic(USER, &format!("tok-{n}")));
        if known {
            Reply::Respond(Canned::json(200, OK))
        } else {
            Reply::Respond(Canned::json(
                401,
                r#"{"error_class":"LW::Exception::Authorization","full_message":"bad token"}"#,
            ))
        }
    }
}

fn session_client(server: &TestServer, clock: &FakeClock, session: SessionConfig) -> Client {
    let clock = clock.clone();
    let config = ClientConfig::default()
        .with_base_url(server.url("/bleed"))
        .with_retry(RetryPolicy::none());
    Client::with_token_session(
        &LW,
        credentials(),
        config,
        session.with_clock(move || clock.now()),
    )
    .expect("session client")
}

/// `(path suffix, Authorization header)` of every request.
fn log(server: &TestServer) -> Vec<(String, String)> {
    server
        .requests()
        .iter()
        .map(|r| {
            let method = r.path().rsplit('/').next().unwrap_or_default().to_owned();
            (
                method,
                r.header("authorization").unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_password_is_exchanged_once_and_the_token_used_after() {
    let clock = FakeClock::new();
    let server = TestServer::scripted(session_server(clock.clone(), Duration::ZERO)).await;
    let client = session_client(&server, &clock, SessionConfig::default());
    assert!(client.has_token_session());
    call(&client, &GET).await.expect("first");
    call(&client, &SET).await.expect("second");
    let tok1 = basic(USER, "tok-1");
    assert_eq!(
        log(&server),
        [
            ("token".to_owned(), basic(USER, PASSWORD)),
            ("get".to_owned(), tok1.clone()),
            ("set".to_owned(), tok1),
        ]
    );
    let token_request = &server.requests()[0];
    assert_eq!(
        serde_json::from_slice::<Value>(&token_request.body).expect("json"),
        json!({"params": {"timeout": 900}}),
        "the API's default idle timeout is requested"
    );
}

#[tokio::test]
async fn concurrent_callers_share_one_token_request() {
    let clock = FakeClock::new();
    let server =
        TestServer::scripted(session_server(clock.clone(), Duration::from_millis(200))).await;
    let client = session_client(&server, &clock, SessionConfig::default());
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..25 {
        let client = client.clone();
        tasks.spawn(async move { call(&client, &GET).await.map(|_| ()) });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("task").expect("call");
    }
    let token_requests = log(&server).iter().filter(|(m, _)| m == "token").count();
    assert_eq!(
        token_requests,
        1,
        "one exchange for 25 callers: {:?}",
        log(&server)
    );
    assert_eq!(server.request_count(), 26);

    // Later renewal is shared the same way.
    clock.advance(870);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..25 {
        let client = client.clone();
        tasks.spawn(async move { call(&client, &GET).await.map(|_| ()) });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("task").expect("call");
    }
    let token_requests = log(&server).iter().filter(|(m, _)| m == "token").count();
    assert_eq!(token_requests, 2, "{:?}", log(&server));
    assert_eq!(server.request_count(), 52);
}

#[tokio::test]
async fn tokens_are_renewed_before_they_idle_out() {
    let clock = FakeClock::new();
    let server = TestServer::scripted(session_server(clock.clone(), Duration::ZERO)).await;
    let session = SessionConfig::default().with_idle_timeout(Duration::from_secs(600));
    let client = session_client(&server, &clock, session);
    call(&client, &GET).await.expect("issue");
    clock.advance(500);
    call(&client, &GET)
        .await
        .expect("still fresh: 100 s left, renewal at 60 s");
    assert_eq!(server.request_count(), 3);
    clock.advance(50);
    call(&client, &GET).await.expect("renewed");
    let tok1 = basic(USER, "tok-1");
    let tok2 = basic(USER, "tok-2");
    assert_eq!(
        log(&server)[3..],
        [("token".to_owned(), tok1), ("get".to_owned(), tok2)],
        "renewed with the token itself, not the password"
    );
    let renewal = &server.requests()[3];
    assert_eq!(
        serde_json::from_slice::<Value>(&renewal.body).expect("json")["params"]["timeout"],
        600
    );

    // After idling out completely, the password is needed again.
    clock.advance(601);
    call(&client, &GET).await.expect("new token");
    assert_eq!(
        log(&server)[5..],
        [
            ("token".to_owned(), basic(USER, PASSWORD)),
            ("get".to_owned(), basic(USER, "tok-3")),
        ]
    );
}

#[tokio::test]
async fn after_twelve_hours_the_password_is_used_again() {
    let clock = FakeClock::new();
    let server = TestServer::scripted(session_server(clock.clone(), Duration::ZERO)).await;
    let session = SessionConfig::default().with_idle_timeout(Duration::from_secs(3600));
    let client = session_client(&server, &clock, session);
    call(&client, &GET).await.expect("issue");
    let mut elapsed = 0;
    // Call every 3550 s: each time within the 60 s renewal margin, so the
    // token is renewed, for as long as the 12 h allow.
    while elapsed + 3550 + 60 < 43_200 {
        clock.advance(3550);
        elapsed += 3550;
        call(&client, &GET).await.expect("renewed call");
    }
    let issues_with_password = |server: &TestServer| {
        log(server)
            .iter()
            .filter(|(m, auth)| m == "token" && *auth == basic(USER, PASSWORD))
            .count()
    };
    assert_eq!(issues_with_password(&server), 1, "{:?}", log(&server));
    let renewals = log(&server).iter().filter(|(m, _)| m == "token").count() - 1;
    assert_eq!(renewals, 12);
    // elapsed = 42 600; the token now lasts until the 12 h end (43 200).
    clock.advance(43_200 - 30 - elapsed);
    call(&client, &GET).await.expect("call after the lifetime");
    assert_eq!(issues_with_password(&server), 2, "{:?}", log(&server));
}

#[tokio::test]
async fn a_refused_token_is_replaced_once() {
    let clock = FakeClock::new();
    let issued = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&issued);
    let server = TestServer::scripted(move |_, request| {
        if request.path().ends_with("/token") {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            return Reply::Respond(Canned::json(200, format!(r#"{{"token":"tok-{n}"}}"#)));
        }
        // The server forgot tok-1 (e.g. after expireToken elsewhere).
        if request.header("authorization") == Some(basic(USER, "tok-2").as_str()) {
            Reply::Respond(Canned::json(200, OK))
        } else {
            Reply::Respond(Canned::html(401, "Unauthorized"))
        }
    })
    .await;
    let client = session_client(&server, &clock, SessionConfig::default());
    call(&client, &SET)
        .await
        .expect("succeeds with the second token");
    assert_eq!(
        log(&server)
            .iter()
            .map(|(m, _)| m.as_str())
            .collect::<Vec<_>>(),
        ["token", "set", "token", "set"]
    );
    assert_eq!(issued.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_failed_exchange_is_the_callers_error_and_nothing_else_is_sent() {
    let server = TestServer::start(Canned::json(
        200,
        r#"{"error_class":"LW::Exception::Authorization","full_message":"Authorization failed","username":"lwuser"}"#,
    ))
    .await;
    let clock = FakeClock::new();
    let client = session_client(&server, &clock, SessionConfig::default());
    let err = call(&client, &GET).await.unwrap_err();
    let Error::Api(LwError(raw)) = &err else {
        panic!("expected Api, got {err:?}")
    };
    assert_eq!(raw.class.as_deref(), Some("LW::Exception::Authorization"));
    assert_eq!(log(&server).len(), 1);
    assert_eq!(log(&server)[0].0, "token");

    // A token response without a token is a decode error that shows no body.
    let server = TestServer::start(Canned::json(200, r#"{"expires":1,"secret":"s3"}"#)).await;
    let client = session_client(&server, &clock, SessionConfig::default());
    let err = call(&client, &GET).await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.body.is_empty()),
        "{err:?}"
    );
    assert!(!format!("{err:?}{err}").contains("s3"));
}

#[test]
fn session_settings_are_checked() {
    let config = ClientConfig::default();
    let err = Client::with_token_session(
        &NO_SESSION,
        credentials(),
        config.clone(),
        SessionConfig::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, BuildError::NoTokenSession { api: "plain" }),
        "{err:?}"
    );
    for bad in [Duration::from_millis(500), Duration::from_secs(3601)] {
        let err = Client::with_token_session(
            &LW,
            credentials(),
            config.clone(),
            SessionConfig::default().with_idle_timeout(bad),
        )
        .unwrap_err();
        assert!(
            matches!(err, BuildError::InvalidSession { .. }),
            "{bad:?}: {err:?}"
        );
    }
    let client = Client::with_token_session(
        &LW,
        credentials(),
        config,
        SessionConfig::default().with_idle_timeout(Duration::from_secs(3600)),
    )
    .expect("the maximum is allowed");
    let shown = format!("{client:?}");
    assert!(shown.contains("TokenSession"), "{shown}");
    assert!(!shown.contains(PASSWORD), "{shown}");
}

// ---------------------------------------------------------------- tracing

#[tokio::test]
async fn every_call_is_a_span_with_its_outcome_and_no_secret() {
    let capture = hostapi_testkit::capture::Capture::new();
    let _guard = capture.install();
    let clock = FakeClock::new();
    let server = TestServer::scripted(session_server(clock.clone(), Duration::ZERO)).await;
    let client = session_client(&server, &clock, SessionConfig::default());
    call(&client, &GET).await.expect("call");
    let failing = TestServer::start(Canned::html(503, "down")).await;
    let client = client_for(&failing.url("/bleed"), fast_retries(2));
    call(&client, &GET).await.unwrap_err();

    let text = capture.text();
    assert!(
        text.contains("span hostapi.call{api=liquidweb_bleed, method=Account/ChatPassword/get"),
        "{text}"
    );
    assert!(text.contains("span hostapi.session{"), "{text}");
    assert!(text.contains("action=issue"), "{text}");
    assert!(text.contains("outcome=ok"), "{text}");
    assert!(text.contains("outcome=status"), "{text}");
    assert!(text.contains("status=503"), "{text}");
    assert!(text.contains("attempts=2"), "{text}");
    assert!(text.contains("duration_ms="), "{text}");
    assert!(text.contains("message=retrying"), "{text}");
    for secret in [
        PASSWORD,
        "tok-1",
        &basic(USER, PASSWORD),
        &basic(USER, "tok-1"),
    ] {
        assert!(!text.contains(secret), "{secret} logged: {text}");
    }
}
