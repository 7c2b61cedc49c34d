//! The mock's options: `state`, expected credentials, token sessions,
//! forced and injected errors, and the request log.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use hostapi_codegen::ir::Workspace;
use hostapi_codegen::mock::{
    ExpectedCredential, FORCE_ERROR_HEADER, LogSink, Mock, Options, RawRequest, Server,
};
use serde_json::{Value, json};

fn workspace() -> Workspace {
    static LOADED: OnceLock<Workspace> = OnceLock::new();
    LOADED
        .get_or_init(|| {
            hostapi_codegen::mock::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec"))
                .expect("bundled specs")
        })
        .clone()
}

fn basic(user: &str, password: &str) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {encoded}")
}

fn post(api: &str, path: &str, auth: &str, params: Value) -> RawRequest {
    RawRequest {
        method: "POST".into(),
        path: format!("/{api}/{path}"),
        headers: vec![("authorization".into(), auth.into())],
        body: serde_json::to_vec(&json!({ "params": params })).unwrap(),
        ..RawRequest::default()
    }
}

fn answer(mock: &Mock, request: &RawRequest) -> Value {
    let (response, _) = mock.answer(request);
    serde_json::from_slice(&response.body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&response.body).into_owned()))
}

#[test]
fn state_keeps_created_zones_until_they_are_deleted() {
    let mock = Mock::new(
        workspace(),
        Options {
            state: true,
            ..Options::default()
        },
    );
    let auth = basic("u", "p");
    let zone = |method: &str, params: Value| {
        answer(
            &mock,
            &post(
                "liquidweb_v1",
                &format!("Network/DNS/Zone/{method}"),
                &auth,
                params,
            ),
        )
    };
    let first = zone("create", json!({ "name": "one.example.com" }));
    let second = zone("create", json!({ "name": "two.example.com" }));
    assert_eq!(first["name"], "one.example.com", "{first}");
    assert_ne!(first["id"], second["id"]);

    let listed = zone("list", json!({}));
    let names: Vec<&Value> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["name"])
        .collect();
    assert_eq!(
        names,
        [&json!("one.example.com"), &json!("two.example.com")],
        "{listed}"
    );

    let details = zone("details", json!({ "id": first["id"] }));
    assert_eq!(details["name"], "one.example.com", "{details}");

    zone("delete", json!({ "id": first["id"] }));
    let gone = zone("details", json!({ "id": first["id"] }));
    assert_eq!(
        gone["error_class"], "LW::Exception::RecordNotFound",
        "{gone}"
    );
    assert_eq!(
        zone("list", json!({}))["items"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn configured_credentials_must_match() {
    let enom = workspace()
        .apis
        .into_iter()
        .find(|a| a.module == "enom")
        .unwrap();
    let credentials = ExpectedCredential::user_and_password(&enom, "reseller", "right-pw");
    let mock = Mock::new(
        workspace(),
        Options {
            credentials,
            ..Options::default()
        },
    );
    let get = |pw: &str| {
        let request = RawRequest {
            method: "GET".into(),
            path: "/enom".into(),
            query: format!("command=GetBalance&uid=reseller&pw={pw}"),
            ..RawRequest::default()
        };
        String::from_utf8(mock.answer(&request).0.body).unwrap()
    };
    assert!(get("right-pw").contains("ErrCount=0"));
    let refused = get("wrong-pw");
    assert!(
        refused.contains("ErrCount=1") && refused.contains("`pw` is not valid"),
        "{refused}"
    );
    assert!(!refused.contains("wrong-pw") && !refused.contains("right-pw"));
    // Without configuration, absent credentials are refused all the same.
    let open = Mock::new(workspace(), Options::default());
    let unauthenticated = answer(
        &open,
        &RawRequest {
            method: "POST".into(),
            path: "/liquidweb_v1/Network/DNS/Zone/list".into(),
            ..RawRequest::default()
        },
    );
    assert_eq!(
        unauthenticated["error_class"],
        "LW::Exception::Authorization"
    );
}

#[test]
fn token_sessions_issue_renew_and_expire_tokens() {
    let bleed = workspace()
        .apis
        .into_iter()
        .find(|a| a.module == "liquidweb_bleed")
        .unwrap();
    let credentials = ExpectedCredential::user_and_password(&bleed, "alice", "password");
    let mock = Mock::new(
        workspace(),
        Options {
            credentials,
            ..Options::default()
        },
    );
    let token_call = |secret: &str, timeout: u64| {
        answer(
            &mock,
            &post(
                "liquidweb_bleed",
                "Account/Auth/token",
                &basic("alice", secret),
                json!({ "timeout": timeout }),
            ),
        )
    };
    let issued = token_call("password", 1);
    let token = issued["token"].as_str().unwrap().to_string();
    assert!(issued["expires"].as_u64().unwrap() > 1_700_000_000);
    // The token stands in for the password, and renewing keeps it.
    let renewed = token_call(&token, 1);
    assert_eq!(renewed["token"], token.as_str());
    let chat = post(
        "liquidweb_bleed",
        "Account/ChatPassword/get",
        &basic("alice", &token),
        json!({}),
    );
    assert!(answer(&mock, &chat).get("error_class").is_none());
    std::thread::sleep(Duration::from_millis(1100));
    let expired = answer(&mock, &chat);
    assert_eq!(
        expired["error_class"], "LW::Exception::Authorization",
        "{expired}"
    );
    assert_ne!(
        token_call("password", 60)["token"],
        token.as_str(),
        "a new token after expiry"
    );
}

#[test]
fn errors_can_be_forced_by_header_or_parameter() {
    let mock = Mock::new(workspace(), Options::default());
    let mut request = post(
        "liquidweb_v1",
        "Network/DNS/Zone/list",
        &basic("u", "p"),
        json!({}),
    );
    request
        .headers
        .push((FORCE_ERROR_HEADER.into(), "RecordNotFound".into()));
    assert_eq!(
        answer(&mock, &request)["error_class"],
        "LW::Exception::RecordNotFound"
    );
    request.headers.pop();
    request
        .headers
        .push((FORCE_ERROR_HEADER.into(), "LW::Exception::No::Such".into()));
    assert_eq!(mock.answer(&request).0.status, 400);
    let enom = RawRequest {
        method: "GET".into(),
        path: "/enom".into(),
        query: "command=GetBalance&uid=u&pw=p&mock_error=Domain+name+not+found".into(),
        ..RawRequest::default()
    };
    let text = String::from_utf8(mock.answer(&enom).0.body).unwrap();
    assert!(
        text.contains("ErrCount=1\r\nErr1=Domain name not found\r\n"),
        "{text}"
    );
}

#[test]
fn fail_rate_injects_a_retryable_documented_error() {
    let workspace = workspace();
    let v1 = workspace
        .apis
        .iter()
        .find(|a| a.module == "liquidweb_v1")
        .unwrap();
    let retryable = v1.errors.iter().find(|e| e.retryable).unwrap().key.clone();
    let always = Mock::new(
        workspace.clone(),
        Options {
            fail_rate: 1.0,
            ..Options::default()
        },
    );
    let request = post(
        "liquidweb_v1",
        "Network/DNS/Zone/list",
        &basic("u", "p"),
        json!({}),
    );
    assert_eq!(answer(&always, &request)["error_class"], retryable.as_str());
    let half = Mock::new(
        workspace,
        Options {
            fail_rate: 0.5,
            seed: 3,
            ..Options::default()
        },
    );
    let failed = (0..200)
        .filter(|_| answer(&half, &request).get("error_class").is_some())
        .count();
    assert!((60..140).contains(&failed), "{failed} of 200 failed");
}

/// A writer into shared memory, for reading the log back.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_request_log_has_one_json_line_per_request_and_no_values() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let buffer = Shared::default();
    let options = Options {
        log: Some(LogSink::new(buffer.clone())),
        latency: Duration::from_millis(20),
        ..Options::default()
    };
    let server = Server::start_with(workspace(), options).await.unwrap();
    for target in [
        "/enom?command=GetBalance&uid=u&pw=hunter2-secret",
        "/nowhere",
    ] {
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
        let head = format!("GET {target} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
        stream.write_all(head.as_bytes()).await.unwrap();
        let started = std::time::Instant::now();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        assert!(
            started.elapsed() >= Duration::from_millis(20),
            "latency applies"
        );
    }
    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert_eq!(
        (
            &lines[0]["api"],
            &lines[0]["method"],
            &lines[0]["outcome"],
            &lines[0]["status"]
        ),
        (
            &json!("enom"),
            &json!("GetBalance"),
            &json!("ok"),
            &json!(200)
        )
    );
    assert_eq!(
        (&lines[1]["outcome"], &lines[1]["status"]),
        (&json!("unknown-api"), &json!(404))
    );
    assert!(!log.contains("hunter2"));
}

#[test]
fn declared_roles_decide_which_methods_share_the_store() {
    // `create` is declared `none`, `make` creates and `show` reads: the
    // names alone would have made `create` the creating method.
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lint/fixtures/record-role/good.yaml");
    let mock = Mock::new(
        hostapi_codegen::mock::load(&fixture).unwrap(),
        Options {
            state: true,
            ..Options::default()
        },
    );
    let auth = basic("u", "p");
    // The fixture's JSON has no `params` envelope.
    let call = |method: &str, params: Value| {
        let request = RawRequest {
            body: serde_json::to_vec(&params).unwrap(),
            ..post("fixture", &format!("Things/{method}"), &auth, Value::Null)
        };
        answer(&mock, &request)
    };
    let not_stored = call("create", json!({ "name": "one" }));
    assert!(not_stored["id"].is_i64(), "{not_stored}");
    let shown = call("show", json!({ "id": not_stored["id"] }));
    assert!(
        shown["error_class"]
            .as_str()
            .is_some_and(|c| c.contains("no record")),
        "a `role: none` method keeps nothing: {shown}"
    );
    let made = call("make", json!({ "name": "two" }));
    let shown = call("show", json!({ "id": made["id"] }));
    assert_eq!(shown["id"], made["id"], "{shown}");
    assert!(shown.get("error_class").is_none(), "{shown}");
}
