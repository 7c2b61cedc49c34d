//! Naming: `name-style` for names the spec author chooses, and
//! `mixed-wire-case` for wire names, which are the vendor's.

use std::collections::BTreeMap;

use super::{FileContext, Findings};
use crate::diag::Severity;
use crate::lint::registry::{Rule, Source};
use crate::lint::words::{Style, style};
use crate::naming;
use crate::spec::span::Sp;

pub const NAME_STYLE: Rule = Rule {
    id: "name-style",
    severity: Severity::Warning,
    source: Source::Lint(check_style),
    summary: "A name the spec author chose breaks Rust's conventions: a type name that is not \
              UpperCamelCase, a `rust_name` of a method, parameter or field that is not \
              snake_case, or an error's `rust_name` that is not UpperCamelCase.",
    rationale: "Type names and `rust_name`s are the spec author's choice, not the vendor's, \
                and they go into generated code. Type names are converted, so `HTTPUri` \
                silently becomes `HttpUri` and `Result` becomes `ResultType`, and the spec \
                and the code disagree. A `rust_name` is used as written, so a method \
                `rust_name: IssueJwt` would show every user of the crate rustc's \
                `non_snake_case` warning.",
    fix: "Rename to the form the message suggests. Type names are only referred to within \
          the specs; rename the references too.",
};

pub const MIXED_WIRE_CASE: Rule = Rule {
    id: "mixed-wire-case",
    severity: Severity::Info,
    source: Source::Lint(check_wire_case),
    summary: "Wire names in one list (a method's parameters and returned fields, a section's \
              methods, an error's fields) mix naming styles, such as snake_case and camelCase.",
    rationale: "Wire names are the vendor's and must be transcribed exactly, so a vendor that \
                mixes styles is transcribed mixed; that is why this is information, not a \
                warning. It catches transcription slips, such as `serviceId` among names the \
                vendor writes in snake_case. Single-word names (`token`, `ID`) fit every style \
                and never count. Generated Rust names are converted either way; to rename on \
                the Rust side, set `rust_name`, never the wire name.",
    fix: "Check the odd name against the vendor's docs. If the vendor really mixes styles, \
          allow `mixed-wire-case` on the method or section with that reason.",
};

fn check_style(cx: &FileContext<'_>, out: &mut Findings<'_>) {
    let spec = &cx.file.spec;
    for (name, _) in spec.types.iter() {
        // A name that gives no Rust name at all is the checker's finding.
        let Ok(rust) = naming::checked_camel(&name.value) else {
            continue;
        };
        if rust != name.value {
            out.report(
                name.pos,
                format!(
                    "type name `{}` is not UpperCamelCase; generated code calls it `{rust}`",
                    name.value
                ),
                format!("rename the type to `{rust}`"),
            );
        }
    }
    let mut snake = |what: &str, rust_name: &Option<Sp<String>>| {
        if let Some(rust) = rust_name
            && naming::is_identifier(&rust.value)
        {
            let wanted = naming::snake(&rust.value);
            if wanted != rust.value {
                out.report(
                    rust.pos,
                    format!("{what} `rust_name` `{}` is not snake_case", rust.value),
                    format!("write `rust_name: {wanted}`"),
                );
            }
        }
    };
    for (_, section) in spec.sections.iter() {
        for (_, method) in section.methods.iter() {
            snake("method", &method.rust_name);
            for (_, param) in method.every_param() {
                snake("parameter", &param.rust_name);
            }
            for (_, field) in method.returns.iter() {
                snake("field", &field.rust_name);
            }
        }
    }
    for (_, error) in spec.errors.iter() {
        for (_, field) in error.fields.iter() {
            snake("field", &field.rust_name);
        }
    }
    for (_, error) in spec.errors.iter() {
        if let Some(rust) = &error.rust_name
            && naming::is_identifier(&rust.value)
        {
            let wanted = naming::camel(&rust.value);
            if wanted != rust.value {
                out.report(
                    rust.pos,
                    format!("error `rust_name` `{}` is not UpperCamelCase", rust.value),
                    format!("write `rust_name: {wanted}`"),
                );
            }
        }
    }
}

fn check_wire_case(cx: &FileContext<'_>, out: &mut Findings<'_>) {
    let spec = &cx.file.spec;
    for (section_name, section) in spec.sections.iter() {
        let methods: Vec<&Sp<String>> = section.methods.iter().map(|(k, _)| k).collect();
        mixed(
            out,
            &format!("methods of section `{}`", section_name.value),
            &methods,
        );
        for (method_name, method) in section.methods.iter() {
            let members: Vec<&Sp<String>> = method
                .every_param()
                .map(|(k, _)| k)
                .chain(method.returns.iter().map(|(k, _)| k))
                .collect();
            mixed(
                out,
                &format!(
                    "parameters and returned fields of method `{}`",
                    method_name.value
                ),
                &members,
            );
        }
    }
    for (error_name, error) in spec.errors.iter() {
        let fields: Vec<&Sp<String>> = error.fields.iter().map(|(k, _)| k).collect();
        mixed(
            out,
            &format!("fields of error `{}`", error_name.value),
            &fields,
        );
    }
}

/// Reports the names in `names` whose style is not the list's most common
/// one (the first to appear wins a tie).
fn mixed(out: &mut Findings<'_>, list: &str, names: &[&Sp<String>]) {
    let styled: Vec<(&Sp<String>, Style)> = names
        .iter()
        .filter_map(|n| style(&n.value).map(|s| (*n, s)))
        .collect();
    let mut counts: BTreeMap<Style, (usize, usize)> = BTreeMap::new();
    for (i, (_, s)) in styled.iter().enumerate() {
        counts.entry(*s).or_insert((0, i)).0 += 1;
    }
    if counts.len() < 2 {
        return;
    }
    let Some((&main, _)) = counts
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
    else {
        return;
    };
    let examples: Vec<String> = styled
        .iter()
        .filter(|(_, s)| *s == main)
        .take(2)
        .map(|(n, _)| format!("`{}`", n.value))
        .collect();
    for (name, s) in &styled {
        if *s != main {
            out.report(
                name.pos,
                format!(
                    "`{}` is {}, but the other {list} are {} ({})",
                    name.value,
                    s.name(),
                    main.name(),
                    examples.join(", ")
                ),
                "check the name against the vendor's docs; if the vendor mixes styles, allow `mixed-wire-case` here with that reason",
            );
        }
    }
}
