//! The HTTP client: [`Client`], its [`ClientConfig`] and [`Credentials`],
//! and a call's path through validation, sessions, retries and decoding.
//! How a call becomes an HTTP request is in `request`.

mod bound;
mod config;
mod follow;
mod json_body;
mod no_nulls;
mod request;
mod response;
mod shown_url;
mod split;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use tracing::Instrument;

use crate::decode::{self, Mode};
use crate::error::{ApiErrorType, Error, RawBody, TransportError};
use crate::retry;
use crate::secret::Secret;
use crate::session::{Session, SessionConfig};
use crate::validate::{Validate, Violations};
use crate::wire::{ApiDescriptor, AuthScheme, MethodDescriptor, MethodName};
pub use config::{BuildError, ClientConfig, Credentials};
use request::path_segments;
use response::{Finish, header_fields, read_limited, received_body};

struct Inner {
    api: &'static ApiDescriptor,
    credentials: Credentials,
    config: ClientConfig,
    base_url: String,
    /// `base_url` parsed, for building each request's URL.
    base: reqwest::Url,
    http: reqwest::Client,
    session: Option<Session>,
    /// The header (name and value) of each of the API's auth schemes that
    /// sends a credential in a header (`Bearer …`, an API key), in the
    /// order of `wire.auth_schemes`, built once and marked sensitive; `None`
    /// for the others. Each call clones it (a reference count) instead of
    /// formatting and checking it again.
    auth_headers: Box<[Option<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>]>,
}

/// A client for one API. Cheap to clone (the state sits behind an `Arc`).
/// `Debug` shows no credential values.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api", &self.inner.api.name)
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("config", &self.inner.config)
            .field("session", &self.inner.session)
            .finish()
    }
}

/// The rule the generator's checker also runs on every spec's `base_url`
/// (`hostapi_rules::base_url`), so a client never refuses the default its
/// spec was checked with. It admits only URLs that reqwest's parser takes as
/// they are, without credentials, query or fragment (`tests/base_url.rs`).
fn check_base_url(base: &str) -> Result<reqwest::Url, BuildError> {
    crate::validate::rules::base_url(base).map_err(|violation| BuildError::InvalidBaseUrl {
        reason: violation.message,
    })?;
    reqwest::Url::parse(base).map_err(|e| BuildError::InvalidBaseUrl {
        reason: e.to_string(),
    })
}

/// The header `scheme` sends, if it sends a credential in a header:
/// `Authorization: Bearer <token>` or the API key, marked sensitive. `None`
/// also for a header name that is no HTTP token, which a generated
/// descriptor never has: the call then fails as reqwest refuses the name.
fn auth_header(
    scheme: &AuthScheme,
    credentials: &Credentials,
) -> Result<Option<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>, BuildError> {
    let (name, credential, prefix) = match *scheme {
        AuthScheme::Bearer { credential } => {
            (reqwest::header::AUTHORIZATION, credential, "Bearer ")
        }
        AuthScheme::ApiKeyHeader { name, credential } => {
            match reqwest::header::HeaderName::from_bytes(name.as_bytes()) {
                Ok(name) => (name, credential, ""),
                Err(_) => return Ok(None),
            }
        }
        _ => return Ok(None),
    };
    // Client::build checked that every credential the wire needs exists.
    let Some(secret) = credentials.get(credential) else {
        return Ok(None);
    };
    let mut value = reqwest::header::HeaderValue::try_from(format!("{prefix}{}", secret.expose()))
        .map_err(|_| BuildError::InvalidCredential {
            name: credential,
            reason: "it holds characters an HTTP header cannot (a line break or control character)",
        })?;
    value.set_sensitive(true);
    Ok(Some((name, value)))
}

impl Client {
    /// Builds a client for `api`.
    ///
    /// Installs rustls' `ring` crypto provider as the process default unless
    /// one is installed already. Certificates are always verified. Redirects
    /// are not followed (a 3xx is reported as [`Error::Status`]), so that
    /// credentials are never re-sent elsewhere.
    pub fn new(
        api: &'static ApiDescriptor,
        credentials: Credentials,
        config: ClientConfig,
    ) -> Result<Client, BuildError> {
        Client::build(api, credentials, config, None)
    }

