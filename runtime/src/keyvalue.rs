//! Decoding of key/value responses ([`ResponseFormat::KeyValue`]), as eNom
//! sends them: plain text, HTML or XML, detected per response.
//!
//! The vendor's output is sloppy (mismatched XML end tags such as
//! `<Success>True</Sucess>`, HTML `</ STRONG>` tags, lines missing their
//! `<STRONG>`), so the readers are tolerant: XML is read with quick-xml
//! with end-tag names unchecked (`keyvalue/xml.rs`), text and HTML by hand. They never
//! panic, and they refuse (with a [`DecodeError`]) only what cannot be read:
//! input that fits no format, truncated markup, and data after the end of
//! the document (after the XML root element, after `</html>`), which would
//! otherwise be silently dropped or read as part of the response. A line
//! whose text before the separator is no key (it holds spaces, quotes or
//! markup) is not a pair.
//!
//! Every decoded value is a JSON string.
//!
//! Reading XML needs the crate's `keyvalue` feature (the XML reader is a
//! dependency of its own); without it an XML body is refused, naming the
//! feature. An API whose responses are key/value ones declares them with
//! [`key_value_responses!`](crate::key_value_responses), which does not
//! compile without the feature.
//!
//! [`ResponseFormat::KeyValue`]: crate::wire::ResponseFormat::KeyValue

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::error::{DecodeError, RawBody};

#[cfg(feature = "keyvalue")]
mod xml;

/// [`ResponseFormat::KeyValue`](crate::wire::ResponseFormat::KeyValue), for
/// an API's descriptor: key/value responses may come as XML, which needs
/// this crate's `keyvalue` feature, so without it this is a compile error
/// that says so.
///
/// ```
/// let format = hostapi_runtime::key_value_responses!();
/// assert_eq!(format, hostapi_runtime::wire::ResponseFormat::KeyValue);
/// ```
#[cfg(feature = "keyvalue")]
#[macro_export]
macro_rules! key_value_responses {
    () => {
        $crate::wire::ResponseFormat::KeyValue
    };
}

/// [`ResponseFormat::KeyValue`](crate::wire::ResponseFormat::KeyValue), for
/// an API's descriptor: key/value responses may come as XML, which needs
/// this crate's `keyvalue` feature, so without it this is a compile error
/// that says so.
///
/// ```compile_fail
/// // Built without the `keyvalue` feature: this names it in an error.
/// let format = hostapi_runtime::key_value_responses!();
/// ```
#[cfg(not(feature = "keyvalue"))]
#[macro_export]
macro_rules! key_value_responses {
    () => {
        ::core::compile_error!(
            "this API reads key/value responses, which may come as XML: enable hostapi-runtime's `keyvalue` feature"
        )
    };
}

/// The detected form of a key/value response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyValueFormat {
    /// `key=value` lines, `;` comments.
    Text,
    /// `<STRONG>key: </ STRONG>value<br>` lines.
    Html,
    /// `<interface-response>` with flat children.
    Xml,
}

fn trim_start_bom(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Detects the format: after leading whitespace and a byte-order mark, a
/// body starting with `<?xml` or `<interface-response` is XML; one containing
/// a `<br>` tag or `<HTML>` (any case) is HTML; anything else is text.
pub fn detect(body: &str) -> KeyValueFormat {
    let t = trim_start_bom(body);
    if starts_with_ci(t, "<?xml") || starts_with_ci(t, "<interface-response") {
        KeyValueFormat::Xml
    } else if find_ci(t, "<br>").is_some()
        || find_ci(t, "<br/>").is_some()
        || find_ci(t, "<br />").is_some()
        || find_ci(t, "<html").is_some()
    {
        KeyValueFormat::Html
    } else {
        KeyValueFormat::Text
    }
}

/// Decodes a key/value body (invalid UTF-8 is replaced, not rejected).
pub fn decode(body: &[u8]) -> Result<Map<String, Value>, DecodeError> {
    let text = String::from_utf8_lossy(body);
    decode_str(&text).map_err(|message| DecodeError::new(message, RawBody::new(body)))
}

/// Decodes a key/value body; the error is a description of what failed.
pub fn decode_str(body: &str) -> Result<Map<String, Value>, String> {
    let t = trim_start_bom(body);
    if t.trim().is_empty() {
        return Err("the response body is empty".to_owned());
    }
    match detect(t) {
        KeyValueFormat::Text => decode_lines(t.lines().map(Cow::Borrowed), &['='], "key=value"),
        KeyValueFormat::Html => decode_html(t),
        KeyValueFormat::Xml => decode_xml(t),
    }
}

/// Splits logical lines into pairs at the first of `separators`; blank
/// lines and `;` comments are skipped, as are lines that hold no pair (no
/// separator, or text before it that is no key). At least one pair is
/// required.
fn decode_lines<'a>(
    lines: impl Iterator<Item = Cow<'a, str>>,
    separators: &[char],
    what: &str,
) -> Result<Map<String, Value>, String> {
    let mut map = Map::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() || line.starts_with(';') {
            continue;
        }
        let Some((key, value)) = line.split_once(separators) else {
            continue;
        };
        let key = key.trim();
        if !is_key(key) {
            continue;
        }
        map.insert(key.to_owned(), Value::String(value.trim().to_owned()));
    }
    if map.is_empty() {
        Err(format!("the response holds no {what} lines"))
    } else {
        Ok(map)
    }
}

