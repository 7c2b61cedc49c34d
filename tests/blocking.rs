//! The generated `BlockingClient`s (feature `blocking`): the same requests on
//! the wire as the async clients, typed responses and errors, and token
//! sessions, with no async runtime in the caller.

use hostapi::runtime::{ClientConfig, Error, SessionConfig};
use hostapi::{enom, liquidweb_bleed as lw, sivehost};
use hostapi_testkit::{BackgroundServer, Canned, Reply};

fn config(base: &str) -> ClientConfig {
    ClientConfig::default().with_base_url(base)
}

#[test]
fn liquidweb_blocking_calls_and_session() {
    let server = BackgroundServer::scripted(|_, request| {
        Reply::Respond(match request.path() {
            "/Account/Auth/token" => Canned::json(200, r#"{"token":"dG9r","expires":4102444800}"#),
            "/Account/ChatPassword/get" => Canned::json(200, r#"{"password":"pw"}"#),
            _ => Canned::json(
                200,
                r#"{"error_class":"LW::Exception::RecordNotFound","field":"x"}"#,
            ),
        })
    });
    let client = lw::BlockingClient::with_token_session(
        lw::Credentials::new("alice", "secret"),
        config(&server.url("")),
        SessionConfig::default(),
    )
    .unwrap();
    let got = client.account_chat_password().get().unwrap();
    assert_eq!(got.password.unwrap().expose().as_str(), "pw");
    let error = client.account_auth().expire_token().unwrap_err();
    let Error::Api(lw::ApiError::RecordNotFound(e)) = &error else {
        panic!("expected RecordNotFound, got {error:?}")
    };
    assert_eq!(e.field.as_deref(), Some("x"));
    let paths: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "/Account/Auth/token",
            "/Account/ChatPassword/get",
            "/Account/Auth/expireToken"
        ]
    );
    assert_eq!(server.requests()[1].body_text(), r#"{"params":{}}"#);

    // A blocking client made from an async one shares its configuration.
    let async_client =
        lw::Client::with_config(lw::Credentials::new("a", "b"), config(&server.url(""))).unwrap();
    let blocking = lw::BlockingClient::from_async(async_client).unwrap();
    assert_eq!(blocking.runtime().as_async().base_url(), server.url(""));
}

#[test]
fn enom_and_sivehost_blocking_calls() {
    let server = BackgroundServer::scripted(|_, _| {
        Reply::Respond(Canned::text(
            "Command=SETACCOUNTPASSWORD\nSuccess=True\nErrCount=0\nDone=true\n",
        ))
    });
    let client = enom::BlockingClient::with_config(
        enom::Credentials::new("resellid", "pw"),
        config(&server.url("/interface.asp")),
    )
    .unwrap();
    let request = enom::account::SetAccountPasswordRequest::new("tok", "new");
    let response = client.account().set_account_password(&request).unwrap();
    assert!(response.success.get());
    let seen = &server.requests()[0];
    assert_eq!(seen.method, "GET");
    assert_eq!(
        seen.query_pairs()[0],
        ("command".to_owned(), "SetAccountPassword".to_owned())
    );

    let server = BackgroundServer::scripted(|_, _| {
        Reply::Respond(Canned::json(
            200,
            r#"{"result":"error","message":"user does not exist."}"#,
        ))
    });
    let client = sivehost::BlockingClient::with_config(
        sivehost::Credentials::new("u", "p", "k", "s"),
        config(&server.url("")),
    )
    .unwrap();
    let request = sivehost::hosting::PasswdUpdRequest::new(
        "1".into(),
        sivehost::types::ControlPanelPassword::new("123456789").unwrap(),
    );
    let error = client.hosting().passwd_upd(&request).unwrap_err();
    assert!(
        matches!(error, Error::Api(sivehost::ApiError::UserDoesNotExist(_))),
        "{error:?}"
    );
}

#[test]
fn blocking_clients_read_responses_like_async_ones() {
    let server = BackgroundServer::scripted(|_, _| {
        Reply::Respond(Canned::json(200, r#"{"token":"dG9r","expires":-1}"#))
    });
    let request = lw::account_auth::TokenRequest::new();
    let tolerant =
        lw::BlockingClient::with_config(lw::Credentials::new("a", "b"), config(&server.url("")))
            .unwrap();
    let token = tolerant.account_auth().token(&request).unwrap();
    assert_eq!(token.expires.get(), -1);
    assert_eq!(token.violations().len(), 1);
    assert_eq!(token.violations()[0].path, "expires");
    assert_eq!(token.violations()[0].violation.rule, "min");

    let strict = lw::BlockingClient::with_config(
        lw::Credentials::new("a", "b"),
        config(&server.url("")).with_strict_responses(true),
    )
    .unwrap();
    let error = strict.account_auth().token(&request).unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

fn record_page(page: u64, total: u64, ids: &[u64]) -> String {
    let items: Vec<serde_json::Value> = ids
        .iter()
        .map(|id| serde_json::json!({"id": id, "name": "www", "rdata": "1.2.3.4", "type": "A", "zone_id": 7}))
        .collect();
    serde_json::json!({
        "item_count": ids.len(), "item_total": 5, "items": items,
        "page_num": page, "page_size": 2, "page_total": total,
    })
    .to_string()
}

#[test]
fn blocking_list_all_iterates_every_page_lazily() {
    use hostapi::liquidweb_v1::{self as v1, network_dns_record::ListRequest, types::PositiveInt};
    let pages = [
        record_page(1, 3, &[1, 2]),
        record_page(2, 3, &[3, 4]),
        record_page(3, 3, &[5]),
    ];
    let server = BackgroundServer::scripted(move |n, _| {
        Reply::Respond(Canned::json(200, pages[n.min(2)].clone()))
    });
    let client =
        v1::BlockingClient::with_config(v1::Credentials::new("a", "b"), config(&server.url("")))
            .unwrap();
    let request = ListRequest::new()
        .with_zone_id(PositiveInt::new(7).unwrap())
        .with_page_size(PositiveInt::new(2).unwrap());
    let mut records = client.network_dns_record().list_all(&request);
    assert_eq!(
        server.requests().len(),
        0,
        "nothing is fetched before the first item"
    );
    let first = records.next().unwrap().unwrap();
    assert_eq!(first.id.get(), 1);
    assert_eq!(server.requests().len(), 1);
    let rest: Vec<i64> = records.map(|r| r.unwrap().id.get()).collect();
    assert_eq!(rest, [2, 3, 4, 5]);
    let page_numbers: Vec<serde_json::Value> = server
        .requests()
        .iter()
        .map(|r| {
            serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["params"]["page_num"]
                .clone()
        })
        .collect();
    assert_eq!(page_numbers, [1, 2, 3]);
}

#[test]
fn blocking_list_all_ends_after_yielding_an_error() {
    use hostapi::liquidweb_v1::{self as v1, network_dns_record::ListRequest, types::PositiveInt};
    // Validation fails before any call: one error, then the end.
    let client = v1::BlockingClient::with_config(
        v1::Credentials::new("a", "b"),
        config("http://127.0.0.1:9"),
    )
    .unwrap();
    let mut records = client.network_dns_record().list_all(&ListRequest::new());
    assert!(matches!(records.next(), Some(Err(Error::Validation(_)))));
    assert!(records.next().is_none());

    // An API error on page 2 ends the iterator after page 1's items.
    let page_one = record_page(1, 3, &[1]);
    let server = BackgroundServer::scripted(move |n, _| {
        Reply::Respond(if n == 0 {
            Canned::json(200, page_one.clone())
        } else {
            Canned::json(200, r#"{"error_class":"LW::Exception::RecordNotFound"}"#)
        })
    });
    let client =
        v1::BlockingClient::with_config(v1::Credentials::new("a", "b"), config(&server.url("")))
            .unwrap();
    let request = ListRequest::new().with_zone_id(PositiveInt::new(7).unwrap());
    let results: Vec<_> = client.network_dns_record().list_all(&request).collect();
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results[0].is_ok());
    assert!(
        matches!(results[1], Err(Error::Api(v1::ApiError::RecordNotFound(_)))),
        "{:?}",
        results[1]
    );
    assert_eq!(server.requests().len(), 2);
}
