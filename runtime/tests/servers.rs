//! Named servers (`api.servers`): the default unless another is selected by
//! name, an explicit base URL over both, an unknown name refused when the
//! client is built.

use hostapi_runtime::client::BuildError;
use hostapi_runtime::wire::*;
use hostapi_runtime::{Client, ClientConfig, Credentials, Error, RawApiError};
use hostapi_testkit::{BackgroundServer, Canned, Reply};
use serde_json::{Map, Value};

static API: ApiDescriptor = ApiDescriptor {
    name: "servers",
    title: "Servers",
    default_base_url: "https://api.example.invalid/v2",
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
    servers: &[
        Server {
            name: "production",
            base_url: "https://api.example.invalid/v2",
        },
        Server {
            name: "test",
            base_url: "https://test.example.invalid/v2",
        },
    ],
};

static PING: MethodDescriptor = MethodDescriptor {
    section: "Utilities",
    name: "ping",
    wire_name: "Utilities/ping",
    idempotent: true,
    returns_secrets: false,
    series: &[],
    binding: None,
    headers: &[],
    text_body: None,
};

fn build(config: ClientConfig) -> Result<Client, BuildError> {
    Client::new(&API, Credentials::new(), config)
}

#[test]
fn the_default_is_the_first_server_and_a_name_selects_another() {
    let client = build(ClientConfig::default()).expect("default");
    assert_eq!(client.base_url(), "https://api.example.invalid/v2");
    let client = build(ClientConfig::default().with_server("test")).expect("test");
    assert_eq!(client.base_url(), "https://test.example.invalid/v2");
    let client = build(ClientConfig::default().with_server("production")).expect("production");
    assert_eq!(client.base_url(), "https://api.example.invalid/v2");
}

#[test]
fn an_unknown_name_is_refused_and_names_the_known_ones() {
    let Err(error) = build(ClientConfig::default().with_server("Test")) else {
        panic!("names are matched exactly");
    };
    assert!(
        matches!(&error, BuildError::UnknownServer { name, known } if name == "Test" && known == &["production", "test"]),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        r#"no server named "Test"; the API's servers: ["production", "test"]"#
    );
}

#[tokio::test]
async fn an_explicit_base_url_wins_over_a_server_name() {
    let server = BackgroundServer::scripted(|_, _| Reply::Respond(Canned::json(200, "{}")));
    let config = ClientConfig::default()
        .with_server("test")
        .with_base_url(server.url("/v2"))
        .with_retry(hostapi_runtime::RetryPolicy::none());
    let client = build(config).expect("client");
    let answer: Result<Map<String, Value>, Error<RawApiError>> =
        client.call_without_params(&PING).await;
    answer.expect("ping");
    assert_eq!(server.requests()[0].path(), "/v2/Utilities/ping");
}
