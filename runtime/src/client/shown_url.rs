//! A request's URL as logs show it: the query string's values, where
//! credentials and API keys can travel, are replaced by `***`, all but the
//! method name's (eNom's `command`), which is never a secret.

use std::fmt;

use crate::binding::encode_segment;
use crate::wire::{MethodName, Wire};

/// Displays a URL with its query values redacted.
pub(super) struct Shown<'a> {
    url: &'a reqwest::Url,
    /// The one query parameter whose value is shown.
    method_param: Option<&'static str>,
}

impl<'a> Shown<'a> {
    pub(super) fn new(url: &'a reqwest::Url, wire: &Wire) -> Self {
        let method_param = match wire.method_name {
            MethodName::Query(name) | MethodName::Form(name) => Some(name),
            MethodName::Path => None,
        };
        Shown { url, method_param }
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The base URL has no user information (Client::new refuses it),
        // so everything before the query is safe to show.
        let url = self.url;
        let end = url
            .query()
            .map_or(url.as_str().len(), |q| url.as_str().len() - q.len() - 1);
        f.write_str(&url.as_str()[..end])?;
        let mut separator = '?';
        for (key, value) in url.query_pairs() {
            let mut pair = String::new();
            encode_segment(&key, &mut pair);
            pair.push('=');
            if Some(key.as_ref()) == self.method_param {
                encode_segment(&value, &mut pair);
            } else {
                pair.push_str("***");
            }
            write!(f, "{separator}{pair}")?;
            separator = '&';
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{ErrorRule, HttpMethod, ParamEncoding, ResponseFormat};

    fn wire(method_name: MethodName) -> Wire {
        Wire {
            http_method: HttpMethod::Get,
            method_name,
            params: ParamEncoding::Query,
            basic_auth: None,
            credential_params: &[],
            auth_schemes: &[],
            response: ResponseFormat::Json,
            error: ErrorRule::FieldPresent {
                field: "error",
                message: None,
            },
        }
    }

    #[test]
    fn query_values_but_the_method_name_are_redacted() {
        let url = reqwest::Url::parse(
            "https://api.example.test/v1/d/a%2Fb?command=Check&uid=me&pw=hunter%262&key=s3cret",
        )
        .unwrap();
        let shown = Shown::new(&url, &wire(MethodName::Query("command"))).to_string();
        assert_eq!(
            shown,
            "https://api.example.test/v1/d/a%2Fb?command=Check&uid=***&pw=***&key=***"
        );
        let bare = reqwest::Url::parse("https://api.example.test/v1/domains/x").unwrap();
        assert_eq!(
            Shown::new(&bare, &wire(MethodName::Path)).to_string(),
            "https://api.example.test/v1/domains/x"
        );
    }
}
