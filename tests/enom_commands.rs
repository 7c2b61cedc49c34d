//! eNom's reseller commands through the generated client against a server
//! on 127.0.0.1. For every command: a success answer written from the
//! outputs its page documents (the vendor's value formats: `1,250.00`,
//! `3/1/2027`, `True`, keys in the vendor's case), decoded into the typed
//! response in each of eNom's three formats (the `key=value` text as
//! written, and the same fields as HTML `<STRONG>` lines and as XML
//! elements). Then the request rules the pages give (tests/provenance.rs checks that
//! `spec/enom.provenance.md` names exactly the commands of `spec/enom.yaml`).

use hostapi::enom::{
    Client, Credentials, account::*, dns::*, domain::*, name_server::*, transfer::*, types::*,
};
use hostapi::runtime::{ClientConfig, Error};
use hostapi_testkit::{Canned, TestServer};

fn client(base: &str) -> Client {
    let config = ClientConfig::default().with_base_url(base);
    Client::with_config(Credentials::new("resellid", "resellpw"), config).unwrap()
}

fn sld() -> SecondLevelDomain {
    SecondLevelDomain::new("example").unwrap()
}

fn tld() -> TopLevelDomain {
    TopLevelDomain::new("com").unwrap()
}

fn ip(text: &str) -> Ipv4Address {
    Ipv4Address::new(text).unwrap()
}

fn name_server(text: &str) -> NameServerName {
    NameServerName::new(text).unwrap()
}

/// Markup-escapes a value for the HTML and XML layouts.
fn escaped(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A documented answer, written as eNom's `key=value` text, in the three
/// formats eNom answers in: `(format, content type, body)`. HTML puts each
/// pair on a `<STRONG>key: </ STRONG>value<br>` line; XML makes each an
/// element of `<interface-response>`, the `Err{n}` messages inside
/// `<errors>`, as eNom's answers do.
fn in_every_format(text: &str) -> [(&'static str, &'static str, String); 3] {
    let pairs: Vec<(&str, &str)> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            line.split_once('=')
                .unwrap_or_else(|| panic!("not a pair: {line:?}"))
        })
        .collect();
    let mut html = String::from("<HTML><BODY>");
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<interface-response>\n");
    let mut errors = String::new();
    for (key, value) in &pairs {
        html.push_str(&format!("<STRONG>{key}: </ STRONG>{}<br>", escaped(value)));
        let element = format!("<{key}>{}</{key}>\n", escaped(value));
        let is_error = key
            .strip_prefix("Err")
            .is_some_and(|n| n.parse::<u32>().is_ok());
        if is_error {
            errors.push_str(&element);
        } else {
            xml.push_str(&element);
        }
    }
    html.push_str("</BODY></HTML>");
    if !errors.is_empty() {
        xml.push_str(&format!("<errors>\n{errors}</errors>\n"));
    }
    xml.push_str("</interface-response>\n");
    [
        ("text", "text/plain; charset=utf-8", text.to_string()),
        ("HTML", "text/html", html),
        ("XML", "text/xml", xml),
    ]
}

/// One module per command: `$section().$method(&$request)` answered with
/// `$body`, in each of eNom's three formats, must decode and pass `$check`,
/// and send `command=$wire`. (An error answer per command is
/// tests/mock_round_trip.rs's, against the mock.)
macro_rules! command_cases {
    ($(
        $name:ident: $section:ident().$method:ident($request:expr), $wire:literal,
        $body:expr, |$response:ident| $check:block
    )*) => {$(
        mod $name {
            use super::*;

            #[tokio::test]
            async fn decodes_the_documented_success_answer_in_every_format() {
                for (format, content_type, body) in in_every_format($body) {
                    // Named in the output of a failing check below.
                    eprintln!("answer format: {format}");
                    let server = TestServer::start(Canned::new(200, content_type, body)).await;
                    let $response = client(&server.url(""))
                        .$section()
                        .$method(&$request)
                        .await
                        .unwrap_or_else(|e| panic!("{format}: {e}"));
                    $check
                    let query = server.single_request().query_pairs();
                    assert_eq!(query[0], ("command".to_string(), $wire.to_string()), "{format}");
                }
            }
        }
    )*};
}

