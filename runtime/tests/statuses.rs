//! `wire.statuses` over loopback: each status a spec maps is read into its
//! documented error with the body's fields, a status it maps to success is
//! one, an unmapped status keeps status and body (redacted when the method
//! returns a secret), and a 204 is a response without fields.

use hostapi_runtime::wire::*;
use hostapi_runtime::{Client, ClientConfig, Credentials, Error};
use hostapi_testkit::{BackgroundServer, Canned, Reply};
use serde_json::Value;

static JSON_API: ApiDescriptor = ApiDescriptor {
    name: "statuses",
    title: "Statuses",
    default_base_url: "https://api.invalid/v1",
    wire: Wire {
        http_method: HttpMethod::Post,
        method_name: MethodName::Path,
        params: ParamEncoding::Json { envelope: None },
        basic_auth: None,
        credential_params: &[],
        auth_schemes: &[],
        response: ResponseFormat::Json,
        error: ErrorRule::FieldPresent {
            field: "error_class",
            message: Some("message"),
        },
    },
    session: None,
    statuses: &[
        StatusRule {
            status: StatusMatch::Code(404),
            outcome: StatusOutcome::Error("NotFound"),
        },
        StatusRule {
            status: StatusMatch::Class(4),
            outcome: StatusOutcome::Error("Refused"),
        },
        StatusRule {
            status: StatusMatch::Class(5),
            outcome: StatusOutcome::Error("Unavailable"),
        },
        StatusRule {
            status: StatusMatch::Code(409),
            outcome: StatusOutcome::Success,
        },
    ],
    servers: &[],
};

/// The same API answering in key=value text, with `default` for the rest.
static TEXT_API: ApiDescriptor = ApiDescriptor {
    wire: Wire {
        response: ResponseFormat::KeyValue,
        error: ErrorRule::CountAbove {
            field: "ErrCount",
            message_prefix: "Err",
            number_prefix: None,
            text_prefix: None,
        },
        ..JSON_API.wire
    },
    statuses: &[StatusRule {
        status: StatusMatch::Default,
        outcome: StatusOutcome::Error("Refused"),
    }],
    ..JSON_API
};

static GET: MethodDescriptor = MethodDescriptor {
    section: "Thing",
    name: "get",
    wire_name: "Thing/get",
    idempotent: true,
    returns_secrets: false,
    series: &[],
    binding: None,
    headers: &[],
    text_body: None,
};

static TOKEN: MethodDescriptor = MethodDescriptor {
    name: "token",
    wire_name: "Thing/token",
    returns_secrets: true,
    ..GET
};

hostapi_runtime::api_errors! {
    pub enum ApiError {
        /// No such thing.
        NotFound(NotFound) = "NotFound",
        /// Any other refusal.
        Refused = "Refused",
        /// The server is down; retryable.
        Unavailable [retryable] = "Unavailable",
        /// An error the body names itself.
        Locked = "Thing::Locked",
    }
}

hostapi_runtime::api_error! {
    /// The fields of `NotFound`.
    pub struct NotFound {
        /// The id asked for.
        id: Option<i64>,
        /// Where to look instead.
        hint: Option<String>,
    }
}

hostapi_runtime::record! {
    /// Parameters of `get`.
    pub struct GetRequest: send {
        required {
            /// The thing.
            id: i64,
        }
    }
}

hostapi_runtime::record! {
    /// What `get` returns: nothing required.
    pub struct Nothing: receive {
        optional {
            /// A note.
            note: String => opt_lenient,
        }
    }
}

hostapi_runtime::record! {
    /// A response with a required field.
    pub struct Named: receive {
        required {
            /// The name.
            name: String => lenient,
        }
    }
}

fn client(api: &'static ApiDescriptor, server: &BackgroundServer) -> Client {
    let config = ClientConfig::default()
        .with_base_url(server.url("/v1"))
        .with_retry(hostapi_runtime::RetryPolicy::none());
    Client::new(api, Credentials::new(), config).expect("client")
}

fn answering(reply: Canned) -> BackgroundServer {
    BackgroundServer::scripted(move |_, _| Reply::Respond(reply.clone()))
}

async fn get<Resp: serde::de::DeserializeOwned>(
    api: &'static ApiDescriptor,
    reply: Canned,
) -> Result<Resp, Error<ApiError>> {
    let server = answering(reply);
    client(api, &server).call(&GET, &GetRequest::new(7)).await
}

#[tokio::test]
async fn a_mapped_code_is_its_error_with_the_body_fields_read() {
    let body = r#"{"id": 7, "hint": "try /v2", "message": "no thing 7"}"#;
    let error = get::<Nothing>(&JSON_API, Canned::json(404, body))
        .await
        .expect_err("404");
    let Error::Api(ApiError::NotFound(found)) = &error else {
        panic!("expected NotFound, got {error:?}");
    };
    assert_eq!(
        (found.id, found.hint.as_deref()),
        (Some(7), Some("try /v2"))
    );
    assert_eq!(found.raw().status, 404);
    assert_eq!(found.raw().message.as_deref(), Some("no thing 7"));
}

