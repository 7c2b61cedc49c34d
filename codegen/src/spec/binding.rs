//! The spec format's HTTP bindings: a method's own HTTP method and path
//! template (`http`), where a parameter travels (`in`), and the
//! authentication schemes beyond HTTP Basic and credential parameters
//! (`wire.auth.bearer`, `wire.auth.api_keys`). Modelled on Smithy's HTTP
//! binding traits and OpenAPI's parameter `in` and `securitySchemes`; an
//! API's `wire` stays every method's default.

use schemars::JsonSchema;
use serde::Deserialize;

use super::model::HttpMethod;
use super::span::Sp;

/// A method's own HTTP binding, where it differs from the API's `wire`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodHttp {
    /// The method's HTTP method, in place of `wire.http_method`.
    #[serde(default)]
    pub method: Option<Sp<HttpMethod>>,
    /// The path, relative to the base URL, in place of the method's name:
    /// `/domains/{domain}/records/{id}`. Each `{name}` is a whole segment
    /// naming a parameter with `in: path`; its value is percent-encoded as
    /// one segment when sent. Literal segments use only letters, digits and
    /// `-._~`.
    #[serde(default)]
    pub path: Option<Sp<String>>,
}

/// Where one parameter travels. Without `in`, a parameter goes where
/// `wire.params` puts every parameter.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ParamIn {
    /// A `{name}` segment of the method's `http.path`. Must be required.
    Path,
    /// The query string, under the parameter's wire name.
    Query,
    /// A request header with this name (a secret parameter's header is
    /// marked sensitive).
    Header(Sp<String>),
    /// A field of an `application/x-www-form-urlencoded` body.
    Form,
    /// A member of the JSON body, inside `wire.params.json.envelope` when
    /// the API has one.
    Json,
    /// The whole JSON body.
    Body,
}

impl ParamIn {
    /// Whether the parameter travels in the request body.
    pub fn is_body(&self) -> bool {
        matches!(self, ParamIn::Form | ParamIn::Json | ParamIn::Body)
    }
}

/// `Authorization: Bearer …`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum BearerAuth {
    /// A static token: the credential with this name.
    Credential(Sp<String>),
    /// The token of the API's token session (`auth.session`), in place of
    /// HTTP Basic authentication once a token is held.
    Session,
}

/// An API key sent in a header or query parameter (OpenAPI's `apiKey`).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiKey {
    /// Where the key travels.
    #[serde(rename = "in")]
    pub place: Sp<ApiKeyIn>,
    /// The header's or query parameter's name.
    pub name: Sp<String>,
    /// The credential holding the key.
    pub credential: Sp<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiKeyIn {
    /// A request header (marked sensitive).
    Header,
    /// A query parameter (its value redacted in logged URLs).
    Query,
}
