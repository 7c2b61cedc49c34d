//! No secret reaches `Debug`, `Display` or a log line: every client,
//! credential set, request, response, error and captured trace that could
//! hold one is formatted and searched for the secret values (plain, as sent
//! in HTTP Basic authentication, and percent-encoded).

use std::time::Duration;

use hostapi::runtime::{ClientConfig, RetryPolicy, SessionConfig};
use hostapi::{enom, liquidweb_bleed as lw, sivehost};
use hostapi_testkit::capture::Capture;
use hostapi_testkit::{Canned, Reply, TestServer, refused_url};

const LW_PASSWORD: &str = "LWpassSECRET1";
const LW_TOKEN: &str = "VE9LRU5TRUNSRVQy";
const LW_JWT: &str = "jwtSECRET3.payload.sig";
const LW_CHAT: &str = "chatSECRET4";
const LW_HASH: &str = "hashSECRET5abcdefghijklmnop";
const ENOM_PW: &str = "enomPwSECRET6";
const ENOM_TOKEN: &str = "enomTokenSECRET7";
const ENOM_NEW: &str = "enomNewSECRET8";
const SIVE_PW: &str = "sivePwSECRET9";
const SIVE_KEY: &str = "siveKeySECRET10";
const SIVE_SECRET: &str = "siveApiSECRET11";
const SIVE_PASS: &str = "siveCpSECRET12";

const SECRETS: &[&str] = &[
    LW_PASSWORD,
    LW_TOKEN,
    LW_JWT,
    LW_CHAT,
    LW_HASH,
    ENOM_PW,
    ENOM_TOKEN,
    ENOM_NEW,
    SIVE_PW,
    SIVE_KEY,
    SIVE_SECRET,
    SIVE_PASS,
];

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

/// Every form a secret could take in output.
fn forbidden() -> Vec<String> {
    let mut all: Vec<String> = SECRETS.iter().map(|s| s.to_string()).collect();
    for (user, password) in [
        ("lwuser", LW_PASSWORD),
        ("lwuser", LW_TOKEN),
        ("siveuser", SIVE_PW),
    ] {
        all.push(base64(format!("{user}:{password}").as_bytes()));
    }
    all
}

fn assert_clean(what: &str, text: &str) {
    for secret in forbidden() {
        assert!(!text.contains(&secret), "{what} shows {secret}:\n{text}");
    }
}

/// Debug, pretty Debug and (where there is one) Display.
macro_rules! shown {
    ($value:expr) => {
        format!("{:?}\n{:#?}", $value, $value)
    };
    ($value:expr, display) => {
        format!("{:?}\n{:#?}\n{}", $value, $value, $value)
    };
}

fn config(base: &str) -> ClientConfig {
    ClientConfig::default()
        .with_base_url(base)
        .with_retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
}

