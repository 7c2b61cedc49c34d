//! The overlay's hand transcriptions laid over the imported methods: they
//! win, and every difference from the source becomes a note on the method.
//! Methods marked `additions: true` only add to the imported method
//! (`additions`).

use std::collections::BTreeMap;

use super::additions;
use super::importer::{ImportedMethod, ImportedSection, sp};
use super::made::Made;
use super::nested::Place;
use crate::diag::{Diagnostic, Diagnostics};
use crate::import::{Kind, Report};
use crate::spec::load::LoadedFile;
use crate::spec::model::{Method, Section};
use crate::spec::span::Entries;

/// An overlay section that is a `twin_of` an imported one (today's name of
/// a 2013 section): written as a twin, so the loader gives it that
/// section's methods, merged additions included. It must name a section
/// the source has, and not be one.
fn twin(
    overlay: &LoadedFile,
    name: &crate::spec::span::Sp<String>,
    target: &crate::spec::span::Sp<String>,
    section: &Section,
    sections: &mut Vec<(String, Section)>,
    errors: &mut Diagnostics,
) {
    let error = |pos, message: String| {
        Diagnostic::error(crate::spec::twins::RULE, &overlay.path, pos, message)
    };
    if sections.iter().any(|(n, _)| *n == name.value) {
        errors.push(error(
            name.pos,
            format!(
                "section `{}` is in the source, so it cannot be a `twin_of` `{}`",
                name.value, target.value
            ),
        ));
    } else if !sections.iter().any(|(n, _)| *n == target.value) {
        errors.push(error(
            target.pos,
            format!(
                "section `{}` is a `twin_of` `{}`, which the source does not have",
                name.value, target.value
            ),
        ));
    } else {
        sections.push((
            name.value.clone(),
            Section {
                doc: section.doc.clone(),
                declared_methods: None,
                twin_of: Some(target.clone()),
                methods: Entries::default(),
                rust_name: section.rust_name.clone(),
                lint: section.lint.clone(),
            },
        ));
    }
}

/// Whitespace runs collapsed, for comparing hard-wrapped text.
pub(super) fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The merged result: sections in the source's order, then the overlay's own.
pub(super) struct Merged {
    pub(super) sections: Vec<(String, Section)>,
    /// Section docs that differ from the overlay's: name → the source's doc.
    pub(super) section_differences: BTreeMap<String, String>,
    pub(super) from_overlay: usize,
}

pub(super) fn merge(
    source: &str,
    imported: Vec<ImportedSection>,
    overlay: &LoadedFile,
    types: &mut [Made],
    report: &mut Report,
) -> Result<Merged, Diagnostics> {
    let hand = &overlay.spec.sections;
    let mut errors = Diagnostics::default();
    let mut nested_errors = Vec::new();
    let place = Place {
        overlay: &overlay.path,
        source,
        sections: &imported,
    };
    let mut sections = Vec::new();
    let mut section_differences = BTreeMap::new();
    let mut from_overlay = 0;
    for section in &imported {
        let hand_section = hand.get(&section.name);
        let mut methods = Entries::default();
        for imported in &section.methods {
            let method = match hand_section.and_then(|s| s.methods.get(&imported.name)) {
                Some(hand_method) if additions::is_additions(hand_method) => additions::apply(
                    &place,
                    &section.name,
                    imported,
                    hand_method,
                    types,
                    report,
                    &mut nested_errors,
                ),
                Some(hand_method) => {
                    from_overlay += 1;
                    let mut method = hand_method.clone();
                    let differences = differences(source, imported, hand_method);
                    if !differences.is_empty() {
                        report.push(
                            Kind::Interpreted,
                            "overlay-differs",
                            format!("{} {}", section.name, imported.name),
                            format!(
                                "the overlay's transcription wins; {} difference(s) noted on the method",
                                differences.len()
                            ),
                        );
                    }
                    method.notes.extend(differences);
                    method
                }
                None => imported.method.clone(),
            };
            methods.0.push((sp(imported.name.clone()), method));
        }
        let mut doc = section.doc.clone();
        if let Some(hand_section) = hand_section {
            for (name, method) in hand_section.methods.iter() {
                if additions::is_additions(method) {
                    let known = section.methods.iter().any(|m| m.name == name.value);
                    if !known {
                        errors.push(additions::unknown(
                            &overlay.path,
                            &section.name,
                            name,
                            source,
                        ));
                    } else if let Some(error) = additions::check(&overlay.path, name, method) {
                        errors.push(error);
                    }
                    continue;
                }
                if !section.methods.iter().any(|m| m.name == name.value) {
                    from_overlay += 1;
                    let mut method = method.clone();
                    method
                        .notes
                        .push(format!("Not in {source}: from the overlay only."));
                    methods.0.push((name.clone(), method));
                }
            }
            // An empty doc keeps the source's: a section the overlay only
            // adds to need not copy it.
            if !hand_section.doc.is_empty() {
                if words(&hand_section.doc) != words(&section.doc) {
                    section_differences.insert(section.name.clone(), section.doc.clone());
                }
                doc = hand_section.doc.clone();
            }
        }
        sections.push((
            section.name.clone(),
            Section {
                doc,
                declared_methods: None,
                twin_of: None,
                methods,
                rust_name: hand_section.and_then(|s| s.rust_name.clone()),
                lint: None,
            },
        ));
    }
    for (name, section) in hand.iter() {
        if let Some(target) = &section.twin_of {
            twin(overlay, name, target, section, &mut sections, &mut errors);
            continue;
        }
        if !sections.iter().any(|(n, _)| *n == name.value) {
            from_overlay += section.methods.len();
            for (method_name, method) in section.methods.iter() {
                if additions::is_additions(method) {
                    errors.push(additions::unknown(
                        &overlay.path,
                        &name.value,
                        method_name,
                        source,
                    ));
                }
            }
            let mut section = section.clone();
            for (_, method) in section.methods.0.iter_mut() {
                method
                    .notes
                    .push(format!("Not in {source}: from the overlay only."));
            }
            sections.push((name.value.clone(), section));
        }
    }
    for error in nested_errors {
        errors.push(error);
    }
    if errors.has_errors() {
        return Err(errors);
    }
    Ok(Merged {
        sections,
        section_differences,
        from_overlay,
    })
}

