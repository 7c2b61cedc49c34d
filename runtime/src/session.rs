//! Token sessions: a password exchanged for a short-lived token that
//! authenticates later calls, renewed before it idles out and replaced once
//! its total lifetime is over. What the exchange looks like comes from the
//! spec ([`TokenSession`]); see [`Client::with_token_session`].

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::{Map, Value};

use crate::client::{BuildError, Client};
use crate::error::{ApiErrorType, DecodeError, Error, RawBody};
use crate::secret::Secret;
use crate::wire::TokenSession;

/// A source of wall-clock time (tests substitute their own).
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Settings of a token session. `Default`: the idle timeout the API
/// declares as its default, renewal 60 s before expiry (at most half the
/// idle timeout), the system clock.
#[derive(Clone, Default)]
pub struct SessionConfig {
    /// The idle timeout to request; `None` requests none and assumes the
    /// API's default. Must lie between 1 s and the API's maximum.
    pub idle_timeout: Option<Duration>,
    /// How long before expiry a token is renewed; `None` means 60 s. Capped
    /// at half the idle timeout.
    pub renew_before: Option<Duration>,
    clock: Option<Clock>,
}

impl fmt::Debug for SessionConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionConfig")
            .field("idle_timeout", &self.idle_timeout)
            .field("renew_before", &self.renew_before)
            .field("custom_clock", &self.clock.is_some())
            .finish()
    }
}

impl SessionConfig {
    /// Sets [`SessionConfig::idle_timeout`].
    pub fn with_idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = Some(timeout);
        self
    }

    /// Sets [`SessionConfig::renew_before`].
    pub fn with_renew_before(mut self, margin: Duration) -> Self {
        self.renew_before = Some(margin);
        self
    }

    /// Reads the time from `clock` instead of the system clock (for tests
    /// that move time forward).
    pub fn with_clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }
}

/// A token in use.
#[derive(Clone)]
struct Active {
    token: Secret,
    /// When the server stops accepting it unless renewed.
    expires_at: SystemTime,
    /// When it can no longer be renewed (first issue + the lifetime).
    lifetime_end: SystemTime,
}

/// What a refresh does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Refresh {
    /// Use the real credential to get a new token.
    Issue,
    /// Use the current token to extend it.
    Renew,
}

impl Refresh {
    fn as_str(self) -> &'static str {
        match self {
            Refresh::Issue => "issue",
            Refresh::Renew => "renew",
        }
    }
}

/// The session state a client holds.
pub(crate) struct Session {
    pub(crate) descriptor: TokenSession,
    idle_timeout: Duration,
    renew_before: Duration,
    max_lifetime: Duration,
    clock: Option<Clock>,
    current: Mutex<Option<Active>>,
    /// Held while a token is fetched, so concurrent callers share one fetch.
    refresh: tokio::sync::Mutex<()>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let active = self.current.lock().map(|c| c.is_some()).unwrap_or(false);
        f.debug_struct("TokenSession")
            .field("method", &self.descriptor.method.wire_name)
            .field("idle_timeout", &self.idle_timeout)
            .field("renew_before", &self.renew_before)
            .field("has_token", &active)
            .finish()
    }
}

impl Session {
    pub(crate) fn new(
        descriptor: TokenSession,
        config: SessionConfig,
    ) -> Result<Session, BuildError> {
        let invalid = |reason: String| BuildError::InvalidSession { reason };
        let max = Duration::from_secs(descriptor.max_idle_secs);
        if config.idle_timeout.is_some() && descriptor.timeout_param.is_none() {
            return Err(invalid(
                "this API's token method takes no idle timeout".into(),
            ));
        }
        let idle_timeout = match config.idle_timeout {
            Some(t) if t < Duration::from_secs(1) => {
                return Err(invalid("the idle timeout must be at least 1 second".into()));
            }
            Some(t) if t > max => {
                return Err(invalid(format!(
                    "the idle timeout must be at most {} seconds, the API's maximum",
                    descriptor.max_idle_secs
                )));
            }
            Some(t) => Duration::from_secs(t.as_secs()),
            None => Duration::from_secs(descriptor.default_idle_secs),
        };
        let renew_before = config
            .renew_before
            .unwrap_or(Duration::from_secs(60))
            .min(idle_timeout / 2);
        Ok(Session {
            descriptor,
            idle_timeout,
            renew_before,
            max_lifetime: Duration::from_secs(descriptor.max_lifetime_secs),
            clock: config.clock,
            current: Mutex::new(None),
            refresh: tokio::sync::Mutex::new(()),
        })
    }

    fn now(&self) -> SystemTime {
        match &self.clock {
            Some(clock) => clock(),
            None => SystemTime::now(),
        }
    }

    fn snapshot(&self) -> Option<Active> {
        self.current.lock().ok().and_then(|c| c.clone())
    }

