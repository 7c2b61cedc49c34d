//! Declared wire styles. Every type here is const-constructible, so generated
//! code can write `pub static API: ApiDescriptor = ApiDescriptor { … };` and
//! `pub static METHOD: MethodDescriptor = MethodDescriptor { … };`.

mod status;

pub use status::{StatusMatch, StatusOutcome, StatusRule, status_outcome};

/// One API: its name, default endpoint and wire style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiDescriptor {
    /// Short machine name, e.g. `"liquidweb_bleed"`.
    pub name: &'static str,
    /// Human title, e.g. `"Liquid Web API (bleed)"`.
    pub title: &'static str,
    /// Base URL used unless [`ClientConfig::base_url`](crate::ClientConfig::base_url)
    /// overrides it.
    pub default_base_url: &'static str,
    /// How requests and responses look on the wire.
    pub wire: Wire,
    /// How a password is exchanged for a short-lived token, when the API
    /// offers that (Liquid Web's `Account/Auth/token`); used by
    /// [`Client::with_token_session`](crate::Client::with_token_session).
    pub session: Option<TokenSession>,
    /// What HTTP statuses mean beyond the default (2xx succeeds, anything
    /// else is [`Error::Status`](crate::Error::Status)): `wire.statuses`.
    pub statuses: &'static [StatusRule],
    /// The named servers the spec lists (`api.servers`), the default
    /// first, selected with
    /// [`ClientConfig::with_server`](crate::ClientConfig::with_server);
    /// empty when the spec gives one `base_url`.
    pub servers: &'static [Server],
}

/// A named base URL of an API: production, a test host, an old host.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Server {
    /// The name a caller selects it by, e.g. `"test"`.
    pub name: &'static str,
    /// Where requests go when it is selected.
    pub base_url: &'static str,
}

/// A token exchange declared by the spec (`wire.auth.session`): calling
/// `method` with the real credential returns a token that stands in for it
/// until it idles out, renewable by calling `method` again with the token,
/// up to a total lifetime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenSession {
    /// The method that issues and renews tokens.
    pub method: &'static MethodDescriptor,
    /// The credential the token replaces on later calls (Liquid Web:
    /// `password`, sent by HTTP Basic authentication).
    pub credential: &'static str,
    /// The response field holding the token.
    pub token_field: &'static str,
    /// The response field holding the expiry as Unix seconds, if any.
    pub expires_field: Option<&'static str>,
    /// The request parameter setting the idle timeout in seconds, if any.
    pub timeout_param: Option<&'static str>,
    /// Idle timeout the server applies when none is requested, in seconds.
    pub default_idle_secs: u64,
    /// Longest idle timeout the server grants, in seconds.
    pub max_idle_secs: u64,
    /// Time after the first issue when a token stops being renewable and the
    /// real credential is needed again, in seconds.
    pub max_lifetime_secs: u64,
}

/// How requests and responses of one API look on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wire {
    /// The HTTP method of every call.
    pub http_method: HttpMethod,
    /// Where the method name goes.
    pub method_name: MethodName,
    /// How the request parameters are encoded.
    pub params: ParamEncoding,
    /// HTTP Basic authentication, by credential names.
    pub basic_auth: Option<BasicAuth>,
    /// Credentials sent as request parameters (after the method name, before
    /// the request's own parameters).
    pub credential_params: &'static [CredentialParam],
    /// Further authentication schemes, applied together: bearer tokens and
    /// API keys in headers or the query string.
    pub auth_schemes: &'static [AuthScheme],
    /// The response body format.
    pub response: ResponseFormat,
    /// How an error response is recognised.
    pub error: ErrorRule,
}

/// HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `GET`: every parameter goes into the query string.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl HttpMethod {
    /// `"GET"`, `"POST"`, `"PUT"`, `"PATCH"` or `"DELETE"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// An authentication scheme beyond HTTP Basic and credential parameters.
/// Every value sent is a secret: headers are marked sensitive, and a URL
/// shown in a log has the query parameter's value redacted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthScheme {
    /// `Authorization: Bearer <credential>`, a static token.
    Bearer {
        /// The credential holding the token.
        credential: &'static str,
    },
    /// `Authorization: Bearer <token>` with the token of the client's
    /// [`TokenSession`], in place of HTTP Basic authentication; calls made
    /// without a token (the token method itself) use the API's other
    /// schemes.
    BearerSession,
    /// An API key in a request header.
    ApiKeyHeader {
        /// The header's name.
        name: &'static str,
        /// The credential holding the key.
        credential: &'static str,
    },
    /// An API key in the query string.
    ApiKeyQuery {
        /// The query parameter's name.
        name: &'static str,
        /// The credential holding the key.
        credential: &'static str,
    },
}

impl AuthScheme {
    /// The credential the scheme sends, if it names one.
    pub const fn credential(&self) -> Option<&'static str> {
        match self {
            AuthScheme::Bearer { credential }
            | AuthScheme::ApiKeyHeader { credential, .. }
            | AuthScheme::ApiKeyQuery { credential, .. } => Some(credential),
            AuthScheme::BearerSession => None,
        }
    }
}

