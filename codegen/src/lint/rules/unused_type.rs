//! `unused-type`: named types of an API file that nothing uses.
//!
//! Types of a type library are not judged: a library becomes a public module
//! of its own, so its types are part of what callers get whether or not a
//! transcribed method names them.
//!
//! Usage comes from the checker (what each API's members reach), so it
//! follows every way a type can be referred to that the checker knows.

use super::{FileContext, Findings};
use crate::diag::Severity;
use crate::lint::registry::{Rule, Source};

pub const UNUSED_TYPE: Rule = Rule {
    id: "unused-type",
    severity: Severity::Warning,
    source: Source::Lint(check_api_file),
    summary: "A named type in an API file is used by no parameter, returned field or error \
              field of that API.",
    rationale: "An unused type is a leftover, or a sign that a member refers to the wrong type. \
                A type referred to only by other unused types (as array items or map values) \
                is unused too. Types in an API file cannot be shared (`uses` takes only \
                libraries), so nothing else can use it.",
    fix: "Use the type where the vendor's docs use it, or delete it. A type several API \
          versions share belongs in a type library.",
};

fn check_api_file(cx: &FileContext<'_>, out: &mut Findings<'_>) {
    let file = cx.file;
    if file.spec.api.is_none() || file.spec.types.is_empty() {
        return;
    }
    let Some(used) = cx.checked.used_types.get(&file.path) else {
        // The API did not check cleanly: usage is unknown.
        out.skip();
        return;
    };
    for (name, _) in file.spec.types.iter() {
        if !used.contains(&name.value) {
            out.report(
                name.pos,
                format!(
                    "type `{}` is not used by any parameter, returned field or error of this API",
                    name.value
                ),
                "use it where the vendor's docs do, or delete it",
            );
        }
    }
}