#[tokio::test]
async fn a_class_covers_its_other_codes_and_a_code_beats_it() {
    let error = get::<Nothing>(&JSON_API, Canned::json(403, "{}"))
        .await
        .expect_err("403");
    assert!(matches!(&error, Error::Api(ApiError::Refused(raw)) if raw.status == 403));
    let error = get::<Nothing>(&JSON_API, Canned::json(503, "down"))
        .await
        .expect_err("503");
    let Error::Api(ApiError::Unavailable(raw)) = &error else {
        panic!("expected Unavailable, got {error:?}");
    };
    // A body that is no object is kept as the message.
    assert_eq!(raw.message.as_deref(), Some("down"));
    assert!(raw.fields.is_empty());
    // A long text body is cut to a readable message.
    let page = "x".repeat(600);
    let error = get::<Nothing>(&JSON_API, Canned::json(502, page.clone()))
        .await
        .expect_err("502");
    let Error::Api(ApiError::Unavailable(raw)) = &error else {
        panic!("expected Unavailable, got {error:?}");
    };
    assert_eq!(
        raw.message.as_deref(),
        Some(format!("{}…", &page[..512]).as_str())
    );
    // 409 is listed as a success, within the 4XX class.
    let answer = get::<Named>(&JSON_API, Canned::json(409, r#"{"name": "kept"}"#))
        .await
        .expect("409 is a success");
    assert_eq!(answer.name, "kept");
}

#[tokio::test]
async fn an_error_the_body_names_wins_over_the_status() {
    let body = r#"{"error_class": "Thing::Locked", "message": "locked"}"#;
    let error = get::<Nothing>(&JSON_API, Canned::json(404, body))
        .await
        .expect_err("locked");
    assert!(
        matches!(error, Error::Api(ApiError::Locked(_))),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_unmapped_status_keeps_status_and_body() {
    let error = get::<Nothing>(&JSON_API, Canned::json(302, "moved"))
        .await
        .expect_err("302");
    let Error::Status { status, body } = &error else {
        panic!("expected a status error, got {error:?}");
    };
    assert_eq!((*status, body.text_lossy().as_ref()), (302, "moved"));

    // The body of a method returning secrets is kept but never shown.
    let server = answering(Canned::json(302, "token=s3cret"));
    let error = client(&JSON_API, &server)
        .call::<_, Nothing, ApiError>(&TOKEN, &GetRequest::new(1))
        .await
        .expect_err("302");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("s3cret"), "{shown}");
    assert_eq!(
        error.raw_body().map(|b| b.as_bytes()),
        Some(&b"token=s3cret"[..])
    );
}

#[tokio::test]
async fn a_mapped_status_never_shows_a_secret_body_as_message() {
    let server = answering(Canned::json(500, "token=s3cret"));
    let error = client(&JSON_API, &server)
        .call::<_, Nothing, ApiError>(&TOKEN, &GetRequest::new(1))
        .await
        .expect_err("500");
    assert!(matches!(&error, Error::Api(ApiError::Unavailable(raw)) if raw.message.is_none()));
    assert!(!format!("{error} {error:?}").contains("s3cret"));
}

#[tokio::test]
async fn no_content_is_a_response_without_fields() {
    let empty = get::<Nothing>(&JSON_API, Canned::new(204, "text/plain", ""))
        .await
        .expect("204");
    assert_eq!(empty.note, None);
    // An empty 200 is not "no content": it stays unreadable.
    let error = get::<Nothing>(&TEXT_API, Canned::text(" \r\n"))
        .await
        .expect_err("blank 200");
    assert!(matches!(&error, Error::Decode(_)), "{error}");
    // A method that returns a required field cannot make do with nothing.
    let error = get::<Named>(&JSON_API, Canned::new(204, "text/plain", ""))
        .await
        .expect_err("nothing to read");
    assert!(
        matches!(&error, Error::Decode(d) if d.to_string().contains("body is empty")),
        "{error}"
    );
}

#[tokio::test]
async fn key_value_statuses_use_default_and_read_text_bodies() {
    let error = get::<Nothing>(&TEXT_API, Canned::html(500, "ErrCount=0\nhint=later"))
        .await
        .expect_err("500");
    let Error::Api(ApiError::Refused(raw)) = &error else {
        panic!("expected Refused, got {error:?}");
    };
    assert_eq!(raw.fields.get("hint"), Some(&Value::from("later")));
    // The body's own error rule still applies first; a body error without a
    // class takes the status's.
    let error = get::<Nothing>(&TEXT_API, Canned::html(500, "ErrCount=1\nErr1=Busy"))
        .await
        .expect_err("500");
    assert!(
        matches!(&error, Error::Api(ApiError::Refused(raw)) if raw.message.as_deref() == Some("Busy") && raw.details.len() == 1),
        "{error:?}"
    );
    // 2xx stays a success under `default`.
    let answer = get::<Named>(&TEXT_API, Canned::text("name=ok"))
        .await
        .expect("200");
    assert_eq!(answer.name, "ok");
}
