//! Header-read fields on error responses over loopback: the values of a
//! method's response headers (`header:` on its returned fields) join the
//! fields of an error it gets, so a documented error's field of the same
//! name carries them: a `Retry-After` on a 429 or 503 reaches the typed
//! error instead of being lost.

use hostapi_runtime::wire::*;
use hostapi_runtime::{Client, ClientConfig, Credentials, Error, RetryPolicy};
use hostapi_testkit::{BackgroundServer, Canned, Reply};

static API: ApiDescriptor = ApiDescriptor {
    name: "limited",
    title: "Limited",
    default_base_url: "https://api.invalid/v1",
    wire: Wire {
        http_method: HttpMethod::Get,
        method_name: MethodName::Path,
        params: ParamEncoding::Query,
        basic_auth: None,
        credential_params: &[],
        auth_schemes: &[],
        response: ResponseFormat::Json,
        error: ErrorRule::FieldPresent {
            field: "error",
            message: Some("message"),
        },
    },
    session: None,
    statuses: &[
        StatusRule {
            status: StatusMatch::Code(429),
            outcome: StatusOutcome::Error("RateLimited"),
        },
        StatusRule {
            status: StatusMatch::Code(503),
            outcome: StatusOutcome::Error("Unavailable"),
        },
    ],
    servers: &[],
};

static LIST: MethodDescriptor = MethodDescriptor {
    section: "Thing",
    name: "list",
    wire_name: "Thing/list",
    idempotent: true,
    returns_secrets: false,
    series: &[],
    binding: None,
    headers: &[ResponseHeader {
        header: "Retry-After",
        field: "retry_after",
    }],
    text_body: None,
};

hostapi_runtime::record! {
    /// What `list` returns.
    pub struct Listed: receive {
        required {
            /// Items.
            count: i64 => lenient,
        }
        optional {
            /// Seconds to wait, from `Retry-After`.
            retry_after: i64 => opt_lenient,
        }
    }
}

hostapi_runtime::api_errors! {
    pub enum ApiError {
        /// Too many calls.
        RateLimited(Wait) = "RateLimited",
        /// Down for maintenance.
        Unavailable(Wait) = "Unavailable",
        /// Told by the body at HTTP 200.
        Busy(Wait) = "Busy",
    }
}

hostapi_runtime::api_error! {
    /// How long to wait.
    pub struct Wait {
        /// Seconds, from `Retry-After` (or the body).
        retry_after("retry_after"): Option<i64>,
    }
}

async fn list(reply: Canned) -> Result<Listed, Error<ApiError>> {
    let server = BackgroundServer::scripted(move |_, _| Reply::Respond(reply.clone()));
    let config = ClientConfig::default()
        .with_base_url(server.url("/v1"))
        .with_retry(RetryPolicy::none());
    let client = Client::new(&API, Credentials::new(), config).expect("client");
    client.call_without_params(&LIST).await
}

fn waited(error: &Error<ApiError>) -> Option<i64> {
    match error {
        Error::Api(ApiError::RateLimited(wait))
        | Error::Api(ApiError::Unavailable(wait))
        | Error::Api(ApiError::Busy(wait)) => wait.retry_after,
        other => panic!("not a documented error: {other:?}"),
    }
}

#[tokio::test]
async fn a_status_mapped_error_carries_its_retry_after() {
    let reply = Canned::json(429, r#"{"message": "slow down"}"#).with_header("Retry-After", "120");
    let error = list(reply).await.unwrap_err();
    assert!(
        matches!(&error, Error::Api(ApiError::RateLimited(_))),
        "{error:?}"
    );
    assert_eq!(waited(&error), Some(120));
    // The raw error keeps the header's text with the body's fields.
    let raw = error.api_error().expect("an API error").raw();
    assert_eq!(raw.fields["retry_after"], "120");
    assert_eq!(raw.message.as_deref(), Some("slow down"));

    // A plain-text 503 page, too.
    let reply = Canned::text("Down for maintenance").with_header("retry-after", "30");
    let reply = Canned {
        status: 503,
        ..reply
    };
    let error = list(reply).await.unwrap_err();
    assert!(
        matches!(&error, Error::Api(ApiError::Unavailable(_))),
        "{error:?}"
    );
    assert_eq!(waited(&error), Some(30));
}

#[tokio::test]
async fn an_error_in_the_body_carries_it_and_the_header_wins() {
    let reply = Canned::json(200, r#"{"error": "Busy", "retry_after": 5}"#)
        .with_header("Retry-After", "60");
    let error = list(reply).await.unwrap_err();
    assert_eq!(waited(&error), Some(60));
    // Without the header, the body's value stays.
    let reply = Canned::json(200, r#"{"error": "Busy", "retry_after": 5}"#);
    assert_eq!(waited(&list(reply).await.unwrap_err()), Some(5));
}

#[tokio::test]
async fn a_retry_after_that_is_a_date_leaves_the_field_empty_and_kept_raw() {
    let date = "Wed, 21 Oct 2015 07:28:00 GMT";
    let reply = Canned::json(429, "{}").with_header("Retry-After", date);
    let error = list(reply).await.unwrap_err();
    assert_eq!(waited(&error), None);
    assert_eq!(error.api_error().unwrap().raw().fields["retry_after"], date);
}
