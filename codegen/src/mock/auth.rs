//! Credentials and token sessions. Configured credentials must match what
//! a request sends; without configuration every credential of the API's
//! wire must be sent and not empty. An API with a token session
//! (`wire.auth.session`) issues tokens from its token method: a live token
//! stands in for the credential it replaces, is renewed by calling the
//! method with it, idles out, and stops being renewable after the
//! session's lifetime.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::ir::{Api, AuthScheme};

/// A credential the mock expects, for one API or (without `api`) for all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedCredential {
    pub api: Option<String>,
    /// The credential's name in the spec (`username`, `pw`).
    pub name: String,
    pub value: String,
}

impl ExpectedCredential {
    /// A user name and password for every API: HTTP Basic's two
    /// credentials where the wire has Basic auth, else its first two
    /// credential parameters (eNom's `uid`, `pw`).
    pub fn user_and_password(api: &Api, user: &str, password: &str) -> Vec<ExpectedCredential> {
        let names: Vec<String> = match &api.wire.basic_auth {
            Some((u, p)) => vec![u.clone(), p.clone()],
            None => api
                .wire
                .credential_params
                .iter()
                .map(|(_, name)| name.clone())
                .take(2)
                .collect(),
        };
        names
            .into_iter()
            .zip([user, password])
            .map(|(name, value)| ExpectedCredential {
                api: Some(api.module.clone()),
                name,
                value: value.to_string(),
            })
            .collect()
    }
}

/// Why credentials were refused (never with a value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub String);

/// A token's life.
#[derive(Clone, Debug)]
struct Token {
    api: String,
    first_issued: Instant,
    idle: Duration,
    last_renewed: Instant,
}

/// Issued tokens, by value.
#[derive(Debug, Default)]
pub struct Sessions {
    tokens: HashMap<String, Token>,
    issued: u64,
}

impl Sessions {
    /// Whether `value` is a live token of `api`.
    pub fn is_live(&self, api: &str, value: &str, now: Instant) -> bool {
        self.tokens
            .get(value)
            .is_some_and(|t| t.api == api && now < t.last_renewed + t.idle)
    }

    /// Issues a new token, or renews `presented` when it is a live token
    /// still within its lifetime; returns the token and its idle timeout.
    pub fn issue(
        &mut self,
        api: &Api,
        presented: Option<&str>,
        timeout: Option<u64>,
        seed: u64,
        now: Instant,
    ) -> (String, Duration) {
        let Some(session) = &api.wire.session else {
            return (String::new(), Duration::ZERO);
        };
        let idle = Duration::from_secs(
            timeout
                .unwrap_or(session.idle_timeout)
                .min(session.max_idle_timeout),
        );
        let lifetime = Duration::from_secs(session.max_lifetime);
        if let Some(value) = presented
            && self.is_live(&api.module, value, now)
            && let Some(token) = self.tokens.get_mut(value)
            && now < token.first_issued + lifetime
        {
            token.last_renewed = now;
            token.idle = idle;
            return (value.to_string(), idle);
        }
        self.issued += 1;
        let mut rng = super::synth::Rng::new(seed ^ self.issued, &api.module);
        let value = format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64());
        self.tokens.insert(
            value.clone(),
            Token {
                api: api.module.clone(),
                first_issued: now,
                idle,
                last_renewed: now,
            },
        );
        // Idled-out tokens can never be used or renewed again: dropped, so
        // a long run does not grow.
        self.tokens.retain(|_, t| now < t.last_renewed + t.idle);
        (value, idle)
    }
}

/// Checks `received` (credential name → value) for `api`. A credential a
/// token session replaces may hold a live token instead.
pub fn check(
    api: &Api,
    expected: &[ExpectedCredential],
    received: &[(String, String)],
    sessions: &Sessions,
    now: Instant,
) -> Result<(), Refused> {
    let sent = |name: &str| {
        received
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let replaced = api.wire.session.as_ref().map(|s| s.replaces.as_str());
    // With `bearer: session`, a live token sent as a Bearer token takes the
    // place of HTTP Basic, user name included.
    let basic_replaced = api.wire.auth_schemes.contains(&AuthScheme::BearerSession)
        && replaced
            .and_then(sent)
            .is_some_and(|token| sessions.is_live(&api.module, token, now));
    for credential in &api.credentials {
        let in_basic = api
            .wire
            .basic_auth
            .as_ref()
            .is_some_and(|(user, password)| {
                credential.name == *user || credential.name == *password
            });
        let Some(value) = sent(&credential.name).filter(|v| !v.is_empty()) else {
            if basic_replaced && in_basic {
                continue;
            }
            return Err(Refused(format!(
                "the credential `{}` was not sent",
                credential.name
            )));
        };
        if replaced == Some(credential.name.as_str()) && sessions.is_live(&api.module, value, now) {
            continue;
        }
        let wanted = expected
            .iter()
            .filter(|e| e.name == credential.name)
            .find(|e| e.api.as_deref().is_none_or(|a| a == api.module));
        if let Some(wanted) = wanted
            && wanted.value != value
        {
            return Err(Refused(format!(
                "the credential `{}` is not valid",
                credential.name
            )));
        }
    }
    Ok(())
}
