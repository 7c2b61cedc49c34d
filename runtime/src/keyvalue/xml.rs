//! XML key/value responses, read with quick-xml and kept tolerant: any end
//! tag closes the element open at that point (eNom writes
//! `<Success>True</Sucess>`), a stray end tag after the root is skipped, a
//! lone `&` is text, and an entity it does not know stays as written. What
//! cannot be read is still refused: truncated markup, no root element, a
//! root without child elements, data after the root, nesting deeper than
//! [`MAX_XML_DEPTH`].

use quick_xml::Reader;
use quick_xml::errors::{Error as XmlError, SyntaxError};
use quick_xml::events::Event;
use serde_json::{Map, Value};

use super::decode_entities;

/// Deepest XML nesting accepted; deeper input is rejected, not recursed into.
const MAX_XML_DEPTH: usize = 32;

/// A read element: text, or child elements in document order.
pub(super) enum Node {
    Leaf(String),
    Container(Vec<(String, Node)>),
}

/// An element whose end tag has not been read yet.
struct Open {
    name: String,
    text: String,
    /// Whether the text holds CDATA, which keeps its whitespace.
    cdata: bool,
    children: Vec<(String, Node)>,
}

impl Open {
    fn new(name: String) -> Self {
        Open {
            name,
            text: String::new(),
            cdata: false,
            children: Vec::new(),
        }
    }

    /// The element's node: its children if it has any, else its text
    /// (trimmed unless it holds CDATA).
    fn finish(self) -> (String, Node) {
        let node = if !self.children.is_empty() {
            Node::Container(self.children)
        } else if self.cdata {
            Node::Leaf(self.text)
        } else {
            Node::Leaf(self.text.trim().to_owned())
        };
        (self.name, node)
    }
}

/// Where the document is.
enum Place {
    Prolog,
    Inside(Vec<Open>),
    Epilog(Node),
}

/// Reads `body` (after its leading whitespace) into its root's node.
pub(super) fn read(body: &str) -> Result<Node, String> {
    let mut reader = Reader::from_str(body);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    let mut place = Place::Prolog;
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(at);
                return Err(describe(&error, body, at));
            }
        };
        // Text of the open element, or data where no element is open.
        let text: Option<(String, bool)> = match event {
            Event::Start(start) | Event::Empty(start) if start.name().as_ref().is_empty() => {
                return Err(format!("malformed XML tag at byte {at} of the response"));
            }
            Event::Start(start) => {
                let name = start.name().as_ref().to_owned();
                match &mut place {
                    Place::Prolog => place = Place::Inside(vec![Open::new(name)]),
                    Place::Inside(open) if open.len() >= MAX_XML_DEPTH => {
                        return Err("the XML response is nested too deeply".to_owned());
                    }
                    Place::Inside(open) => open.push(Open::new(name)),
                    Place::Epilog(_) => return Err(after_root(at)),
                }
                None
            }
            Event::Empty(start) => {
                let name = start.name().as_ref().to_owned();
                match &mut place {
                    Place::Prolog => return Err("the XML root element is empty".to_owned()),
                    Place::Inside(open) => {
                        if let Some(parent) = open.last_mut() {
                            parent.children.push((name, Node::Leaf(String::new())));
                        }
                    }
                    Place::Epilog(_) => return Err(after_root(at)),
                }
                None
            }
            Event::End(_) => {
                match &mut place {
                    Place::Inside(open) => {
                        let Some(element) = open.pop() else {
                            return Err("the XML response has no root element".to_owned());
                        };
                        let (name, node) = element.finish();
                        match open.last_mut() {
                            Some(parent) => parent.children.push((name, node)),
                            None => place = Place::Epilog(node),
                        }
                    }
                    // Whatever it once matched, it closes nothing now.
                    Place::Epilog(_) => {}
                    Place::Prolog => return Err("the XML response has no root element".to_owned()),
                }
                None
            }
            Event::Text(text) => Some((decode_entities(&text.xml10_content()).into_owned(), false)),
            Event::GeneralRef(reference) => {
                let written = format!("&{};", reference.into_inner());
                Some((decode_entities(&written).into_owned(), false))
            }
            Event::CData(cdata) => Some((cdata.into_inner().into_owned(), true)),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => None,
            Event::Eof => break,
        };
        if let Some((text, cdata)) = text {
            match &mut place {
                Place::Inside(open) => {
                    if let Some(element) = open.last_mut() {
                        element.text.push_str(&text);
                        element.cdata |= cdata;
                    }
                }
                _ if !cdata && text.trim().is_empty() => {}
                Place::Prolog => return Err("the XML response has no root element".to_owned()),
                Place::Epilog(_) => return Err(after_root(at)),
            }
        }
    }
    match place {
        Place::Prolog => Err("the XML response has no root element".to_owned()),
        Place::Inside(_) => Err("the XML root element is not closed (truncated?)".to_owned()),
        Place::Epilog(node) => Ok(node),
    }
}

fn after_root(at: usize) -> String {
    format!("the XML response has data after its root element (at byte {at})")
}

