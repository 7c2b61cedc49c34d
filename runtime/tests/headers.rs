//! Returned fields read from response headers over loopback: `Retry-After`
//! into an integer field, `Link` (repeated) into a string, header names
//! ignoring case, a header value winning over the body's, an absent header
//! leaving an optional field empty.

use hostapi_runtime::wire::*;
use hostapi_runtime::{Client, ClientConfig, Credentials, Error, RawApiError};
use hostapi_testkit::{BackgroundServer, Canned, Reply};

static API: ApiDescriptor = ApiDescriptor {
    name: "headers",
    title: "Headers",
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
            message: None,
        },
    },
    session: None,
    statuses: &[],
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
    headers: &[
        ResponseHeader {
            header: "Retry-After",
            field: "retry_after",
        },
        ResponseHeader {
            header: "link",
            field: "next",
        },
    ],
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
            /// The `Link` header.
            next: String => opt_lenient,
        }
    }
}

async fn list(reply: Canned) -> Result<Listed, Error<RawApiError>> {
    let server = BackgroundServer::scripted(move |_, _| Reply::Respond(reply.clone()));
    let config = ClientConfig::default()
        .with_base_url(server.url("/v1"))
        .with_retry(hostapi_runtime::RetryPolicy::none());
    let client = Client::new(&API, Credentials::new(), config).expect("client");
    client.call_without_params(&LIST).await
}

#[tokio::test]
async fn headers_become_their_fields() {
    let reply = Canned::json(200, r#"{"count": 2, "next": "from the body"}"#)
        .with_header("retry-after", " 120 ")
        .with_header("Link", "</v1/Thing/list?page=2>; rel=\"next\"")
        .with_header("Link", "</v1/Thing/list?page=9>; rel=\"last\"");
    let listed = list(reply).await.expect("list");
    assert_eq!(listed.count, 2);
    assert_eq!(listed.retry_after, Some(120));
    assert_eq!(
        listed.next.as_deref(),
        Some("</v1/Thing/list?page=2>; rel=\"next\", </v1/Thing/list?page=9>; rel=\"last\"")
    );
}

#[tokio::test]
async fn an_absent_header_leaves_the_field_as_the_body_has_it() {
    let listed = list(Canned::json(200, r#"{"count": 1}"#))
        .await
        .expect("list");
    assert_eq!((listed.retry_after, listed.next), (None, None));
    let listed = list(Canned::json(200, r#"{"count": 1, "retry_after": 5}"#))
        .await
        .expect("list");
    assert_eq!(listed.retry_after, Some(5));
}

#[tokio::test]
async fn a_header_that_breaks_its_type_is_kept_out_and_reported() {
    let reply = Canned::json(200, r#"{"count": 3}"#)
        .with_header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
    let listed = list(reply).await.expect("tolerant read");
    assert_eq!(listed.retry_after, None);
    let found = listed.violations();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, "retry_after");
}