    /// Builds a client for `api` that exchanges the credential named by the
    /// API's [`TokenSession`](crate::wire::TokenSession) (Liquid Web: the
    /// password) for a token on first use, authenticates every later call
    /// with the token, renews it shortly before it would idle out, and gets
    /// a new one with the real credential once its total lifetime is over
    /// or the server answers HTTP 401. Concurrent calls that need a fresh
    /// token wait for a single exchange.
    pub fn with_token_session(
        api: &'static ApiDescriptor,
        credentials: Credentials,
        config: ClientConfig,
        session: SessionConfig,
    ) -> Result<Client, BuildError> {
        let descriptor = api
            .session
            .ok_or(BuildError::NoTokenSession { api: api.name })?;
        let session = Session::new(descriptor, session)?;
        Client::build(api, credentials, config, Some(session))
    }

    fn build(
        api: &'static ApiDescriptor,
        credentials: Credentials,
        config: ClientConfig,
        session: Option<Session>,
    ) -> Result<Client, BuildError> {
        let base_url = match (&config.base_url, &config.server) {
            (Some(base_url), _) => base_url.clone(),
            (None, Some(name)) => match api.servers.iter().find(|s| s.name == name) {
                Some(server) => server.base_url.to_owned(),
                None => {
                    return Err(BuildError::UnknownServer {
                        name: name.clone(),
                        known: api.servers.iter().map(|s| s.name).collect(),
                    });
                }
            },
            (None, None) => api.default_base_url.to_owned(),
        };
        let base = check_base_url(&base_url)?;
        let wire = &api.wire;
        let needed = wire
            .basic_auth
            .iter()
            .flat_map(|b| [b.username, b.password])
            .chain(wire.credential_params.iter().map(|c| c.credential))
            .chain(wire.auth_schemes.iter().filter_map(AuthScheme::credential));
        for name in needed {
            if credentials.get(name).is_none() {
                return Err(BuildError::MissingCredential { name });
            }
        }
        // A credential sent in a header must be one a header can hold;
        // refused here, once, rather than on every call.
        let auth_headers = wire
            .auth_schemes
            .iter()
            .map(|scheme| auth_header(scheme, &credentials))
            .collect::<Result<_, _>>()?;
        // Fails harmlessly when a provider is installed already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .user_agent(config.user_agent.as_str())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| BuildError::Http(e.without_url()))?;
        Ok(Client {
            inner: Arc::new(Inner {
                api,
                credentials,
                config,
                base_url,
                base,
                http,
                session,
                auth_headers,
            }),
        })
    }

