//! Per-method HTTP bindings: a method's own HTTP method and path template,
//! and where each parameter travels (path, query, header, form, JSON member
//! or the whole body). Generated code declares one static [`MethodBinding`]
//! per bound method; the client applies it with `split` and
//! [`expand_path`], so no method carries code of its own for it.

use crate::error::EncodeError;
use crate::wire::HttpMethod;

/// How one method travels when it differs from its API's
/// [`Wire`](crate::wire::Wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MethodBinding {
    /// The method's HTTP method, in place of the API's.
    pub http_method: Option<HttpMethod>,
    /// A path template relative to the base URL, e.g.
    /// `/domains/{domain}/records/{id}`: each `{name}` is a whole segment,
    /// replaced by the parameter's value percent-encoded as one segment.
    pub path: Option<&'static str>,
    /// Where parameters travel; a parameter not listed goes where the API's
    /// [`ParamEncoding`](crate::wire::ParamEncoding) puts parameters.
    pub params: &'static [ParamBinding],
}

/// Where one parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamBinding {
    /// The parameter's wire name (its key in the request).
    pub name: &'static str,
    /// Where it travels.
    pub place: ParamPlace,
}

/// The places a parameter can travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamPlace {
    /// A `{name}` segment of the path template.
    Path,
    /// The query string, under its wire name.
    Query,
    /// A request header with this name; `sensitive` for a secret value,
    /// which HTTP libraries then keep out of their logs.
    Header {
        /// The header's name.
        name: &'static str,
        /// The value is a secret.
        sensitive: bool,
    },
    /// A field of the `application/x-www-form-urlencoded` body.
    Form,
    /// A member of the JSON body (inside the API's envelope, if it has one).
    Json,
    /// The whole JSON body.
    Body,
}

/// The path `template` with each `{name}` replaced by its value from
/// `values`, percent-encoded as one segment: everything but ASCII letters,
/// digits and `-._~` is encoded, so `/`, `?`, `#` and `%` in a value stay
/// inside its segment. An empty value, `.` or `..` would change which path
/// is called (URL parsers drop or resolve such segments), so it is refused.
pub fn expand_path(
    template: &str,
    values: &[(&'static str, String)],
) -> Result<String, EncodeError> {
    let mut out = String::with_capacity(template.len() + 16);
    expand_path_onto(template, values, &mut out)?;
    Ok(out)
}

/// [`expand_path`] appended to `out`, so that a client writes the base
/// URL's path and the method's into one string.
pub(crate) fn expand_path_onto(
    template: &str,
    values: &[(&'static str, String)],
    out: &mut String,
) -> Result<(), EncodeError> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| EncodeError {
            message: format!(
                "the path template `{}` is malformed",
                template.escape_debug()
            ),
        })?;
        let name = &after[..close];
        let value = values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| EncodeError {
                message: format!("the path parameter `{}` has no value", name.escape_debug()),
            })?;
        if matches!(value, "" | "." | "..") {
            return Err(EncodeError {
                message: format!(
                    "the path parameter `{}` is empty, `.` or `..`, which would change the path",
                    name.escape_debug()
                ),
            });
        }
        encode_segment(value, out);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(())
}

/// Appends `value` percent-encoded so that it is one path segment whatever
/// it holds.
pub fn encode_segment(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0xf)] as char);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(template: &str, value: &str) -> Result<String, EncodeError> {
        expand_path(template, &[("id", value.to_owned())])
    }

    #[test]
    fn values_are_one_segment_each() {
        assert_eq!(path("/d/{id}", "example.com").unwrap(), "/d/example.com");
        assert_eq!(path("/d/{id}/x", "a/b").unwrap(), "/d/a%2Fb/x");
        assert_eq!(path("/d/{id}", "../admin").unwrap(), "/d/..%2Fadmin");
        assert_eq!(
            path("/d/{id}", "a?b#c%d e").unwrap(),
            "/d/a%3Fb%23c%25d%20e"
        );
        assert_eq!(path("/d/{id}", "%2e%2e").unwrap(), "/d/%252e%252e");
        assert_eq!(path("/d/{id}", "é").unwrap(), "/d/%C3%A9");
    }

    #[test]
    fn values_that_would_move_the_path_are_refused() {
        for bad in ["", ".", ".."] {
            let e = path("/d/{id}", bad).unwrap_err();
            assert!(e.message.contains("would change the path"), "{bad:?}: {e}");
        }
        assert!(expand_path("/d/{id}", &[]).is_err());
    }
}