/// Strips tags and comments (a `<br>` ends a line), decodes entities, then
/// reads `Key: value` lines. Nothing but comments and whitespace may follow
/// `</html>`.
fn decode_html(body: &str) -> Result<Map<String, Value>, String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut rest = body;
    while let Some(i) = rest.find(['<', '\n']) {
        current.push_str(&rest[..i]);
        if rest[i..].starts_with('\n') {
            lines.push(std::mem::take(&mut current));
            rest = &rest[i + 1..];
            continue;
        }
        if let Some(comment) = rest[i..].strip_prefix("<!--") {
            // A comment may hold `>` and text that looks like a pair.
            let Some(end) = comment.find("-->") else {
                return Err("the HTML response ends inside a comment (truncated?)".to_owned());
            };
            rest = &comment[end + 3..];
            continue;
        }
        let after = &rest[i + 1..];
        let Some(end) = after.find('>') else {
            return Err("the HTML response ends inside a tag (truncated?)".to_owned());
        };
        let tag = after[..end].trim_start();
        let name = tag
            .trim_start_matches(|c: char| c == '/' || c.is_whitespace())
            .split(|c: char| c == '/' || c.is_whitespace())
            .next()
            .unwrap_or("");
        rest = &after[end + 1..];
        if name.eq_ignore_ascii_case("br") {
            lines.push(std::mem::take(&mut current));
        } else if name.eq_ignore_ascii_case("html") && tag.starts_with('/') {
            if !only_comments(rest) {
                return Err("the HTML response has data after </html>".to_owned());
            }
            rest = "";
            break;
        }
    }
    current.push_str(rest);
    lines.push(current);
    // `Key: value`, or `Key=value` on lines the vendor wrote as text.
    decode_lines(
        lines.iter().map(|l| decode_entities(l)),
        &[':', '='],
        "\"Key: value\"",
    )
}

/// Whether `text`, found before a separator, can be a key: eNom's are
/// names (`ErrCount`, `Err1`, `RRPCode`). Text with spaces, quotes or markup
/// is a sentence, JSON or a tag that happens to hold a separator, not a
/// pair.
fn is_key(text: &str) -> bool {
    !text.is_empty()
        && !text.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'' | '{' | '}')
        })
}

/// Decodes the predefined XML/HTML entities and numeric character
/// references; anything else stays as written.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = (|| {
            let semi = rest.bytes().take(12).position(|b| b == b';')?;
            let name = &rest[1..semi];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, semi + 1))
        })();
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether `rest` holds nothing but whitespace and complete comments.
fn only_comments(mut rest: &str) -> bool {
    loop {
        rest = trim_start_bom(rest);
        if rest.is_empty() {
            return true;
        }
        match rest
            .strip_prefix("<!--")
            .and_then(|c| c.find("-->").map(|end| &c[end + 3..]))
        {
            Some(after) => rest = after,
            None => return false,
        }
    }
}

#[cfg(not(feature = "keyvalue"))]
fn decode_xml(_: &str) -> Result<Map<String, Value>, String> {
    Err(
        "the response is XML, which hostapi-runtime reads only with its `keyvalue` feature"
            .to_owned(),
    )
}

#[cfg(feature = "keyvalue")]
fn decode_xml(body: &str) -> Result<Map<String, Value>, String> {
    let mut map = Map::new();
    match xml::read(body)? {
        xml::Node::Container(children) => xml::flatten(children, &mut map),
        xml::Node::Leaf(_) => return Err("the XML root element has no child elements".to_owned()),
    }
    Ok(map)
}

