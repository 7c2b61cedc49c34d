//! The XML-API conformance fixture over loopback: the client generated from
//! tests/fixtures/specs/xml_registrar.yaml (checked in under
//! tests/fixtures/generated/xml, kept fresh by the last test) calls every
//! method; the bytes the server receives are checked (one GET, command and
//! credentials in the query); answers are read as real servers write them
//! (mismatched end tags, entities, CDATA, whitespace, a byte-order mark,
//! another encoding label), and each documented error comes back typed.

use std::path::{Path, PathBuf};

use hostapi_runtime::validate::{Validate, Violations};
use hostapi_runtime::{ClientConfig, Error, RetryPolicy};
use hostapi_testkit::{Canned, Recorded, TestServer};
use serde_json::{Map, Value, json};

// Generated code is laid out by the generator, not rustfmt.
#[path = "fixtures/generated/xml/xml_registrar/mod.rs"]
#[allow(dead_code)]
#[rustfmt::skip]
mod xml_registrar;

use xml_registrar::{ApiError, domains, hosts, types};

const UID: &str = "reseller-7";
const PW: &str = "pw-s3cret";

fn client(server: &TestServer) -> xml_registrar::Client {
    xml_registrar::Client::with_config(
        xml_registrar::Credentials::new(UID, PW),
        ClientConfig::default()
            .with_base_url(server.url("/interface.asp"))
            .with_retry(RetryPolicy::none()),
    )
    .unwrap()
}

async fn answering(body: impl Into<Vec<u8>>) -> TestServer {
    TestServer::start(Canned::new(200, "text/xml; charset=utf-8", body)).await
}

/// The one request the server received: a bodiless GET to the endpoint.
fn sent(server: &TestServer) -> Recorded {
    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path(), "/interface.asp");
    assert!(request.body.is_empty());
    assert_eq!(request.header("authorization"), None);
    request
}

fn domain_info() -> domains::GetDomainInfoRequest {
    domains::GetDomainInfoRequest::new("example".into(), "com".into())
}

/// What a server writes: a byte-order mark, a declaration naming another
/// encoding than the UTF-8 it sends, whitespace between elements, a nested
/// element, numbered elements, records repeated under `<responses>`, an end
/// tag that does not match, entities, CDATA and a comment.
const DOMAIN_INFO: &str = "\u{feff}<?xml version=\"1.0\" encoding=\"windows-1252\"?>\r\n\
<interface-response>\r\n\
  <Command>GETDOMAININFO</Command>\r\n\
  <DomainName>example.com</DomainName>\r\n\
  <Expiration>2031-02-03</Expiraton>\r\n\
  <Locked>True</Locked>\r\n\
  <registrant>\r\n    <Name>Zoë &amp; Ann &#x4E2D;</Name>\r\n  </registrant>\r\n\
  <Note><![CDATA[  keep <this> & that  ]]></Note>\r\n\
  <NS2>ns2.example.net</NS2>\r\n  <NS1>ns1.example.net</NS1>\r\n\
  <!-- records follow -->\r\n\
  <responses>\r\n\
    <response><HostName>www</HostName><Address>192.0.2.1</Address></response>\r\n\
    <response><HostName>@</HostName><Address>192.0.2.2</Address></response>\r\n\
  </responses>\r\n\
  <Status>OK</Status>\r\n\
</interface-response>\r\n";

#[tokio::test]
async fn a_read_returns_nested_numbered_and_repeated_elements() {
    let server = answering(DOMAIN_INFO).await;
    let info = client(&server)
        .domains()
        .get_domain_info(&domain_info())
        .await
        .unwrap();
    assert_eq!(info.domain_name, "example.com");
    assert_eq!(info.expiration, "2031-02-03");
    assert!(info.locked.get());
    assert_eq!(info.registrant_name, "Zoë & Ann 中");
    assert_eq!(info.note.as_deref(), Some("  keep <this> & that  "));
    assert_eq!(info.name_servers, ["ns1.example.net", "ns2.example.net"]);
    assert_eq!(info.host_names, ["www", "@"]);
    assert_eq!(info.host_addresses, ["192.0.2.1", "192.0.2.2"]);
    assert!(info.violations().is_empty(), "{:?}", info.violations());
    let sent = sent(&server);
    assert_eq!(
        sent.query(),
        Some("command=GetDomainInfo&uid=reseller-7&pw=pw-s3cret&SLD=example&TLD=com")
    );
}

