//! The `rel="next"` target of an HTTP `Link` header (RFC 8288, section 3),
//! read tolerantly: several links in one value (or in repeated headers
//! joined with `, `), `rel` quoted or not, several relation types in one
//! `rel`, parameters in any order and case. A link-value that does not
//! parse is skipped, not an error; the scan is linear in the header's
//! length, so a hostile header costs no more than reading it.

/// The target URI reference of the first link whose relation types include
/// `next`, as written between `<` and `>`.
pub(crate) fn next_target(header: &str) -> Option<&str> {
    let mut scan = Scanner {
        text: header.as_bytes(),
        at: 0,
    };
    loop {
        scan.skip(|b| b == b',' || is_space(b));
        if scan.done() {
            return None;
        }
        if scan.peek() != Some(b'<') {
            scan.skip_link_value();
            continue;
        }
        scan.at += 1;
        let start = scan.at;
        scan.skip(|b| b != b'>' && b != b'<');
        if scan.peek() != Some(b'>') {
            scan.skip_link_value();
            continue;
        }
        let target = &header[start..scan.at];
        scan.at += 1;
        let rel = scan.params_rel();
        // RFC 8288: relation types compare case-insensitively.
        if rel.is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("next"))
        }) {
            return Some(target.trim());
        }
    }
}

struct Scanner<'t> {
    text: &'t [u8],
    at: usize,
}

impl Scanner<'_> {
    fn done(&self) -> bool {
        self.at >= self.text.len()
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip(&mut self, mut while_: impl FnMut(u8) -> bool) {
        while self.peek().is_some_and(&mut while_) {
            self.at += 1;
        }
    }

    /// Skips to the end of this link-value: the next `,` outside a quoted
    /// string.
    fn skip_link_value(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b',' => return,
                b'"' => {
                    self.quoted();
                }
                _ => self.at += 1,
            }
        }
    }

    /// Reads a link-value's parameters up to its end, returning the first
    /// `rel` (later ones are ignored, as RFC 8288 says).
    fn params_rel(&mut self) -> Option<String> {
        let mut rel = None;
        loop {
            self.skip(is_space);
            match self.peek() {
                None | Some(b',') => return rel,
                Some(b';') => self.at += 1,
                Some(_) => {
                    // Not a parameter: the rest of this link-value is noise.
                    self.skip_link_value();
                    return rel;
                }
            }
            self.skip(is_space);
            let start = self.at;
            self.skip(is_token);
            let name = &self.text[start..self.at];
            self.skip(is_space);
            let mut value = None;
            if self.peek() == Some(b'=') {
                self.at += 1;
                self.skip(is_space);
                value = Some(if self.peek() == Some(b'"') {
                    self.quoted()
                } else {
                    let start = self.at;
                    self.skip(|b| b != b';' && b != b',' && !is_space(b));
                    String::from_utf8_lossy(&self.text[start..self.at]).into_owned()
                });
            }
            if rel.is_none() && name.eq_ignore_ascii_case(b"rel") {
                rel = value;
            }
        }
    }

    /// A quoted string from its opening `"`, unescaped; an unterminated
    /// one runs to the end.
    fn quoted(&mut self) -> String {
        self.at += 1;
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    if let Some(escaped) = self.peek() {
                        out.push(escaped);
                        self.at += 1;
                    }
                }
                _ => out.push(b),
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// An RFC 9110 token character.
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::next_target;

    #[test]
    fn finds_next_among_several_links() {
        let header = r#"<https://api.test/items?page=1>; rel="first", <https://api.test/items?page=3>; rel="next", <https://api.test/items?page=9>; rel="last""#;
        assert_eq!(next_target(header), Some("https://api.test/items?page=3"));
    }

    #[test]
    fn rel_quoted_unquoted_several_values_any_case() {
        assert_eq!(next_target("</a>; rel=next"), Some("/a"));
        assert_eq!(next_target("</a>;rel=NEXT"), Some("/a"));
        assert_eq!(
            next_target(r#"</a>; title="x, y; z"; rel="prev next""#),
            Some("/a")
        );
        assert_eq!(next_target(r#"</a> ; REL = "next""#), Some("/a"));
        assert_eq!(next_target(r#"</a>; rel="nexts""#), None);
        // Only the first `rel` counts.
        assert_eq!(next_target(r#"</a>; rel=prev; rel=next"#), None);
    }

    #[test]
    fn quoted_commas_and_escapes_do_not_split_links() {
        let header = r#"</a>; title="one, two; rel=next", </b>; rel="next""#;
        assert_eq!(next_target(header), Some("/b"));
        assert_eq!(
            next_target(r#"</a>; title="q\"uote", </b>; rel=next"#),
            Some("/b")
        );
    }

    #[test]
    fn malformed_links_are_skipped() {
        assert_eq!(next_target(""), None);
        assert_eq!(next_target("garbage"), None);
        assert_eq!(next_target("<unterminated; rel=next"), None);
        assert_eq!(
            next_target(r#"<a>; title="unterminated, <b>; rel=next"#),
            None
        );
        assert_eq!(next_target("nonsense, </b>; rel=next"), Some("/b"));
        assert_eq!(
            next_target("</a> junk; rel=next, </b>; rel=next"),
            Some("/b")
        );
        assert_eq!(next_target("</a>; rel, </b>; rel=\"next\""), Some("/b"));
        assert_eq!(next_target(",,, ;;; <<>>"), None);
    }

    #[test]
    fn huge_headers_are_read_in_one_pass() {
        // Many links before the one that counts, and one long parameter.
        let mut header = "<https://api.test/x>; rel=prev, ".repeat(50_000);
        header.push_str(&format!("</y>; title=\"{}\", ", "a".repeat(1 << 20)));
        header.push_str("</next>; rel=next");
        assert_eq!(next_target(&header), Some("/next"));
        let open = "<".repeat(1 << 20);
        assert_eq!(next_target(&open), None);
        let quotes = "</a>; t=\"".repeat(100_000);
        assert_eq!(next_target(&quotes), None);
    }
}