    fn store(&self, active: Option<Active>) {
        if let Ok(mut current) = self.current.lock() {
            *current = active;
        }
    }

    /// What to do with `active` at `now`: `None` to use it as it is.
    fn needs(&self, active: Option<&Active>, now: SystemTime) -> Option<Refresh> {
        let Some(active) = active else {
            return Some(Refresh::Issue);
        };
        let deadline = active.expires_at.min(active.lifetime_end);
        if now + self.renew_before < deadline {
            return None;
        }
        let renewable = now < active.expires_at && now + self.renew_before < active.lifetime_end;
        Some(if renewable {
            Refresh::Renew
        } else {
            Refresh::Issue
        })
    }

    /// Forgets `token` if it is still the current one (the server refused
    /// it), so that the next call fetches a new one.
    pub(crate) fn invalidate(&self, token: &Secret) {
        if let Ok(mut current) = self.current.lock()
            && current.as_ref().is_some_and(|a| &a.token == token)
        {
            *current = None;
        }
    }

    /// A token good for the next call: the current one, or a renewed or new
    /// one. Concurrent callers that find the token stale wait for a single
    /// refresh and share its result.
    pub(crate) async fn token<E: ApiErrorType>(&self, client: &Client) -> Result<Secret, Error<E>> {
        if let Some(active) = self.snapshot()
            && self.needs(Some(&active), self.now()).is_none()
        {
            return Ok(active.token);
        }
        // Rare and deep (a whole call of its own): boxed, so that it does
        // not enlarge every call's future.
        Box::pin(self.refresh::<E>(client)).await
    }

    /// Renews or re-issues the token, one caller at a time.
    async fn refresh<E: ApiErrorType>(&self, client: &Client) -> Result<Secret, Error<E>> {
        let _gate = self.refresh.lock().await;
        // Another caller may have refreshed while this one waited.
        let current = self.snapshot();
        let action = match (self.needs(current.as_ref(), self.now()), current.as_ref()) {
            (None, Some(active)) => return Ok(active.token.clone()),
            (Some(action), _) => action,
            (None, None) => Refresh::Issue,
        };
        // A failed renewal (the server may have dropped the token early)
        // falls back to the real credential.
        let renewed = match (action, &current) {
            (Refresh::Renew, Some(active)) => self
                .exchange::<E>(client, Refresh::Renew, Some(active))
                .await
                .ok(),
            _ => None,
        };
        let active = match renewed {
            Some(active) => active,
            None => self.exchange::<E>(client, Refresh::Issue, None).await?,
        };
        let token = active.token.clone();
        self.store(Some(active));
        Ok(token)
    }

    /// Calls the token method: with the real credential (`Issue`) or with
    /// the current token (`Renew`).
    async fn exchange<E: ApiErrorType>(
        &self,
        client: &Client,
        action: Refresh,
        current: Option<&Active>,
    ) -> Result<Active, Error<E>> {
        let span = tracing::debug_span!(
            "hostapi.session",
            api = client.api().name,
            method = self.descriptor.method.wire_name,
            action = action.as_str(),
        );
        let mut params = Map::new();
        if let Some(param) = self.descriptor.timeout_param {
            params.insert(param.to_owned(), Value::from(self.idle_timeout.as_secs()));
        }
        let requested_at = self.now();
        let token = current.map(|a| &a.token);
        let response: Map<String, Value> = tracing::Instrument::instrument(
            client.exchange::<E>(self.descriptor.method, params, token),
            span,
        )
        .await?;
        let token = match response.get(self.descriptor.token_field) {
            Some(Value::String(s)) if !s.is_empty() => Secret::new(s.clone()),
            _ => {
                // The body is left out: it may hold a token in another field.
                return Err(Error::Decode(DecodeError::new(
                    format!(
                        "the token response has no `{}` string",
                        self.descriptor.token_field
                    ),
                    RawBody::default(),
                )));
            }
        };
        let by_timeout = requested_at + self.idle_timeout;
        let expires_at = self
            .descriptor
            .expires_field
            .and_then(|f| response.get(f))
            .and_then(unix_seconds)
            // An expiry already (nearly) past means the clocks disagree:
            // trusting it would refresh on every call, so count from now.
            .filter(|at| *at > requested_at + self.renew_before)
            .map_or(by_timeout, |at| at.min(by_timeout));
        let lifetime_end = match (action, current) {
            (Refresh::Renew, Some(active)) => active.lifetime_end,
            _ => requested_at + self.max_lifetime,
        };
        Ok(Active {
            token,
            expires_at: expires_at.min(lifetime_end),
            lifetime_end,
        })
    }
}

/// A Unix time in seconds, as a number or a numeric string.
fn unix_seconds(value: &Value) -> Option<SystemTime> {
    let seconds = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}