#[tokio::test]
async fn a_write_sends_its_parameters_and_reads_the_new_id() {
    let server = answering(
        "<?xml version=\"1.0\"?><interface-response><HostId> 41 </HostId>\
         <Status>OK</Status></interface-response>",
    )
    .await;
    let request = hosts::SetHostRequest::new(
        "example".into(),
        "com".into(),
        "mail box".into(),
        "2001:db8::1&x=y".into(),
    )
    .with_response_type(types::ResponseType::Xml);
    let answer = client(&server).hosts().set_host(&request).await.unwrap();
    assert_eq!(answer.host_id, 41);
    // Values are percent-encoded; nothing in one starts another parameter.
    assert_eq!(
        sent(&server).query(),
        Some(
            "command=SetHost&uid=reseller-7&pw=pw-s3cret&SLD=example&TLD=com\
             &HostName=mail+box&Address=2001%3Adb8%3A%3A1%26x%3Dy&ResponseType=XML"
        )
    );
}

#[tokio::test]
async fn a_method_that_returns_nothing_reads_a_bare_success() {
    let server = answering("<interface-response><Status>OK</Status></interface-response>").await;
    let request = hosts::DeleteHostRequest::new(41);
    client(&server).hosts().delete_host(&request).await.unwrap();
    assert_eq!(
        sent(&server).query(),
        Some("command=DeleteHost&uid=reseller-7&pw=pw-s3cret&HostId=41")
    );
}

/// A zone file as a server sends it: a byte-order mark, CRLF lines, and
/// one byte that is no UTF-8 (a Latin-1 `é`).
const ZONE_FILE: &[u8] =
    b"\xEF\xBB\xBF$ORIGIN example.com.\r\n@ 3600 IN SOA ns1 caf\xE9 1 2 3 4 5\r\n";

#[tokio::test]
async fn a_plain_text_answer_is_read_whole_into_its_field() {
    let server = TestServer::start(
        Canned::new(200, "text/plain; charset=iso-8859-1", ZONE_FILE)
            .with_header("X-Zone-Serial", "2026120301"),
    )
    .await;
    let request = domains::GetZoneFileRequest::new("example".into(), "com".into());
    let zone = client(&server)
        .domains()
        .get_zone_file(&request)
        .await
        .unwrap();
    // The mark is dropped, line ends kept, the bad byte replaced.
    assert_eq!(
        zone.zone_file,
        "$ORIGIN example.com.\r\n@ 3600 IN SOA ns1 caf\u{fffd} 1 2 3 4 5\r\n"
    );
    assert_eq!(zone.serial.as_deref(), Some("2026120301"));
    assert_eq!(
        sent(&server).query(),
        Some("command=GetZoneFile&uid=reseller-7&pw=pw-s3cret&SLD=example&TLD=com")
    );

    // A strict client refuses text it would have to change.
    let server = TestServer::start(Canned::text(ZONE_FILE)).await;
    let strict = xml_registrar::Client::with_config(
        xml_registrar::Credentials::new(UID, PW),
        ClientConfig::default()
            .with_base_url(server.url("/interface.asp"))
            .with_retry(RetryPolicy::none())
            .with_strict_responses(true),
    )
    .unwrap();
    let error = strict.domains().get_zone_file(&request).await.unwrap_err();
    assert!(matches!(&error, Error::Decode(_)), "{error:?}");

    // Valid UTF-8 and an empty body are read as they are.
    let server = TestServer::start(Canned::text("")).await;
    let zone = client(&server)
        .domains()
        .get_zone_file(&request)
        .await
        .unwrap();
    assert_eq!(zone.zone_file, "");
    assert_eq!(zone.serial, None);
}