/// Collects numbered-series fields: for each pattern such as `"Err{n}"`,
/// removes `Err1`, `Err2`, … (any number, in numeric order) from `map` and
/// inserts them as a JSON array under the key `"Err{n}"` (empty when none).
/// Patterns without `{n}` are ignored.
pub fn collect_series(map: &mut Map<String, Value>, patterns: &[&str]) {
    for pattern in patterns {
        let Some((prefix, suffix)) = pattern.split_once("{n}") else {
            continue;
        };
        let mut found: Vec<(u128, String)> = map
            .keys()
            .filter_map(|k| {
                let digits = k.strip_prefix(prefix)?.strip_suffix(suffix)?;
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                Some((digits.parse().ok()?, k.clone()))
            })
            .collect();
        found.sort();
        let values = found
            .into_iter()
            .filter_map(|(_, k)| map.remove(&k))
            .collect();
        map.insert((*pattern).to_owned(), Value::Array(values));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(map: &Map<String, Value>, key: &str) -> Option<String> {
        map.get(key).and_then(Value::as_str).map(str::to_owned)
    }

    #[test]
    fn detection() {
        assert_eq!(
            detect("\u{feff}  <?xml version=\"1.0\"?><a/>"),
            KeyValueFormat::Xml
        );
        assert_eq!(detect("<interface-response>"), KeyValueFormat::Xml);
        assert_eq!(detect(";x<BR>\nA: b<br>"), KeyValueFormat::Html);
        assert_eq!(detect("<html><body>"), KeyValueFormat::Html);
        assert_eq!(detect("a=b\n"), KeyValueFormat::Text);
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &#65;&#x42; &bogus; &"),
            "a & b <c> AB &bogus; &"
        );
        assert!(matches!(decode_entities("plain"), Cow::Borrowed(_)));
    }

    #[cfg(not(feature = "keyvalue"))]
    #[test]
    fn xml_needs_the_feature() {
        let error = decode_str("<interface-response><A>1</A></interface-response>").unwrap_err();
        assert!(error.contains("`keyvalue` feature"), "{error}");
    }

    #[cfg(feature = "keyvalue")]
    #[test]
    fn xml_mismatched_nested_and_cdata() {
        let map = decode_str(
            "<interface-response><Success>True</Sucess><errors><Err1>a &amp; b</Err1><Err2>c</Err2></errors>\
             <responses><response><ResponseNumber>1</ResponseNumber><ResponseString>x</ResponseString></response>\
             <response><ResponseNumber>2</ResponseNumber></response></responses>\
             <Empty/><debug><![CDATA[ raw <b> ]]></debug><Attr a=\"x>y\">v</Attr></interface-response>",
        )
        .unwrap();
        assert_eq!(s(&map, "Success").as_deref(), Some("True"));
        assert_eq!(s(&map, "Err1").as_deref(), Some("a & b"));
        assert_eq!(s(&map, "Err2").as_deref(), Some("c"));
        assert_eq!(s(&map, "ResponseNumber1").as_deref(), Some("1"));
        assert_eq!(s(&map, "ResponseString1").as_deref(), Some("x"));
        assert_eq!(s(&map, "ResponseNumber2").as_deref(), Some("2"));
        assert_eq!(s(&map, "Empty").as_deref(), Some(""));
        assert_eq!(s(&map, "debug").as_deref(), Some(" raw <b> "));
        assert_eq!(s(&map, "Attr").as_deref(), Some("v"));
    }

    #[cfg(feature = "keyvalue")]
    #[test]
    fn xml_deep_nesting_is_an_error() {
        let body = format!("<r>{}", "<a>".repeat(10_000));
        assert!(decode_str(&body).is_err());
    }

    #[test]
    fn series() {
        let mut map = Map::new();
        for (k, v) in [
            ("Err10", "j"),
            ("Err2", "b"),
            ("Err1", "a"),
            ("ErrCount", "3"),
            ("X", "y"),
        ] {
            map.insert(k.into(), Value::String(v.into()));
        }
        collect_series(&mut map, &["Err{n}", "Domain{n}Name"]);
        assert_eq!(map["Err{n}"], serde_json::json!(["a", "b", "j"]));
        assert_eq!(map["Domain{n}Name"], serde_json::json!([]));
        assert!(!map.contains_key("Err1"));
        assert_eq!(s(&map, "ErrCount").as_deref(), Some("3"));
    }
}
