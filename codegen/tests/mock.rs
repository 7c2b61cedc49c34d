//! The mock server's behaviour per wire style, without sockets
//! (`Mock::answer`), and over HTTP for what only a socket shows (413).

use std::path::Path;
use std::sync::OnceLock;

use hostapi_codegen::ir::Workspace;
use hostapi_codegen::mock::{Mock, Options, RawRequest, Server, load};
use proptest::prelude::*;
use serde_json::{Value, json};

fn workspace() -> Workspace {
    static LOADED: OnceLock<Workspace> = OnceLock::new();
    LOADED
        .get_or_init(|| {
            load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).expect("bundled specs")
        })
        .clone()
}

fn mock() -> &'static Mock {
    static MOCK: OnceLock<Mock> = OnceLock::new();
    MOCK.get_or_init(|| Mock::new(workspace(), Options::default()))
}

/// `user:password` as a Basic header.
const BASIC: &str = "Basic dXNlcjpwYXNzd29yZA==";

fn liquid_web(path: &str, params: Value) -> RawRequest {
    RawRequest {
        method: "POST".into(),
        path: format!("/liquidweb_v1/{path}"),
        headers: vec![
            ("authorization".into(), BASIC.into()),
            ("content-type".into(), "application/json".into()),
        ],
        body: serde_json::to_vec(&json!({ "params": params })).unwrap(),
        ..RawRequest::default()
    }
}

fn body_json(request: &RawRequest) -> Value {
    let (response, _) = mock().answer(request);
    assert_eq!(response.status, 200);
    serde_json::from_slice(&response.body).unwrap()
}

fn body_text(request: &RawRequest) -> String {
    let (response, _) = mock().answer(request);
    String::from_utf8(response.body).unwrap()
}

#[test]
fn liquid_web_lists_every_violation_in_input_multiple() {
    let answer = body_json(&liquid_web(
        "Network/DNS/Record/create",
        json!({ "name": "www", "ttl": 0, "type": "MX!" }),
    ));
    assert_eq!(answer["error_class"], "LW::Exception::Input::Multiple");
    let nested = answer["errors"].as_array().unwrap();
    let by_field = |field: &str| {
        nested
            .iter()
            .find(|e| e["field"] == field)
            .unwrap_or_else(|| panic!("no error for `{field}` in {answer}"))
    };
    assert_eq!(
        by_field("rdata")["error_class"],
        "LW::Exception::Input::Required"
    );
    assert_eq!(
        by_field("ttl")["error_class"],
        "LW::Exception::Input::Validation"
    );
    assert!(
        by_field("ttl")["full_message"]
            .as_str()
            .unwrap()
            .contains("PositiveInt")
    );
    assert_eq!(
        by_field("type")["error_class"],
        "LW::Exception::Input::Validation"
    );
    // Neither zone nor zone_id: each is required when the other is absent.
    assert!(
        by_field("zone")["full_message"]
            .as_str()
            .unwrap()
            .contains("required when `zone_id` is absent")
    );
    assert!(
        by_field("zone_id")["full_message"]
            .as_str()
            .unwrap()
            .contains("required when `zone` is absent")
    );
    assert_eq!(nested.len(), 5, "{answer}");
    assert_eq!(answer["field"].as_array().map(Vec::len), Some(5));
}

#[test]
fn liquid_web_answers_a_valid_request_with_values_of_the_documented_types() {
    let answer = body_json(&liquid_web(
        "Network/DNS/Record/details",
        json!({ "id": 7 }),
    ));
    assert!(answer.get("error_class").is_none(), "{answer}");
    let id = answer["id"].as_i64().expect("id is an integer");
    assert!(id >= 1, "PositiveInt");
    // The path's case does not matter to the vendor, nor here.
    let again = body_json(&liquid_web(
        "network/dns/record/DETAILS",
        json!({ "id": 7 }),
    ));
    assert_eq!(answer, again, "same seed, same answer");
}

fn enom(query: &str) -> RawRequest {
    RawRequest {
        method: "GET".into(),
        path: "/enom".into(),
        query: format!("command=GetBalance&uid=reseller&pw=secret{query}"),
        ..RawRequest::default()
    }
}

#[test]
fn enom_answers_in_text_html_or_xml_as_response_type_asks() {
    let text = body_text(&enom(""));
    assert!(text.contains("ErrCount=0\r\n"), "{text}");
    assert!(text.contains("Command=GETBALANCE\r\n"), "{text}");
    let html = body_text(&enom("&ResponseType=HTML"));
    assert!(
        html.starts_with("<html>") && html.contains("ErrCount: 0<br>"),
        "{html}"
    );
    let xml = body_text(&enom("&ResponseType=XML"));
    assert!(
        xml.starts_with("<?xml") && xml.contains("<ErrCount>0</ErrCount>"),
        "{xml}"
    );
}

#[test]
fn enom_refusal_numbers_each_violation() {
    let request = RawRequest {
        method: "GET".into(),
        path: "/enom".into(),
        query: "command=GetDNSStatus&uid=reseller&pw=secret&SLD=-bad-&TLD=com".into(),
        ..RawRequest::default()
    };
    let text = body_text(&request);
    assert!(text.contains("ErrCount=1\r\n"), "{text}");
    assert!(text.contains("Err1=SLD: "), "{text}");
}