    /// The API this client talks to.
    pub fn api(&self) -> &'static ApiDescriptor {
        self.inner.api
    }

    /// The base URL in use.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// How responses are read, per [`ClientConfig::strict_responses`].
    pub(crate) fn response_mode(&self) -> Mode {
        if self.inner.config.strict_responses {
            Mode::Strict
        } else {
            Mode::Tolerant
        }
    }

    /// Whether calls are authenticated with a session token
    /// ([`Client::with_token_session`]).
    pub fn has_token_session(&self) -> bool {
        self.inner.session.is_some()
    }

    /// Whether `token` stands in for the credential `name` (the one a token
    /// session replaces).
    fn replaced_by_token(&self, name: &str, token: Option<&Secret>) -> bool {
        token.is_some()
            && self
                .inner
                .session
                .as_ref()
                .is_some_and(|session| session.descriptor.credential == name)
    }

    /// The credential `name`, or `token` in place of the one a token
    /// session replaces.
    fn credential<'a>(&'a self, name: &str, token: Option<&'a Secret>) -> &'a str {
        if let Some(token) = token
            && self.replaced_by_token(name, Some(token))
        {
            return token.expose();
        }
        // Client::new checked that every credential the wire needs exists.
        self.inner.credentials.get(name).map_or("", Secret::expose)
    }

    /// Calls `method` with `request`:
    ///
    /// 1. validates the request (paths rooted at `params`) unless
    ///    [`ClientConfig::validate_requests`] is off;
    /// 2. with a token session, gets a current token (see
    ///    [`Client::with_token_session`]);
    /// 3. encodes the request per the API's [`Wire`](crate::wire::Wire) and
    ///    sends it;
    /// 4. reads the body up to [`ClientConfig::max_response_bytes`];
    /// 5. recognises API errors per the wire's
    ///    [`ErrorRule`](crate::wire::ErrorRule) (JSON APIs: even on a non-2xx
    ///    status), else reports a non-2xx status as [`Error::Status`];
    /// 6. decodes the body into `Resp` ([`decode::response`]): values that
    ///    break their documented rule are kept, reported by the response's
    ///    `violations()` and logged as `WARN` events, unless
    ///    [`ClientConfig::strict_responses`] is on;
    /// 7. repeats steps 3 to 6 where [`ClientConfig::retry`] and the rules
    ///    in [`retry`] allow.
    ///
    /// Each call is a `tracing` span `hostapi.call` (fields `api`, `method`,
    /// then `outcome`, `status`, `attempts` and `duration_ms`), ending with a
    /// `DEBUG` event; retries are `DEBUG` events too. No credential, request
    /// or response value is ever logged.
    pub fn call<Req, Resp, E>(
        &self,
        method: &'static MethodDescriptor,
        request: &Req,
    ) -> impl Future<Output = Result<Resp, Error<E>>>
    where
        Req: Serialize + Validate + ?Sized,
        Resp: DeserializeOwned,
        E: ApiErrorType,
    {
        // The inner future as it is, without an `async` layer of its own.
        self.call_with(method, request, decode::response_with_headers::<Resp, E>)
    }

    /// [`call`](Self::call) up to step 5, returning the body as received
    /// instead of decoding it: an API error, a non-2xx status or a body not
    /// in the wire's format is still an error. For tools that show the
    /// vendor's answer as sent (`hostapi-codegen call --raw`); the body is
    /// [`RawBody::is_sensitive`] when the method returns a secret.
    pub async fn call_raw<Req, E>(
        &self,
        method: &'static MethodDescriptor,
        request: &Req,
    ) -> Result<RawBody, Error<E>>
    where
        Req: Serialize + Validate + ?Sized,
        E: ApiErrorType,
    {
        self.call_with(method, request, received_body::<E>).await
    }

    /// A call whose last step is `finish`.
    async fn call_with<Req, Resp, E>(
        &self,
        method: &'static MethodDescriptor,
        request: &Req,
        finish: Finish<Resp, E>,
    ) -> Result<Resp, Error<E>>
    where
        Req: Serialize + Validate + ?Sized,
        E: ApiErrorType,
    {
        let span = tracing::info_span!(
            "hostapi.call",
            api = self.inner.api.name,
            method = method.wire_name,
            outcome = tracing::field::Empty,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        // Without a subscriber listening for either the span or the
        // closing event there is nothing to record: the call runs without
        // the span's wrapper and without reading the clock.
        if span.is_disabled() && !tracing::enabled!(tracing::Level::DEBUG) {
            return self.call_unlogged(method, request, finish).await.result;
        }
        let recorded = span.clone();
        async move {
            let started = Instant::now();
            let sent = self.call_unlogged(method, request, finish).await;
            let span = recorded;
            let outcome = outcome_name(&sent.result);
            let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
            span.record("outcome", outcome);
            span.record("attempts", sent.attempts);
            span.record("duration_ms", duration_ms);
            if let Some(status) = sent.status {
                span.record("status", status);
            }
            tracing::debug!(
                outcome,
                attempts = sent.attempts,
                duration_ms,
                "call finished"
            );
            sent.result
        }
        .instrument(span)
        .await
    }

    /// [`call`](Self::call) for a method without parameters.
    pub async fn call_without_params<Resp, E>(
        &self,
        method: &'static MethodDescriptor,
    ) -> Result<Resp, Error<E>>
    where
        Resp: DeserializeOwned,
        E: ApiErrorType,
    {
        self.call(method, &crate::section::NoParams::new()).await
    }

    async fn call_unlogged<Req, Resp, E>(
        &self,
        method: &'static MethodDescriptor,
        request: &Req,
        finish: Finish<Resp, E>,
    ) -> Sent<Resp, E>
    where
        Req: Serialize + Validate + ?Sized,
        E: ApiErrorType,
    {
        // The method name is part of the path unless the method's binding
        // has a path of its own.
        let named_in_path = self.inner.api.wire.method_name == MethodName::Path
            && method.binding.is_none_or(|binding| binding.path.is_none());
        if named_in_path && let Err(e) = path_segments(method.wire_name) {
            return Sent::unsent(Error::Encode(e));
        }
        if self.inner.config.validate_requests {
            let root = self.inner.api.wire.params.envelope().unwrap_or_default();
            let mut violations = Violations::with_root(root);
            request.validate(&mut violations);
            if let Err(e) = violations.into_result() {
                return Sent::unsent(Error::Validation(e));
            }
        }
        let session = match &self.inner.session {
            // The token method itself uses the credentials it is given.
            Some(session) if !std::ptr::eq(method, session.descriptor.method) => session,
            _ => return self.send(method, request, None, finish).await,
        };
        let token = match session.token::<E>(self).await {
            Ok(token) => token,
            Err(e) => return Sent::unsent(e),
        };
        let sent = self.send(method, request, Some(&token), finish).await;
        if sent.status != Some(401) {
            return sent;
        }
        // The server refused the token, so the call did nothing: get a new
        // token and try once more.
        tracing::debug!("token refused (HTTP 401); fetching a new one");
        session.invalidate(&token);
        let token = match session.token::<E>(self).await {
            Ok(token) => token,
            Err(e) => return Sent::unsent(e),
        };
        let mut again = self.send(method, request, Some(&token), finish).await;
        again.attempts += sent.attempts;
        again
    }

    /// Calls the session's token method with `params`, authenticated with
    /// `token` in place of the replaced credential, or with the real
    /// credentials when `token` is `None`.
    pub(crate) async fn exchange<E: ApiErrorType>(
        &self,
        method: &'static MethodDescriptor,
        params: Map<String, Value>,
        token: Option<&Secret>,
    ) -> Result<Map<String, Value>, Error<E>> {
        self.send(
            method,
            &params,
            token,
            decode::response_with_headers::<_, E>,
        )
        .await
        .result
    }

    /// Encodes the request and sends it, repeating both where the retry
    /// rules allow.
    ///
    /// Not an `async fn`: returning `send_built`'s future as it is keeps
    /// one layer (and its copy of the inner future) out of every call's
    /// future.
    fn send<Req, Resp, E>(
        &self,
        method: &'static MethodDescriptor,
        request: &Req,
        token: Option<&Secret>,
        finish: Finish<Resp, E>,
    ) -> impl Future<Output = Sent<Resp, E>>
    where
        Req: Serialize + ?Sized,
        E: ApiErrorType,
    {
        // Encoded and built afresh for each attempt: the body moves into
        // the request, cheaper than keeping a copy for retries, which are
        // rare.
        let build = move || {
            self.encode(method, request, token)
                .map(|encoded| self.build_request(method, encoded, token))
        };
        self.send_built(method, build, finish)
    }

    /// Sends the request `build` makes, building it again for each attempt
    /// the retry rules allow.
    async fn send_built<Resp, E>(
        &self,
        method: &'static MethodDescriptor,
        build: impl Fn() -> Result<reqwest::Result<reqwest::Request>, crate::error::EncodeError>,
        finish: Finish<Resp, E>,
    ) -> Sent<Resp, E>
    where
        E: ApiErrorType,
    {
        let policy = self.inner.config.retry;
        let mut attempts = 1;
        loop {
            // The request moves into the attempt inside the match, so it
            // is not kept in this future while the attempt runs.
            let attempt = match build() {
                Ok(request) => self.attempt(method, request, finish),
                Err(e) => {
                    return Sent {
                        result: Err(Error::Encode(e)),
                        status: None,
                        attempts: attempts - 1,
                    };
                }
            };
            let (result, status, retry_after) = attempt.await;
            let reason = match &result {
                Ok(_) => None,
                Err(error) => retry_reason(error, status, method.idempotent),
            };
            match reason {
                Some(reason) if policy.allows_another(attempts) => {
                    let delay = policy.delay(attempts, retry_after);
                    tracing::debug!(
                        attempt = attempts,
                        reason,
                        delay_ms = delay.as_millis() as u64,
                        "retrying"
                    );
                    tokio::time::sleep(delay).await;
                    attempts += 1;
                }
                _ => {
                    return Sent {
                        result,
                        status,
                        attempts,
                    };
                }
            }
        }
    }

    /// One exchange: send, read the body, `finish` (decode).
    ///
    /// Not an `async fn`: the request is handed to reqwest before the
    /// future starts, so it takes no room in it (a future keeps every local
    /// that is in scope at an `.await`, moved-from or not; this one is part
    /// of every call's).
    fn attempt<Resp, E>(
        &self,
        method: &'static MethodDescriptor,
        request: reqwest::Result<reqwest::Request>,
        finish: Finish<Resp, E>,
    ) -> impl Future<Output = (Result<Resp, Error<E>>, Option<u16>, Option<Duration>)>
    where
        E: ApiErrorType,
    {
        let pending = request.map(|request| {
            tracing::debug!(
                http_method = %request.method(),
                url = %shown_url::Shown::new(request.url(), &self.inner.api.wire),
                "sending request"
            );
            self.inner.http.execute(request)
        });
        async move {
            let pending = match pending {
                Ok(pending) => pending,
                Err(e) => return (Err(Error::Transport(TransportError::http(e))), None, None),
            };
            // The response moves into the body's read, so it ends with
            // this block rather than staying in the future beside it.
            let (status, retry_after, headers, body) = {
                let response = match pending.await {
                    Ok(response) => response,
                    Err(e) => {
                        return (Err(Error::Transport(TransportError::http(e))), None, None);
                    }
                };
                let status = response.status().as_u16();
                let retry_after = response
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| retry::parse_retry_after(v, SystemTime::now()));
                let headers = header_fields(method, response.headers());
                let body = read_limited(response, self.inner.config.max_response_bytes);
                (status, retry_after, headers, body)
            };
            let result = match body.await {
                Ok(body) => {
                    let body = if method.returns_secrets {
                        RawBody::sensitive(body)
                    } else {
                        RawBody::new(body)
                    };
                    let mode = self.response_mode();
                    finish(self.inner.api, method, status, &headers, body, mode)
                }
                Err(e) => Err(Error::Transport(e)),
            };
            (result, Some(status), retry_after)
        }
    }
}