/// Where the method name ([`MethodDescriptor::wire_name`]) goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MethodName {
    /// Appended to the base URL as a path: `{base_url}/{wire_name}`.
    Path,
    /// A query-string parameter with this name (eNom: `command`). Always in
    /// the URL, first.
    Query(&'static str),
    /// A parameter with this name (Sive.Host: `action`), first among the
    /// parameters: in the form body when the request has one, else in the
    /// query string.
    Form(&'static str),
}

/// How the request parameters are encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamEncoding {
    /// A JSON body, optionally wrapped as `{"<envelope>": {…}}` (Liquid Web:
    /// `params`). Credential parameters, if any, join the parameter object.
    Json {
        /// The wrapping key, if any.
        envelope: Option<&'static str>,
    },
    /// Flattened into the query string.
    Query,
    /// Flattened into an `application/x-www-form-urlencoded` body (for
    /// `GET`, into the query string).
    Form,
}

impl ParamEncoding {
    /// The key the parameters are wrapped in on the wire, if any: where a
    /// validation violation's path starts (`params.hash` for Liquid Web, a
    /// bare `Password` for eNom's query and Sive.Host's form).
    pub fn envelope(&self) -> Option<&'static str> {
        match self {
            ParamEncoding::Json { envelope } => *envelope,
            ParamEncoding::Query | ParamEncoding::Form => None,
        }
    }
}

/// HTTP Basic authentication, by credential *names* (looked up in
/// [`Credentials`](crate::Credentials)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BasicAuth {
    /// Name of the credential holding the user name.
    pub username: &'static str,
    /// Name of the credential holding the password (or token).
    pub password: &'static str,
}

/// A credential sent as a request parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CredentialParam {
    /// The parameter name on the wire (eNom: `uid`, `pw`).
    pub wire_name: &'static str,
    /// The credential name in [`Credentials`](crate::Credentials).
    pub credential: &'static str,
}

/// The response body format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResponseFormat {
    /// A JSON object.
    Json,
    /// eNom's key/value responses, in text, HTML or XML form (detected per
    /// response). Every value is a string. XML needs the crate's
    /// `keyvalue` feature; generated code names this variant through
    /// [`key_value_responses!`](crate::key_value_responses), which says so
    /// at compile time.
    KeyValue,
}

/// How an error response is recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorRule {
    /// An error when `field` is present (not null, not empty). The class is
    /// its value; the message is the `message` field, which may be absent.
    /// Liquid Web: `error_class` / `full_message`.
    FieldPresent {
        /// The field whose presence marks an error.
        field: &'static str,
        /// The field holding the human-readable message, if any.
        message: Option<&'static str>,
    },
    /// An error when `field` equals `value` (ASCII case-insensitive); the
    /// class and the message are the text of the `message` field.
    /// Sive.Host: `result` == `"error"`, `message`.
    FieldEquals {
        /// The field to compare.
        field: &'static str,
        /// The value marking an error.
        value: &'static str,
        /// The field holding the message.
        message: &'static str,
    },
    /// An error when the integer in `field` is above zero; the messages are
    /// `{message_prefix}1..N`, with optional `{number_prefix}N` and
    /// `{text_prefix}N` details. eNom: `ErrCount`, `Err`, `ResponseNumber`,
    /// `ResponseString`.
    CountAbove {
        /// The field holding the error count.
        field: &'static str,
        /// Prefix of the numbered message fields.
        message_prefix: &'static str,
        /// Prefix of the numbered code fields, if any.
        number_prefix: Option<&'static str>,
        /// Prefix of the numbered detail-text fields, if any.
        text_prefix: Option<&'static str>,
    },
}

/// One API method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MethodDescriptor {
    /// Section, e.g. `"Account/Auth"`.
    pub section: &'static str,
    /// Method name as documented, e.g. `"token"`.
    pub name: &'static str,
    /// What goes on the wire: the path for [`MethodName::Path`]
    /// (`"Account/Auth/token"`), else the value of the method-name parameter
    /// (`"SetAccountPassword"`, `"passwdUpd"`).
    pub wire_name: &'static str,
    /// Whether repeating the call is harmless.
    pub idempotent: bool,
    /// Whether the response carries a secret (a token, a password): its raw
    /// body is then never shown in errors ([`RawBody::sensitive`](crate::RawBody::sensitive)).
    pub returns_secrets: bool,
    /// Numbered-series field patterns such as `"Err{n}"`: before a
    /// [`ResponseFormat::KeyValue`] response is deserialized, `Err1`, `Err2`,
    /// … are collected, in numeric order, into a JSON array under the key
    /// `"Err{n}"` (absent → empty array).
    pub series: &'static [&'static str],
    /// The method's own HTTP method, path and parameter places, where they
    /// differ from the API's wire.
    pub binding: Option<&'static crate::binding::MethodBinding>,
    /// Returned fields read from response headers: each header's value, when
    /// the response has it, becomes that field (a string, read like any
    /// value of the wire), whatever the body holds under the name.
    pub headers: &'static [ResponseHeader],
    /// The returned field a successful response's whole body fills, as
    /// text, for a method whose success answer is plain text (`response:
    /// text` in the spec); `None` reads the body in the API's format.
    pub text_body: Option<&'static str>,
}

/// A returned field read from an HTTP response header (`Retry-After`,
/// `Link`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ResponseHeader {
    /// The header's name, matched ignoring case.
    pub header: &'static str,
    /// The field's wire name in the response record.
    pub field: &'static str,
}