/// Notes naming what the source says where the overlay's method differs.
fn differences(source: &str, imported: &ImportedMethod, hand: &Method) -> Vec<String> {
    let mut notes = Vec::new();
    if words(&imported.method.doc) != words(&hand.doc) {
        notes.push(format!(
            "{source} describes this method differently:\n\n{}",
            imported.method.doc
        ));
    }
    let sides = [
        ("parameter", &imported.params, param_facts(hand)),
        ("returned field", &imported.returns, field_facts(hand)),
    ];
    for (what, facts, hand) in sides {
        for fact in facts.iter() {
            match hand.iter().find(|(name, _, _)| *name == fact.name) {
                None => notes.push(format!(
                    "{source} also lists the {what} `{}` (`{}`{}), which the overlay does not.",
                    fact.name,
                    fact.vendor_type,
                    flag_words(what, fact.flag)
                )),
                Some((_, ty, flag_value)) => {
                    let imported_ty = imported_type(imported, what, &fact.name);
                    if imported_ty.as_deref() != Some(ty.as_str()) {
                        notes.push(format!(
                            "{source} types the {what} `{}` as `{}`; the overlay's phrase is `{ty}`'s.",
                            fact.name, fact.vendor_type
                        ));
                    }
                    if *flag_value != fact.flag {
                        notes.push(format!(
                            "{source} marks the {what} `{}`{}.",
                            fact.name,
                            flag_words(what, fact.flag).replace(", ", " ")
                        ));
                    }
                }
            }
        }
        for (name, _, _) in &hand {
            if !facts.iter().any(|f| f.name == *name) {
                notes.push(format!("{source} does not list the {what} `{name}`."));
            }
        }
    }
    notes
}

fn flag_words(what: &str, flag: bool) -> &'static str {
    match (what, flag) {
        ("parameter", true) => ", required",
        ("parameter", false) => ", not required",
        (_, true) => ", optional",
        (_, false) => ", always returned",
    }
}

fn param_facts(method: &Method) -> Vec<(String, String, bool)> {
    method
        .params
        .iter()
        .map(|(k, p)| (k.value.clone(), p.ty.value.clone(), p.required))
        .collect()
}

fn field_facts(method: &Method) -> Vec<(String, String, bool)> {
    method
        .returns
        .iter()
        .map(|(k, f)| (k.value.clone(), f.ty.value.clone(), f.optional))
        .collect()
}

fn imported_type(imported: &ImportedMethod, what: &str, name: &str) -> Option<String> {
    if what == "parameter" {
        imported.method.params.get(name).map(|p| p.ty.value.clone())
    } else {
        imported
            .method
            .returns
            .get(name)
            .map(|f| f.ty.value.clone())
    }
}
