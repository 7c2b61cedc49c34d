//! Records: request types, response types and nested objects, each one
//! `hostapi_runtime::record!` invocation.
//!
//! The runtime macro adds the constructor, setters and the serde and
//! validation impls, so generated code holds only what differs per record:
//! the documented fields, their types and wire names, how each is read,
//! and the `required_if` rules. prettyplease does not lay out macro
//! bodies, so the invocation is written here as text, in the same style.

use std::fmt::Write as _;

use super::layout::{Deferred, Doc};
use super::{Scope, member_doc, type_text};
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

/// The `record!` invocation for a struct `name` holding `members`.
pub fn record(
    deferred: &mut Deferred,
    name: &str,
    doc: impl Into<Doc>,
    members: &[Member],
    ways: Ways,
    scope: Scope,
) -> String {
    let mut out = String::new();
    out.push_str("hostapi_runtime::record! {\n");
    deferred.outer_doc_line(&mut out, "    ", doc);
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
    for (group_name, group_members) in [
        ("required", &required),
        ("optional", &optional),
        ("series", &series),
    ] {
        group(deferred, &mut out, group_name, group_members, ways, scope);
    }
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
            // A series is required as its first value.
            let target = match &m.numbering {
                Some(numbering) => numbering.name(&m.wire_name, 0),
                None => m.wire_name.clone(),
            };
            format!("{} if {};", literal(&target), conditions.join(", "))
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

fn group(
    deferred: &mut Deferred,
    out: &mut String,
    name: &str,
    members: &[&Member],
    ways: Ways,
    scope: Scope,
) {
    if members.is_empty() {
        return;
    }
    let docs: Vec<Doc> = members.iter().map(|m| member_text(m)).collect();
    let lines: Vec<String> = members
        .iter()
        .map(|m| member_line(m, name, ways, scope))
        .collect();
    // One undocumented member fits on the group's line, as one would write it.
    if let ([line], [doc]) = (lines.as_slice(), docs.as_slice())
        && doc.is_blank()
        && line.len() + name.len() + 14 <= MAX_WIDTH
    {
        let _ = writeln!(out, "        {name} {{ {line} }}");
        return;
    }
    let _ = writeln!(out, "        {name} {{");
    for (line, doc) in lines.iter().zip(docs) {
        deferred.outer_doc_line(out, "            ", doc);
        let _ = writeln!(out, "            {line},");
    }
    let _ = writeln!(out, "        }}");
}

/// Where a group's member goes on its group's line, at most.
const MAX_WIDTH: usize = 100;

/// A member's doc: its own, and for a series where its values come from.
fn member_text(member: &Member) -> Doc {
    let mut text = member_doc(member);
    if let Some(numbering) = &member.numbering {
        let last = numbering.max - 1;
        text.push(format!(
            "Sent as the numbered parameters `{}` to `{}`, in order: at most {} value{}{}.",
            numbering.name(&member.wire_name, 0),
            numbering.name(&member.wire_name, last),
            numbering.max,
            if numbering.max == 1 { "" } else { "s" },
            if member.required {
                ", one at least"
            } else {
                ""
            },
        ));
    } else if member.series {
        text.push(format!(
            "Collected from the numbered fields `{}`, `{}`, ….",
            member.wire_name.replace("{n}", "1"),
            member.wire_name.replace("{n}", "2")
        ));
    }
    text
}

/// A member as `record!` declares it in group `group`: name, wire name,
/// setter, flags, type and read mode.
fn member_line(member: &Member, group: &str, ways: Ways, scope: Scope) -> String {
    let mut line = member.rust_name.clone();
    if member.rust_name != member.wire_name {
        line.push('(');
        line.push_str(&literal(&member.wire_name));
        line.push(')');
    }
    if (group == "optional" || member.numbering.is_some()) && ways.send {
        line.push_str(" / with_");
        line.push_str(member.rust_name.trim_end_matches('_'));
    }
    if let Some(numbering) = &member.numbering {
        let last = u64::from(numbering.first) + u64::from(numbering.max) - 1;
        let required = if member.required { " required" } else { "" };
        line.push_str(&format!(" [{}..={last}{required}]", numbering.first));
    }
    // The constructor and setter then take the plain value as well.
    if member.secret && !member.boxed && ways.send && group != "series" {
        line.push_str(" [secret]");
    }
    line.push_str(": ");
    let ty = type_text(&member.ty, member.secret, scope);
    if member.boxed {
        line.push_str(&format!("Box<{ty}>"));
    } else {
        line.push_str(&ty);
    }
    if ways.receive && group != "series" {
        line.push_str(" => ");
        line.push_str(read_mode(member));
    }
    line
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
