//! `hostapi-codegen call` against `hostapi-codegen mock`: each exit code,
//! and no credential in any output (success, API error, validation error,
//! transport error, --dry-run).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

const SECRET: &str = "planted-secret-4711";

fn codegen() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"));
    command.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    command.env_remove("HOSTAPI_PROFILES");
    command
}

/// The mock, expecting user `alice` and password `right-password`;
/// stopped when dropped.
struct Mock {
    child: Child,
    base: String,
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_mock() -> Mock {
    let mut child = codegen()
        .args([
            "mock",
            "--listen",
            "127.0.0.1:0",
            "--user",
            "alice",
            "--password",
            "right-password",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut banner)
        .unwrap();
    let addr = banner
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap()
        .to_string();
    Mock {
        child,
        base: format!("http://{addr}/liquidweb_v1"),
    }
}

fn call(args: &[&str], password: &str) -> Output {
    codegen()
        .arg("call")
        .args(args)
        .env("HOSTAPI_LIQUIDWEB_V1_USERNAME", "alice")
        .env("HOSTAPI_LIQUIDWEB_V1_PASSWORD", password)
        .output()
        .unwrap()
}

fn shown(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_valid_call_prints_the_answer_as_json_and_exits_0() {
    let mock = start_mock();
    let base = mock.base.clone();
    let output = call(
        &[
            "liquidweb_v1",
            "Network/DNS/Zone/details",
            "--param",
            "id=7",
            "--base-url",
            &base,
        ],
        "right-password",
    );
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(answer["id"].as_i64().is_some(), "{answer}");
    let raw = call(
        &[
            "liquidweb_v1",
            "Network/DNS/Zone/details",
            "--param",
            "id=7",
            "--base-url",
            &base,
            "--raw",
        ],
        "right-password",
    );
    assert_eq!(
        String::from_utf8_lossy(&raw.stdout).trim().lines().count(),
        1
    );
}

/// The body the mock at `base` sends for `target`, over plain HTTP/1.0.
fn fetch_body(base: &str, target: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let authority = base
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap();
    let mut stream = std::net::TcpStream::connect(authority).unwrap();
    write!(stream, "GET {target} HTTP/1.0\r\nHost: {authority}\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let end_of_head = answer.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    answer.split_off(end_of_head + 4)
}

#[test]
fn raw_prints_the_body_as_received() {
    let mock = start_mock();
    let enom = mock.base.replace("/liquidweb_v1", "/enom");
    let output = codegen()
        .arg("call")
        .args([
            "enom",
            "Domain/Check",
            "--param",
            "SLD=example",
            "--param",
            "TLD=com",
            "--base-url",
            &enom,
            "--raw",
        ])
        .env("HOSTAPI_ENOM_UID", "alice")
        .env("HOSTAPI_ENOM_PW", "right-password")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    let sent = fetch_body(
        &enom,
        "/enom?command=Check&uid=alice&pw=right-password&SLD=example&TLD=com",
    );
    // eNom's key=value text byte for byte (Check answers with its
    // documented example), not JSON.
    assert!(sent.windows(13).any(|w| w == b"RRPCode=210\r\n"));
    assert_eq!(output.stdout, sent, "{}", shown(&output));
    let pretty = codegen()
        .arg("call")
        .args([
            "enom",
            "Domain/Check",
            "--param",
            "SLD=example",
            "--param",
            "TLD=com",
            "--base-url",
            &enom,
        ])
        .env("HOSTAPI_ENOM_UID", "alice")
        .env("HOSTAPI_ENOM_PW", "right-password")
        .output()
        .unwrap();
    let decoded: serde_json::Value = serde_json::from_slice(&pretty.stdout).unwrap();
    assert_eq!(decoded["RRPCode"], "210", "{decoded}");
}

#[test]
fn an_api_error_is_printed_with_its_class_and_exits_1_without_the_secret() {
    let mock = start_mock();
    let base = mock.base.clone();
    let output = call(
        &[
            "liquidweb_v1",
            "Network/DNS/Zone/details",
            "--param",
            "id=7",
            "--base-url",
            &base,
        ],
        SECRET,
    );
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    assert!(
        shown(&output).contains("API error LW::Exception::Authorization"),
        "{}",
        shown(&output)
    );
    assert!(!shown(&output).contains(SECRET));
}

#[test]
fn invalid_parameters_are_all_listed_and_nothing_is_sent() {
    // No server at all: validation fails before any connection.
    let output = call(
        &[
            "liquidweb_v1",
            "Network/DNS/Record/create",
            "--param",
            "ttl=0",
            "--param",
            "type=MX!",
            "--base-url",
            "http://127.0.0.1:9",
        ],
        SECRET,
    );
    assert_eq!(output.status.code(), Some(2));
    let text = shown(&output);
    for expected in [
        "name [required]",
        "rdata [required]",
        "ttl [constraint]: PositiveInt",
        "type [constraint]",
        "zone [required_if]",
    ] {
        assert!(text.contains(expected), "{expected} missing in {text}");
    }
    assert!(!text.contains(SECRET));
}

#[test]
fn transport_errors_exit_2_without_the_secret() {
    // eNom puts its credentials in the URL: a transport error must not show it.
    let output = codegen()
        .args([
            "call",
            "enom",
            "GetBalance",
            "--base-url",
            "http://127.0.0.1:9/interface.asp",
        ])
        .env("HOSTAPI_ENOM_UID", "alice")
        .env("HOSTAPI_ENOM_PW", SECRET)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
    assert!(!shown(&output).contains(SECRET), "{}", shown(&output));
}

#[test]
fn dry_run_prints_the_request_with_credentials_and_secret_parameters_redacted() {
    let output = codegen()
        .args([
            "call",
            "enom",
            "SetAccountPassword",
            "--dry-run",
            "--param",
            "Token=abc",
            "--param",
            &format!("Password={SECRET}"),
        ])
        .env("HOSTAPI_ENOM_UID", "alice")
        .env("HOSTAPI_ENOM_PW", SECRET)
        .output()
        .unwrap();
    let text = shown(&output);
    assert!(text.starts_with("GET https://reseller.enom.com/interface.asp?command=SetAccountPassword&uid=%5BREDACTED%5D&pw=%5BREDACTED%5D"), "{text}");
    assert!(!text.contains(SECRET), "{text}");
    let lw = call(&["liquidweb_v1", "Account/Auth/token", "--dry-run"], SECRET);
    let text = shown(&lw);
    assert!(
        text.contains("Authorization: Basic [REDACTED]") && !text.contains(SECRET),
        "{text}"
    );
}

#[test]
fn dry_run_follows_a_methods_binding_and_redacts_every_auth_scheme() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/specs/rest_keys.yaml");
    let output = codegen()
        .args([
            "call",
            "--spec",
            spec.to_str().unwrap(),
            "rest_keys",
            "Domains/details",
        ])
        .args([
            "--param",
            "domain=a/b",
            "--param",
            &format!("otp={SECRET}"),
            "--dry-run",
        ])
        .env("HOSTAPI_REST_KEYS_USERNAME", "alice")
        .env("HOSTAPI_REST_KEYS_PASSWORD", SECRET)
        .env("HOSTAPI_REST_KEYS_API_KEY", SECRET)
        .env("HOSTAPI_REST_KEYS_API_SECRET", SECRET)
        .output()
        .unwrap();
    let text = shown(&output);
    assert_eq!(
        text.trim_end(),
        "GET https://api.registrar.example.test/v2/domains/a%2Fb?api_secret=%5BREDACTED%5D\n\
         X-Otp: [REDACTED]\nAuthorization: Basic [REDACTED]\nX-Api-Key: [REDACTED]"
    );
}

/// `call` on the `servers` fixture (three named servers) with `extra`.
fn call_servers(extra: &[&str]) -> Output {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/specs/servers.yaml");
    codegen()
        .args([
            "call",
            "--spec",
            spec.to_str().unwrap(),
            "servers",
            "Status/ping",
        ])
        .args(extra)
        .env("HOSTAPI_SERVERS_KEY", SECRET)
        .output()
        .unwrap()
}

#[test]
fn server_sends_to_the_named_server_and_an_unknown_name_lists_the_servers() {
    let default = shown(&call_servers(&["--dry-run"]));
    assert!(
        default.starts_with("GET https://api.example.test/v1?command=ping&key=%5BREDACTED%5D"),
        "{default}"
    );
    let test = shown(&call_servers(&["--server", "test", "--dry-run"]));
    assert!(
        test.starts_with("GET https://sandbox.example.test/v1?command=ping"),
        "{test}"
    );
    let legacy = shown(&call_servers(&["--server", "legacy", "--dry-run"]));
    assert!(
        legacy.starts_with("GET http://old.example.test:8080?command=ping"),
        "{legacy}"
    );
    assert!(!legacy.contains(SECRET), "{legacy}");

    let unknown = call_servers(&["--server", "staging", "--dry-run"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        shown(&unknown).contains("no server `staging`; `servers` has production, test, legacy"),
        "{}",
        shown(&unknown)
    );
    let both = call_servers(&[
        "--server",
        "test",
        "--base-url",
        "http://127.0.0.1:9",
        "--dry-run",
    ]);
    assert_eq!(both.status.code(), Some(2), "{}", shown(&both));

    let single = codegen()
        .args([
            "call",
            "enom",
            "GetBalance",
            "--server",
            "test",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert_eq!(single.status.code(), Some(2));
    assert!(
        shown(&single).contains("no server `test`: `enom` has one base URL"),
        "{}",
        shown(&single)
    );
}

#[test]
fn list_and_method_help_describe_the_methods() {
    let list = shown(&codegen().args(["call", "--list"]).output().unwrap());
    assert!(list.contains("    Network/DNS/Zone/list  "), "{list}");
    assert!(list.contains("    Account/GetBalance  "), "{list}");
    let help = shown(
        &codegen()
            .args([
                "call",
                "liquidweb_v1",
                "Network/DNS/Record/create",
                "--help",
            ])
            .output()
            .unwrap(),
    );
    assert!(help.contains("--param rdata=…  TextGeneral"), "{help}");
    assert!(help.contains("required when zone_id is absent"), "{help}");
    let usage = codegen()
        .args([
            "call",
            "liquidweb_v1",
            "Network/DNS/Zone/list",
            "--param",
            "nope=1",
        ])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let missing = codegen()
        .args(["call", "liquidweb_v1", "Network/DNS/Zone/list"])
        .env_remove("HOSTAPI_LIQUIDWEB_V1_PASSWORD")
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        shown(&missing).contains("HOSTAPI_LIQUIDWEB_V1_"),
        "{}",
        shown(&missing)
    );
}

#[test]
fn a_series_of_groups_is_given_by_number_with_its_secrets_redacted() {
    let output = codegen()
        .args([
            "call",
            "enom",
            "TP_CreateOrder",
            "--dry-run",
            "--param",
            "OrderType=Fax",
            "--param",
            "SLD1=example",
            "--param",
            "TLD1=com",
            "--param",
            &format!("AuthInfo1={SECRET}"),
            "--param",
            "DomainCount=1",
        ])
        .env("HOSTAPI_ENOM_UID", "alice")
        .env("HOSTAPI_ENOM_PW", SECRET)
        .output()
        .unwrap();
    let text = shown(&output);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("SLD1=example&TLD1=com"), "{text}");
    assert!(text.contains("AuthInfo1=%5BREDACTED%5D"), "{text}");
    assert!(!text.contains(SECRET), "{text}");

    // A group sent without a required member is refused before sending.
    let refused = codegen()
        .args([
            "call",
            "enom",
            "TP_CreateOrder",
            "--dry-run",
            "--param",
            "OrderType=Fax",
            "--param",
            "SLD1=example",
            "--param",
            "DomainCount=1",
        ])
        .env("HOSTAPI_ENOM_UID", "alice")
        .env("HOSTAPI_ENOM_PW", SECRET)
        .output()
        .unwrap();
    let text = shown(&refused);
    assert!(!refused.status.success(), "{text}");
    assert!(text.contains("TLD1 [required]"), "{text}");
    assert!(text.contains("AuthInfo1 [required]"), "{text}");
}
