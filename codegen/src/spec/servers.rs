//! Where an API's requests go: one `base_url`, or named `servers` with the
//! default first.

use super::model::ApiMeta;
use super::span::Sp;

impl ApiMeta {
    /// The default base URL as written: `base_url`, else the first server's
    /// URL; `None` when the spec gives neither (a checker error).
    pub fn default_base_url(&self) -> Option<&Sp<String>> {
        self.base_url
            .as_ref()
            .or_else(|| self.servers.iter().next().map(|(_, url)| url))
    }
}