command_cases! {
    get_balance: account().get_balance(GetBalanceRequest::new()), "GetBalance",
        "Command=GETBALANCE\nErrCount=0\nDone=True\nReseller=1\nBalance=1,250.00\n\
         AvailableBalance=1,200.00\nPrice=8.95\nCOMPrice=8.95\nNETPrice=8.95\n\
         ORGPrice=9.95\nCCPrice=19.95\nTVPrice=29.95\nDomainCount=12\n",
        |r| {
            assert!(r.reseller.get());
            assert_eq!(r.available_balance, "1,200.00");
            assert_eq!(r.tv_price, "29.95");
            assert_eq!(r.domain_count, 12);
        }

    extend: domain().extend(
        ExtendRequest::new(sld(), tld()).with_num_years(2).with_override_order(ZeroOne::new(true))
    ), "Extend",
        "Command=EXTEND\nErrCount=0\n",
        |r| {
            assert_eq!(r.command.as_deref(), Some("EXTEND"));
            assert!(r.done.is_none());
        }

    get_domain_info: domain().get_domain_info(GetDomainInfoRequest::new(sld(), tld())), "GetDomainInfo",
        "SLD=example\nTLD=com\nDomainNameID=152533676\nMulty-LangSLD=False\n\
         Expiration=3/1/2027\nRegistrar=eNom, Inc.\nRegistrationStatus=Registered\n\
         Purchase-Status=Paid\nParty-ID=A1B2\nBelongs-To=resellid\n\
         Command=GETDOMAININFO\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.domain_name_id, 152533676);
            assert!(!r.multy_lang_sld.get());
            assert_eq!(r.registrar, "eNom, Inc.");
            assert_eq!(r.belongs_to, "resellid");
        }

    get_domains: domain().get_domains(
        GetDomainsRequest::new().with_tab(DomainListTab::ExpiringNames).with_days_to_expired(DaysAhead::new(30).unwrap())
    ), "GetDomains",
        "Command=GETDOMAINS\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.err_count, 0);
            assert!(r.done.is_some_and(|done| done.get()));
        }

    get_extend_info: domain().get_extend_info(GetExtendInfoRequest::new(sld(), tld())), "GetExtendInfo",
        "RegistrarHold=False\nExpiration=3/1/2027\nMaxExtension=8\nCCAuthorized=False\n\
         Price=8.95\nBalance=100.00\nAvailableBalance=90.00\nDefPeriod=1\nAllowDNS=True\n\
         ShowPopups=False\nAutoRenew=True\nRegLock=True\nCommand=GETEXTENDINFO\nErrCount=0\n",
        |r| {
            assert!(!r.registrar_hold.get());
            assert_eq!(r.max_extension, 8);
            assert_eq!(r.def_period, 1);
            assert!(r.auto_renew.get() && r.reg_lock.get());
        }

    get_reg_lock: domain().get_reg_lock(GetRegLockRequest::new(sld(), tld())), "GetRegLock",
        "Reg-Lock=1\nRRPCode=200\nRRPText=Command completed successfully\n\
         Command=GETREGLOCK\nErrCount=0\nDone=True\n",
        |r| {
            assert!(r.reg_lock.get());
            assert_eq!(r.rrp_code, "200");
        }

    set_reg_lock: domain().set_reg_lock(SetRegLockRequest::new(sld(), tld(), ZeroOne::new(false))), "SetRegLock",
        "reg-lock=REGISTRAR-LOCK\nRRPCodeSR=200\nRRPText=Command completed successfully\n\
         Command=SETREGLOCK\nErrCount=0\nDone=True\nTrackingKey=0c4a9b1e\n",
        |r| {
            assert_eq!(r.reg_lock, "REGISTRAR-LOCK");
            assert_eq!(r.rrp_code_sr, "200");
            assert_eq!(r.tracking_key, "0c4a9b1e");
        }

    get_renew: domain().get_renew(GetRenewRequest::new(sld(), tld())), "GetRenew",
        "RenewName=1\nPakExist=0\nAutoPakRenew=0\nEMailFwdExists=1\nEMailForwardRenew=0\n\
         URLFwdExists=0\nCommand=GETRENEW\nErrCount=0\nDone=True\n",
        |r| {
            assert!(r.renew_name.get());
            assert!(r.e_mail_fwd_exists.get() && !r.e_mail_forward_renew.get());
        }

    get_domain_status: domain().get_domain_status(
        GetDomainStatusRequest::new(sld(), tld()).with_order_id(157614452)
    ), "GetDomainStatus",
        "DomainName=example.com\nInAccount=1\nStatusDesc=In this account\n\
         ExpDate=3/1/2027\nOrderID=157614452\nCommand=GETDOMAINSTATUS\nErrCount=0\n",
        |r| {
            assert_eq!(r.in_account, 1);
            assert_eq!(r.order_id, 157614452);
            assert!(r.done.is_none());
        }

    status_domain: domain().status_domain(
        StatusDomainRequest::new(sld(), tld()).with_order_type(DomainOrderType::Transfer)
    ), "StatusDomain",
        "DomainName=example.com\nRegistrar=Known\nInAccount=2\nOrderID=42\n\
         Command=STATUSDOMAIN\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.registrar, "Known");
            assert_eq!(r.in_account, 2);
        }

    delete_registration: domain().delete_registration(
        DeleteRegistrationRequest::new(sld(), tld(), ip("198.51.100.7"))
    ), "DeleteRegistration",
        "DomainDeleted=True\nErrString=\nErrSource=\nErrSection=\nRRPCode=200\n\
         RRPText=Command completed successfully\nCommand=DELETEREGISTRATION\nErrCount=0\nDone=True\n",
        |r| {
            assert!(r.domain_deleted.get());
            assert_eq!(r.rrp_code, 200);
            assert_eq!(r.err_string, "");
        }

    set_password: domain().set_password(
        SetPasswordRequest::new(sld(), tld(), DomainPassword::new("s3cret-pass").unwrap())
    ), "SetPassword",
        "Command=SETPASSWORD\nErrCount=0\nDone=True\n",
        |r| { assert_eq!(r.command, "SETPASSWORD"); }

    get_dns_status: dns().get_dns_status(GetDnsStatusRequest::new(sld(), tld())), "GetDNSStatus",
        "UseDNS=default\nHostsNumLimit=100\nCommand=GETDNSSTATUS\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.use_dns, "default");
            assert_eq!(r.hosts_num_limit, 100);
        }

    modify_ns: dns().modify_ns(
        ModifyNsRequest::new(sld(), tld())
            .with_name_servers([name_server("ns1.example.net"), name_server("ns2.example.net")])
    ), "ModifyNS",
        "Command=MODIFYNS\nErrCount=0\nDone=True\n",
        |r| { assert!(r.errors.is_empty()); }

    set_dns_host: dns().set_dns_host(
        SetDnsHostRequest::new(DnsZoneHost::new("www.example.com").unwrap(), DomainPassword::new("s3cret-pass").unwrap())
            .with_address(ip("203.0.113.9"))
    ), "SetDNSHost",
        "Command=SETDNSHOST\nErrCount=0\nDone=True\n",
        |r| { assert_eq!(r.err_count, 0); }

    register_name_server: name_server().register_name_server(
        RegisterNameServerRequest::new(TrueFalse::new(true), name_server("dns1.example.com"), ip("192.0.2.53"))
    ), "RegisterNameServer",
        "Command=REGISTERNAMESERVER\nErrCount=0\nDone=True\n",
        |r| { assert!(r.done.get()); }

    update_name_server: name_server().update_name_server(
        UpdateNameServerRequest::new(
            ip("192.0.2.53"),
            ip("192.0.2.54"),
            RegistryNameServerName::new("dns1.example.com").unwrap(),
        )
    ), "UpdateNameServer",
        "NSSuccess=1\nRRPCode=200\nRRPText=Command completed successfully\n\
         Command=UPDATENAMESERVER\nErrCount=0\nDone=True\n",
        |r| {
            assert!(r.ns_success.get());
            assert_eq!(r.rrp_code, 200);
        }

    delete_name_server: name_server().delete_name_server(
        DeleteNameServerRequest::new(name_server("dns1.example.com"))
    ), "DeleteNameServer",
        "RegistrarLock=REGISTRAR-LOCK\nNSSuccess=1\nRRPCode=200\n\
         RRPText=Command completed successfully\nCommand=DELETENAMESERVER\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.registrar_lock, "REGISTRAR-LOCK");
            assert!(r.ns_success.get());
        }

    tp_get_order: transfer().tp_get_order(TpGetOrderRequest::new(445425)), "TP_GetOrder",
        "TransferOrderID=445425\nOrderDate=2/4/2026 10:21:07 AM\nOrderTypeID=1\n\
         OrderTypeDesc=Auto Verification\nStatusID=4\nStatusDesc=Processing\nAuthAmount=8.95\n\
         TransferOrderDetailID=778899\nSLD=example\nTLD=com\nPrice=8.95\nUseContacts=1\n\
         Command=TP_GETORDER\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.transfer_order_id, 445425);
            assert_eq!(r.status_desc, "Processing");
            assert_eq!(r.transfer_order_detail_id, Some(778899));
            assert_eq!(r.sld.as_deref(), Some("example"));
        }

    tp_cancel_order: transfer().tp_cancel_order(TpCancelOrderRequest::new(445425)), "TP_CancelOrder",
        "Command=TP_CANCELORDER\nErrCount=0\nDone=True\n",
        |r| { assert_eq!(r.command.as_deref(), Some("TP_CANCELORDER")); }

    get_account_info: account().get_account_info(GetAccountInfoRequest::new()), "GetAccountInfo",
        "UserID=resellid\nPassword=hunter22\nAuthQuestionType=fpet\nAuthQuestionAnswer=Rex\n\
         Account=001-ab-1234\nReseller=1\nAcceptTerms=True\nCommand=GETACCOUNTINFO\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.user_id, "resellid");
            assert_eq!(r.password.expose(), "hunter22");
            assert!(r.accept_terms.get());
            let shown = format!("{r:?}");
            assert!(!shown.contains("hunter22") && !shown.contains("Rex"), "{shown}");
        }

    get_tld_list: domain().get_tld_list(GetTldListRequest::new()), "GetTLDList",
        "TLD1=com\nTLD2=net\nTLD3=org\nTLDCount=3\nCommand=GETTLDLIST\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.tlds, ["com", "net", "org"]);
            assert_eq!(r.tld_count, 3);
        }

    name_spinner: domain().name_spinner(
        NameSpinnerRequest::new(sld(), tld(), "com,net".into())
            .with_max_results(SpinnerResultCount::new(10).unwrap())
            .with_use_numbers(TrueFalse::new(false))
    ), "NameSpinner",
        "Command=NAMESPINNER\nErrCount=0\nDone=True\n",
        |r| { assert_eq!(r.err_count, 0); }

    get_mail_hosts: dns().get_mail_hosts(GetMailHostsRequest::new(sld(), tld())), "GetMailHosts",
        "HostName1=mail.example.com\nRecordType1=MX\nAddress1=mx1.example.net\nMXPref1=10\n\
         HostName2=mail.example.com\nRecordType2=MX\nAddress2=mx2.example.net\nMXPref2=20\n\
         ServiceSelect=1054\nCommand=GETMAILHOSTS\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.addresses, ["mx1.example.net", "mx2.example.net"]);
            assert_eq!(r.mx_prefs, ["10", "20"]);
            assert_eq!(r.record_types.len(), 2);
            assert_eq!(r.service_select, 1054);
        }

    modify_ns_hosting: dns().modify_ns_hosting(
        ModifyNsHostingRequest::new(sld(), tld())
            .with_name_servers([name_server("ns1.example.net")])
    ), "ModifyNSHosting",
        "Command=MODIFYNSHOSTING\nErrCount=0\nDone=True\n",
        |r| { assert!(r.done.get()); }

    get_whois_contact: domain().get_whois_contact(GetWhoisContactRequest::new(sld(), tld())), "GetWhoisContact",
        "ContactType=Registrant\nRegistrantOrganization=Example Ltd\nRegistrantFName=Ada\n\
         RegistrantLName=Lovelace\nRegistrantAddress1=1 Main St\nRegistrantAddress2=\nRegistrantCity=London\n\
         RegistrantStateProvince=\nRegistrantPostalCode=N1 1AA\nRegistrantCountry=GB\n\
         RegistrantPhone=+44.2000000000\nRegistrantFax=\nRegistrantEmailAddress=ada@example.com\n\
         Whoisregistrar=eNom, LLC\nWhoisupdated-by=eNom, LLC\nWhoisstatus=Registered\n\
         Whoisupdated-date=2026-01-02\nWhoiscreated-date=2020-01-02\n\
         Whoisregistration-expiration-date=2027-01-02\nWhoiscreated-by=eNom, LLC\nErrCount=0\n",
        |r| {
            assert_eq!(r.contact_type, "Registrant");
            assert_eq!(r.registrant_email_address, "ada@example.com");
            assert_eq!(r.registrant_fax, "");
            assert_eq!(r.whoisregistration_expiration_date, "2027-01-02");
        }

    get_contacts: domain().get_contacts(GetContactsRequest::new(sld(), tld())), "GetContacts",
        "DomainName=example.com\nSLD=example\nTLD=com\nDomainNameID=152533676\n\
         AuxBilling=None\nTech=None\nCommand=GETCONTACTS\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.domain_name_id, 152533676);
            assert_eq!(r.tech.as_deref(), Some("None"));
            assert!(r.registrant.is_none());
        }

    validate_password: domain().validate_password(
        ValidatePasswordRequest::new(sld(), tld(), DomainPassword::new("s3cret-pass").unwrap())
    ), "ValidatePassword",
        "Command=VALIDATEPASSWORD\nErrCount=0\nDone=True\n",
        |r| { assert!(r.errors.is_empty()); }

    get_forwarding: dns().get_forwarding(
        GetForwardingRequest::new(sld(), tld()).with_get_default_only(ZeroOne::new(false))
    ), "GetForwarding",
        "UserName1=info\nForwardTo1=ada@example.net\nStatus1=0\nUserName2=sales\n\
         ForwardTo2=bob@example.net\nStatus2=1\nEmailCount=2\nMaxEmail=100\n\
         EmailForwarding=True\nHostRecords=True\nCommand=GETFORWARDING\nErrCount=0\n",
        |r| {
            assert_eq!(r.user_names, ["info", "sales"]);
            assert_eq!(r.forward_tos, ["ada@example.net", "bob@example.net"]);
            assert_eq!(r.statuses, ["0", "1"]);
            assert_eq!(r.max_email, 100);
            assert!(r.alias.is_none());
        }

    get_service_contact: account().get_service_contact(
        GetServiceContactRequest::new().with_service(ServiceName::new("PDQ").unwrap())
    ), "GetServiceContact",
        "Organization=Example Ltd\nAddress1=1 Main St\nAddress2=\nCity=Springfield\n\
         StateProvince=IL\nPostalCode=62701\nCountry=US\nPhone=+1.2175550100\nFax=\n\
         EmailAddress=help@example.com\nURL=https://www.example.com\nResellerKey=rk-9f8e7d\n\
         Command=GETSERVICECONTACT\nErrCount=0\n",
        |r| {
            assert_eq!(r.email_address, "help@example.com");
            assert_eq!(r.reseller_key.as_ref().map(|key| key.expose()), Some("rk-9f8e7d"));
            assert!(!format!("{r:?}").contains("rk-9f8e7d"));
        }

    get_sub_account_password: domain().get_sub_account_password(
        GetSubAccountPasswordRequest::new(sld(), tld())
    ), "GetSubAccountPassword",
        "Command=GETSUBACCOUNTPASSWORD\nErrCount=0\nDone=True\n",
        |r| { assert_eq!(r.command, "GETSUBACCOUNTPASSWORD"); }

    set_pop_forwarding: dns().set_pop_forwarding(
        SetPopForwardingRequest::new(
            sld(),
            tld(),
            MailboxName::new("info").unwrap(),
            MailDomain::new("example.com").unwrap(),
            ForwardingAddress::new("ada@example.net").unwrap(),
            ZeroOne::new(true),
        )
        .with_status_flags(DeliveryChoice::new("1").unwrap())
    ), "SetPOPForwarding",
        "Success=1\nCommand=SETPOPFORWARDING\nErrCount=0\n",
        |r| { assert!(r.success.get()); }

    set_dot_name_forwarding: dns().set_dot_name_forwarding(
        SetDotNameForwardingRequest::new(sld(), TopLevelDomain::new("name").unwrap(),
            DotNameForwardingAddress::new("ada@example.net").unwrap())
    ), "SetDotNameForwarding",
        "ForwardTo=ada@example.net\nCommand=SETDOTNAMEFORWARDING\nErrCount=0\nDone=True\n",
        |r| { assert_eq!(r.forward_to, "ada@example.net"); }

    tp_get_orders_by_domain: transfer().tp_get_orders_by_domain(TpGetOrdersByDomainRequest::new(sld(), tld())),
        "TP_GetOrdersByDomain",
        "OrderCount=2\nTransferOrderID1=445425\nLoginID1=resellid\nOrderDate1=1/5/2026\n\
         OrderStatus1=Canceled\nStatusID1=7\nTransferOrderID2=445500\nLoginID2=resellid\n\
         OrderDate2=2/4/2026\nOrderStatus2=Processing\nStatusID2=3\n\
         Command=TP_GETORDERSBYDOMAIN\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.order_count, 2);
            assert_eq!(r.transfer_order_ids, ["445425", "445500"]);
            assert_eq!(r.status_ids, ["7", "3"]);
            assert_eq!(r.order_statuses, ["Canceled", "Processing"]);
        }

    get_subaccounts_detail_list: account().get_subaccounts_detail_list(GetSubaccountsDetailListRequest::new()),
        "GetSubaccountsDetailList",
        "LoginID=retail-ada\nFName=Ada\nLName=Lovelace\nEMailAddress=ada@example.com\n\
         OrganizationName=Example Ltd\nURL=www.example.com\nJobTitle=Owner\nAddress1=1 Main St\n\
         Address2=\nCity=London\nStateProvince=\nPostalCode=N1 1AA\nCountry=GB\n\
         Phone=+44.2000000000\nFax=\nPhoneExt=\nReseller=0\nPassword=sub-secret-9\n\
         Command=GETSUBACCOUNTSDETAILLIST\nErrCount=0\n",
        |r| {
            assert_eq!(r.login_id.as_deref(), Some("retail-ada"));
            assert_eq!(r.e_mail_address.as_deref(), Some("ada@example.com"));
            assert!(r.reseller.is_some_and(|reseller| !reseller.get()));
            assert_eq!(r.password.as_ref().map(|p| p.expose()), Some("sub-secret-9"));
            assert!(!format!("{r:?}").contains("sub-secret-9"));
            assert!(r.done.is_none());
        }

    delete_subaccount: account().delete_subaccount(
        DeleteSubaccountRequest::new(SubAccountNumber::new("123-ab-4567").unwrap())
            .with_action(SubAccountDeleteStep::Delete)
    ), "DeleteSubaccount",
        "Action=Delete\nCommand=DELETESUBACCOUNT\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.action, "Delete");
            assert!(r.done.get());
        }

    update_renewal_settings: account().update_renewal_settings(
        UpdateRenewalSettingsRequest::new()
            .with_renewal_setting(RenewalNoticeChoice::new("1").unwrap())
            .with_renewal_bcc(ZeroOne::new(true))
            .with_url(RenewalSiteAddress::new("www.example.com").unwrap())
    ), "UpdateRenewalSettings",
        "AcceptTermsStatus=\nRenewalSetting=True\nCommand=UPDATERENEWALSETTINGS\nErrCount=0\n",
        |r| {
            assert_eq!(r.renewal_setting, "True");
            assert_eq!(r.accept_terms_status, "");
            assert!(r.done.is_none());
        }

    set_domain_sub_services: dns().set_domain_sub_services(
        SetDomainSubServicesRequest::new(sld(), tld()).with_activate_host_records(ZeroOne::new(false))
    ), "SetDomainSubServices",
        "Command=SETDOMAINSUBSERVICES\nErrCount=0\nDone=True\nEmailForwarding=1\nHostRecords=\n\
         SetDomainServices=True\n",
        |r| {
            assert!(r.email_forwarding.is_some_and(|on| on.get()));
            assert!(r.host_records.is_none());
            assert_eq!(r.set_domain_services, "True");
        }

    get_domain_srv_hosts: dns().get_domain_srv_hosts(GetDomainSrvHostsRequest::new(sld(), tld())),
        "GetDomainSRVHosts",
        "HostID=31415\nHostName=_sip\nProtocol=_tcp\nAddress=sip.example.com\nRecordType=SRV\n\
         MXPref=10\nWeight=5\nPriority=10\nPort=5060\nCommand=GETDOMAINSRVHOSTS\nErrCount=0\n",
        |r| {
            assert_eq!(r.host_id, Some(31415));
            assert_eq!(r.protocol.as_deref(), Some("_tcp"));
            assert_eq!(r.port.as_deref(), Some("5060"));
            assert_eq!(r.record_type.as_deref(), Some("SRV"));
        }

    set_spf_hosts: dns().set_spf_hosts(
        SetSpfHostsRequest::new(
            sld(),
            tld(),
            SpfHostName::new("@").unwrap(),
            SpfRecordType::Txt,
            SpfRecordText::new("v=spf1 mx -all").unwrap(),
        )
        .with_mx_pref(MxPreference::new(20).unwrap())
    ), "SetSPFHosts",
        "Command=SETSPFHOSTS\nErrCount=0\n",
        |r| {
            assert_eq!(r.command, "SETSPFHOSTS");
            assert!(r.done.is_none());
        }

    get_home_domain_list: domain().get_home_domain_list(
        GetHomeDomainListRequest::new()
            .with_start_position(ListStartPosition::new(26).unwrap())
            .with_order_by(HomeDomainOrder::RegStatus)
    ), "GetHomeDomainList",
        "ID=152533676\nName=example.com\nRegStatus=Registered\nCommand=GETHOMEDOMAINLIST\nErrCount=0\n",
        |r| {
            assert_eq!(r.id, Some(152533676));
            assert_eq!(r.name.as_deref(), Some("example.com"));
            assert_eq!(r.reg_status.as_deref(), Some("Registered"));
        }

    queue_get_order_detail: domain().queue_get_order_detail(
        QueueGetOrderDetailRequest::new(9876543)
            .with_portal_user_party_id(PortalUserPartyId::new("0f8fad5b-d9cb-469f-a165-70867728950e").unwrap())
    ), "Queue_GetOrderDetail",
        "OrderID=9876543\nOrderDate=2/4/2026\nPaidAmount=65.00\nDomainName=example.ninja\n\
         OrderType=Register\nExtTime=1\nOrderStatus=Queued\nRegistrationFee=15.00\n\
         ApplicationFee=50.00\nTotalFee=65.00\nRecordStart=1\nPagingSize=25\nNextRecord=0\n\
         TotalResults=1\nCommand=QUEUE_GETORDERDETAIL\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.order_id, 9876543);
            assert_eq!(r.domain_name.as_deref(), Some("example.ninja"));
            assert_eq!(r.total_fee.as_deref(), Some("65.00"));
            assert_eq!((r.paging_size, r.total_results), (25, 1));
        }

    tp_get_order_statuses: transfer().tp_get_order_statuses(
        TpGetOrderStatusesRequest::new().with_include_closed_orders(ZeroOne::new(true))
    ), "TP_GetOrderStatuses",
        "TransferOrderID=445425\nOrderDate=2/4/2026 10:21:07 AM\nOrderTypeID=1\n\
         OrderTypeDesc=Auto Verification\nStatusID=3\nStatusDesc=Order complete\n\
         Command=TP_GETORDERSTATUSES\nErrCount=0\nDone=True\n",
        |r| {
            assert_eq!(r.transfer_order_id, Some(445425));
            assert_eq!(r.status_id, Some(3));
            assert_eq!(r.status_desc.as_deref(), Some("Order complete"));
        }

    tp_get_order_review: transfer().tp_get_order_review(
        TpGetOrderReviewRequest::new(445425, TransferReviewKind::Transfer)
    ), "TP_GetOrderReview",
        "TransferOrderID=445425\nOrderType=Transfer\nTransferOrderDetailID=778899\nSLD=example\n\
         TLD=com\nPrice=8.95\nLock=1\nRenew=0\nDomainPassword=dp-secret-1\nUseContacts=1\n\
         AuthInfo=epp-key-2\nRRProcessor=Verisign\nTransferOrderDetailCount=1\nErrCount=0\n",
        |r| {
            assert_eq!(r.transfer_order_id, 445425);
            assert_eq!(r.transfer_order_detail_count, Some(1));
            assert_eq!(r.auth_info.as_ref().map(|key| key.expose()), Some("epp-key-2"));
            let shown = format!("{r:?}");
            assert!(!shown.contains("dp-secret-1") && !shown.contains("epp-key-2"), "{shown}");
        }
}

