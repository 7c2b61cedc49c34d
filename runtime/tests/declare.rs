//! `section!`, `api_client!`, `api_errors!` and `api_error!` as generated
//! code uses them,
//! expanded outside the crate and called over loopback: async and blocking
//! forms, page walking, methods without parameters, descriptors given in
//! full, every credential shape and the token session.

use hostapi_runtime::{ClientConfig, Error, RawApiError, SessionConfig};
use hostapi_testkit::{BackgroundServer, Canned, Recorded, Reply};
use serde_json::{Value, json};

mod api {
    use hostapi_runtime::wire::*;

    pub static API: ApiDescriptor = ApiDescriptor {
        name: "declared",
        title: "Declared API",
        default_base_url: "https://api.invalid/v1",
        wire: Wire {
            http_method: HttpMethod::Post,
            method_name: MethodName::Path,
            params: ParamEncoding::Json {
                envelope: Some("params"),
            },
            basic_auth: Some(BasicAuth {
                username: "username",
                password: "password",
            }),
            credential_params: &[CredentialParam {
                wire_name: "key",
                credential: "api-key",
            }],
            auth_schemes: &[],
            response: ResponseFormat::Json,
            error: ErrorRule::FieldPresent {
                field: "error_class",
                message: Some("full_message"),
            },
        },
        session: Some(TokenSession {
            method: &zone::TOKEN,
            credential: "password",
            token_field: "token",
            expires_field: None,
            timeout_param: None,
            default_idle_secs: 900,
            max_idle_secs: 3600,
            max_lifetime_secs: 43_200,
        }),
        statuses: &[],
        servers: &[],
    };

    hostapi_runtime::api_client! {
        api API;
        /// Credentials: a plain user name, two secrets.
        pub struct Credentials {
            /// The user name.
            username: String,
            /// The password.
            password: Secret,
            /// A key whose runtime name is not a Rust name.
            api_key("api-key"): Secret,
        }
        /// The async client.
        pub struct Client;
        /// The blocking client.
        pub struct BlockingClient;
        /// Trades the password for a token.
        fn with_token_session;
        sections {
            /// The methods of `Zone`.
            zone: Zone, ZoneBlocking;
        }
    }

    pub mod zone {
        hostapi_runtime::section! {
            pub struct Zone, ZoneBlocking;
            section "Zone" errors super::ApiError;

            /// One zone.
            fn details(DetailsRequest) -> Value = DETAILS "details" { idempotent: true };
            /// Zones, a page at a time.
            fn list(ListRequest) -> Value = LIST "list",
                /// Every zone.
                pages list_all -> Value = ("page_num", "items", "page_total");
            /// Whether the API answers.
            fn ping() -> Value = PING "ping" { wire_name: "Utilities/ping" };
            /// A session token.
            fn token() -> Value = TOKEN "token" { returns_secrets: true };
        }

        use serde_json::Value;

        hostapi_runtime::record! {
            /// Parameters of `details`.
            pub struct DetailsRequest: send {
                required {
                    /// The zone.
                    id: i64,
                }
            }
        }

        hostapi_runtime::record! {
            /// Parameters of `list`.
            pub struct ListRequest: send {
                optional {
                    /// The first page.
                    page_num / with_page_num: i64,
                }
            }
        }

        pub fn descriptors() -> [&'static hostapi_runtime::wire::MethodDescriptor; 4] {
            [&DETAILS, &LIST, &PING, &TOKEN]
        }
    }

    hostapi_runtime::api_errors! {
        pub enum ApiError {
            /// `Input::Multiple`: several errors.
            InputMultiple(InputMultiple) = "Input::Multiple",
            /// `Zone::Busy…`: any class starting so; retryable.
            Busy [retryable] = prefix "Zone::Busy",
            /// `Zone::Missing`: no such zone.
            Missing = "Zone::Missing",
        }
    }

    hostapi_runtime::api_error! {
        /// `Input::Multiple`: several errors.
        pub struct InputMultiple {
            /// The nested errors.
            errors: Vec<ApiError> => nested(API.wire.error),
            /// The parameter concerned.
            field: Option<String>,
            /// A wire name that is a keyword.
            kind("type"): Option<i64>,
        }
    }
}

use api::zone::{DetailsRequest, ListRequest};
use api::{ApiError, BlockingClient, Client, Credentials};

fn credentials() -> Credentials {
    Credentials::new("user", "hunter2", String::from("key-123"))
}

fn config(server: &BackgroundServer) -> ClientConfig {
    ClientConfig::default().with_base_url(server.url("/v1"))
}

/// Pages of two items each, three pages; anything else is echoed.
fn pages_and_echo(_: usize, request: &Recorded) -> Reply {
    let body: Value = serde_json::from_str(&request.body_text()).unwrap_or(Value::Null);
    let reply = if request.path().ends_with("/list") {
        let page = body["params"]["page_num"].as_i64().unwrap_or(1);
        json!({"items": [page * 10, page * 10 + 1], "page_num": page, "page_total": 3})
    } else if request.path().ends_with("/token") {
        json!({"token": "tok"})
    } else {
        json!({"path": request.path(), "body": body})
    };
    Reply::Respond(Canned::json(200, reply.to_string()))
}

#[test]
fn descriptors_default_to_the_path_and_take_given_fields() {
    let [details, list, ping, token] = api::zone::descriptors();
    assert_eq!(details.wire_name, "Zone/details");
    assert!(details.idempotent && !details.returns_secrets);
    assert_eq!(
        (list.section, list.name, list.idempotent),
        ("Zone", "list", false)
    );
    assert_eq!((ping.name, ping.wire_name), ("ping", "Utilities/ping"));
    assert!(token.returns_secrets && token.series.is_empty());
}

