//! What a [`Client`](super::Client) is built from: named [`Credentials`]
//! (secrets, never shown), the [`ClientConfig`] (base URL or named server,
//! timeouts, limits, retries, how strictly responses are read), and
//! [`BuildError`], why building failed.

use std::fmt;
use std::time::Duration;

use crate::retry::RetryPolicy;
use crate::secret::Secret;

/// Named credential values (`"username"`, `"password"`, `"uid"`, `"pw"`,
/// `"api_key"`, …), as the API's [`Wire`](crate::wire::Wire) refers to them.
/// Every value is a [`Secret`]; `Debug` shows the names only.
#[derive(Clone, Default)]
pub struct Credentials {
    entries: Vec<(&'static str, Secret)>,
}

impl Credentials {
    /// No credentials.
    pub fn new() -> Self {
        Credentials::default()
    }

    /// Sets the credential `name` (replacing an earlier value).
    pub fn with(mut self, name: &'static str, value: impl Into<Secret>) -> Self {
        let value = value.into();
        match self.entries.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((name, value)),
        }
        self
    }

    /// The credential `name`, if set.
    pub fn get(&self, name: &str) -> Option<&Secret> {
        self.entries
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }

    /// The names of the credentials set, in insertion order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.entries.iter().map(|(n, _)| *n)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in &self.entries {
            map.entry(name, value);
        }
        map.finish()
    }
}

/// Client settings. `Default` gives: the API's own base URL, a 10 s connect
/// timeout, a 60 s total timeout per attempt, outbound validation on, a
/// 16 MiB response limit, the user agent `hostapi/<version>`, the default
/// [`RetryPolicy`] (at most 3 attempts, only where repeating is safe) and
/// tolerant reading of responses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientConfig {
    /// Overrides [`ApiDescriptor::default_base_url`](crate::wire::ApiDescriptor::default_base_url) (e.g. eNom's
    /// `https://resellertest.enom.com/interface.asp`, or a loopback test
    /// server), and [`ClientConfig::server`].
    pub base_url: Option<String>,
    /// Selects one of the API's named servers ([`ApiDescriptor::servers`](crate::wire::ApiDescriptor::servers))
    /// instead of the default, unless [`ClientConfig::base_url`] is set.
    pub server: Option<String>,
    /// Time allowed to establish a connection.
    pub connect_timeout: Duration,
    /// Time allowed for one attempt's whole exchange, body included.
    pub timeout: Duration,
    /// Whether requests are validated before they are sent.
    pub validate_requests: bool,
    /// Largest response body accepted, in bytes; larger bodies are an error
    /// and are never buffered past this limit.
    pub max_response_bytes: usize,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// When and how failed calls are repeated; [`RetryPolicy::none`] turns
    /// retries off.
    pub retry: RetryPolicy,
    /// Whether a response value that breaks its documented rule makes the
    /// response a decode error. Off by default: such values are kept and
    /// reported (see [`decode`](crate::decode)).
    pub strict_responses: bool,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: None,
            server: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            validate_requests: true,
            max_response_bytes: 16 * 1024 * 1024,
            user_agent: concat!("hostapi/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::default(),
            strict_responses: false,
        }
    }
}

impl ClientConfig {
    /// Sets [`ClientConfig::base_url`].
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sets [`ClientConfig::server`]: the API's server named `name` (as its
    /// spec lists them under `servers`, e.g. `"test"`). Building the client
    /// fails with [`BuildError::UnknownServer`] when the API has no such
    /// server.
    pub fn with_server(mut self, name: impl Into<String>) -> Self {
        self.server = Some(name.into());
        self
    }

    /// Sets [`ClientConfig::connect_timeout`].
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets [`ClientConfig::timeout`].
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets [`ClientConfig::validate_requests`].
    pub fn with_validate_requests(mut self, validate: bool) -> Self {
        self.validate_requests = validate;
        self
    }

    /// Sets [`ClientConfig::max_response_bytes`].
    pub fn with_max_response_bytes(mut self, max: usize) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// Sets [`ClientConfig::user_agent`].
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sets [`ClientConfig::retry`].
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets [`ClientConfig::strict_responses`].
    pub fn with_strict_responses(mut self, strict: bool) -> Self {
        self.strict_responses = strict;
        self
    }
}

/// [`Client::new`](super::Client::new) failed.
#[non_exhaustive]
#[derive(Debug)]
pub enum BuildError {
    /// The base URL is not an absolute `http`/`https` URL without
    /// credentials, query or fragment.
    InvalidBaseUrl {
        /// Why.
        reason: String,
    },
    /// A credential that the API's wire style needs was not given.
    MissingCredential {
        /// The credential name.
        name: &'static str,
    },
    /// A credential's value cannot travel where the API sends it.
    InvalidCredential {
        /// The credential name.
        name: &'static str,
        /// Why (never the value).
        reason: &'static str,
    },
    /// The HTTP client could not be built.
    Http(reqwest::Error),
    /// A token session was asked of an API whose spec declares none.
    NoTokenSession {
        /// The API's name.
        api: &'static str,
    },
    /// The token session settings do not fit the API's declaration.
    InvalidSession {
        /// Why.
        reason: String,
    },
    /// The blocking client's runtime could not be started.
    Runtime(std::io::Error),
    /// [`ClientConfig::server`] names no server of the API.
    UnknownServer {
        /// The name asked for.
        name: String,
        /// The API's server names, the default first (none when its spec
        /// lists only a `base_url`).
        known: Vec<&'static str>,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::InvalidBaseUrl { reason } => write!(f, "invalid base URL: {reason}"),
            BuildError::MissingCredential { name } => {
                write!(f, "missing credential {name:?}, which this API needs")
            }
            BuildError::InvalidCredential { name, reason } => {
                write!(f, "the credential {name:?} cannot be sent: {reason}")
            }
            BuildError::Http(e) => write!(f, "could not build the HTTP client: {e}"),
            BuildError::NoTokenSession { api } => {
                write!(f, "the API {api:?} declares no token session")
            }
            BuildError::InvalidSession { reason } => {
                write!(f, "invalid token session settings: {reason}")
            }
            BuildError::Runtime(e) => write!(f, "could not start the blocking runtime: {e}"),
            BuildError::UnknownServer { name, known } if known.is_empty() => {
                write!(f, "no server named {name:?}: the API names no servers")
            }
            BuildError::UnknownServer { name, known } => {
                write!(f, "no server named {name:?}; the API's servers: {known:?}")
            }
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Http(e) => Some(e),
            BuildError::Runtime(e) => Some(e),
            _ => None,
        }
    }
}
