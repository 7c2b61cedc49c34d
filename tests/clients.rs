//! Every seed method called through the generated `hostapi` crate against a
//! server on 127.0.0.1: the request on the wire and the decoded response.

use hostapi::runtime::{ClientConfig, Error};
use hostapi_testkit::{Canned, TestServer};

const HASH_27: &str = "abcdefghijklmnopqrstuvwxyz0";

fn config(base: &str) -> ClientConfig {
    ClientConfig::default().with_base_url(base)
}

fn basic(user: &str, password: &str) -> String {
    use std::io::Write;
    let mut raw = Vec::new();
    write!(raw, "{user}:{password}").unwrap();
    format!("Basic {}", base64(&raw))
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
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

/// A server answering every request with `body`; returns its base URL too.
async fn serve_once(status: u16, content_type: &'static str, body: &str) -> (String, TestServer) {
    let server = TestServer::start(Canned::new(status, content_type, body)).await;
    (server.url(""), server)
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

mod liquidweb_bleed {
    use super::*;
    use hostapi::liquidweb_bleed::{
        ApiError, Client, Credentials, account_auth, account_chat_password, types,
    };
    use hostapi::runtime::{RetryPolicy, SessionConfig};
    use hostapi_testkit::Reply;

    fn client(base: &str) -> Client {
        Client::with_config(Credentials::new("alice", "s3cret-pw"), config(base)).unwrap()
    }

    #[tokio::test]
    async fn token_posts_params_envelope_with_basic_auth() {
        let (base, server) = serve_once(
            200,
            "application/json",
            r#"{"expires":"1700000000","token":"QUJD+/=="}"#,
        )
        .await;
        let request = account_auth::TokenRequest::new()
            .with_timeout(types::PositiveInt::new(3600).unwrap())
            .with_login_context(types::Hash::default().with("app", "hostapi"));
        let response = client(&base).account_auth().token(&request).await.unwrap();
        assert_eq!(response.expires.get(), 1_700_000_000);
        assert_eq!(response.token.expose().as_str(), "QUJD+/==");

        let seen = server.single_request();
        assert_eq!(seen.method, "POST");
        assert_eq!(seen.target, "/Account/Auth/token");
        assert_eq!(
            seen.header("authorization"),
            Some(basic("alice", "s3cret-pw").as_str())
        );
        assert_eq!(
            json(&seen.body_text()),
            serde_json::json!({"params": {"login_context": {"app": "hostapi"}, "timeout": 3600}})
        );
    }

    #[tokio::test]
    async fn methods_without_params_send_an_empty_envelope() {
        let (base, server) = serve_once(200, "application/json", r#"{"expired":1}"#).await;
        let response = client(&base).account_auth().expire_token().await.unwrap();
        assert!(response.expired.get());
        let seen = server.single_request();
        assert_eq!(seen.target, "/Account/Auth/expireToken");
        assert_eq!(json(&seen.body_text()), serde_json::json!({"params": {}}));
    }

    #[tokio::test]
    async fn issuejwt_and_claim_auth_hash() {
        let (base, server) = serve_once(
            200,
            "application/json",
            r#"{"jwt":"a.b.c","destination":"https://www.liquidweb.com/x"}"#,
        )
        .await;
        let request = account_auth::IssueJwtRequest::new()
            .with_uniq_id(types::SubaccntUniqId::new("2UPHPL").unwrap());
        let response = client(&base)
            .account_auth()
            .issue_jwt(&request)
            .await
            .unwrap();
        assert_eq!(response.jwt.expose().as_str(), "a.b.c");
        assert_eq!(
            response.destination.unwrap().as_str(),
            "https://www.liquidweb.com/x"
        );
        let seen = server.single_request();
        assert_eq!(seen.target, "/Account/Auth/issuejwt");
        assert_eq!(
            json(&seen.body_text()),
            json(include_str!(
                "fixtures/reference/request_params_envelope.json"
            ))
        );

        let (base, server) = serve_once(200, "application/json", r#"{"received":"1"}"#).await;
        let request =
            account_auth::ClaimAuthHashRequest::new(types::SingleUseHash::new(HASH_27).unwrap());
        assert!(
            client(&base)
                .account_auth()
                .claim_auth_hash(&request)
                .await
                .unwrap()
                .received
                .get()
        );
        let seen = server.single_request();
        assert_eq!(
            json(&seen.body_text()),
            serde_json::json!({"params": {"hash": HASH_27}})
        );
    }

    #[tokio::test]
    async fn chat_password_methods() {
        let chat = |base: String| async move {
            let c = client(&base);
            let hash = types::SingleUseHash::new("x".repeat(86)).unwrap();
            let passphrase = types::TextGeneral::new("line one\nline\ttwo").unwrap();
            // A secret parameter takes the secret as well as the plain value.
            let reset = account_chat_password::ExecuteResetRequest::new(
                hash.clone(),
                hostapi::runtime::Sensitive::new(passphrase),
            );
            c.account_chat_password()
                .execute_reset(&reset)
                .await
                .map(|r| r.ok.get())
        };
        let (base, server) = serve_once(200, "application/json", r#"{"ok":1}"#).await;
        assert!(chat(base).await.unwrap());
        let seen = server.single_request();
        assert_eq!(seen.target, "/Account/ChatPassword/executeReset");
        assert_eq!(
            json(&seen.body_text())["params"]["passphrase"],
            "line one\nline\ttwo"
        );

        let (base, _server) =
            serve_once(200, "application/json", r#"{"password":"hunter2"}"#).await;
        let got = client(&base).account_chat_password().get().await.unwrap();
        assert_eq!(got.password.unwrap().expose().as_str(), "hunter2");

        let (base, server) = serve_once(200, "application/json", r#"{}"#).await;
        let request = account_chat_password::SetRequest::new()
            .with_password(types::TextGeneral::new("").unwrap());
        let set = client(&base)
            .account_chat_password()
            .set(&request)
            .await
            .unwrap();
        assert!(set.password.is_none());
        assert_eq!(
            json(&server.single_request().body_text()),
            serde_json::json!({"params": {"password": ""}})
        );

        let (base, server) = serve_once(200, "application/json", r#"{"ok":0}"#).await;
        let request = account_chat_password::VisitResetRequest::new(
            types::SingleUseHash::new(HASH_27).unwrap(),
        );
        assert!(
            !client(&base)
                .account_chat_password()
                .visit_reset(&request)
                .await
                .unwrap()
                .ok
                .get()
        );
        assert_eq!(
            server.single_request().target,
            "/Account/ChatPassword/visitReset"
        );
    }

    #[tokio::test]
    async fn documented_error_classes_are_typed() {
        let body = include_str!("fixtures/reference/error_record_not_found_minimal.json");
        let (base, _server) = serve_once(200, "application/json", body).await;
        let error = client(&base)
            .account_auth()
            .expire_token()
            .await
            .unwrap_err();
        match error {
            Error::Api(hostapi::liquidweb_bleed::ApiError::RecordNotFound(e)) => {
                assert_eq!(e.field.as_deref(), Some("network_dns_zone"));
                assert_eq!(e.input, None);
                assert_eq!(e.raw().fields["field"], "network_dns_zone");
                assert_eq!(e.raw().message, None);
            }
            other => panic!("expected RecordNotFound, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn documented_fields_are_typed_leniently_and_kept_raw() {
        let body = r#"{"error_class":"LW::Exception::Input::OutOfBounds","full_message":"timeout out of bounds","field":"timeout","max":3600,"min":"1","value":[7200]}"#;
        let (base, _server) = serve_once(200, "application/json", body).await;
        let error = client(&base)
            .account_auth()
            .expire_token()
            .await
            .unwrap_err();
        let Error::Api(ApiError::InputOutOfBounds(e)) = &error else {
            panic!("expected InputOutOfBounds, got {error:?}")
        };
        assert_eq!(e.field.as_deref(), Some("timeout"));
        assert_eq!(e.max, Some(serde_json::json!(3600)));
        assert_eq!(e.min, Some(serde_json::json!("1")));
        assert_eq!(
            error.to_string(),
            "API error: LW::Exception::Input::OutOfBounds: timeout out of bounds"
        );

        // A field of the wrong shape is None, and still in the raw error.
        let body = r#"{"error_class":"LW::Exception::Authorization","username":{"odd":true}}"#;
        let (base, _server) = serve_once(401, "application/json", body).await;
        let error = client(&base)
            .account_auth()
            .expire_token()
            .await
            .unwrap_err();
        let Error::Api(ApiError::Authorization(e)) = &error else {
            panic!("expected Authorization, got {error:?}")
        };
        assert_eq!(e.username, None);
        assert_eq!(e.raw().fields["username"]["odd"], true);
        assert_eq!(e.raw().status, 401);
        // A number where a string is documented is read as its text.
        let body = r#"{"error_class":"LW::Exception::API::RateLimit","account":12345,"ip":"10.0.0.1","method":7}"#;
        let (base, _server) = serve_once(200, "application/json", body).await;
        let config = config(&base).with_retry(hostapi::runtime::RetryPolicy::none());
        let c = Client::with_config(Credentials::new("alice", "pw"), config).unwrap();
        let error = c.account_auth().expire_token().await.unwrap_err();
        let Error::Api(ApiError::ApiRateLimit(e)) = &error else {
            panic!("expected ApiRateLimit, got {error:?}")
        };
        assert_eq!(e.method.as_deref(), Some("7"));
        assert_eq!(e.ip.as_deref(), Some("10.0.0.1"));
        assert_eq!(e.account, Some(serde_json::json!(12345)));
        assert!(error.api_error().unwrap().is_retryable());
    }

    #[tokio::test]
    async fn input_multiple_carries_its_nested_errors_typed() {
        let body = r#"{
            "error_class": "LW::Exception::Input::Multiple",
            "full_message": "Multiple input errors",
            "errors": [
                {"error_class": "LW::Exception::Input::Required", "full_message": "hash is required", "field": "hash", "position": 0},
                {"error_class": "LW::Exception::Input::Validation", "field": "uniq_id", "type": "SUBACCNT_UNIQ_ID", "value": "abc"},
                {"error_class": "LW::Exception::Brand::New", "detail": 1},
                {"field": "no class at all"},
                "a bare message"
            ]
        }"#;
        let (base, _server) = serve_once(200, "application/json", body).await;
        let error = client(&base)
            .account_auth()
            .expire_token()
            .await
            .unwrap_err();
        let Error::Api(ApiError::InputMultiple(multiple)) = &error else {
            panic!("expected InputMultiple, got {error:?}")
        };
        assert_eq!(multiple.errors.len(), 5);
        let ApiError::InputRequired(required) = &multiple.errors[0] else {
            panic!("{:?}", multiple.errors[0])
        };
        assert_eq!(required.field.as_deref(), Some("hash"));
        assert_eq!(required.position, Some(serde_json::json!(0)));
        assert_eq!(required.raw().message.as_deref(), Some("hash is required"));
        let ApiError::InputValidation(validation) = &multiple.errors[1] else {
            panic!("{:?}", multiple.errors[1])
        };
        assert_eq!(validation.type_.as_deref(), Some("SUBACCNT_UNIQ_ID"));
        let ApiError::Other(unknown) = &multiple.errors[2] else {
            panic!("{:?}", multiple.errors[2])
        };
        assert_eq!(unknown.class.as_deref(), Some("LW::Exception::Brand::New"));
        assert_eq!(unknown.fields["detail"], 1);
        assert!(
            matches!(&multiple.errors[3], ApiError::Other(raw) if raw.class.is_none() && raw.fields["field"] == "no class at all")
        );
        assert!(
            matches!(&multiple.errors[4], ApiError::Other(raw) if raw.message.as_deref() == Some("a bare message"))
        );
    }

    #[tokio::test]
    async fn input_multiple_reads_field_as_one_name_or_a_list() {
        // Liquid Web sends `field` as a list when several inputs are at fault.
        let body = r#"{
            "error_class": "LW::Exception::Input::Multiple",
            "full_message": "Multiple input errors",
            "field": ["zone", "zone_id"],
            "type": {"unexpected": "shape"},
            "errors": []
        }"#;
        let (base, _server) = serve_once(200, "application/json", body).await;
        let error = client(&base)
            .account_auth()
            .expire_token()
            .await
            .unwrap_err();
        let Error::Api(ApiError::InputMultiple(multiple)) = &error else {
            panic!("expected InputMultiple, got {error:?}")
        };
        assert_eq!(
            multiple.field,
            Some(types::StringOrStringList::StringList(vec![
                "zone".to_owned(),
                "zone_id".to_owned()
            ]))
        );
        // A field that cannot be read as documented is None; the raw error
        // keeps every value as sent.
        assert_eq!(multiple.type_, None);
        let raw = multiple.raw();
        assert_eq!(raw.fields["field"], serde_json::json!(["zone", "zone_id"]));
        assert_eq!(raw.fields["type"]["unexpected"], "shape");
        assert_eq!(raw.message.as_deref(), Some("Multiple input errors"));

        let body = r#"{"error_class":"LW::Exception::Input::Multiple","field":"zone"}"#;
        let (base, _server) = serve_once(200, "application/json", body).await;
        let error = client(&base)
            .account_auth()
            .expire_token()
            .await
            .unwrap_err();
        let Error::Api(ApiError::InputMultiple(multiple)) = &error else {
            panic!("expected InputMultiple, got {error:?}")
        };
        assert_eq!(
            multiple.field,
            Some(types::StringOrStringList::String("zone".to_owned()))
        );
    }

    #[tokio::test]
    async fn undocumented_classes_are_kept_whole() {
        let body =
            r#"{"error_class":"LW::Exception::Brand::New","full_message":"new","extra":[1,2]}"#;
        let (base, _server) = serve_once(200, "application/json", body).await;
        let error = client(&base)
            .account_auth()
            .expire_token()
            .await
            .unwrap_err();
        let Error::Api(ApiError::Other(raw)) = &error else {
            panic!("expected Other, got {error:?}")
        };
        assert_eq!(raw.class.as_deref(), Some("LW::Exception::Brand::New"));
        assert_eq!(raw.fields["extra"], serde_json::json!([1, 2]));
    }

    #[tokio::test]
    async fn retryable_errors_repeat_idempotent_methods() {
        let server = TestServer::scripted(|n, _| {
            Reply::Respond(match n {
                0 => Canned::json(200, r#"{"error_class":"LW::Exception::API::Maintenance"}"#),
                1 => Canned::json(
                    200,
                    r#"{"error_class":"LW::Exception::API::RateLimit","ip":"127.0.0.1"}"#,
                ),
                _ => Canned::json(200, r#"{"password":"x"}"#),
            })
        })
        .await;
        let retry = RetryPolicy::default().with_base_delay(std::time::Duration::from_millis(5));
        let c = Client::with_config(
            Credentials::new("alice", "pw"),
            config(&server.url("")).with_retry(retry),
        )
        .unwrap();
        // `get` is marked idempotent in the spec.
        let got = c.account_chat_password().get().await.unwrap();
        assert_eq!(got.password.unwrap().expose().as_str(), "x");
        assert_eq!(server.request_count(), 3);

        // `set` is not: the first Maintenance error is final.
        let server = TestServer::start(Canned::json(
            200,
            r#"{"error_class":"LW::Exception::API::Maintenance"}"#,
        ))
        .await;
        let c = Client::with_config(
            Credentials::new("alice", "pw"),
            config(&server.url("")).with_retry(retry),
        )
        .unwrap();
        let error = c
            .account_chat_password()
            .set(&account_chat_password::SetRequest::new())
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::Api(ApiError::ApiMaintenance(_))),
            "{error:?}"
        );
        assert_eq!(server.request_count(), 1);
    }

    #[tokio::test]
    async fn token_sessions_through_the_generated_client() {
        let server = TestServer::scripted(|_, request| {
            Reply::Respond(if request.path() == "/Account/Auth/token" {
                Canned::json(200, r#"{"token":"dG9rZW4=","expires":4102444800}"#)
            } else {
                Canned::json(200, r#"{"ok":1}"#)
            })
        })
        .await;
        let session =
            SessionConfig::default().with_idle_timeout(std::time::Duration::from_secs(3600));
        let c = Client::with_token_session(
            Credentials::new("alice", "s3cret-pw"),
            config(&server.url("")),
            session,
        )
        .unwrap();
        let request = account_chat_password::VisitResetRequest::new(
            types::SingleUseHash::new(HASH_27).unwrap(),
        );
        for _ in 0..2 {
            assert!(
                c.account_chat_password()
                    .visit_reset(&request)
                    .await
                    .unwrap()
                    .ok
                    .get()
            );
        }
        let seen = server.requests();
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[0].path(), "/Account/Auth/token");
        assert_eq!(
            json(&seen[0].body_text()),
            serde_json::json!({"params": {"timeout": 3600}})
        );
        assert_eq!(
            seen[0].header("authorization"),
            Some(basic("alice", "s3cret-pw").as_str())
        );
        for later in &seen[1..] {
            assert_eq!(later.path(), "/Account/ChatPassword/visitReset");
            assert_eq!(
                later.header("authorization"),
                Some(basic("alice", "dG9rZW4=").as_str())
            );
        }
        let too_long =
            SessionConfig::default().with_idle_timeout(std::time::Duration::from_secs(3601));
        let error = Client::with_token_session(
            Credentials::new("a", "b"),
            config(&server.url("")),
            too_long,
        )
        .unwrap_err();
        assert!(
            error.to_string().contains("at most 3600 seconds"),
            "{error}"
        );
    }

    #[tokio::test]
    async fn invalid_requests_fail_before_sending_and_name_every_field() {
        let hash = types::SingleUseHash::new_unchecked("too short");
        let passphrase = types::TextGeneral::new_unchecked("bell\u{7}");
        let request = account_chat_password::ExecuteResetRequest::new(hash, passphrase);
        // No server: a request that reached the network would fail differently.
        let error = client("http://127.0.0.1:9")
            .account_chat_password()
            .execute_reset(&request)
            .await
            .unwrap_err();
        let Error::Validation(validation) = &error else {
            panic!("expected a validation error, got {error:?}")
        };
        let paths: Vec<&str> = validation
            .violations
            .iter()
            .map(|v| v.path.as_str())
            .collect();
        assert_eq!(paths, ["params.hash", "params.passphrase"]);
        let text = error.to_string();
        assert!(
            text.contains("expected 27 or 86 characters, got 9"),
            "{text}"
        );
        assert!(
            !text.contains("too short"),
            "secret values never appear: {text}"
        );
    }
}

mod liquidweb_v1 {
    use super::*;
    use hostapi::liquidweb_v1::{
        Client, Credentials, account_auth::TokenRequest, types::PositiveInt,
    };

    #[tokio::test]
    async fn token_and_expire_token() {
        let client =
            |base: &str| Client::with_config(Credentials::new("bob", "pw"), config(base)).unwrap();
        let (base, server) = serve_once(
            200,
            "application/json",
            r#"{"expires":1700000000,"token":"dG9rZW4="}"#,
        )
        .await;
        let request = TokenRequest::new().with_timeout(PositiveInt::new(900).unwrap());
        client(&base).account_auth().token(&request).await.unwrap();
        let seen = server.single_request();
        assert_eq!(seen.target, "/Account/Auth/token");
        assert_eq!(
            json(&seen.body_text()),
            serde_json::json!({"params": {"timeout": 900}})
        );

        let (base, _server) = serve_once(200, "application/json", r#"{"expired":"0"}"#).await;
        assert!(
            !client(&base)
                .account_auth()
                .expire_token()
                .await
                .unwrap()
                .expired
                .get()
        );
    }
}

mod enom {
    use super::*;
    use hostapi::enom::{
        Client, Credentials, account::SetAccountPasswordRequest, types::ResponseType,
    };

    const TEXT_OK: &str = ";URL Interface\r\n;Machine is SJL0VWRESELL_T\r\nCommand=SETACCOUNTPASSWORD\r\nSuccess=True\r\nErrCount=0\r\nDone=true\r\n";

    #[tokio::test]
    async fn violation_paths_are_bare_query_parameter_names() {
        let client =
            Client::with_config(Credentials::new("u", "p"), config("http://127.0.0.1:9")).unwrap();
        let request = SetAccountPasswordRequest::new("t", "p")
            .with_response_type(ResponseType::Unknown("JSON".to_owned()));
        let error = client
            .account()
            .set_account_password(&request)
            .await
            .unwrap_err();
        let Error::Validation(validation) = &error else {
            panic!("expected a validation error, got {error:?}")
        };
        let paths: Vec<&str> = validation
            .violations
            .iter()
            .map(|v| v.path.as_str())
            .collect();
        assert_eq!(paths, ["ResponseType"], "{error}");
    }

    #[tokio::test]
    async fn set_account_password_is_a_get_with_command_first() {
        let (base, server) = serve_once(200, "text/plain", TEXT_OK).await;
        let client =
            Client::with_config(Credentials::new("resellid", "resellpw"), config(&base)).unwrap();
        let request = SetAccountPasswordRequest::new("tok-123", "N3w&Pass word")
            .with_response_type(ResponseType::Text);
        let response = client
            .account()
            .set_account_password(&request)
            .await
            .unwrap();
        assert!(response.success.get());
        assert!(response.done.get());
        assert_eq!(response.err_count, 0);
        assert!(response.errors.is_empty());

        let seen = server.single_request();
        assert_eq!(seen.method, "GET");
        assert_eq!(
            seen.query_pairs(),
            [
                ("command", "SetAccountPassword"),
                ("uid", "resellid"),
                ("pw", "resellpw"),
                ("Token", "tok-123"),
                ("Password", "N3w&Pass word"),
                ("ResponseType", "Text"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
    }

    #[tokio::test]
    async fn err_count_above_zero_is_an_api_error_with_every_message() {
        let body = "ErrCount=2\nErr1=Token expired\nErr2=Password too weak\nResponseNumber1=123456\nResponseString1=Expired\nDone=true\n";
        let (base, _server) = serve_once(200, "text/plain", body).await;
        let client = Client::with_config(Credentials::new("u", "p"), config(&base)).unwrap();
        let request = SetAccountPasswordRequest::new("t", "p");
        let error = client
            .account()
            .set_account_password(&request)
            .await
            .unwrap_err();
        let Error::Api(api) = error else {
            panic!("expected an API error, got {error:?}")
        };
        let messages: Vec<&str> = api
            .raw()
            .details
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages, ["Token expired", "Password too weak"]);
        assert_eq!(api.raw().details[0].number.as_deref(), Some("123456"));
    }
}

mod sivehost {
    use super::*;
    use hostapi::sivehost::{Client, Credentials, hosting::PasswdUpdRequest, types};

    fn client(base: &str) -> Client {
        let credentials = Credentials::new("Ikhaka", "basic-pw", "KEY123", "SECRET456");
        Client::with_config(credentials, config(base)).unwrap()
    }

    #[tokio::test]
    async fn passwd_upd_posts_a_form_with_action_first() {
        let (base, server) = serve_once(
            200,
            "application/json",
            "{\"result\":\"success\",\n\"message\":\"OK\"\n}",
        )
        .await;
        let request = PasswdUpdRequest::new(
            "2639".into(),
            types::ControlPanelPassword::new("MyHard2Cr@ckPasswd").unwrap(),
        )
        .with_debug(types::DebugFlag::new(true));
        let response = client(&base).hosting().passwd_upd(&request).await.unwrap();
        assert_eq!(response.result, types::Outcome::Success);
        assert_eq!(response.message, "OK");

        let seen = server.single_request();
        assert_eq!(seen.method, "POST");
        assert_eq!(
            seen.header("authorization"),
            Some(basic("Ikhaka", "basic-pw").as_str())
        );
        assert_eq!(
            seen.form_pairs(),
            [
                ("action", "passwdUpd"),
                ("api_key", "KEY123"),
                ("api_secret", "SECRET456"),
                ("serviceid", "2639"),
                ("pass", "MyHard2Cr@ckPasswd"),
                ("debug", "1"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
    }

    #[tokio::test]
    async fn violation_paths_are_bare_form_field_names() {
        let request = PasswdUpdRequest::new(
            "1".into(),
            types::ControlPanelPassword::new_unchecked("short"),
        );
        let error = client("http://127.0.0.1:9")
            .hosting()
            .passwd_upd(&request)
            .await
            .unwrap_err();
        let Error::Validation(validation) = &error else {
            panic!("expected a validation error, got {error:?}")
        };
        assert_eq!(validation.violations[0].path, "pass", "{error}");
    }

    #[test]
    fn password_rule_is_greater_than_eight_characters() {
        assert!(types::ControlPanelPassword::new("12345678").is_err());
        assert!(types::ControlPanelPassword::new("123456789").is_ok());
    }
}

#[test]
fn debug_output_never_shows_secrets() {
    let client = hostapi::sivehost::Client::new(hostapi::sivehost::Credentials::new(
        "user",
        "PW-secret",
        "KEY-secret",
        "API-secret",
    ))
    .unwrap();
    let request =
        hostapi::enom::account::SetAccountPasswordRequest::new("TOKEN-secret", "PASS-secret");
    // A token field is secret although its type, Base64, is not.
    let response: hostapi::liquidweb_bleed::account_auth::TokenResponse =
        serde_json::from_str(r#"{"token": "QUJD", "expires": 1700000000}"#).unwrap();
    let text = format!("{client:?} {request:?} {response:?}");
    for secret in [
        "PW-secret",
        "KEY-secret",
        "API-secret",
        "TOKEN-secret",
        "PASS-secret",
        "QUJD",
    ] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}

#[test]
fn secret_members_take_the_plain_value_or_the_secret() {
    use hostapi::liquidweb_bleed::{account_chat_password::SetRequest, types::TextGeneral};
    use hostapi::runtime::{Secret, Sensitive};
    let password = TextGeneral::new("hunter2").unwrap();
    let plain = SetRequest::new().with_password(password.clone());
    let wrapped = SetRequest::new().with_password(Sensitive::new(password));
    assert_eq!(plain, wrapped);
    assert_eq!(
        serde_json::to_value(&plain).unwrap(),
        serde_json::json!({"password": "hunter2"})
    );

    use hostapi::enom::account::SetAccountPasswordRequest;
    let from_str = SetAccountPasswordRequest::new("tok", String::from("pw"));
    let from_secret = SetAccountPasswordRequest::new(Secret::new("tok"), Secret::new("pw"));
    assert_eq!(from_str, from_secret);
    assert_eq!(from_str.password.expose(), "pw");
}
