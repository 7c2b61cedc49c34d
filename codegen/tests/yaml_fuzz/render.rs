//! Writes a tree as YAML in a random mix of the syntax YAML allows: block
//! and flow collections; plain, quoted, literal and folded scalars; anchors
//! and aliases; tags; merge keys; comments; complex keys; directives,
//! document markers, byte-order marks and CRLF line ends.

use super::rng::Rng;
use super::tree::Node;

struct Writer<'a> {
    rng: &'a mut Rng,
    out: String,
    anchors: Vec<(Node, String)>,
}

/// The bytes of one rendering of `root`.
pub fn render(root: &Node, rng: &mut Rng) -> Vec<u8> {
    let mut w = Writer {
        rng,
        out: String::new(),
        anchors: Vec::new(),
    };
    if w.rng.one_in(30) {
        w.out.push('\u{feff}');
    }
    if w.rng.one_in(20) {
        w.out
            .push_str("%YAML 1.2\n%TAG !e! tag:example.com,2000:\n---\n");
    } else if w.rng.one_in(10) {
        w.out.push_str("--- # a document\n");
    }
    match root {
        Node::Map(entries) if !entries.is_empty() => w.block_map(entries, 0),
        other => {
            w.inline(other);
            w.out.push('\n');
        }
    }
    if w.rng.one_in(20) {
        w.out.push_str("...\n");
    }
    if w.rng.one_in(30) {
        w.out.push_str("---\nsecond: document\n");
    }
    let mut text = w.out;
    if rng.one_in(15) {
        text = text.replace('\n', "\r\n");
    }
    text.into_bytes()
}

