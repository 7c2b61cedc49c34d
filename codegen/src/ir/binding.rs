//! Checked HTTP bindings: a method's own HTTP method, path template and
//! parameter places, and the authentication schemes beyond HTTP Basic and
//! credential parameters (see `spec::binding`).

use super::HttpMethod;

/// An authentication scheme (`wire.auth.bearer`, `wire.auth.api_keys`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// `Authorization: Bearer` with this credential.
    Bearer(String),
    /// `Authorization: Bearer` with the session's token.
    BearerSession,
    /// An API key in this header.
    ApiKeyHeader { name: String, credential: String },
    /// An API key in this query parameter.
    ApiKeyQuery { name: String, credential: String },
}

/// How one method travels, where it differs from its API's wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodBinding {
    pub http_method: Option<HttpMethod>,
    /// The path template, checked: starts with `/`, `{name}` segments name
    /// path parameters.
    pub path: Option<String>,
    /// Bound parameters, in declaration order.
    pub params: Vec<ParamBinding>,
}

/// Where one parameter travels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamBinding {
    pub wire_name: String,
    pub place: ParamPlace,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamPlace {
    Path,
    Query,
    /// A header; `sensitive` for a secret parameter.
    Header {
        name: String,
        sensitive: bool,
    },
    Form,
    Json,
    Body,
}
