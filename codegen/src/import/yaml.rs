//! Writing spec YAML deterministically.
//!
//! serde-saphyr only reads YAML, and a generic serializer would not keep
//! the spec's house style, so the importer writes its output here: block
//! mappings with two-space indents, keys in model order, strings plain where
//! that is unambiguous, literal blocks (`|-`) for multi-line text and
//! double quotes otherwise. Every struct is destructured exhaustively, so a
//! key added to the model cannot be dropped silently: this file stops
//! compiling until it writes the key too.

use crate::spec::model::{
    ArrayRule, EnumRule, Field, MapRule, Method, ObjectRule, Paging, Param, Section, TypeDef,
};
use crate::spec::span::{Entries, Sp};

/// A YAML document being written.
#[derive(Debug, Default)]
pub struct Yaml {
    out: String,
}

impl Yaml {
    pub fn new() -> Self {
        Yaml::default()
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// A line written as is (comments, a copied block).
    pub fn raw_line(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
    }

    pub fn blank_line(&mut self) {
        self.out.push('\n');
    }

    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push_str("  ");
        }
    }

    /// `key:` opening a nested block.
    pub fn open(&mut self, level: usize, key: &str) {
        self.indent(level);
        self.out.push_str(&scalar_key(key));
        self.out.push_str(":\n");
    }

    /// `key: value` for a string value, or `key: |-` and an indented block.
    pub fn string(&mut self, level: usize, key: &str, value: &str) {
        self.indent(level);
        self.out.push_str(&scalar_key(key));
        self.out.push(':');
        self.value_after_key(level, value);
    }

    fn value_after_key(&mut self, level: usize, value: &str) {
        if value.contains('\n') && literal_ok(value) {
            self.out.push_str(" |-\n");
            for line in value.split('\n') {
                if !line.is_empty() {
                    self.indent(level + 1);
                    self.out.push_str(line);
                }
                self.out.push('\n');
            }
        } else {
            self.out.push(' ');
            self.out.push_str(&scalar(value));
            self.out.push('\n');
        }
    }

    /// `key: true` (only written when true; false is every flag's default).
    pub fn flag(&mut self, level: usize, key: &str, value: bool) {
        if value {
            self.indent(level);
            self.out.push_str(&scalar_key(key));
            self.out.push_str(": true\n");
        }
    }

    /// `key: <json>` for a scalar JSON value (null, boolean, number, string).
    pub fn json(&mut self, level: usize, key: &str, value: &serde_json::Value) {
        match value {
            serde_json::Value::String(s) => self.string(level, key, s),
            serde_json::Value::Null => self.plain(level, key, "null"),
            serde_json::Value::Bool(b) => self.plain(level, key, if *b { "true" } else { "false" }),
            serde_json::Value::Number(n) => self.plain(level, key, &n.to_string()),
            other => {
                // Lists and objects: JSON is valid flow YAML.
                self.plain(level, key, &other.to_string());
            }
        }
    }

    fn plain(&mut self, level: usize, key: &str, text: &str) {
        self.indent(level);
        self.out.push_str(&scalar_key(key));
        self.out.push_str(": ");
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// A block list of strings under `key` (nothing when empty).
    pub fn list(&mut self, level: usize, key: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        self.open(level, key);
        for item in items {
            self.indent(level + 1);
            self.out.push('-');
            self.value_after_key(level + 1, item);
        }
    }
}

/// YAML 1.1 and 1.2 words a plain scalar must not be, lest it read as a
/// boolean or null.
const SPECIAL_WORDS: &[&str] = &[
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
];

/// Whether `text` reads back as this very string when written plain: a
/// letter, then letters, digits and `_-./`, and not a word YAML reads as a
/// boolean or null.
fn plain_ok(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./".contains(c))
        && !SPECIAL_WORDS.contains(&text.to_ascii_lowercase().as_str())
}

/// A key as written: plain when safe, else double-quoted.
fn scalar_key(key: &str) -> String {
    scalar(key)
}

