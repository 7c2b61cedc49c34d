//! `wire.statuses`: each key a status, a class or `default`, each error a
//! documented one, no status covered twice.

use super::*;
use crate::spec::responses::StatusMeaning;

impl<'a, 'd> ApiBuilder<'a, 'd> {
    /// Checks `meta.wire.statuses` against the API's documented `errors`.
    pub(super) fn statuses(
        &mut self,
        meta: &'a model::ApiMeta,
        errors: &[ApiError],
    ) -> Vec<StatusRule> {
        let mut out: Vec<StatusRule> = Vec::new();
        for (key, meaning) in meta.wire.statuses.iter() {
            let Some(status) = parse_status_key(&key.value) else {
                let message = format!(
                    "status key `{}` is not a status: expected a code from 100 to 599 (`404`), \
                     a class `1XX` to `5XX`, or `default`",
                    crate::text::visible(&key.value)
                );
                self.diags.push(
                    Diagnostic::error("status-key", self.path, key.pos, message)
                        .with_help("write `404`, `4XX` or `default`"),
                );
                continue;
            };
            if out.iter().any(|rule| rule.status == status) {
                let message = format!(
                    "status key `{}` covers the same statuses as an earlier key: expected each \
                     status, class and `default` once",
                    crate::text::visible(&key.value)
                );
                self.error("duplicate-status", self.path, key.pos, message);
                continue;
            }
            let outcome = match meaning {
                StatusMeaning::Success => StatusOutcome::Success,
                StatusMeaning::Error(name) => {
                    if !errors.iter().any(|e| e.key == name.value) {
                        let message = format!(
                            "status `{}` maps to `{}`, which is not a documented error: \
                             expected a key of `errors`",
                            crate::text::visible(&key.value),
                            crate::text::visible(&name.value)
                        );
                        let diagnostic =
                            Diagnostic::error("unknown-status-error", self.path, name.pos, message)
                                .with_suggestion(
                                    &name.value,
                                    errors.iter().map(|e| e.key.as_str()),
                                );
                        self.diags.push(diagnostic);
                        continue;
                    }
                    StatusOutcome::Error(name.value.clone())
                }
            };
            out.push(StatusRule { status, outcome });
        }
        out
    }
}

/// `404` → a code, `4XX` (any case) → a class, `default`; `None` for
/// anything else (a code outside 100–599, `6XX`, `40X`, spaces).
pub(crate) fn parse_status_key(key: &str) -> Option<StatusMatch> {
    if key == "default" {
        return Some(StatusMatch::Default);
    }
    let bytes = key.as_bytes();
    let [first @ b'1'..=b'5', rest @ ..] = bytes else {
        return None;
    };
    match rest {
        [b'x' | b'X', b'x' | b'X'] => Some(StatusMatch::Class(first - b'0')),
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
            key.parse().ok().map(StatusMatch::Code)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_keys() {
        assert_eq!(parse_status_key("404"), Some(StatusMatch::Code(404)));
        assert_eq!(parse_status_key("100"), Some(StatusMatch::Code(100)));
        assert_eq!(parse_status_key("599"), Some(StatusMatch::Code(599)));
        assert_eq!(parse_status_key("4XX"), Some(StatusMatch::Class(4)));
        assert_eq!(parse_status_key("5xx"), Some(StatusMatch::Class(5)));
        assert_eq!(parse_status_key("default"), Some(StatusMatch::Default));
        for bad in [
            "600", "099", "6XX", "40X", "4X", "4040", " 404", "+404", "Default", "", "４04",
        ] {
            assert_eq!(parse_status_key(bad), None, "{bad:?}");
        }
    }
}