#[tokio::test]
async fn a_plain_text_method_still_reads_its_errors_in_xml() {
    let server = answering(error_body(&["Domain name not found"])).await;
    let request = domains::GetZoneFileRequest::new("gone".into(), "com".into());
    let error = client(&server)
        .domains()
        .get_zone_file(&request)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api(ApiError::DomainNotFound(_))),
        "{error:?}"
    );
    // A text that only looks like XML of success is the text.
    let body = "<interface-response><Status>OK</Status></interface-response>";
    let server = answering(body).await;
    let zone = client(&server)
        .domains()
        .get_zone_file(&request)
        .await
        .unwrap();
    assert_eq!(zone.zone_file, body);
}

/// An error answer as the fixture's server writes it: HTTP 200, the status
/// element, a count and the messages.
fn error_body(messages: &[&str]) -> String {
    let mut body =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<interface-response>\n");
    body.push_str(&format!(
        "<ErrCount>{}</ErrCount>\n<errors>",
        messages.len()
    ));
    for (i, message) in messages.iter().enumerate() {
        let n = i + 1;
        body.push_str(&format!("<Err{n}>{message}</Err{n}>"));
    }
    body.push_str("</errors>\n<Status>ERROR</Status>\n</interface-response>\n");
    body
}

#[tokio::test]
async fn each_documented_error_is_read_from_the_body_into_its_type() {
    // LoginFailed: matched exactly, on every method.
    let server = answering(error_body(&["Invalid login"])).await;
    let error = client(&server)
        .hosts()
        .delete_host(&hosts::DeleteHostRequest::new(1))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api(ApiError::LoginFailed(_))),
        "{error:?}"
    );
    assert_eq!(error.api_error().map(|e| e.raw().status), Some(200));

    // DomainNotFound: a prefix of the message, with its documented field;
    // the second message stays in the raw error.
    let server = answering(error_body(&[
        "Domain name not found: example.com",
        "Check the spelling",
    ]))
    .await;
    let error = client(&server)
        .domains()
        .get_domain_info(&domain_info())
        .await
        .unwrap_err();
    let Error::Api(ApiError::DomainNotFound(found)) = &error else {
        panic!("expected DomainNotFound, got {error:?}");
    };
    assert_eq!(found.err_count, Some(2));
    assert_eq!(
        found.raw().message.as_deref(),
        Some("Domain name not found: example.com")
    );
    assert_eq!(
        found.raw().fields.get("Err2").and_then(|v| v.as_str()),
        Some("Check the spelling")
    );

    // HostExists, with a mismatched end tag and an entity in the message.
    let server = answering(
        "<interface-response><Status>ERROR</Satus><ErrCount>1</ErrCount>\
         <errors><Err1>Host record exists &amp; points elsewhere</Err></errors>\
         </interface-response>",
    )
    .await;
    let request = hosts::SetHostRequest::new("a".into(), "com".into(), "www".into(), "x".into());
    let error = client(&server)
        .hosts()
        .set_host(&request)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api(ApiError::HostExists(raw))
            if raw.message.as_deref() == Some("Host record exists & points elsewhere")),
        "{error:?}"
    );

    // An error this spec does not list is kept whole.
    let server = answering(error_body(&["Service unavailable"])).await;
    let error = client(&server)
        .hosts()
        .delete_host(&hosts::DeleteHostRequest::new(1))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api(ApiError::Other(raw))
            if raw.class.as_deref() == Some("Service unavailable")),
        "{error:?}"
    );
}

#[tokio::test]
async fn what_cannot_be_read_is_a_decode_error_not_a_guess() {
    for body in [
        // Truncated inside an element.
        "<interface-response><HostId>41</HostId><Status>OK",
        // Another element after the root.
        "<interface-response><HostId>41</HostId></interface-response><HostId>42</HostId>",
    ] {
        let server = answering(body).await;
        let request =
            hosts::SetHostRequest::new("a".into(), "com".into(), "www".into(), "x".into());
        let error = client(&server)
            .hosts()
            .set_host(&request)
            .await
            .unwrap_err();
        assert!(matches!(&error, Error::Decode(_)), "{body}: {error:?}");
    }
}

#[test]
fn the_token_stays_out_of_debug_output() {
    let credentials = xml_registrar::Credentials::new(UID, PW);
    assert!(!format!("{credentials:?}").contains(PW));
}

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/specs/xml_registrar.yaml")
}

