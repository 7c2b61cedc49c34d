//! Real specs as trees, and structure-aware mutations of them: entries
//! dropped, repeated or moved, values of the wrong kind, subtrees grafted
//! from other specs, keys misspelt or not strings, deep wrapping.

use super::rng::Rng;

/// A YAML node. Scalars keep the text they are written with.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// A number as written (`1`, `-0.5`, `1e309`, `0x1F`).
    Number(String),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    pub fn from_json(value: &serde_json::Value) -> Node {
        match value {
            serde_json::Value::Null => Node::Null,
            serde_json::Value::Bool(b) => Node::Bool(*b),
            serde_json::Value::Number(n) => Node::Number(n.to_string()),
            serde_json::Value::String(s) => Node::Str(s.clone()),
            serde_json::Value::Array(items) => {
                Node::Seq(items.iter().map(Node::from_json).collect())
            }
            serde_json::Value::Object(map) => Node::Map(
                map.iter()
                    .map(|(k, v)| (Node::Str(k.clone()), Node::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Every subtree, for grafting elsewhere.
    pub fn subtrees(&self, out: &mut Vec<Node>) {
        out.push(self.clone());
        match self {
            Node::Seq(items) => items.iter().for_each(|i| i.subtrees(out)),
            Node::Map(entries) => entries.iter().for_each(|(_, v)| v.subtrees(out)),
            _ => {}
        }
    }

    fn count(&self) -> usize {
        1 + match self {
            Node::Seq(items) => items.iter().map(Node::count).sum(),
            Node::Map(entries) => entries.iter().map(|(_, v)| v.count()).sum(),
            _ => 0,
        }
    }

    /// The `index`-th node in pre-order.
    fn nth_mut(&mut self, mut index: usize) -> &mut Node {
        if index == 0 {
            return self;
        }
        index -= 1;
        match self {
            Node::Seq(items) => {
                for item in items {
                    let n = item.count();
                    if index < n {
                        return item.nth_mut(index);
                    }
                    index -= n;
                }
            }
            Node::Map(entries) => {
                for (_, value) in entries {
                    let n = value.count();
                    if index < n {
                        return value.nth_mut(index);
                    }
                    index -= n;
                }
            }
            _ => {}
        }
        unreachable!("index within count")
    }

    /// Keeps at most `max` entries of every collection below the top, so a
    /// big real spec becomes a quick input with the same shapes.
    pub fn prune(&mut self, max: usize, rng: &mut Rng, depth: usize) {
        match self {
            Node::Seq(items) => {
                while depth > 0 && items.len() > max {
                    items.remove(rng.below(items.len()));
                }
                items.iter_mut().for_each(|i| i.prune(max, rng, depth + 1));
            }
            Node::Map(entries) => {
                while depth > 0 && entries.len() > max {
                    entries.remove(rng.below(entries.len()));
                }
                entries
                    .iter_mut()
                    .for_each(|(_, v)| v.prune(max, rng, depth + 1));
            }
            _ => {}
        }
    }
}

/// Scalars that YAML or the loader may read in surprising ways.
const HOSTILE_SCALARS: &[&str] = &[
    "",
    "~",
    "null",
    "Null",
    "true",
    "yes",
    "NO",
    "on",
    "0x1F",
    "0o17",
    "1e309",
    "-1e309",
    ".nan",
    ".inf",
    "18446744073709551616",
    "-9223372036854775809",
    "4294967296",
    "-1",
    "0",
    "1_000",
    "=",
    "<<",
    "*",
    "&",
    "!",
    "%",
    "@",
    "`",
    "|",
    ">",
    "-",
    "?",
    ":",
    "#",
    "'",
    "\"",
    "{",
    "[",
    "\u{0}",
    "\u{7}",
    "\u{202e}",
    "\u{feff}",
    "\u{2028}",
    "a\tb",
    "a\r\nb",
    "ß",
    "🦀",
    "\\",
    "${HOME}",
    "$(id)",
    "%s%n",
    "../../etc/passwd",
];

const KEYS: &[&str] = &[
    "hostapi",
    "api",
    "uses",
    "types",
    "errors",
    "sections",
    "lint",
    "name",
    "doc",
    "type",
    "default",
    "fields",
    "params",
    "returns",
    "methods",
    "string",
    "pattern",
    "union",
    "of",
    "object",
    "rust_name",
    "<<",
    "Hostapi",
    "tyep",
    "ѕections",
    "",
];

pub enum Mutation {
    Delete,
    Duplicate,
    Graft,
    Scalar,
    Retype,
    Wrap,
    RenameKey,
    Swap,
    OddKey,
}

const MUTATIONS: [Mutation; 9] = [
    Mutation::Delete,
    Mutation::Duplicate,
    Mutation::Graft,
    Mutation::Scalar,
    Mutation::Retype,
    Mutation::Wrap,
    Mutation::RenameKey,
    Mutation::Swap,
    Mutation::OddKey,
];

fn hostile_scalar(rng: &mut Rng) -> Node {
    let text = rng.pick(HOSTILE_SCALARS).to_string();
    match rng.below(6) {
        0 => Node::Number(text),
        1 => Node::Str("x".repeat(rng.below(70_000))),
        _ => Node::Str(text),
    }
}

/// Applies one random mutation somewhere in `root`; `donors` are subtrees
/// of every real spec.
pub fn mutate(root: &mut Node, donors: &[Node], rng: &mut Rng) {
    let at = rng.below(root.count());
    let node = root.nth_mut(at);
    match &MUTATIONS[rng.below(MUTATIONS.len())] {
        Mutation::Delete => match node {
            Node::Map(entries) if !entries.is_empty() => {
                entries.remove(rng.below(entries.len()));
            }
            Node::Seq(items) if !items.is_empty() => {
                items.remove(rng.below(items.len()));
            }
            other => *other = Node::Null,
        },
        Mutation::Duplicate => match node {
            Node::Map(entries) if !entries.is_empty() => {
                let entry = entries[rng.below(entries.len())].clone();
                let at = rng.below(entries.len() + 1);
                entries.insert(at, entry);
            }
            Node::Seq(items) if !items.is_empty() => {
                let item = items[rng.below(items.len())].clone();
                items.push(item);
            }
            _ => {}
        },
        Mutation::Graft => *node = donors[rng.below(donors.len())].clone(),
        Mutation::Scalar => *node = hostile_scalar(rng),
        Mutation::Retype => {
            *node = match std::mem::replace(node, Node::Null) {
                Node::Map(entries) => Node::Seq(entries.into_iter().map(|(_, v)| v).collect()),
                Node::Seq(items) => Node::Map(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| (Node::Number(i.to_string()), v))
                        .collect(),
                ),
                Node::Str(s) => Node::Seq(vec![Node::Str(s)]),
                Node::Number(n) => Node::Str(n),
                Node::Bool(b) => Node::Number(u8::from(b).to_string()),
                Node::Null => Node::Map(Vec::new()),
            }
        }
        Mutation::Wrap => {
            let most = if rng.one_in(4) { 400 } else { 8 };
            let depth = 1 + rng.below(most);
            let mut wrapped = std::mem::replace(node, Node::Null);
            for _ in 0..depth {
                wrapped = if rng.below(2) == 0 {
                    Node::Seq(vec![wrapped])
                } else {
                    Node::Map(vec![(Node::Str(rng.pick(KEYS).to_string()), wrapped)])
                };
            }
            *node = wrapped;
        }
        Mutation::RenameKey => {
            if let Node::Map(entries) = node
                && !entries.is_empty()
            {
                let i = rng.below(entries.len());
                entries[i].0 = Node::Str(rng.pick(KEYS).to_string());
            }
        }
        Mutation::Swap => match node {
            Node::Map(entries) if entries.len() > 1 => {
                let (a, b) = (rng.below(entries.len()), rng.below(entries.len()));
                entries.swap(a, b);
            }
            Node::Seq(items) if items.len() > 1 => {
                let (a, b) = (rng.below(items.len()), rng.below(items.len()));
                items.swap(a, b);
            }
            _ => {}
        },
        Mutation::OddKey => {
            if let Node::Map(entries) = node
                && !entries.is_empty()
            {
                let i = rng.below(entries.len());
                entries[i].0 = match rng.below(4) {
                    0 => Node::Null,
                    1 => Node::Number("1".into()),
                    2 => Node::Seq(vec![Node::Str("a".into()), Node::Str("b".into())]),
                    _ => Node::Map(vec![(Node::Str("k".into()), Node::Str("v".into()))]),
                };
            }
        }
    }
}