/// A call's result with what the transport saw.
struct Sent<Resp, E> {
    result: Result<Resp, Error<E>>,
    /// The HTTP status of the last response, if one arrived.
    status: Option<u16>,
    /// Requests sent (0 when the call failed before sending).
    attempts: u32,
}

impl<Resp, E> Sent<Resp, E> {
    fn unsent(error: Error<E>) -> Self {
        Sent {
            result: Err(error),
            status: None,
            attempts: 0,
        }
    }
}

/// Why a failed attempt may be repeated, or `None` when it must not be (see
/// [`retry`](crate::retry)).
fn retry_reason<E: ApiErrorType>(
    error: &Error<E>,
    status: Option<u16>,
    idempotent: bool,
) -> Option<&'static str> {
    match error {
        // Nothing was sent: safe for every method.
        Error::Transport(t) if t.is_connect() => Some("connect"),
        Error::Transport(t) if t.is_body_too_large() => None,
        Error::Transport(t) if idempotent && t.is_timeout() => Some("timeout"),
        Error::Transport(_) if idempotent => Some("transport"),
        Error::Api(e) if idempotent && e.is_retryable() => Some("retryable API error"),
        Error::Status { .. } | Error::Api(_) | Error::Decode(_)
            if idempotent && status.is_some_and(retry::retryable_status) =>
        {
            Some("HTTP status")
        }
        _ => None,
    }
}

/// The `outcome` recorded on a call's span.
fn outcome_name<Resp, E>(result: &Result<Resp, Error<E>>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(Error::Validation(_)) => "validation",
        Err(Error::Encode(_)) => "encode",
        Err(Error::Transport(t)) if t.is_timeout() => "timeout",
        Err(Error::Transport(_)) => "transport",
        Err(Error::Status { .. }) => "status",
        Err(Error::Api(_)) => "api",
        Err(Error::Decode(_)) => "decode",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert!(check_base_url("https://api.liquidweb.com/bleed").is_ok());
        assert!(check_base_url("http://127.0.0.1:8080/").is_ok());
        for bad in [
            "ftp://x.example/",
            "not a url",
            "https://user:pw@x.example/",
            "https://x.example/?a=1",
            "https://x.example/#f",
            "https://x.example:99999/",
            "https:// x.example/",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        let error = check_base_url("https://x.example/?a=1").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("invalid base URL: the URL has a query")
        );
    }
}