#[tokio::test]
async fn async_methods_call_walk_pages_and_send_credentials() {
    let server = BackgroundServer::scripted(pages_and_echo);
    let client = Client::with_config(credentials(), config(&server)).expect("client");
    let echoed = client
        .zone()
        .details(&DetailsRequest::new(7))
        .await
        .expect("details");
    assert_eq!(echoed["path"], "/v1/Zone/details");
    assert_eq!(echoed["body"]["params"], json!({"key": "key-123", "id": 7}));
    let pinged = client.zone().ping().await.expect("ping");
    assert_eq!(pinged["path"], "/v1/Utilities/ping");
    assert_eq!(pinged["body"]["params"], json!({"key": "key-123"}));

    let mut items = Vec::new();
    let mut pages = client.zone().list_all(&ListRequest::new().with_page_num(2));
    while let Some(item) = pages.next().await {
        items.push(item.expect("item"));
    }
    assert_eq!(items, [json!(20), json!(21), json!(30), json!(31)]);

    let request = &server.requests()[0];
    let basic = request.header("authorization").expect("basic auth");
    assert!(basic.starts_with("Basic "));
    assert_eq!(client.runtime().api().name, "declared");
    let shown = format!("{client:?} {:?}", credentials());
    assert!(!shown.contains("hunter2") && !shown.contains("key-123"));
    assert!(format!("{:?}", credentials()).contains("user"));
}

#[test]
fn blocking_methods_mirror_the_async_ones() {
    let server = BackgroundServer::scripted(pages_and_echo);
    let client = BlockingClient::with_config(credentials(), config(&server)).expect("client");
    let echoed = client
        .zone()
        .details(&DetailsRequest::new(8))
        .expect("details");
    assert_eq!(echoed["body"]["params"]["id"], 8);
    assert_eq!(
        client.zone().ping().expect("ping")["path"],
        "/v1/Utilities/ping"
    );
    let items: Vec<Value> = client
        .zone()
        .list_all(&ListRequest::new())
        .collect::<Result<_, _>>()
        .expect("pages");
    assert_eq!(items.len(), 6);
    assert_eq!(server.requests().len(), 5);

    let shared = BlockingClient::from_async(Client::new(credentials()).expect("client"))
        .expect("blocking from async");
    assert_eq!(shared.runtime().as_async().api().name, "declared");
}

#[test]
fn token_sessions_are_declared_for_both_clients() {
    let server = BackgroundServer::scripted(pages_and_echo);
    let session = SessionConfig::default();
    let client = BlockingClient::with_token_session(credentials(), config(&server), session)
        .expect("client");
    assert!(client.runtime().as_async().has_token_session());
    client
        .zone()
        .details(&DetailsRequest::new(1))
        .expect("details");
    let paths: Vec<String> = server.requests().iter().map(|r| r.path().into()).collect();
    assert_eq!(paths, ["/v1/Zone/token", "/v1/Zone/details"]);

    let client =
        Client::with_token_session(credentials(), config(&server), SessionConfig::default())
            .expect("client");
    assert!(client.runtime().has_token_session());
}

#[tokio::test]
async fn errors_come_back_as_the_declared_type() {
    let server = BackgroundServer::scripted(|n, _| {
        let class = ["Zone::Missing", "Zone::Busy::Now", "Zone::Gone"][n % 3];
        Reply::Respond(Canned::json(200, format!(r#"{{"error_class":"{class}"}}"#)))
    });
    let client = Client::with_config(credentials(), config(&server)).expect("client");
    let missing = client.zone().ping().await.unwrap_err();
    assert!(
        matches!(missing, Error::Api(ApiError::Missing(ref raw)) if raw.class.as_deref() == Some("Zone::Missing"))
    );
    let Error::Api(busy) = client.zone().ping().await.unwrap_err() else {
        panic!("an API error");
    };
    assert!(matches!(busy, ApiError::Busy(_)) && busy.is_retryable());
    assert_eq!(busy.to_string(), busy.raw().to_string());
    let Error::Api(other) = client.zone().ping().await.unwrap_err() else {
        panic!("an API error");
    };
    assert!(matches!(other, ApiError::Other(_)) && !other.is_retryable());
    assert_eq!(other.raw().class.as_deref(), Some("Zone::Gone"));
}

#[test]
fn api_error_reads_each_declared_field() {
    let fields = json!({
        "field": "zone",
        "type": "3",
        "errors": [{"error_class": "Input::Missing"}, "bare message"],
    });
    let raw = RawApiError {
        class: Some("Input::Multiple".into()),
        message: Some("several".into()),
        fields: fields.as_object().cloned().expect("object"),
        details: Vec::new(),
        status: 200,
    };
    let error = api::InputMultiple::from_raw(raw);
    assert_eq!(error.field.as_deref(), Some("zone"));
    assert_eq!(error.kind, Some(3));
    let nested: Vec<_> = error.errors.iter().map(|e| e.raw().class.clone()).collect();
    assert_eq!(nested, [Some("Input::Missing".into()), None]);
    assert_eq!(
        error.errors[1].raw().message.as_deref(),
        Some("bare message")
    );
    assert_eq!(error.raw().class.as_deref(), Some("Input::Multiple"));
    assert_eq!(error.to_string(), error.raw().to_string());
}
