//! Per-method HTTP bindings: a method's own HTTP method and path template,
//! and where each parameter travels (path, query, header, form, JSON member
//! or the whole body). Generated code declares one static [`MethodBinding`]
//! per bound method; the client applies it with `split` and
//! [`expand_path`], so no method carries code of its own for it.

use serde_json::{Map, Value};

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

/// A request's parameters sorted by where they travel.
#[derive(Debug, Default)]
pub(crate) struct Split {
    /// Path parameter values, already converted to text.
    pub(crate) path: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(&'static str, String, bool)>,
    /// Query-string and form members, still as values (flattened later).
    pub(crate) query: Map<String, Value>,
    pub(crate) form: Map<String, Value>,
    pub(crate) json: Map<String, Value>,
    /// The whole body, when a parameter is bound to it.
    pub(crate) body: Option<Value>,
    /// Members bound nowhere: they go where the API's defaults put them.
    pub(crate) unbound: Map<String, Value>,
}

/// Sorts the request object's members by `binding`. Absent (null)
/// members are left out; a path or header value must be a scalar.
pub(crate) fn split(
    binding: &MethodBinding,
    request: Map<String, Value>,
) -> Result<Split, EncodeError> {
    let mut out = Split::default();
    for (key, value) in request {
        let Some(bound) = binding.params.iter().find(|p| p.name == key) else {
            out.unbound.insert(key, value);
            continue;
        };
        if value.is_null() {
            continue;
        }
        match bound.place {
            ParamPlace::Path => out
                .path
                .push((bound.name, scalar_text(bound.name, &value)?)),
            ParamPlace::Header { name, sensitive } => {
                out.headers
                    .push((name, scalar_text(bound.name, &value)?, sensitive));
            }
            ParamPlace::Query => {
                out.query.insert(key, value);
            }
            ParamPlace::Form => {
                out.form.insert(key, value);
            }
            ParamPlace::Json => {
                out.json.insert(key, value);
            }
            ParamPlace::Body => out.body = Some(value),
        }
    }
    Ok(out)
}

/// A scalar as it is written in a path segment or header: strings as they
/// are, numbers in JSON notation, booleans as `1`/`0` (as in query strings).
fn scalar_text(name: &str, value: &Value) -> Result<String, EncodeError> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(if *b { "1" } else { "0" }.to_owned()),
        _ => Err(EncodeError {
            message: format!(
                "the parameter `{}` travels in the path or a header, so it must be a \
                 string, number or boolean, not {}",
                name.escape_debug(),
                crate::decode::json_kind(value)
            ),
        }),
    }
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
        encode_segment(value, &mut out);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
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
    use serde_json::json;

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

    #[test]
    fn members_go_where_they_are_bound() {
        static PARAMS: [ParamBinding; 4] = [
            ParamBinding {
                name: "id",
                place: ParamPlace::Path,
            },
            ParamBinding {
                name: "key",
                place: ParamPlace::Header {
                    name: "X-Key",
                    sensitive: true,
                },
            },
            ParamBinding {
                name: "ttl",
                place: ParamPlace::Json,
            },
            ParamBinding {
                name: "gone",
                place: ParamPlace::Query,
            },
        ];
        let binding = MethodBinding {
            http_method: None,
            path: None,
            params: &PARAMS,
        };
        let request = json!({"id": 7, "key": "k", "ttl": 60, "gone": null, "other": true});
        let Value::Object(request) = request else {
            unreachable!()
        };
        let split = split(&binding, request).unwrap();
        assert_eq!(split.path, [("id", "7".to_owned())]);
        assert_eq!(split.headers, [("X-Key", "k".to_owned(), true)]);
        assert_eq!(Value::Object(split.json), json!({"ttl": 60}));
        assert!(split.query.is_empty());
        assert_eq!(Value::Object(split.unbound), json!({"other": true}));

        let Value::Object(nested) = json!({"id": [1]}) else {
            unreachable!()
        };
        assert!(super::split(&binding, nested).is_err());
    }
}
