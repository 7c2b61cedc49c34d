//! Following a URL the server gave (a `Link: <…>; rel="next"` header) as a
//! call of a method: a GET of that URL as given, with the credentials that
//! travel outside the parameters, read back as the method's response.

use serde_json::{Map, Value};
use tracing::Instrument;

use super::Client;
use crate::decode;
use crate::error::{ApiErrorType, Error};
use crate::secret::Secret;
use crate::wire::{AuthScheme, MethodDescriptor};

type Page<E> = Result<Map<String, Value>, Error<E>>;

impl Client {
    /// GETs `url` for `method` and reads the answer as the method's
    /// response, with the same sessions, retries and error rules as
    /// [`call`](Self::call). The caller has checked that `url` is on the
    /// client's own origin: credentials go with it.
    pub(crate) async fn follow<E: ApiErrorType>(
        &self,
        method: &'static MethodDescriptor,
        url: reqwest::Url,
    ) -> Page<E> {
        let span = tracing::info_span!(
            "hostapi.call",
            api = self.inner.api.name,
            method = method.wire_name,
            followed = true,
        );
        async move {
            let url = without_query_keys(url, self.api().wire.auth_schemes);
            let session = match &self.inner.session {
                Some(session) if !std::ptr::eq(method, session.descriptor.method) => session,
                _ => return self.follow_once(method, &url, None).await.0,
            };
            let token = session.token::<E>(self).await?;
            let (result, status) = self.follow_once(method, &url, Some(&token)).await;
            if status != Some(401) {
                return result;
            }
            // As for a call: the server refused the token, so get a new one.
            session.invalidate(&token);
            let token = session.token::<E>(self).await?;
            self.follow_once(method, &url, Some(&token)).await.0
        }
        .instrument(span)
        .await
    }

    async fn follow_once<E: ApiErrorType>(
        &self,
        method: &'static MethodDescriptor,
        url: &reqwest::Url,
        token: Option<&Secret>,
    ) -> (Page<E>, Option<u16>) {
        let build = || Ok(self.finish_request(self.inner.http.get(url.clone()), token));
        let finish = decode::response_with_headers::<Map<String, Value>, E>;
        let sent = self.send_built(method, build, finish).await;
        (sent.result, sent.status)
    }
}

/// `url` without the query keys of API keys that travel in the query: the
/// client adds its own, so a key the server echoed in its link is neither
/// sent twice nor sent stale.
fn without_query_keys(mut url: reqwest::Url, schemes: &[AuthScheme]) -> reqwest::Url {
    let keys: Vec<&str> = schemes
        .iter()
        .filter_map(|scheme| match scheme {
            AuthScheme::ApiKeyQuery { name, .. } => Some(*name),
            _ => None,
        })
        .collect();
    if keys.is_empty() || url.query().is_none() {
        return url;
    }
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !keys.contains(&k.as_ref()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoed_query_keys_are_dropped() {
        let schemes = [AuthScheme::ApiKeyQuery {
            name: "key",
            credential: "key",
        }];
        let url = reqwest::Url::parse("https://a.test/x?page=2&key=old&b=1").unwrap();
        let url = without_query_keys(url, &schemes);
        assert_eq!(url.as_str(), "https://a.test/x?page=2&b=1");
        let url = reqwest::Url::parse("https://a.test/x?key=old").unwrap();
        assert_eq!(
            without_query_keys(url, &schemes).as_str(),
            "https://a.test/x"
        );
        let url = reqwest::Url::parse("https://a.test/x?key=old").unwrap();
        assert_eq!(
            without_query_keys(url, &[]).as_str(),
            "https://a.test/x?key=old"
        );
    }
}