/// eNom's name servers travel as a numbered series (`NS1`, `NS2`, …): each
/// number is checked as its own value, and "required unless `UseDNS`" asks
/// for `NS1`.
#[test]
fn a_numbered_series_is_checked_number_by_number() {
    let modify = |params: &str| {
        body_text(&RawRequest {
            method: "GET".into(),
            path: "/enom".into(),
            query: format!(
                "command=ModifyNSHosting&uid=reseller&pw=secret&SLD=example&TLD=com{params}"
            ),
            ..RawRequest::default()
        })
    };
    let ok = modify("&NS1=ns1.example.net&NS2=ns2.example.net");
    assert!(ok.contains("ErrCount=0\r\n"), "{ok}");
    // At most 60 characters each.
    let bad = modify(&format!(
        "&NS1=ns1.example.net&NS2={}.example.net",
        "n".repeat(60)
    ));
    assert!(bad.contains("ErrCount=1\r\n"), "{bad}");
    assert!(bad.contains("Err1=NS2: "), "{bad}");
    let none = modify("");
    assert!(none.contains("Err1=NS1: `NS1` is required"), "{none}");
}

#[test]
fn sive_host_form_post_refusal_is_result_error() {
    let request = RawRequest {
        method: "POST".into(),
        path: "/sivehost".into(),
        headers: vec![
            ("authorization".into(), BASIC.into()),
            (
                "content-type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
        ],
        body: b"action=NameCheck&api_key=k&api_secret=s".to_vec(),
        ..RawRequest::default()
    };
    let answer = body_json(&request);
    assert_eq!(answer["result"], "error");
    assert!(
        answer["message"].as_str().unwrap().contains("is required"),
        "{answer}"
    );
}

#[test]
fn unknown_methods_get_the_vendor_error_and_unknown_apis_404() {
    let answer = body_json(&liquid_web("No/Such/method", json!({})));
    assert_eq!(answer["error_class"], "LW::Exception::API::InvalidMethod");
    let (response, outcome) = mock().answer(&RawRequest {
        path: "/nowhere/x".into(),
        ..RawRequest::default()
    });
    assert_eq!((response.status, outcome.kind), (404, "unknown-api"));
}

#[test]
fn a_secret_value_is_never_in_a_refusal() {
    // Account/Auth/token's `password`-like parameters are secret types; an
    // invalid one is named, never shown.
    let workspace = workspace();
    let mut checked = 0;
    for api in &workspace.apis {
        for method in api.sections.iter().flat_map(|s| &s.methods) {
            for param in method.params.iter().filter(|p| p.secret) {
                let planted = "\u{1}planted-secret-\u{7f}";
                let mut request = RawRequest {
                    method: "POST".into(),
                    path: format!("/{}/{}", api.module, method.wire_name),
                    query: format!(
                        "command={0}&action={0}&{1}={2}",
                        method.wire_name, param.wire_name, "%01planted-secret-%7F"
                    ),
                    ..RawRequest::default()
                };
                if matches!(
                    api.wire.params,
                    hostapi_codegen::ir::ParamEncoding::Json { .. }
                ) {
                    request.body = serde_json::to_vec(
                        &json!({ "params": { param.wire_name.clone(): planted } }),
                    )
                    .unwrap();
                }
                let (response, _) = mock().answer(&request);
                let body = String::from_utf8_lossy(&response.body);
                assert!(
                    !body.contains("planted-secret"),
                    "{}: {body}",
                    method.wire_name
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_requests_never_panic(
        method in "[A-Z]{0,8}",
        api in prop::sample::select(vec!["liquidweb_v1", "liquidweb_bleed", "enom", "sivehost", "x", ""]),
        path in "(/[A-Za-z%/.]{0,12}){0,3}",
        query in "[a-zA-Z0-9=&%\\[\\]+]{0,40}",
        header in ("[a-z-]{1,16}", "\\PC{0,24}"),
        body in prop::collection::vec(any::<u8>(), 0..256),
        json_body in prop::bool::ANY,
    ) {
        let body = if json_body { format!("{{\"params\":{}}}", String::from_utf8_lossy(&body)).into_bytes() } else { body };
        let request = RawRequest {
            method,
            path: format!("/{api}{path}"),
            query,
            headers: vec![header, ("content-type".into(), "application/x-www-form-urlencoded".into())],
            body,
        };
        let (response, _) = mock().answer(&request);
        prop_assert!([200, 404].contains(&response.status));
    }
}

#[tokio::test]
async fn bodies_over_the_limit_get_413() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let options = Options {
        max_body_bytes: 1024,
        ..Options::default()
    };
    let server = Server::start_with(workspace(), options).await.unwrap();
    for (declared, sent) in [(4096, 0), (2048, 2048)] {
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
        let head = format!(
            "POST /liquidweb_v1/Network/DNS/Record/details HTTP/1.1\r\nhost: x\r\ncontent-length: {declared}\r\nconnection: close\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(&vec![b'x'; sent]).await.unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer).await;
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    }
    // Chunked, with no length declared: the limit applies while reading.
    let mut stream = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
    let head = "POST /liquidweb_v1/Network/DNS/Record/details HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    for _ in 0..4 {
        stream.write_all(b"400\r\n").await.unwrap();
        stream.write_all(&[b'x'; 0x400]).await.unwrap();
        stream.write_all(b"\r\n").await.unwrap();
    }
    stream.write_all(b"0\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

#[test]
fn one_api_can_be_served_at_the_root() {
    let only = Mock::new(
        workspace(),
        Options {
            only_api: Some("enom".into()),
            ..Options::default()
        },
    );
    let request = RawRequest {
        method: "GET".into(),
        path: "/".into(),
        query: "command=GetBalance&uid=reseller&pw=secret".into(),
        ..RawRequest::default()
    };
    let (response, outcome) = only.answer(&request);
    assert_eq!(outcome.api.as_deref(), Some("enom"));
    assert!(
        String::from_utf8(response.body)
            .unwrap()
            .contains("ErrCount=0")
    );
}
