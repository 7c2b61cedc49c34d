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
use crate::ir::{Builtin, Group, Member, Numbering, TypeRef};

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

/// The most fields one `record!` group may hold: the runtime's
/// `hostapi_runtime::record::slots::MAX_GROUP_FIELDS` (a test holds the
/// two equal).
pub const MAX_GROUP_FIELDS: usize = 32;

/// The `record!` invocation for a struct `name` holding `members`.
pub fn record(
    deferred: &mut Deferred,
    name: &str,
    doc: impl Into<Doc>,
    members: &[Member],
    ways: Ways,
    scope: Scope,
) -> String {
    request(deferred, name, doc, members, &[], ways, scope)
}

/// [`record`] for a request that also holds numbered series of groups
/// (each group's own record is [`group_record`]).
pub fn request(
    deferred: &mut Deferred,
    name: &str,
    doc: impl Into<Doc>,
    members: &[Member],
    groups: &[Group],
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
        // The runtime reads a received group's fields as one tuple, and
        // tuples are only so long: a longer group goes out as several.
        let per_group = if ways.receive {
            MAX_GROUP_FIELDS
        } else {
            usize::MAX
        };
        for chunk in group_members.chunks(per_group) {
            group(deferred, &mut out, group_name, chunk, ways, scope);
        }
    }
    if !groups.is_empty() {
        out.push_str("        groups {\n");
        for series in groups {
            deferred.outer_doc_line(&mut out, "            ", group_text(series));
            let count = series
                .count
                .as_ref()
                .map(|count| format!(" count {}", literal(count)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "            {} / {}{}{count}: {},",
                series.rust_name,
                crate::naming::setter(&series.rust_name),
                numbering_bounds(series.numbering, series.required),
                series.record,
            );
        }
        out.push_str("        }\n");
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

/// The record one group of `series` is: its members, sent only as part of
/// `request`.
pub fn group_record(
    deferred: &mut Deferred,
    request: &str,
    series: &Group,
    scope: Scope,
) -> String {
    let doc = format!(
        "One group of `{}` in `{request}`: its members are sent numbered with the group's place in the list.",
        series.rust_name
    );
    record(
        deferred,
        &series.record,
        doc,
        &series.members,
        Ways::SEND,
        scope,
    )
}

/// A series of groups' doc: its own, then how its groups are numbered.
fn group_text(series: &Group) -> Doc {
    let mut text = Doc::default();
    if let Some(doc) = &series.doc {
        text.push(doc.clone());
    }
    let numbered = |index| -> String {
        series
            .members
            .iter()
            .map(|m| format!("`{}`", series.numbering.name(&m.wire_name, index)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let how_many = match series.numbering.max {
        Some(1) => "at most 1 group".to_owned(),
        Some(max) => format!("at most {max} groups"),
        None => "as many groups as given".to_owned(),
    };
    let at_least = if series.required {
        ", one at least"
    } else {
        ""
    };
    text.push(format!(
        "Each group is sent as {} for the first, {} for the second, and so on, in order: {how_many}{at_least}.",
        numbered(0),
        numbered(1)
    ));
    if let Some(count) = &series.count {
        text.push(format!(
            "The client sets `{count}` to the number of groups."
        ));
    }
    text
}

/// A member's doc: its own, and for a series where its values come from.
fn member_text(member: &Member) -> Doc {
    let mut text = member_doc(member);
    if let Some(numbering) = &member.numbering {
        let at_least = if member.required {
            ", one at least"
        } else {
            ""
        };
        text.push(match numbering.max {
            Some(max) => format!(
                "Sent as the numbered parameters `{}` to `{}`, in order: at most {max} value{}{at_least}.",
                numbering.name(&member.wire_name, 0),
                numbering.name(&member.wire_name, max - 1),
                if max == 1 { "" } else { "s" },
            ),
            None => format!(
                "Sent as the numbered parameters `{}`, `{}`, …, in order: as many values as given{at_least}.",
                numbering.name(&member.wire_name, 0),
                numbering.name(&member.wire_name, 1),
            ),
        });
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
        line.push_str(&numbering_bounds(*numbering, member.required));
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

/// How `record!` writes a series' numbers: ` [1..=12]`, ` [1..]` for an
/// open-ended one, ` required` inside when one value is needed.
pub(super) fn numbering_bounds(numbering: Numbering, required: bool) -> String {
    let required = if required { " required" } else { "" };
    match numbering.max {
        Some(max) => {
            let last = u64::from(numbering.first) + u64::from(max) - 1;
            format!(" [{}..={last}{required}]", numbering.first)
        }
        None => format!(" [{}..{required}]", numbering.first),
    }
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
