//! `unused-type` and `unused-library-type`: named types nothing uses.
//!
//! Usage comes from the checker (what each API's members reach), so it
//! follows every way a type can be referred to that the checker knows.

use std::collections::BTreeSet;

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

pub const UNUSED_LIBRARY_TYPE: Rule = Rule {
    id: "unused-library-type",
    severity: Severity::Info,
    source: Source::Lint(check_library),
    summary: "A type in a type library is used by none of the APIs in this run that use the \
              library.",
    rationale: "Libraries hold what API versions share, and a library type may be kept for a \
                version not transcribed yet, so this is information rather than a warning. \
                The rule says nothing when no API in the run uses the library (linting a \
                library on its own), or when one of them has errors.",
    fix: "Delete the type if no version needs it, or allow `unused-library-type` on it with \
          the reason it is kept.",
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

fn check_library(cx: &FileContext<'_>, out: &mut Findings<'_>) {
    let file = cx.file;
    if file.spec.api.is_some() || file.spec.types.is_empty() {
        return;
    }
    let Some(users) = cx.index.users.get(file.path.as_path()) else {
        // No API in this run uses the library: nothing to judge by.
        out.skip();
        return;
    };
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for api in users {
        let Some(types) = cx.checked.used_types.get(*api) else {
            out.skip();
            return;
        };
        used.extend(types.iter().map(String::as_str));
    }
    let names: Vec<String> = users
        .iter()
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    for (name, _) in file.spec.types.iter() {
        if !used.contains(name.value.as_str()) {
            out.report(
                name.pos,
                format!(
                    "type `{}` is used by none of the APIs that use this library ({})",
                    name.value,
                    names.join(", ")
                ),
                "delete it if no API version needs it, or allow `unused-library-type` here with the reason it is kept",
            );
        }
    }
}