/// Parameters as JSON, for asking the mock for an error (`mock_error`),
/// which no generated request can carry.
#[derive(Debug, serde::Serialize)]
#[serde(transparent)]
struct Params(Map<String, Value>);

impl Validate for Params {
    fn validate(&self, _: &mut Violations) {}
}

fn params(value: Value) -> Params {
    let Value::Object(map) = value else {
        panic!("{value}")
    };
    Params(map)
}

/// The mock serving the fixture answers every method in XML (asked for
/// with `ResponseType=XML`) as the generated client reads it, and each
/// documented error, forced, comes back as its variant.
#[tokio::test]
async fn the_mock_answers_every_method_in_xml_and_each_error() {
    let workspace = hostapi_codegen::mock::load(&spec()).unwrap();
    let server = hostapi_codegen::mock::Server::start(workspace)
        .await
        .unwrap();
    let client = xml_registrar::Client::with_config(
        xml_registrar::Credentials::new(UID, PW),
        ClientConfig::default()
            .with_base_url(server.url("xml_registrar"))
            .with_retry(RetryPolicy::none()),
    )
    .unwrap();
    let xml = || types::ResponseType::Xml;
    let info = client
        .domains()
        .get_domain_info(&domain_info().with_response_type(xml()))
        .await
        .unwrap();
    assert!(info.violations().is_empty(), "{:?}", info.violations());
    let request = hosts::SetHostRequest::new("a".into(), "com".into(), "www".into(), "x".into())
        .with_response_type(xml());
    let set = client.hosts().set_host(&request).await.unwrap();
    assert!(set.violations().is_empty(), "{:?}", set.violations());
    let request = hosts::DeleteHostRequest::new(set.host_id).with_response_type(xml());
    client.hosts().delete_host(&request).await.unwrap();
    let request = domains::GetZoneFileRequest::new("example".into(), "com".into());
    let zone = client.domains().get_zone_file(&request).await.unwrap();
    assert!(!zone.zone_file.is_empty() && !zone.zone_file.starts_with('<'));

    let generic = hostapi_runtime::Client::new(
        &xml_registrar::API,
        hostapi_runtime::Credentials::new()
            .with("uid", UID)
            .with("pw", PW),
        ClientConfig::default()
            .with_base_url(server.url("xml_registrar"))
            .with_retry(RetryPolicy::none()),
    )
    .unwrap();
    // What the mock sent is XML, not the key=value text it answers without
    // `ResponseType`.
    let raw = generic
        .call_raw::<_, ApiError>(
            &hosts::DELETE_HOST,
            &params(json!({"HostId": 1, "ResponseType": "XML"})),
        )
        .await
        .unwrap();
    assert!(
        raw.text_lossy().starts_with("<?xml"),
        "{}",
        raw.text_lossy()
    );

    for (force, expected) in [
        ("LoginFailed", "LoginFailed"),
        ("DomainNotFound", "DomainNotFound"),
        ("HostExists", "HostExists"),
    ] {
        let request = params(json!({
            "SLD": "a", "TLD": "com", "HostName": "www", "Address": "x",
            "ResponseType": "XML", "mock_error": force,
        }));
        let error = generic
            .call::<_, hosts::SetHostResponse, ApiError>(&hosts::SET_HOST, &request)
            .await
            .unwrap_err();
        let variant = match &error {
            Error::Api(ApiError::LoginFailed(_)) => "LoginFailed",
            Error::Api(ApiError::DomainNotFound(_)) => "DomainNotFound",
            Error::Api(ApiError::HostExists(_)) => "HostExists",
            other => panic!("{force}: {other:?}"),
        };
        assert_eq!(variant, expected);
    }
}

/// The checked-in client is what the fixture spec generates.
#[test]
fn generated_fixture_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = spec();
    let generated = hostapi_codegen::generate(&spec).unwrap_or_else(|e| panic!("{e}"));
    let dir = root.join("tests/fixtures/generated/xml");
    let stale = hostapi_codegen::output::stale_files(&dir, &generated.files).unwrap();
    assert!(
        stale.is_empty(),
        "{} is stale ({stale:?}): run `cargo run -p hostapi-codegen -- generate --spec {} --out {}`",
        dir.display(),
        spec.display(),
        dir.display()
    );
}
