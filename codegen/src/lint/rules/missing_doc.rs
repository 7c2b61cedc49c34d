//! `missing-doc`: an empty description.

use super::{FileContext, Findings};
use crate::diag::Severity;
use crate::lint::registry::{Rule, Source};
use crate::spec::span::{Pos, Sp};

pub const RULE: Rule = Rule {
    id: "missing-doc",
    severity: Severity::Warning,
    source: Source::Lint(check),
    summary: "A section, method, named type, documented error or credential has an empty `doc`.",
    rationale: "Docs are copied into the generated code's documentation, and they are how a \
                reviewer compares a spec with the vendor's pages. An empty one usually means \
                a transcription step was skipped.",
    fix: "Copy the vendor's description. Where the vendor gives none, write `doc: \"\"`, say so \
          in `notes`, and allow `missing-doc` on the item with that reason.",
};

fn check(cx: &FileContext<'_>, out: &mut Findings<'_>) {
    let spec = &cx.file.spec;
    let mut empty = |what: &str, name: &Sp<String>, doc: &str, pos: Pos| {
        if doc.trim().is_empty() {
            out.report(
                pos,
                format!("{what} `{}` has an empty `doc`", name.value),
                "copy the vendor's description; where the vendor gives none, say so in `notes` and allow `missing-doc` here with that reason",
            );
        }
    };
    if let Some(api) = &spec.api {
        for (name, credential) in api.credentials.iter() {
            empty("credential", name, &credential.doc, name.pos);
        }
    }
    for (name, def) in spec.types.iter() {
        empty("type", name, &def.doc.value, def.doc.pos);
    }
    for (name, def) in spec.errors.iter() {
        empty("error", name, &def.doc, name.pos);
    }
    for (name, section) in spec.sections.iter() {
        empty("section", name, &section.doc, name.pos);
        for (method_name, method) in section.methods.iter() {
            empty("method", method_name, &method.doc, method_name.pos);
        }
    }
}
