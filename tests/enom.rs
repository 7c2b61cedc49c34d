//! eNom's `Check` through the generated client against a server on
//! 127.0.0.1: the query on the wire, the text and XML answers the vendor's
//! examples show, and the rules checked before anything is sent.

use hostapi::enom::{
    Client, Credentials,
    domain::CheckRequest,
    types::{SecondLevelDomain, TopLevelDomain},
};
use hostapi::runtime::{ClientConfig, Error};
use hostapi_testkit::{Canned, TestServer};

fn client(base: &str) -> Client {
    let config = ClientConfig::default().with_base_url(base);
    Client::with_config(Credentials::new("resellid", "resellpw"), config).unwrap()
}

fn example_com() -> CheckRequest {
    CheckRequest::new()
        .with_sld(SecondLevelDomain::new("example").unwrap())
        .with_tld(TopLevelDomain::new("com").unwrap())
}

#[tokio::test]
async fn check_sends_command_credentials_then_sld_and_tld() {
    let body = "Command=CHECK\r\nRRPCode=210\r\nRRPText=Domain name available\r\nErrCount=0\r\n";
    let server = TestServer::start(Canned::text(body)).await;

    let response = client(&server.url(""))
        .domain()
        .check(&example_com())
        .await
        .unwrap();
    assert_eq!(response.command, "CHECK");
    assert_eq!(response.rrp_code, Some(210));
    assert_eq!(response.rrp_text.as_deref(), Some("Domain name available"));
    assert_eq!(response.err_count, 0);
    assert!(response.errors.is_empty());
    assert!(response.done.is_none());

    let seen = server.single_request();
    assert_eq!(seen.method, "GET");
    assert_eq!(
        seen.query_pairs(),
        [
            ("command", "Check"),
            ("uid", "resellid"),
            ("pw", "resellpw"),
            ("SLD", "example"),
            ("TLD", "com"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
}

#[tokio::test]
async fn check_reads_the_xml_answer_and_ignores_untranscribed_fields() {
    let body = "<?xml version=\"1.0\"?>\n<interface-response>\n<DomainName></DomainName>\n\
        <RRPCode>200</RRPCode>\n<RRPText>Domain available</RRPText>\n<AuctionDate/>\n\
        <Command>CHECK</Command>\n<ErrCount>0</ErrCount>\n<Server>SJL21WRESELL01</Server>\n\
        <Done>true</Done>\n</interface-response>\n";
    let server = TestServer::start(Canned::new(200, "text/xml", body)).await;

    let response = client(&server.url(""))
        .domain()
        .check(&example_com())
        .await
        .unwrap();
    assert_eq!(response.rrp_code, Some(200));
    assert_eq!(response.rrp_text.as_deref(), Some("Domain available"));
    assert!(response.done.is_some_and(|done| done.get()));
    assert!(response.violations().is_empty());
}

#[tokio::test]
async fn a_failed_check_is_an_api_error_with_the_messages() {
    let body = "Command=CHECK\nErrCount=1\nErr1=Domain name not valid\nDone=true\n";
    let server = TestServer::start(Canned::text(body)).await;

    let error = client(&server.url(""))
        .domain()
        .check(&example_com())
        .await
        .unwrap_err();
    let Error::Api(api) = error else {
        panic!("expected an API error, got {error:?}")
    };
    assert_eq!(api.raw().details[0].message, "Domain name not valid");
}

#[tokio::test]
async fn sld_and_tld_are_required_unless_a_domain_list_is_sent() {
    // Nothing listens here: a request that breaks a rule never leaves.
    let unreachable = client("http://127.0.0.1:9");
    let Err(Error::Validation(error)) = unreachable.domain().check(&CheckRequest::new()).await
    else {
        panic!("expected a validation error");
    };
    assert_eq!(
        error.to_string(),
        "SLD: `SLD` is required when `DomainList` is absent; \
         TLD: `TLD` is required when `DomainList` is absent"
    );

    let server = TestServer::start(Canned::text("Command=CHECK\nErrCount=0\n")).await;
    let request = CheckRequest::new().with_domain_list("example.com,example.net".into());
    let response = client(&server.url(""))
        .domain()
        .check(&request)
        .await
        .unwrap();
    assert_eq!(response.rrp_code, None);
    assert_eq!(
        server.single_request().query_pairs().last(),
        Some(&(
            "DomainList".to_string(),
            "example.com,example.net".to_string()
        ))
    );
}

#[test]
fn second_level_domain_follows_the_documented_constraints() {
    for good in ["ab", "example", "my-shop", "xn--bcher-kva", &"a".repeat(63)] {
        assert!(SecondLevelDomain::new(good).is_ok(), "{good} refused");
    }
    for bad in [
        "a",
        "-shop",
        "my shop",
        "shop.com",
        "bücher",
        &"a".repeat(64),
    ] {
        assert!(SecondLevelDomain::new(bad).is_err(), "{bad} accepted");
    }
    assert!(TopLevelDomain::new("*1").is_ok());
    assert!(TopLevelDomain::new("a".repeat(16)).is_err());
}
