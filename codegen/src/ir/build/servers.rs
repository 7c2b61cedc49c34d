//! `api.base_url` or `api.servers`: every URL one the runtime accepts, each
//! server name usable and distinct.

use super::*;

impl<'a, 'd> ApiBuilder<'a, 'd> {
    /// The default base URL and the named servers, checked.
    pub(super) fn servers(&mut self, meta: &'a model::ApiMeta) -> (String, Vec<(String, String)>) {
        match (&meta.base_url, meta.servers.iter().next()) {
            (Some(_), Some((first, _))) => self.error(
                "base-url-choice",
                self.path,
                first.pos,
                "the API gives both `base_url` and `servers`: expected one of them (the first \
                 server is the default)",
            ),
            (None, None) => self.error(
                "base-url-choice",
                self.path,
                meta.name.pos,
                "the API gives neither `base_url` nor `servers`: expected one of them",
            ),
            _ => {}
        }
        let mut servers: Vec<(String, String)> = Vec::new();
        for (name, url) in meta.servers.iter() {
            let url = self.base_url(url, "server URL");
            if !is_server_name(&name.value) {
                let message = format!(
                    "server name `{}` is not usable: expected ASCII letters, digits, `-`, `_` \
                     or `.`, starting with a letter",
                    crate::text::visible(&name.value)
                );
                self.error("server-name", self.path, name.pos, message);
            } else if let Some((other, _)) = servers
                .iter()
                .find(|(other, _)| other.eq_ignore_ascii_case(&name.value))
            {
                let message = format!(
                    "servers `{other}` and `{}` differ only in case: expected distinct names",
                    name.value
                );
                self.error("duplicate-server", self.path, name.pos, message);
            }
            servers.push((name.value.clone(), url));
        }
        let base_url = match &meta.base_url {
            Some(url) => self.base_url(url, "`base_url`"),
            None => servers
                .first()
                .map(|(_, url)| url.clone())
                .unwrap_or_default(),
        };
        (base_url, servers)
    }

    /// `url` without trailing slashes, checked with the rule the runtime
    /// runs on every `Client::new`.
    fn base_url(&mut self, url: &Sp<String>, what: &str) -> String {
        let trimmed = url.value.trim_end_matches('/');
        if let Err(violation) = hostapi_rules::base_url(trimmed) {
            self.error(
                "base-url",
                self.path,
                url.pos,
                // Not quoted: it may hold credentials (`user:pw@`).
                format!("{what} cannot be used: {}", violation.message),
            );
        }
        trimmed.to_string()
    }
}

/// A name a caller can type: `production`, `test`, `eu-west.2`.
fn is_server_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}
