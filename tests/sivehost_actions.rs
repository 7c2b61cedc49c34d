//! Sive.Host's actions through the generated client against a server on
//! 127.0.0.1. For every action: a success answer written from the response
//! table (or example) its page documents, decoded into the typed response;
//! a message the pages do not document kept as `Other`. Then the request
//! rules the pages give
//! (tests/provenance.rs checks the provenance file against the spec).

use hostapi::runtime::{ClientConfig, Secret};
use hostapi::sivehost::{
    ApiError, Client, Credentials, Error, domain::*, hosting::*, hosting_mail::*, server::*,
    server_resize::*, types::*,
};
use hostapi_testkit::{Canned, TestServer};

fn client(base: &str) -> Client {
    let config = ClientConfig::default().with_base_url(base);
    Client::with_config(
        Credentials::new("Ikhaka", "basic-pw", "KEY", "SECRET"),
        config,
    )
    .unwrap()
}

const VM_ANSWER: &str =
    r#"{"result":"success","status":"Paid","serviceid":"2639","invoiceid":5120,"message":"Done"}"#;
const ORDER_ANSWER: &str =
    r#"{"result":"success","orderid":812,"serviceid":"2701","invoiceid":5121}"#;
const MESSAGE_ANSWER: &str = r#"{"result":"success","message":"OK"}"#;

fn check_vm_answer(response: &StartVmResponse) {
    assert_eq!(response.result, Outcome::Success);
    assert_eq!(response.status, "Paid");
    assert_eq!(response.serviceid, "2639");
    assert_eq!(response.invoiceid, 5120);
    assert_eq!(response.message, "Done");
}

fn check_order_answer(response: &BuyNowResponse) {
    assert_eq!(response.result, Outcome::Success);
    assert_eq!(response.orderid, 812);
    assert_eq!(response.serviceid, "2701");
    assert_eq!(response.invoiceid, 5121);
}

fn check_message_answer(result: &Outcome, message: &str) {
    assert_eq!(*result, Outcome::Success);
    assert_eq!(message, "OK");
}

/// One module per action: `$section().$method($request)` answered with
/// `$body` must decode and pass `$check`, and send `action=$wire` first.
/// (Each action's documented errors, decoded into their variants, are
/// tests/mock_round_trip.rs's, against the mock.)
macro_rules! action_cases {
    ($(
        $name:ident: $section:ident().$method:ident($($request:expr)?), $wire:literal,
        $body:expr, |$response:ident| $check:block
    )*) => {$(
        mod $name {
            use super::*;

            #[tokio::test]
            async fn decodes_the_documented_success_answer() {
                let server = TestServer::start(Canned::json(200, $body)).await;
                let $response = client(&server.url(""))
                    .$section()
                    .$method($(&$request)?)
                    .await
                    .unwrap();
                $check
                let form = server.single_request().form_pairs();
                assert_eq!(form[0], ("action".to_string(), $wire.to_string()));
            }
        }
    )*};
}

fn start_vm_request() -> StartVmRequest {
    StartVmRequest::new("2639".into())
}

fn buy_shared_request() -> BuySharedRequest {
    BuySharedRequest::new(
        "kasairiver".into(),
        "monthly".into(),
        "example.co.za".into(),
        "1".into(),
    )
    .with_domaintype(DomainOrderType::Register)
}

fn add_email_request() -> AddEmailRequest {
    AddEmailRequest::new(
        "2639".into(),
        DomainKind::Domain,
        "mlungisi".into(),
        "siveict.co.za".into(),
        Secret::new("mail-pass-1"),
        "700".into(),
        DebugFlag::new(true),
    )
}

fn udp_email_request() -> UdpEmailRequest {
    UdpEmailRequest::new(
        "2639".into(),
        DomainKind::Subdomain,
        "demo@demo.com".into(),
        Secret::new("mail-pass-2"),
        "900".into(),
        DebugFlag::new(false),
    )
}

