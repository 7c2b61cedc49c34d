//! Returned fields read from HTTP response headers (`header:` under
//! `returns`): each header name an HTTP token, each header read once.

use super::*;

impl<'a, 'd> ApiBuilder<'a, 'd> {
    /// The (header, wire name) pairs of `returns`, checked.
    pub(super) fn response_headers(
        &mut self,
        returns: &'a crate::spec::span::Entries<model::Field>,
    ) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (name, field) in returns.iter() {
            let Some(header) = &field.header else {
                continue;
            };
            if !is_token(&header.value) {
                let message = format!(
                    "`{}` is not an HTTP header name: expected ASCII letters, digits and \
                     `!#$%&'*+-.^_|~` (`Retry-After`, `Link`)",
                    crate::text::visible(&header.value)
                );
                self.error("header-name", self.path, header.pos, message);
                continue;
            }
            if field.series {
                let message = format!(
                    "`{}` is a numbered series and reads the header `{}`: expected one or the \
                     other",
                    name.value, header.value
                );
                self.error("header-name", self.path, header.pos, message);
                continue;
            }
            if let Some((_, other)) = out
                .iter()
                .find(|(seen, _)| seen.eq_ignore_ascii_case(&header.value))
            {
                let message = format!(
                    "`{}` and `{other}` both read the header `{}`: expected each header once \
                     (header names ignore case)",
                    name.value, header.value
                );
                self.error("header-name", self.path, header.pos, message);
                continue;
            }
            out.push((header.value.clone(), name.value.clone()));
        }
        out
    }
}

/// An HTTP field name (RFC 9110 `token`): a returned field's header and
/// a parameter's or API key's header binding alike.
pub(super) fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'!' | b'#'
                        | b'$'
                        | b'%'
                        | b'&'
                        | b'\''
                        | b'*'
                        | b'+'
                        | b'-'
                        | b'.'
                        | b'^'
                        | b'_'
                        | b'`'
                        | b'|'
                        | b'~'
                )
        })
}
