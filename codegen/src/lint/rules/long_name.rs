//! `long-name`: a Rust name generated code will use that is over 40
//! characters long.
//!
//! Type names come from the spec's type names, nested ones named by role
//! as the generator names them ([`crate::ir::roles`]); request and
//! response types from the method's Rust name. Importers build nested type
//! names by joining their parents' (`TicketAddTransactionFeedbackFeedback`),
//! which is how names grow unreadable without anyone choosing them.

use super::{FileContext, Findings};
use crate::diag::Severity;
use crate::ir::names;
use crate::lint::registry::{Rule, Source};
use crate::naming;

/// Longer than this is hard to read in signatures and error messages.
pub const MAX_CHARS: usize = 40;

pub const RULE: Rule = Rule {
    id: "long-name",
    severity: Severity::Hint,
    source: Source::Lint(check),
    summary: "A Rust name generated code will use is over 40 characters: a named type's, or a \
              method's request or response type (`…Request`, `…Response`).",
    rationale: "Generated names appear in every signature, error message and rustdoc page a \
                user reads. Past 40 characters they are usually a chain of parent names \
                (`InvoiceDetailsLineitemGroupLineItemTaxDetail`) rather than a name for what the value is, \
                and they push code past the line width.",
    fix: "Name the type by its role (`LineItem`, not the whole path to it); for a method, set a \
          shorter `rust_name`. Or allow `long-name` on the item if the length is earned.",
};

fn check(cx: &FileContext<'_>, out: &mut Findings<'_>) {
    let spec = &cx.file.spec;
    // Nested types are named by role, as the generator names them.
    let type_names = crate::ir::roles::file_type_names(spec);
    for (name, _) in spec.types.iter() {
        let Some(rust) = type_names.get(&name.value) else {
            continue;
        };
        if rust.len() > MAX_CHARS {
            out.report(
                name.pos,
                format!(
                    "type `{}` is `{rust}` in Rust, {} characters (over {MAX_CHARS})",
                    name.value,
                    rust.len()
                ),
                "name the type by its role rather than by the path to it, or allow `long-name` here",
            );
        }
    }
    for (section_name, section) in spec.sections.iter() {
        let module = super::section_module(&section_name.value, section);
        for (name, method) in section.methods.iter() {
            // The method's Rust name as the checker chooses it.
            let rust = match &method.rust_name {
                Some(rust) => rust.value.clone(),
                None => match naming::checked_snake(&name.value) {
                    Ok(derived) => names::trait_free_method(&derived, &section_name.value, &module)
                        .unwrap_or(derived),
                    Err(_) => continue,
                },
            };
            let longest = format!("{}Response", naming::camel(&rust));
            if longest.len() > MAX_CHARS {
                out.report(
                    name.pos,
                    format!(
                        "method `{}` makes the type `{longest}`, {} characters (over {MAX_CHARS})",
                        name.value,
                        longest.len()
                    ),
                    "set a shorter `rust_name` on the method, or allow `long-name` here",
                );
            }
            // A group's record is named in the spec, not made from a path.
            for (_, group) in method.groups.iter() {
                let record = &group.record;
                if record.value.len() > MAX_CHARS {
                    out.report(
                        record.pos,
                        format!(
                            "group record `{}` is {} characters (over {MAX_CHARS})",
                            record.value,
                            record.value.len()
                        ),
                        "name the record by what one group is, or allow `long-name` here",
                    );
                }
            }
        }
    }
}