#[tokio::test]
async fn modify_ns_needs_either_use_dns_or_a_first_name_server() {
    // Nothing listens here: a request that breaks a rule never leaves.
    let unreachable = client("http://127.0.0.1:9");
    let Err(Error::Validation(error)) = unreachable
        .dns()
        .modify_ns(&ModifyNsRequest::new(sld(), tld()))
        .await
    else {
        panic!("expected a validation error");
    };
    assert_eq!(
        error.to_string(),
        "UseDNS: `UseDNS` is required when `NS1` is absent; \
         NS1: `NS1` is required when `UseDNS` is absent"
    );

    let server = TestServer::start(Canned::text("Command=MODIFYNS\nErrCount=0\n")).await;
    let request = ModifyNsRequest::new(sld(), tld()).with_use_dns(EnomDnsSwitch::Default);
    client(&server.url(""))
        .dns()
        .modify_ns(&request)
        .await
        .unwrap();
    assert!(
        server
            .single_request()
            .query_pairs()
            .contains(&("UseDNS".to_string(), "Default".to_string()))
    );
}

#[tokio::test]
async fn name_servers_go_out_numbered_in_order_and_at_most_twelve() {
    let server = TestServer::start(Canned::text("Command=MODIFYNS\nErrCount=0\n")).await;
    let names = ["ns1.example.net", "ns2.example.net", "ns3.example.net"];
    let request = ModifyNsRequest::new(sld(), tld()).with_name_servers(names.map(name_server));
    client(&server.url(""))
        .dns()
        .modify_ns(&request)
        .await
        .unwrap();
    let sent: Vec<(String, String)> = server
        .single_request()
        .query_pairs()
        .into_iter()
        .filter(|(key, _)| key.starts_with("NS"))
        .collect();
    let expected: Vec<(String, String)> = (1..)
        .zip(names)
        .map(|(n, name)| (format!("NS{n}"), name.to_string()))
        .collect();
    assert_eq!(sent, expected);

    let unreachable = client("http://127.0.0.1:9");
    let thirteen = (1..=13).map(|n| name_server(&format!("ns{n}.example.net")));
    let Err(Error::Validation(error)) = unreachable
        .dns()
        .modify_ns_hosting(&ModifyNsHostingRequest::new(sld(), tld()).with_name_servers(thirteen))
        .await
    else {
        panic!("expected a validation error");
    };
    assert_eq!(
        error.to_string(),
        "NS{n}: at most 12 values (`NS1` to `NS12`), got 13"
    );
    let Err(Error::Validation(error)) = unreachable
        .dns()
        .modify_ns_hosting(&ModifyNsHostingRequest::new(sld(), tld()))
        .await
    else {
        panic!("expected a validation error");
    };
    assert_eq!(
        error.to_string(),
        "NS{n}: at least one value (`NS1`) is required"
    );
}

