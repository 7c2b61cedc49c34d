//! Unions ("Either: A or B") and enumerations, each one runtime macro
//! invocation (`union_type!`, `enum_type!`) written as text.

use std::fmt::Write as _;

use crate::emit::layout::{Deferred, Doc};
use crate::emit::{Scope, type_text};
use crate::ir::{EnumValue, UnionMember};

/// An enum with one variant per member type; the runtime macro reads
/// members in order and keeps the first that accepts the value.
pub fn union(name: &str, doc: Doc, members: &[UnionMember], d: &mut Deferred) -> String {
    let mut out = String::from("hostapi_runtime::union_type! {\n");
    d.outer_doc_line(&mut out, "    ", doc);
    let _ = writeln!(out, "    pub enum {name} {{");
    for member in members {
        // Undocumented: the variant's type says what it holds.
        let variant = &member.rust_name;
        let ty = type_text(&member.ty, false, Scope::Types);
        if member.boxed {
            let _ = writeln!(out, "        {variant}(Box<{ty}>),");
        } else {
            let _ = writeln!(out, "        {variant}({ty}),");
        }
    }
    out.push_str("    }\n}\n");
    out
}

/// An enumeration of documented wire values; the runtime macro adds the
/// `Unknown` variant that keeps any other value.
pub fn enumeration(
    name: &str,
    doc: Doc,
    values: &[EnumValue],
    case_insensitive: bool,
    d: &mut Deferred,
) -> String {
    let mut out = String::from("hostapi_runtime::enum_type! {\n");
    d.outer_doc_line(&mut out, "    ", doc);
    let case = if case_insensitive {
        " as case_insensitive"
    } else {
        ""
    };
    let _ = writeln!(out, "    pub enum {name}{case} {{");
    // Undocumented: the type's rule lists the wire values, and a doc that
    // only repeated one would say nothing more.
    for value in values {
        let _ = writeln!(out, "        {} = {:?},", value.rust_name, value.wire);
    }
    out.push_str("    }\n}\n");
    out
}