/// What a parser error means for the response, in the words used for the
/// other formats.
fn describe(error: &XmlError, body: &str, at: usize) -> String {
    let XmlError::Syntax(syntax) = error else {
        return format!("the XML response cannot be read at byte {at}: {error}");
    };
    let inside = match syntax {
        SyntaxError::UnclosedTag
        | SyntaxError::UnclosedSingleQuotedAttributeValue
        | SyntaxError::UnclosedDoubleQuotedAttributeValue
            if body.get(at..).is_some_and(|rest| rest.starts_with("</")) =>
        {
            "an end tag"
        }
        SyntaxError::UnclosedTag
        | SyntaxError::UnclosedSingleQuotedAttributeValue
        | SyntaxError::UnclosedDoubleQuotedAttributeValue => "a tag",
        SyntaxError::UnclosedCData => "CDATA",
        SyntaxError::UnclosedXmlDecl => "the XML declaration",
        SyntaxError::UnclosedComment => "a comment",
        SyntaxError::UnclosedPI => "a processing instruction",
        SyntaxError::UnclosedDoctype => "a declaration",
        SyntaxError::InvalidBangMarkup => {
            return format!("malformed XML markup at byte {at} of the response");
        }
    };
    format!("the XML response ends inside {inside} (truncated?)")
}

/// Flattens children into `map`: leaves by name; `<responses><response>`
/// children as `{name}{index}`; any other container's leaves by their own
/// names (`<errors><Err1>` → `Err1`). The first occurrence of a key wins.
pub(super) fn flatten(children: Vec<(String, Node)>, map: &mut Map<String, Value>) {
    for (name, node) in children {
        match node {
            Node::Leaf(text) => insert_first(map, name, text),
            Node::Container(kids) if name.eq_ignore_ascii_case("responses") => {
                for (index, (kid_name, kid)) in kids.into_iter().enumerate() {
                    let n = index + 1;
                    match kid {
                        Node::Leaf(text) => insert_first(map, format!("{kid_name}{n}"), text),
                        Node::Container(fields) => {
                            for (field, value) in fields {
                                if let Node::Leaf(text) = value {
                                    insert_first(map, format!("{field}{n}"), text);
                                }
                            }
                        }
                    }
                }
            }
            Node::Container(kids) => flatten(kids, map),
        }
    }
}

fn insert_first(map: &mut Map<String, Value>, key: String, value: String) {
    map.entry(key).or_insert(Value::String(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(body: &str) -> Map<String, Value> {
        let Node::Container(children) = read(body).unwrap_or_else(|e| panic!("{body}: {e}")) else {
            panic!("{body}: no children");
        };
        let mut map = Map::new();
        flatten(children, &mut map);
        map
    }

    fn get<'m>(map: &'m Map<String, Value>, key: &str) -> &'m str {
        map.get(key).and_then(Value::as_str).unwrap_or("<absent>")
    }

    #[test]
    fn any_end_tag_closes_the_open_element() {
        let map = flat(
            "<interface-response><Success>True</Sucess><errors><Err1>x</Error></ERRORS>\
             <Done>true</Done></interface-response>",
        );
        assert_eq!(get(&map, "Success"), "True");
        assert_eq!(get(&map, "Err1"), "x");
        assert_eq!(get(&map, "Done"), "true");
        // A stray end tag after the root closes nothing.
        let map = flat("<r><a>1</a></r></interface-response>\n<!-- x --></r>");
        assert_eq!(get(&map, "a"), "1");
    }

    #[test]
    fn entities_known_numeric_unknown_and_lone_ampersands() {
        let map = flat(
            "<r><a>Tom &amp; Jerry &lt;3&gt; &quot;q&quot; &apos;s&apos;</a>\
             <b>&#65;&#x42;&nbsp;!</b><c>&bogus; & alone</c></r>",
        );
        assert_eq!(get(&map, "a"), "Tom & Jerry <3> \"q\" 's'");
        assert_eq!(get(&map, "b"), "AB\u{a0}!");
        assert_eq!(get(&map, "c"), "&bogus; & alone");
    }

    #[test]
    fn cdata_keeps_markup_entities_and_whitespace() {
        let map = flat("<r><debug><![CDATA[ <b>&amp;</b> ]]></debug><t>  x  </t></r>");
        assert_eq!(get(&map, "debug"), " <b>&amp;</b> ");
        assert_eq!(get(&map, "t"), "x");
    }

    #[test]
    fn attributes_are_skipped_quoted_markup_included() {
        let map = flat(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE r>\
             <r xmlns=\"urn:x\"><a k='x>y' j=\"&amp;\">v</a><e flag=\"1\"/></r>",
        );
        assert_eq!(get(&map, "a"), "v");
        assert_eq!(get(&map, "e"), "");
        assert!(!map.contains_key("k") && !map.contains_key("flag"));
    }

    #[test]
    fn what_cannot_be_read_is_refused() {
        for (body, says) in [
            ("<r><a>1</a>", "not closed"),
            ("<r><a x=\"1>2</a></r>", "ends inside a tag"),
            ("<r><!-- open", "inside a comment"),
            ("<r><a>1</a></r><b/>", "data after its root"),
            ("<r></r>", "no child elements"),
            ("text", "no root element"),
        ] {
            let found = read(body).and_then(|node| match node {
                Node::Leaf(_) => Err("the XML root element has no child elements".to_owned()),
                Node::Container(_) => Ok(()),
            });
            let message = found.expect_err(body);
            assert!(message.contains(says), "{body}: {message}");
        }
    }
}