/// A Liquid Web server: tokens, secrets in responses, and errors.
async fn liquidweb_server() -> TestServer {
    TestServer::scripted(|_, request| {
        let path = request.path().to_owned();
        Reply::Respond(match path.as_str() {
            "/Account/Auth/token" => Canned::json(
                200,
                format!(r#"{{"token":"{LW_TOKEN}","expires":4102444800}}"#),
            ),
            "/Account/Auth/issuejwt" => Canned::json(200, format!(r#"{{"jwt":"{LW_JWT}"}}"#)),
            "/Account/ChatPassword/get" => {
                Canned::json(200, format!(r#"{{"password":"{LW_CHAT}"}}"#))
            }
            // A token response that fails to decode, and a proxy error that
            // echoes one: the bodies hold secrets.
            "/Account/ChatPassword/set" => {
                Canned::json(502, format!(r#"{{"password":"{LW_CHAT}"}}"#))
            }
            _ => Canned::json(
                200,
                r#"{"error_class":"LW::Exception::Authorization","full_message":"Authorization failed","username":"lwuser"}"#,
            ),
        })
    })
    .await
}

#[tokio::test]
async fn nothing_formatted_or_logged_shows_a_secret() {
    let capture = Capture::new();
    let _guard = capture.install();
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut add = |what: &str, text: String| texts.push((what.to_owned(), text));

    // ------------------------------------------------------ Liquid Web
    let server = liquidweb_server().await;
    let credentials = lw::Credentials::new("lwuser", LW_PASSWORD);
    add("lw credentials", shown!(credentials));
    let client = lw::Client::with_config(credentials.clone(), config(&server.url(""))).unwrap();
    add("lw client", shown!(client));
    let session = lw::Client::with_token_session(
        credentials.clone(),
        config(&server.url("")),
        SessionConfig::default(),
    )
    .unwrap();

    let token = client
        .account_auth()
        .token(&lw::account_auth::TokenRequest::new())
        .await
        .unwrap();
    assert_eq!(token.token.expose().as_str(), LW_TOKEN);
    add("token response", shown!(token));
    let jwt = client
        .account_auth()
        .issue_jwt(&lw::account_auth::IssueJwtRequest::new())
        .await
        .unwrap();
    add("jwt response", shown!(jwt));
    let chat = session.account_chat_password().get().await.unwrap();
    assert_eq!(chat.password.as_ref().unwrap().expose().as_str(), LW_CHAT);
    add("chat response", shown!(chat));
    add("session client after use", shown!(session));

    let hash = lw::types::SingleUseHash::new(LW_HASH).unwrap();
    let reset = lw::account_chat_password::ExecuteResetRequest::new(
        hash.clone(),
        lw::types::TextGeneral::new(LW_CHAT).unwrap(),
    );
    add("execute reset request", shown!(reset));
    add(
        "claim request",
        shown!(lw::account_auth::ClaimAuthHashRequest::new(hash.clone())),
    );
    let set = lw::account_chat_password::SetRequest::new()
        .with_password(lw::types::TextGeneral::new(LW_CHAT).unwrap());
    add("set request", shown!(set));
    // A status error whose body holds the secret.
    let error = session.account_chat_password().set(&set).await.unwrap_err();
    assert!(
        matches!(error, hostapi::runtime::Error::Status { status: 502, .. }),
        "{error:?}"
    );
    add("status error", shown!(error, display));
    // An API error.
    let error = client
        .account_chat_password()
        .execute_reset(&reset)
        .await
        .unwrap_err();
    add("api error", shown!(error, display));
    // A validation error on secret fields.
    let bad = lw::account_chat_password::ExecuteResetRequest::new(
        lw::types::SingleUseHash::new_unchecked(format!("{LW_HASH}x")),
        lw::types::TextGeneral::new_unchecked(format!("{LW_CHAT}\u{7}")),
    );
    let error = client
        .account_chat_password()
        .execute_reset(&bad)
        .await
        .unwrap_err();
    assert!(matches!(error, hostapi::runtime::Error::Validation(_)));
    add("validation error", shown!(error, display));
    add(
        "constraint error",
        shown!(
            lw::types::SingleUseHash::new(format!("{LW_HASH}x")).unwrap_err(),
            display
        ),
    );
    // A decode failure of a response that holds a secret.
    let decode_server =
        TestServer::start(Canned::json(200, format!(r#"{{"token":"{LW_TOKEN}"}}"#))).await;
    let c = lw::Client::with_config(credentials.clone(), config(&decode_server.url(""))).unwrap();
    let error = c
        .account_auth()
        .token(&lw::account_auth::TokenRequest::new())
        .await
        .unwrap_err();
    assert!(
        matches!(error, hostapi::runtime::Error::Decode(_)),
        "{error:?}"
    );
    add("decode error", shown!(error, display));

    // ------------------------------------------------------ eNom
    let enom_credentials = enom::Credentials::new("resellid", ENOM_PW);
    add("enom credentials", shown!(enom_credentials));
    let request = enom::account::SetAccountPasswordRequest::new(ENOM_TOKEN, ENOM_NEW);
    add("enom request", shown!(request));
    // Credentials travel in the query string: a transport error must not
    // show the URL.
    let c = enom::Client::with_config(
        enom_credentials.clone(),
        config(&refused_url("/interface.asp")),
    )
    .unwrap();
    add("enom client", shown!(c));
    let error = c
        .account()
        .set_account_password(&request)
        .await
        .unwrap_err();
    assert!(
        matches!(error, hostapi::runtime::Error::Transport(_)),
        "{error:?}"
    );
    add("enom transport error", shown!(error, display));
    let enom_server = TestServer::start(Canned::text(
        "ErrCount=1\nErr1=Token is invalid or has expired\nResponseNumber1=304155\nDone=true\n",
    ))
    .await;
    let c = enom::Client::with_config(enom_credentials, config(&enom_server.url("/interface.asp")))
        .unwrap();
    let error = c
        .account()
        .set_account_password(&request)
        .await
        .unwrap_err();
    add("enom api error", shown!(error, display));

    // ------------------------------------------------------ Sive.Host
    let sive_credentials = sivehost::Credentials::new("siveuser", SIVE_PW, SIVE_KEY, SIVE_SECRET);
    add("sive credentials", shown!(sive_credentials));
    let sive_server = TestServer::start(Canned::json(
        200,
        r#"{"result":"error","message":"Invalid API Key or secret."}"#,
    ))
    .await;
    let c = sivehost::Client::with_config(sive_credentials, config(&sive_server.url(""))).unwrap();
    add("sive client", shown!(c));
    let request = sivehost::hosting::PasswdUpdRequest::new(
        "2639".into(),
        sivehost::types::ControlPanelPassword::new(SIVE_PASS).unwrap(),
    );
    add("sive request", shown!(request));
    let error = c.hosting().passwd_upd(&request).await.unwrap_err();
    add("sive api error", shown!(error, display));

    // The secrets did go out on the wire, so the searches above mean something.
    let wire: String = [&server, &enom_server, &sive_server]
        .iter()
        .flat_map(|s| s.requests())
        .map(|r| r.raw_text())
        .collect();
    for secret in [LW_HASH, ENOM_PW, ENOM_TOKEN, SIVE_KEY, SIVE_PASS] {
        assert!(wire.contains(secret), "{secret} was sent");
    }
    assert!(wire.contains(&base64(format!("lwuser:{LW_TOKEN}").as_bytes())));

    for (what, text) in &texts {
        assert_clean(what, text);
    }
    let log = capture.text();
    assert!(
        log.contains("span hostapi.call{api=liquidweb_bleed"),
        "{log}"
    );
    assert!(log.contains("span hostapi.session{"), "{log}");
    assert!(log.contains("outcome=api"), "{log}");
    assert_clean("the captured trace", &log);
}
