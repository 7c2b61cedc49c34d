//! Records: request types, response types and nested objects, each one
//! `hostapi_runtime::record!` invocation.
//!
//! The runtime macro adds the constructor, setters and the serde and
//! validation impls, so generated code holds only what differs per record:
//! the documented fields, their types and wire names, how each is read,
//! and the `required_if` rules. prettyplease does not lay out macro
//! bodies, so the invocation is written here as text, in the same style.

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Scope, docs, member_doc, type_text};
use crate::ir::{Builtin, Member, TypeRef};

/// Which ways a record travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ways {
    /// Sent: constructor, setters, `Serialize`, `Validate`.
    pub send: bool,
    /// Received: `Deserialize` with lenient readers.
    pub receive: bool,
}

impl Ways {
    pub const SEND: Ways = Ways {
        send: true,
        receive: false,
    };
    pub const RECEIVE: Ways = Ways {
        send: false,
        receive: true,
    };
    pub const BOTH: Ways = Ways {
        send: true,
        receive: true,
    };
}

/// Records are written as text and put in place of a placeholder item after
/// the rest of the file is laid out.
#[derive(Debug, Default)]
pub struct Records {
    texts: Vec<String>,
}

impl Records {
    /// A placeholder item for `text`, to be replaced by [`Records::fill`].
    pub fn add(&mut self, text: String) -> TokenStream {
        let marker = quote::format_ident!("__HOSTAPI_RECORD_{}", self.texts.len());
        self.texts.push(text);
        quote! { hostapi_runtime::record!(#marker); }
    }

    /// Every record must be valid Rust tokens (the macro checks the rest
    /// when the crate is compiled).
    pub fn check(&self) -> Result<(), String> {
        for text in &self.texts {
            text.parse::<TokenStream>()
                .map_err(|e| format!("{e} in:\n{text}"))?;
        }
        Ok(())
    }

    /// Replaces every placeholder line in laid-out code with its record.
    pub fn fill(&self, code: &str) -> String {
        if self.texts.is_empty() {
            return code.to_string();
        }
        let mut out =
            String::with_capacity(code.len() + self.texts.iter().map(String::len).sum::<usize>());
        for line in code.lines() {
            let index = line
                .strip_prefix("hostapi_runtime::record!(__HOSTAPI_RECORD_")
                .and_then(|rest| rest.strip_suffix(");"))
                .and_then(|n| n.parse::<usize>().ok());
            match index.and_then(|i| self.texts.get(i)) {
                Some(text) => out.push_str(text),
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// The `record!` invocation for a struct `name` holding `members`.
pub fn record(name: &str, doc: &str, members: &[Member], ways: Ways, scope: Scope) -> String {
    let mut out = String::new();
    out.push_str("hostapi_runtime::record! {\n");
    doc_lines(&mut out, 1, doc);
    let required: Vec<&Member> = members.iter().filter(|m| m.required && !m.series).collect();
    let optional: Vec<&Member> = members
        .iter()
        .filter(|m| !m.required && !m.series)
        .collect();
    let series: Vec<&Member> = members.iter().filter(|m| m.series).collect();
    let mut way_words = Vec::new();
    if ways.send {
        way_words.push("send");
    }
    if ways.receive {
        way_words.push("receive");
    }
    let _ = writeln!(out, "    pub struct {name}: {} {{", way_words.join(" "));
    group(&mut out, "required", &required, ways, scope);
    group(&mut out, "optional", &optional, ways, scope);
    group(&mut out, "series", &series, ways, scope);
    let rules: Vec<String> = members
        .iter()
        .filter(|m| !m.required_if.is_empty())
        .map(|m| {
            let conditions: Vec<String> = m
                .required_if
                .iter()
                .map(|c| match &c.value {
                    None => format!("{} absent", literal(&c.wire_name)),
                    Some(value) => format!(
                        "{} is {}",
                        literal(&c.wire_name),
                        literal(&condition_text(value))
                    ),
                })
                .collect();
            format!("{} if {};", literal(&m.wire_name), conditions.join(", "))
        })
        .collect();
    if ways.send && !rules.is_empty() {
        out.push_str("        required_if {\n");
        for rule in rules {
            let _ = writeln!(out, "            {rule}");
        }
        out.push_str("        }\n");
    }
    out.push_str("    }\n}\n");
    out
}

fn group(out: &mut String, name: &str, members: &[&Member], ways: Ways, scope: Scope) {
    if members.is_empty() {
        return;
    }
    let _ = writeln!(out, "        {name} {{");
    for member in members {
        let mut text = member_doc(member);
        if member.series {
            text.push_str(&format!(
                "\n\nCollected from the numbered fields `{}`, `{}`, ….",
                member.wire_name.replace("{n}", "1"),
                member.wire_name.replace("{n}", "2")
            ));
        }
        doc_lines(out, 3, &text);
        let mut line = String::from("            ");
        line.push_str(&member.rust_name);
        if member.rust_name != member.wire_name {
            line.push('(');
            line.push_str(&literal(&member.wire_name));
            line.push(')');
        }
        if name == "optional" && ways.send {
            line.push_str(" / with_");
            line.push_str(member.rust_name.trim_end_matches('_'));
        }
        line.push_str(": ");
        let ty = type_text(&member.ty, member.secret, scope);
        if member.boxed {
            line.push_str(&format!("Box<{ty}>"));
        } else {
            line.push_str(&ty);
        }
        if ways.receive && name != "series" {
            line.push_str(" => ");
            line.push_str(read_mode(member));
        }
        line.push_str(",\n");
        out.push_str(&line);
    }
    let _ = writeln!(out, "        }}");
}

/// The `Reader` method that reads a received member.
fn read_mode(member: &Member) -> &'static str {
    let lenient = !member.secret
        && matches!(
            member.ty,
            TypeRef::Builtin(
                Builtin::String | Builtin::Integer | Builtin::Float | Builtin::Boolean
            )
        );
    match (member.required, lenient) {
        (true, true) => "lenient",
        (true, false) => "req",
        (false, _) if member.allow_empty => "empty",
        (false, true) => "opt_lenient",
        (false, false) => "opt",
    }
}

/// `///` lines at `level` (four spaces each) for `text`.
fn doc_lines(out: &mut String, level: usize, text: &str) {
    for line in docs::lines(text) {
        for _ in 0..level {
            out.push_str("    ");
        }
        out.push_str("///");
        // A bare carriage return or other control character is not allowed
        // in a doc comment.
        out.extend(
            line.chars()
                .map(|c| if c.is_control() && c != '\t' { ' ' } else { c }),
        );
        out.push('\n');
    }
}

/// A Rust string literal.
fn literal(text: &str) -> String {
    format!("{text:?}")
}

/// A condition's value as the runtime compares it: text as it goes on the
/// wire, booleans as `1`/`0`.
fn condition_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(b) => if *b { "1" } else { "0" }.to_string(),
        other => other.to_string(),
    }
}