action_cases! {
    credit_check: account().credit_check(), "CreditCheck",
        r#"{"result": "success", "credit": "867.21", "currency": "ZAR"}"#,
        |r| {
            assert_eq!(r.result, Outcome::Success);
            assert_eq!(r.credit, "867.21");
            assert_eq!(r.currency, "ZAR");
        }

    name_check: domain().name_check(NameCheckRequest::new("almaSiveHost.co.za".into())), "NameCheck",
        r#"{"result":"success","status":"unavailable","whois":"Domain Name: almasivehost.co.za"}"#,
        |r| {
            assert_eq!(r.status, Availability::Unavailable);
            assert!(r.whois.starts_with("Domain Name:"));
        }

    name_price: domain().name_price(), "NamePrice",
        r#"{"result": "success", "currency": "available", "pricing": "nnn"}"#,
        |r| {
            assert_eq!(r.result, Outcome::Success);
            assert_eq!(r.currency, serde_json::json!("available"));
            assert_eq!(r.pricing, serde_json::json!("nnn"));
        }

    buy_now: server().buy_now(
        BuyNowRequest::new(
            "kasairiver".into(),
            "monthly".into(),
            "ubuntu24lts".into(),
            "vps1.example.co.za".into(),
            Secret::new("root-pass-1"),
            "admin".into(),
        )
        .with_nameserver1("ns1.hostname.com".into())
    ), "BuyNow",
        ORDER_ANSWER,
        |r| { check_order_answer(&r); }

    start_vm: server().start_vm(start_vm_request()), "StartVM",
        VM_ANSWER, |r| { check_vm_answer(&r); }

    stop_vm: server().stop_vm(start_vm_request()), "StopVM",
        VM_ANSWER, |r| { check_vm_answer(&r); }

    increase_disk_size: server_resize().increase_disk_size(
        IncreaseDiskSizeRequest::new("2639".into(), "144".into(), "1".into(), "scsi0".into())
    ), "IncreaseDiskSize",
        VM_ANSWER, |r| { check_vm_answer(&r); }

    add_new_disk: server_resize().add_new_disk(
        AddNewDiskRequest::new("2639".into(), "144".into(), "1".into(), "mp".into(), "/data".into())
    ), "AddNewDisk",
        VM_ANSWER, |r| { check_vm_answer(&r); }

    add_more_cpu: server_resize().add_more_cpu(
        AddMoreCpuRequest::new("2639".into(), "142".into(), "1".into())
    ), "AddMoreCPU",
        VM_ANSWER, |r| { check_vm_answer(&r); }

    add_more_ram: server_resize().add_more_ram(
        AddMoreRamRequest::new("2639".into(), "143".into(), "2".into())
    ), "AddMoreRAM",
        VM_ANSWER, |r| { check_vm_answer(&r); }

    buy_shared: hosting().buy_shared(buy_shared_request()), "BuyShared",
        ORDER_ANSWER,
        |r| { check_order_answer(&r); }

    passwd_upd: hosting().passwd_upd(
        PasswdUpdRequest::new("2639".into(), ControlPanelPassword::new("MyHard2Cr@ckPasswd").unwrap())
    ), "passwdUpd",
        r#"{"result":"success", "message":"OK"}"#,
        |r| { check_message_answer(&r.result, &r.message); }

    domains_list: hosting().domains_list(
        DomainsListRequest::new("2639".into(), DomainKind::Domain, DebugFlag::new(true))
    ), "domainsList",
        MESSAGE_ANSWER, |r| { check_message_answer(&r.result, &r.message); }

    add_ssl: hosting().add_ssl(
        AddSslRequest::new("2639".into(), "siveict.co.za".into(), DebugFlag::new(true))
    ), "addSSL",
        MESSAGE_ANSWER, |r| { check_message_answer(&r.result, &r.message); }

    add_email: hosting_mail().add_email(add_email_request()), "addEmail",
        MESSAGE_ANSWER, |r| { check_message_answer(&r.result, &r.message); }

    udp_email: hosting_mail().udp_email(udp_email_request()), "udpEmail",
        MESSAGE_ANSWER, |r| { check_message_answer(&r.result, &r.message); }
}

#[tokio::test]
async fn a_message_the_pages_do_not_document_is_kept_as_other() {
    let body = r#"{"result":"error","message":"Disk bus not supported."}"#;
    let server = TestServer::start(Canned::json(200, body)).await;
    let request = AddNewDiskRequest::new(
        "2639".into(),
        "144".into(),
        "1".into(),
        "ide".into(),
        "/data".into(),
    );
    let error = client(&server.url(""))
        .server_resize()
        .add_new_disk(&request)
        .await
        .unwrap_err();
    let Error::Api(ApiError::Other(raw)) = error else {
        panic!("expected an unlisted API error, got {error:?}")
    };
    assert_eq!(raw.message.as_deref(), Some("Disk bus not supported."));
}

#[tokio::test]
async fn buy_now_sends_every_documented_field_in_table_order() {
    let server = TestServer::start(Canned::json(200, ORDER_ANSWER)).await;
    let request = BuyNowRequest::new(
        "benueriver".into(),
        "monthly".into(),
        "debian12".into(),
        "vps2.example.co.za".into(),
        Secret::new("root-pass-2"),
        "deploy".into(),
    )
    .with_sshkey("ssh-ed25519 AAAAC3Nza deploy@host".into())
    .with_nameserver2("ns2.hostname.com".into());
    client(&server.url(""))
        .server()
        .buy_now(&request)
        .await
        .unwrap();
    let names: Vec<String> = server
        .single_request()
        .form_pairs()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        names,
        [
            "action",
            "api_key",
            "api_secret",
            "pid",
            "billingcycle",
            "os",
            "hostname",
            "rootpw",
            "username",
            "sshkey",
            "nameserver2"
        ]
    );
}

#[tokio::test]
async fn a_transfer_without_an_epp_code_is_refused_before_sending() {
    let request = buy_shared_request().with_domaintype(DomainOrderType::Transfer);
    let error = client("http://127.0.0.1:9")
        .hosting()
        .buy_shared(&request)
        .await
        .unwrap_err();
    let Error::Validation(validation) = &error else {
        panic!("expected a validation error, got {error:?}")
    };
    assert_eq!(validation.violations[0].path, "eppcode", "{error}");

    let with_code = request.with_eppcode(Secret::new("EPP-123"));
    let server = TestServer::start(Canned::json(200, ORDER_ANSWER)).await;
    client(&server.url(""))
        .hosting()
        .buy_shared(&with_code)
        .await
        .unwrap();
}

#[test]
fn passwords_and_codes_never_show_in_debug_output() {
    let shown = format!(
        "{:?} {:?} {:?}",
        add_email_request(),
        udp_email_request(),
        buy_shared_request().with_eppcode(Secret::new("EPP-123"))
    );
    for secret in ["mail-pass-1", "mail-pass-2", "EPP-123"] {
        assert!(!shown.contains(secret), "{secret} shown in {shown}");
    }
}

#[test]
fn domain_kinds_and_order_types_are_the_documented_values() {
    assert_eq!("subdomain".parse::<DomainKind>(), Ok(DomainKind::Subdomain));
    assert!("alias".parse::<DomainKind>().is_err());
    assert_eq!(
        "transfer".parse::<DomainOrderType>(),
        Ok(DomainOrderType::Transfer)
    );
    assert!("renew".parse::<DomainOrderType>().is_err());
}
