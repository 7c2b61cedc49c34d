//! eNom's commands whose parameters come in numbered groups, `Forwarding`
//! (`Address1`, `ForwardTo1`, …) and `TP_CreateOrder` (`SLD1`, `TLD1`,
//! `AuthInfo1`, … and `DomainCount`), through the generated client against
//! a server on 127.0.0.1: the groups on the wire in order, the rules
//! checked before sending, and each command's success answer and a failed
//! one decoded from text, HTML and XML alike (bodies written from the
//! pages' returned tables and the `.XXX Transfer` guide's example answer).

use hostapi::enom::{
    Client, Credentials,
    dns::{ForwardingEntry, ForwardingRequest},
    transfer::{TpCreateOrderRequest, TransferDomain},
    types::{ForwardingAddress, MailboxName, SecondLevelDomain, TopLevelDomain, TransferOrderType},
};
use hostapi::runtime::{ClientConfig, Error};
use hostapi_testkit::{Canned, TestServer};

fn client(base: &str) -> Client {
    let config = ClientConfig::default().with_base_url(base);
    Client::with_config(Credentials::new("resellid", "resellpw"), config).unwrap()
}

fn entry(address: &str, forward_to: &str) -> ForwardingEntry {
    ForwardingEntry::new(
        MailboxName::new(address).unwrap(),
        ForwardingAddress::new(forward_to).unwrap(),
    )
}

fn forwarding() -> ForwardingRequest {
    ForwardingRequest::new(
        SecondLevelDomain::new("example").unwrap(),
        TopLevelDomain::new("com").unwrap(),
    )
    .with_entries([
        entry("info", "owner@example.org"),
        entry("sales", "team@example.net"),
    ])
}

fn domain(sld: &str, tld: &str, key: &str) -> TransferDomain {
    TransferDomain::new(
        SecondLevelDomain::new(sld).unwrap(),
        TopLevelDomain::new(tld).unwrap(),
        key,
    )
}

fn transfer() -> TpCreateOrderRequest {
    TpCreateOrderRequest::new(TransferOrderType::Autoverification).with_domains([
        domain("mydomain", "xxx", "1234ABCD").with_xxx_member_id("IXA12S3UPFA2".into()),
        domain("yourdomain", "com", "ABCD1234"),
    ])
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test]
async fn forwarding_sends_each_entry_as_its_numbered_pair_in_order() {
    let server = TestServer::start(Canned::text("Command=FORWARDING\nErrCount=0\n")).await;
    client(&server.url(""))
        .dns()
        .forwarding(&forwarding())
        .await
        .unwrap();
    assert_eq!(
        server.single_request().query_pairs(),
        pairs(&[
            ("command", "Forwarding"),
            ("uid", "resellid"),
            ("pw", "resellpw"),
            ("SLD", "example"),
            ("TLD", "com"),
            ("Address1", "info"),
            ("ForwardTo1", "owner@example.org"),
            ("Address2", "sales"),
            ("ForwardTo2", "team@example.net"),
        ])
    );
}

#[tokio::test]
async fn a_transfer_order_counts_its_domains_and_numbers_each_triple() {
    let server = TestServer::start(Canned::text("ErrCount=0\n")).await;
    client(&server.url(""))
        .transfer()
        .tp_create_order(&transfer())
        .await
        .unwrap();
    assert_eq!(
        server.single_request().query_pairs(),
        pairs(&[
            ("command", "TP_CreateOrder"),
            ("uid", "resellid"),
            ("pw", "resellpw"),
            ("OrderType", "Autoverification"),
            ("DomainCount", "2"),
            ("SLD1", "mydomain"),
            ("TLD1", "xxx"),
            ("AuthInfo1", "1234ABCD"),
            ("XXX_MemberID1", "IXA12S3UPFA2"),
            ("SLD2", "yourdomain"),
            ("TLD2", "com"),
            ("AuthInfo2", "ABCD1234"),
        ])
    );
}

#[tokio::test]
async fn the_group_rules_are_checked_before_anything_is_sent() {
    // Nothing listens here: a request that breaks a rule never leaves.
    let unreachable = client("http://127.0.0.1:9");
    let none = forwarding().with_entries([]);
    let Err(Error::Validation(error)) = unreachable.dns().forwarding(&none).await else {
        panic!("expected a validation error");
    };
    assert_eq!(error.to_string(), "entries: at least one group is required");

    let none = TpCreateOrderRequest::new(TransferOrderType::Fax);
    let Err(Error::Validation(error)) = unreachable.transfer().tp_create_order(&none).await else {
        panic!("expected a validation error");
    };
    assert_eq!(error.to_string(), "domains: at least one group is required");
}