impl Writer<'_> {
    fn indent(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    /// `&anchor`, `*alias` or a tag before a node. `None` when an alias
    /// stands for the whole node; otherwise the anchor to register once the
    /// node is written (an alias inside its own anchor would be recursive).
    fn properties(&mut self, node: &Node) -> Option<Option<(Node, String)>> {
        if let Some((_, name)) = self.anchors.iter().find(|(n, _)| n == node)
            && self.rng.one_in(2)
        {
            self.out.push_str(&format!("*{name}"));
            return None;
        }
        if self.rng.one_in(3000) {
            self.out.push_str("*undefined");
            return None;
        }
        let mut pending = None;
        if self.rng.one_in(10) {
            let name = format!("a{}", self.anchors.len() + self.out.len());
            self.out.push_str(&format!("&{name} "));
            pending = Some((node.clone(), name));
        }
        if self.rng.one_in(60) {
            let tag = match node {
                Node::Str(_) => {
                    *self
                        .rng
                        .pick(&["!!str", "!<tag:yaml.org,2002:str>", "!!str", "!!binary"])
                }
                Node::Number(_) => *self.rng.pick(&["!!int", "!!float", "!!str"]),
                Node::Map(_) => *self.rng.pick(&["!!map", "!!omap", "!!set", "!custom"]),
                Node::Seq(_) => *self.rng.pick(&["!!seq", "!!pairs", "!custom"]),
                _ => *self.rng.pick(&["!!null", "!!bool", "!"]),
            };
            self.out.push_str(tag);
            self.out.push(' ');
        }
        Some(pending)
    }

    fn anchored(&mut self, pending: Option<(Node, String)>) {
        self.anchors.extend(pending);
    }

    fn block_map(&mut self, entries: &[(Node, Node)], indent: usize) {
        // Merge an earlier mapping (not one still open around this one).
        if self.rng.one_in(40)
            && let Some((_, name)) = self.anchors.iter().find(|(n, _)| matches!(n, Node::Map(_)))
        {
            let name = name.clone();
            self.indent(indent);
            self.out.push_str(&format!("<<: *{name}\n"));
        }
        for (key, value) in entries {
            if self.rng.one_in(20) {
                self.indent(indent);
                self.out.push_str("# a comment\n");
            }
            self.indent(indent);
            match key {
                Node::Seq(_) | Node::Map(_) => {
                    self.out.push_str("? ");
                    self.inline(key);
                    self.out.push('\n');
                    self.indent(indent);
                    self.out.push(':');
                }
                _ => {
                    self.scalar(key, true);
                    self.out.push(':');
                }
            }
            self.block_value(value, indent);
        }
    }

    /// The value after `key:` or `-`, in block style when it is a
    /// collection and the dice say so.
    fn block_value(&mut self, value: &Node, indent: usize) {
        self.out.push(' ');
        let block = !self.rng.one_in(6);
        match value {
            Node::Map(entries) if block && !entries.is_empty() => {
                let Some(pending) = self.properties(value) else {
                    self.out.push('\n');
                    return;
                };
                self.out.push('\n');
                self.block_map(entries, indent + 2);
                self.anchored(pending);
            }
            Node::Seq(items) if block && !items.is_empty() => {
                let Some(pending) = self.properties(value) else {
                    self.out.push('\n');
                    return;
                };
                self.out.push('\n');
                for item in items {
                    self.indent(indent + 2);
                    self.out.push('-');
                    self.block_value(item, indent + 2);
                }
                self.anchored(pending);
            }
            Node::Str(text) if block && text.contains('\n') && self.rng.one_in(2) => {
                let Some(pending) = self.properties(value) else {
                    self.out.push('\n');
                    return;
                };
                self.block_scalar(text, indent + 2);
                self.anchored(pending);
            }
            other => {
                self.inline(other);
                if self.rng.one_in(15) {
                    self.out.push_str(" # trailing");
                }
                self.out.push('\n');
            }
        }
    }

    /// `|-` / `>` block scalars.
    fn block_scalar(&mut self, text: &str, indent: usize) {
        let style = if self.rng.one_in(3) { '>' } else { '|' };
        let chomp = if text.ends_with('\n') { "+" } else { "-" };
        let indicator = if text.starts_with(' ') { "2" } else { "" };
        self.out.push_str(&format!("{style}{indicator}{chomp}\n"));
        for line in text.lines() {
            if !line.is_empty() {
                self.indent(indent);
            }
            self.out.push_str(line);
            self.out.push('\n');
        }
    }

    /// A node in flow style.
    fn inline(&mut self, node: &Node) {
        let Some(pending) = self.properties(node) else {
            return;
        };
        self.inline_body(node);
        self.anchored(pending);
    }

    fn inline_body(&mut self, node: &Node) {
        match node {
            Node::Seq(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.inline(item);
                }
                self.out.push(']');
            }
            Node::Map(entries) => {
                self.out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    match key {
                        Node::Seq(_) | Node::Map(_) => self.inline(key),
                        _ => self.scalar(key, true),
                    }
                    self.out.push_str(": ");
                    self.inline(value);
                }
                self.out.push('}');
            }
            scalar => self.scalar(scalar, false),
        }
    }

    fn scalar(&mut self, node: &Node, key: bool) {
        match node {
            Node::Null => {
                let text = *self.rng.pick(&["null", "~", "Null", ""]);
                self.out
                    .push_str(if key && text.is_empty() { "~" } else { text });
            }
            Node::Bool(b) => {
                let text = match (b, self.rng.below(3)) {
                    (true, 0) => "true",
                    (true, 1) => "True",
                    (true, _) => "TRUE",
                    (false, 0) => "false",
                    (false, 1) => "False",
                    (false, _) => "FALSE",
                };
                self.out.push_str(text);
            }
            Node::Number(text) if !self.rng.one_in(20) => self.out.push_str(text),
            Node::Number(text) | Node::Str(text) => {
                let text = text.clone();
                let plain = plain_safe(&text);
                match self.rng.below(10) {
                    0..=5 if plain => self.out.push_str(&text),
                    6 | 7 if !text.contains(|c: char| c.is_control()) => {
                        self.out.push('\'');
                        self.out
                            .push_str(&text.replace('\'', "''").replace('\n', "\n\n"));
                        self.out.push('\'');
                    }
                    _ => self.out.push_str(&double_quoted(&text)),
                }
            }
            Node::Seq(_) | Node::Map(_) => self.inline(node),
        }
    }
}

/// Whether `text` reads back as the same string when written plain.
fn plain_safe(text: &str) -> bool {
    let first = text.chars().next();
    first.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '/' || c == '.')
        && !text.ends_with(' ')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.contains(['\n', '\r', '\t', ',', '[', ']', '{', '}'])
        && !text.chars().any(|c| c.is_control() || c == '\u{feff}')
}

fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