#[test]
fn the_documented_sizes_are_enforced() {
    assert!(NameServerName::new("n".repeat(60)).is_ok());
    assert!(NameServerName::new("n".repeat(61)).is_err());
    assert!(RegistryNameServerName::new("n".repeat(84)).is_ok());
    assert!(RegistryNameServerName::new("n".repeat(85)).is_err());
    assert!(DomainPassword::new("12345").is_err());
    assert!(DomainPassword::new("123456").is_ok());
    assert!(DomainPassword::new("p".repeat(61)).is_err());
    assert!(DomainPassword::new("pässwort").is_err());
    assert!(Ipv4Address::new("192.0.2.1").is_ok());
    assert!(Ipv4Address::new("2001:db8::1").is_err());
    assert!(DnsZoneHost::new("h".repeat(94)).is_err());
    assert!(DomainPageSize::new(101).is_err());
    assert!(DaysAhead::new(10_000).is_err());
    assert!(DeliveryChoice::new("2").is_err());
    assert!(DeliveryChoice::new("").is_err());
    assert!(ForwardingAddress::new("not-an-address").is_err());
    assert!(SubAccountNumber::new("123-ab-4567").is_ok());
    assert!(SubAccountNumber::new("123-ab-45678").is_err());
    assert!(RenewalNoticeChoice::new("2").is_ok());
    assert!(RenewalNoticeChoice::new("3").is_err());
    assert!(RenewalSiteAddress::new("w".repeat(64)).is_err());
    assert!(SpfHostName::new("h".repeat(63)).is_ok());
    assert!(SpfHostName::new("h".repeat(64)).is_err());
    assert!(SpfRecordText::new("v".repeat(256)).is_err());
    assert!(MxPreference::new(99_999).is_ok());
    assert!(MxPreference::new(100_000).is_err());
    assert!(ListStartPosition::new(0).is_err());
    assert!(HomeDomainPageSize::new(0).is_err());
    assert!(HomeDomainPageSize::new(101).is_err());
    assert!(PortalUserPartyId::new("p".repeat(36)).is_ok());
    assert!(PortalUserPartyId::new("p".repeat(37)).is_err());
}

#[tokio::test]
async fn an_spf_record_goes_out_as_one_record_with_its_documented_names() {
    let server = TestServer::start(Canned::text("Command=SETSPFHOSTS\nErrCount=0\n")).await;
    let request = SetSpfHostsRequest::new(
        sld(),
        tld(),
        SpfHostName::new("mail").unwrap(),
        SpfRecordType::Txt,
        SpfRecordText::new("v=spf1 mx -all").unwrap(),
    )
    .with_host_id(4711);
    client(&server.url(""))
        .dns()
        .set_spf_hosts(&request)
        .await
        .unwrap();
    let query = server.single_request().query_pairs();
    for (key, value) in [
        ("HostID", "4711"),
        ("HostName", "mail"),
        ("RecordType", "txt"),
        ("Address", "v=spf1 mx -all"),
    ] {
        assert!(
            query.contains(&(key.to_string(), value.to_string())),
            "{key}={value} not in {query:?}"
        );
    }
}