#[test]
fn each_member_keeps_its_documented_size_and_the_key_stays_secret() {
    // Max Size 30 for `AddressX`, 130 for `ForwardToX`.
    assert!(MailboxName::new("a".repeat(30)).is_ok());
    assert!(MailboxName::new("a".repeat(31)).is_err());
    let address = |first: usize| format!("owner@{}.{}.org", "a".repeat(first), "b".repeat(60));
    assert_eq!(address(59).len(), 130);
    assert!(ForwardingAddress::new(address(59)).is_ok());
    assert!(ForwardingAddress::new(address(60)).is_err());
    let shown = format!("{:?}", transfer());
    assert!(!shown.contains("1234ABCD"), "{shown}");
    assert!(shown.contains("IXA12S3UPFA2"), "{shown}");
}

/// A success answer and a failed one for a command, in eNom's three
/// formats: `(format, content type, body)`.
struct Answers {
    success: [(&'static str, &'static str, &'static str); 3],
    failure: [(&'static str, &'static str, &'static str); 3],
}

const FORWARDING: Answers = Answers {
    success: [
        (
            "text",
            "text/plain",
            "Command=FORWARDING\r\nErrCount=0\r\nDone=true\r\n",
        ),
        (
            "HTML",
            "text/html",
            "<HTML><BODY><STRONG>Command: </ STRONG>FORWARDING<br>\
             <STRONG>ErrCount: </ STRONG>0<br><STRONG>Done: </ STRONG>true<br></BODY></HTML>",
        ),
        (
            "XML",
            "text/xml",
            "<?xml version=\"1.0\"?>\n<interface-response>\n<Command>FORWARDING</Command>\n\
             <ErrCount>0</ErrCount>\n<Done>true</Done>\n</interface-response>\n",
        ),
    ],
    failure: [
        (
            "text",
            "text/plain",
            "Command=FORWARDING\nErrCount=1\nErr1=Domain does not use our name servers\nDone=true\n",
        ),
        (
            "HTML",
            "text/html",
            "<HTML><BODY><STRONG>Command: </ STRONG>FORWARDING<br>\
             <STRONG>ErrCount: </ STRONG>1<br>\
             <STRONG>Err1: </ STRONG>Domain does not use our name servers<br></BODY></HTML>",
        ),
        (
            "XML",
            "text/xml",
            "<?xml version=\"1.0\"?>\n<interface-response>\n<Command>FORWARDING</Command>\n\
             <ErrCount>1</ErrCount>\n<errors><Err1>Domain does not use our name servers</Err1></errors>\n\
             <Done>true</Done>\n</interface-response>\n",
        ),
    ],
};

// The guide's example answer, as far as its copy goes, closed and with the
// `ErrCount` every eNom answer carries.
const TP_CREATE_ORDER: Answers = Answers {
    success: [
        (
            "text",
            "text/plain",
            "success=True\ntransferorderid=175625387\norderdate=1/1/2012 11:11:11 AM\n\
             ordertypeid=1\nordertypedesc=Auto Verification\nstatusid=9\nstatusdesc=Processing\n\
             authamount=400\nversion=1\nErrCount=0\n",
        ),
        (
            "HTML",
            "text/html",
            "<HTML><BODY><STRONG>success: </ STRONG>True<br>\
             <STRONG>transferorderid: </ STRONG>175625387<br>\
             <STRONG>orderdate: </ STRONG>1/1/2012 11:11:11 AM<br>\
             <STRONG>ordertypeid: </ STRONG>1<br>\
             <STRONG>ordertypedesc: </ STRONG>Auto Verification<br>\
             <STRONG>statusid: </ STRONG>9<br><STRONG>statusdesc: </ STRONG>Processing<br>\
             <STRONG>authamount: </ STRONG>400<br><STRONG>version: </ STRONG>1<br>\
             <STRONG>ErrCount: </ STRONG>0<br></BODY></HTML>",
        ),
        (
            "XML",
            "text/xml",
            "<?xml version=\"1.0\" ?>\n<interface-response>\n<success>True</success>\n\
             <transferorder>\n<transferorderid>175625387</transferorderid>\n\
             <orderdate>1/1/2012 11:11:11 AM</orderdate>\n<ordertypeid>1</ordertypeid>\n\
             <ordertypedesc>Auto Verification</ordertypedesc>\n<statusid>9</statusid>\n\
             <statusdesc>Processing</statusdesc>\n<authamount>400</authamount>\n\
             <version>1</version>\n<transferorderdetail>\n\
             <transferorderdetailid>77458527</transferorderdetailid>\n<sld>mydomain</sld>\n\
             <tld>xxx</tld>\n</transferorderdetail>\n</transferorder>\n<ErrCount>0</ErrCount>\n\
             </interface-response>\n",
        ),
    ],
    failure: [
        (
            "text",
            "text/plain",
            "Command=TP_CREATEORDER\nErrCount=1\nErr1=CustomerSuppliedPrice is required\n",
        ),
        (
            "HTML",
            "text/html",
            "<HTML><BODY><STRONG>ErrCount: </ STRONG>1<br>\
             <STRONG>Err1: </ STRONG>CustomerSuppliedPrice is required<br></BODY></HTML>",
        ),
        (
            "XML",
            "text/xml",
            "<?xml version=\"1.0\"?>\n<interface-response>\n<ErrCount>1</ErrCount>\n\
             <errors><Err1>CustomerSuppliedPrice is required</Err1></errors>\n\
             </interface-response>\n",
        ),
    ],
};

#[tokio::test]
async fn forwarding_reads_its_answer_in_every_format() {
    for (format, content_type, body) in FORWARDING.success {
        let server = TestServer::start(Canned::new(200, content_type, body)).await;
        let response = client(&server.url(""))
            .dns()
            .forwarding(&forwarding())
            .await
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        assert_eq!(response.command, "FORWARDING", "{format}");
        assert_eq!(response.err_count, 0, "{format}");
        assert!(response.violations().is_empty(), "{format}: {response:?}");
    }
    for (format, content_type, body) in FORWARDING.failure {
        let message = failure_message(content_type, body, |client| {
            Box::pin(async move { client.dns().forwarding(&forwarding()).await.map(drop) })
        })
        .await;
        assert_eq!(message, "Domain does not use our name servers", "{format}");
    }
}

#[tokio::test]
async fn a_transfer_order_reads_its_answer_in_every_format() {
    for (format, content_type, body) in TP_CREATE_ORDER.success {
        let server = TestServer::start(Canned::new(200, content_type, body)).await;
        let response = client(&server.url(""))
            .transfer()
            .tp_create_order(&transfer())
            .await
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(response.success.is_some_and(|s| s.get()), "{format}");
        assert_eq!(response.transferorderid, Some(175625387), "{format}");
        assert_eq!(
            response.orderdate.as_deref(),
            Some("1/1/2012 11:11:11 AM"),
            "{format}"
        );
        assert_eq!(response.ordertypeid, Some(1), "{format}");
        assert_eq!(
            response.ordertypedesc.as_deref(),
            Some("Auto Verification"),
            "{format}"
        );
        assert_eq!(response.statusid, Some(9), "{format}");
        assert_eq!(
            response.statusdesc.as_deref(),
            Some("Processing"),
            "{format}"
        );
        assert_eq!(response.authamount.as_deref(), Some("400"), "{format}");
        assert_eq!(response.version.as_deref(), Some("1"), "{format}");
        assert!(response.violations().is_empty(), "{format}: {response:?}");
    }
    for (format, content_type, body) in TP_CREATE_ORDER.failure {
        let message = failure_message(content_type, body, |client| {
            Box::pin(async move {
                client
                    .transfer()
                    .tp_create_order(&transfer())
                    .await
                    .map(drop)
            })
        })
        .await;
        assert_eq!(message, "CustomerSuppliedPrice is required", "{format}");
    }
}

type Sent = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<(), Error<hostapi::enom::ApiError>>>>,
>;

/// The first message of the API error `call` gets from a server answering
/// `body`.
async fn failure_message(
    content_type: &'static str,
    body: &'static str,
    call: fn(Client) -> Sent,
) -> String {
    let server = TestServer::start(Canned::new(200, content_type, body)).await;
    match call(client(&server.url(""))).await {
        Err(Error::Api(api)) => api.raw().details[0].message.clone(),
        other => panic!("expected an API error from {body:?}, got {other:?}"),
    }
}