/// A single-line value: plain for simple words, double-quoted otherwise.
fn scalar(text: &str) -> String {
    if plain_ok(text) {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// A literal block keeps text exactly only without trailing whitespace on
/// any line (editors strip it), without a leading space on the first line
/// (it would set the indentation), without trailing newlines (`|-` strips
/// them) and without control characters other than tab.
fn literal_ok(text: &str) -> bool {
    !text.ends_with('\n')
        && !text.starts_with([' ', '\t', '\n'])
        && text.split('\n').all(|line| line == line.trim_end())
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        && !text
            .chars()
            .any(|c| matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}'))
}

/// A double-quoted YAML string with every special character escaped.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn sp_list(items: &[Sp<String>]) -> Vec<String> {
    items.iter().map(|i| i.value.clone()).collect()
}

/// Writes a named type of a kind the importer makes (`enum`, `object`,
/// `array`, `map`). Other kinds belong in hand-written libraries.
pub fn write_type(y: &mut Yaml, level: usize, name: &str, def: &TypeDef) -> Result<(), String> {
    let TypeDef {
        doc,
        note,
        vendor_name,
        secret,
        string,
        integer,
        float,
        boolean,
        enumeration,
        unix_time,
        map,
        array,
        decimal,
        union,
        object,
        lint: _,
    } = def;
    let unwritten = [
        ("string", string.is_some()),
        ("integer", integer.is_some()),
        ("float", float.is_some()),
        ("boolean", boolean.is_some()),
        ("unix_time", unix_time.is_some()),
        ("decimal", decimal.is_some()),
        ("union", union.is_some()),
    ];
    if let Some((kind, _)) = unwritten.iter().find(|(_, set)| *set) {
        return Err(format!(
            "type `{name}`: the importer does not write `{kind}` types; declare them in a type library"
        ));
    }
    y.open(level, name);
    y.string(level + 1, "doc", doc);
    if let Some(note) = note {
        y.string(level + 1, "note", note);
    }
    if let Some(vendor) = vendor_name {
        y.string(level + 1, "vendor_name", vendor);
    }
    y.flag(level + 1, "secret", *secret);
    if let Some(rule) = enumeration {
        let EnumRule {
            values,
            case_insensitive,
        } = &rule.value;
        y.open(level + 1, "enum");
        y.list(level + 2, "values", &sp_list(values));
        y.flag(level + 2, "case_insensitive", *case_insensitive);
    }
    if let Some(rule) = object {
        let ObjectRule { fields } = &rule.value;
        y.open(level + 1, "object");
        y.open(level + 2, "fields");
        for (key, param) in fields.iter() {
            write_param(y, level + 3, key, param);
        }
    }
    if let Some(rule) = array {
        let ArrayRule { items } = &rule.value;
        y.open(level + 1, "array");
        y.string(level + 2, "items", items);
    }
    if let Some(rule) = map {
        let MapRule { values } = &rule.value;
        match values {
            Some(values) => {
                y.open(level + 1, "map");
                y.string(level + 2, "values", values);
            }
            None => y.raw_line(&format!("{}map: {{}}", "  ".repeat(level + 1))),
        }
    }
    Ok(())
}

pub fn write_section(y: &mut Yaml, level: usize, name: &str, section: &Section) {
    let Section {
        doc,
        declared_methods: _,
        twin_of,
        methods,
        rust_name,
        lint: _,
    } = section;
    y.open(level, name);
    y.string(level + 1, "doc", doc);
    if let Some(rust) = rust_name {
        y.string(level + 1, "rust_name", rust);
    }
    // A twin is written as one: the loader gives it its section's methods.
    if let Some(target) = twin_of {
        y.string(level + 1, "twin_of", &target.value);
        return;
    }
    y.open(level + 1, "methods");
    for (key, method) in methods.iter() {
        write_method(y, level + 2, key, method);
    }
}

pub fn write_method(y: &mut Yaml, level: usize, name: &str, method: &Method) {
    let Method {
        doc,
        url,
        notes,
        params,
        returns,
        returns_map,
        paging,
        errors,
        returns_example,
        role,
        idempotent,
        response,
        rust_name,
        lint: _,
        // The merge resolves it: what is written is the merged method.
        additions: _,
        nested: _,
        // Imported APIs travel by their wire alone: no method has its own,
        // and none sends numbered groups (Liquid Web has none).
        http: _,
        groups: _,
    } = method;
    y.open(level, name);
    y.string(level + 1, "doc", doc);
    if let Some(url) = url {
        y.string(level + 1, "url", url);
    }
    if let Some(rust) = rust_name {
        y.string(level + 1, "rust_name", rust);
    }
    y.flag(level + 1, "idempotent", *idempotent);
    if let Some(response) = response {
        let written = match response.value {
            crate::spec::responses::MethodResponse::Text => "text",
        };
        y.string(level + 1, "response", written);
    }
    y.list(level + 1, "notes", notes);
    write_params(y, level + 1, "params", params);
    if !returns.is_empty() {
        y.open(level + 1, "returns");
        for (key, field) in returns.iter() {
            write_field(y, level + 2, key, field);
        }
    }
    if let Some(map) = returns_map {
        y.string(level + 1, "returns_map", map);
    }
    if let Some(paging) = paging {
        let Paging {
            style,
            page,
            items,
            page_total,
            offset,
            limit,
            page_size,
            total,
            cursor,
            next,
            link,
        } = &paging.value;
        y.open(level + 1, "paging");
        if let Some(style) = style {
            y.string(level + 2, "style", style.value.as_str());
        }
        let named = [("page", page), ("offset", offset), ("cursor", cursor)];
        for (key, value) in named {
            if let Some(value) = value {
                y.string(level + 2, key, value);
            }
        }
        y.string(level + 2, "items", items);
        for (key, value) in [
            ("page_total", page_total),
            ("limit", limit),
            ("total", total),
            ("next", next),
            ("link", link),
        ] {
            if let Some(value) = value {
                y.string(level + 2, key, value);
            }
        }
        if let Some(size) = page_size {
            y.json(level + 2, "page_size", &size.value.into());
        }
    }
    y.list(level + 1, "errors", &sp_list(errors));
    if let Some(example) = returns_example {
        y.json(level + 1, "returns_example", &example.value);
    }
    if let Some(role) = role {
        y.string(level + 1, "role", role.value.as_str());
    }
}

fn write_params(y: &mut Yaml, level: usize, key: &str, params: &Entries<Param>) {
    if params.is_empty() {
        return;
    }
    y.open(level, key);
    for (name, param) in params.iter() {
        write_param(y, level + 1, name, param);
    }
}

pub fn write_param(y: &mut Yaml, level: usize, name: &str, param: &Param) {
    let Param {
        ty,
        required,
        doc,
        secret,
        default,
        required_if,
        allow_empty,
        series,
        rust_name,
        lint: _,
        // Imported APIs travel by their wire alone: nothing binds a parameter.
        place: _,
    } = param;
    y.open(level, name);
    y.string(level + 1, "type", ty);
    y.flag(level + 1, "required", *required);
    if !required_if.is_empty() {
        y.open(level + 1, "required_if");
        for (other, value) in required_if.iter() {
            y.json(level + 2, other, value);
        }
    }
    if let Some(default) = default {
        y.json(level + 1, "default", default);
    }
    y.flag(level + 1, "secret", *secret);
    y.flag(level + 1, "allow_empty", *allow_empty);
    if let Some(series) = series {
        let mut numbering = serde_json::json!({"first": series.first});
        if let Some(max) = &series.max {
            numbering["max"] = max.value.into();
        }
        y.json(level + 1, "series", &numbering);
    }
    if let Some(doc) = doc {
        y.string(level + 1, "doc", doc);
    }
    if let Some(rust) = rust_name {
        y.string(level + 1, "rust_name", rust);
    }
}

pub fn write_field(y: &mut Yaml, level: usize, name: &str, field: &Field) {
    let Field {
        ty,
        optional,
        doc,
        secret,
        series,
        allow_empty,
        header,
        rust_name,
        lint: _,
    } = field;
    y.open(level, name);
    y.string(level + 1, "type", ty);
    y.flag(level + 1, "optional", *optional);
    y.flag(level + 1, "secret", *secret);
    y.flag(level + 1, "series", *series);
    y.flag(level + 1, "allow_empty", *allow_empty);
    if let Some(doc) = doc {
        y.string(level + 1, "doc", doc);
    }
    if let Some(header) = header {
        y.string(level + 1, "header", header);
    }
    if let Some(rust) = rust_name {
        y.string(level + 1, "rust_name", rust);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Doc {
        value: String,
    }

    fn round_trip(text: &str) -> String {
        let mut y = Yaml::new();
        y.string(0, "value", text);
        let written = y.finish();
        let read: Doc = serde_saphyr::from_str(&written)
            .unwrap_or_else(|e| panic!("{e}\n--- written:\n{written}"));
        read.value
    }

    #[test]
    fn strings_read_back_exactly() {
        for text in [
            "plain",
            "",
            " leading",
            "trailing ",
            "true",
            "Yes",
            "null",
            "~",
            "123",
            "1.5",
            "0x1F",
            ".inf",
            "-dash",
            "- item",
            "key: value",
            "a # comment",
            "#hash",
            "quote \" and \\ backslash",
            "'single'",
            "*alias",
            "&anchor",
            "!tag",
            "%directive",
            "@at",
            "`tick`",
            "{flow}",
            "[flow]",
            "|pipe",
            ">fold",
            "line one\nline two",
            "line\n\n\tindented with a tab\n  two spaces",
            "trailing space \nnext",
            "ends with newline\n",
            "\nstarts with newline",
            "control \u{7} char",
            "One of: 'A', 'TXT'",
            "TEXT_GENERAL[80]",
            "DNS_ZONE|DNS_REVERSE_ZONE",
            "LW::Exception::",
            "a valid unix epoch value (the number of seconds since Jan 1, 1970).",
            "ümlaut and emoji 🦀",
        ] {
            assert_eq!(round_trip(text), text, "{text:?}");
        }
    }

    #[test]
    fn house_style() {
        let mut y = Yaml::new();
        y.string(0, "doc", "A simple word");
        y.string(0, "name", "page_num");
        y.string(0, "text", "first\nsecond");
        y.flag(0, "required", true);
        y.flag(0, "secret", false);
        y.list(0, "values", &["A".to_string(), "TXT".to_string()]);
        assert_eq!(
            y.finish(),
            "doc: \"A simple word\"\nname: page_num\ntext: |-\n  first\n  second\nrequired: true\nvalues:\n  - A\n  - TXT\n"
        );
    }
}
