//! `trait-method-name`: a method whose derived Rust name would shadow a
//! trait method of its section's accessor, and so was renamed.
//!
//! The renaming is the checker's ([`names::trait_free_method`]); this hint
//! only tells the spec author it happened and how to choose the name.

use super::{FileContext, Findings};
use crate::diag::Severity;
use crate::ir::names;
use crate::lint::registry::{Rule, Source};
use crate::naming;

pub const RULE: Rule = Rule {
    id: "trait-method-name",
    severity: Severity::Hint,
    source: Source::Lint(check),
    summary: "A method without `rust_name` whose derived Rust name is a method of a trait the \
              section's accessor implements (`clone`, `clone_from`, `to_owned`, `clone_into`, \
              `fmt`, `into`, `try_into`, `from`, `try_from`, `borrow`, `borrow_mut`) was given \
              another name: the derived name, `_`, and the last part of the section's name \
              (`Storm/Server/clone` becomes `clone_server`).",
    rationale: "A section's accessor (`client.storm_server()`) is `Clone`, `Copy` and `Debug`, \
                and std gives every type `Into`, `From`, `ToOwned`, `Borrow` and their kin. \
                An inherent method of the same name wins over the trait's at every call site, \
                so `handle.clone()` would call the vendor's API instead of copying the handle, \
                and generic code would see a different method than a reader expects. The \
                generated name is deterministic, but a name the author chose reads better.",
    fix: "Set `rust_name` on the method to the name generated code should use, such as the \
          suggested one or one that says what the method does (`clone_server`, \
          `duplicate`). It may not be one of the trait methods above. Or allow \
          `trait-method-name` on the method if the generated name is right.",
};

fn check(cx: &FileContext<'_>, out: &mut Findings<'_>) {
    for (section_name, section) in cx.file.spec.sections.iter() {
        for (name, method) in section.methods.iter() {
            if method.rust_name.is_some() {
                continue;
            }
            let Ok(derived) = naming::checked_snake(&name.value) else {
                continue;
            };
            let Some(shadowed) = names::shadowed_trait_method(&derived) else {
                continue;
            };
            // The section's module only matters when its last part gives no
            // name; the derived module is the one generated code uses then.
            let module = super::section_module(&section_name.value, section);
            let Some(renamed) = names::trait_free_method(&derived, &section_name.value, &module)
            else {
                continue;
            };
            out.report(
                name.pos,
                format!(
                    "method `{}` is `{renamed}` in Rust: `{derived}` would shadow `{shadowed}` \
                     on the section's accessor",
                    name.value
                ),
                format!(
                    "set `rust_name` to the name generated code should use (such as \
                     `{renamed}`), or allow `trait-method-name` here"
                ),
            );
        }
    }
}
