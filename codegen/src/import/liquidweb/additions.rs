//! Overlay methods marked `additions: true`: newer sources add parameters
//! and returned fields to an imported method without the overlay copying
//! it whole. The imported method stays; each added member is appended, a
//! member of the same name is replaced (the overlay wins), and notes say
//! what the source lacked or said otherwise.

use std::path::Path;

use super::importer::{Fact, ImportedMethod};
use super::made::Made;
use super::nested::{self, Place};
use crate::diag::Diagnostic;
use crate::import::{Kind, Report};
use crate::spec::model::Method;
use crate::spec::span::{Entries, Sp};

/// Is this overlay method one of additions?
pub(super) fn is_additions(method: &Method) -> bool {
    method.additions.as_ref().is_some_and(|flag| flag.value)
}

/// What an additions method may not hold: everything but `params`,
/// `returns` and `notes` stays the imported method's.
pub(super) fn check(path: &Path, name: &Sp<String>, method: &Method) -> Option<Diagnostic> {
    let held = [
        ("doc", !method.doc.is_empty()),
        ("url", method.url.is_some()),
        ("returns_map", method.returns_map.is_some()),
        ("paging", method.paging.is_some()),
        ("errors", !method.errors.is_empty()),
        ("returns_example", method.returns_example.is_some()),
        ("role", method.role.is_some()),
        ("idempotent", method.idempotent),
        ("response", method.response.is_some()),
        ("http", method.http.is_some()),
        ("rust_name", method.rust_name.is_some()),
        ("lint", method.lint.is_some()),
    ];
    let found: Vec<&str> = held
        .iter()
        .filter(|(_, present)| *present)
        .map(|(key, _)| *key)
        .collect();
    if found.is_empty() {
        return None;
    }
    Some(Diagnostic::error(
        "overlay-additions-keys",
        path,
        name.pos,
        format!(
            "method `{}` has `additions: true`, so it may hold only `params`, `returns` and \
             `notes` (and `doc: \"\"`); found `{}`",
            name.value,
            found.join("`, `")
        ),
    ))
}

/// The error for an additions method the import has no method for.
pub(super) fn unknown(path: &Path, section: &str, name: &Sp<String>, source: &str) -> Diagnostic {
    Diagnostic::error(
        "overlay-additions-unknown",
        path,
        name.pos,
        format!(
            "method `{}` has `additions: true`, but {source} has no method `{section}/{}` to add to",
            name.value, name.value
        ),
    )
    .with_help("drop `additions: true` to add the whole method from the overlay, or fix the name")
}

/// The imported method with the overlay's additions laid over it; members
/// keyed by a path go inside the types the import made (`nested`), and
/// their mistakes go to `errors`.
pub(super) fn apply(
    place: &Place,
    section: &str,
    imported: &ImportedMethod,
    hand: &Method,
    types: &mut [Made],
    report: &mut Report,
    errors: &mut Vec<Diagnostic>,
) -> Method {
    let source = place.source;
    let mut method = imported.method.clone();
    let mut notes = Vec::new();
    let (top, inside) = nested::resolve_types(place, &hand.nested, types, errors);
    let mut hand_returns = hand.returns.clone();
    hand_returns.0.extend(top.0);
    let params = lay_over(
        &mut method.params,
        &hand.params,
        &imported.params,
        |p| (p.ty.value.clone(), p.required),
        |old, new| new.secret |= old.secret,
    );
    let mut returns = lay_over(
        &mut method.returns,
        &hand_returns,
        &imported.returns,
        |f| (f.ty.value.clone(), f.optional),
        |old, new| new.secret |= old.secret,
    );
    let at = format!("{section}/{}", imported.name);
    returns.added.extend(nested::add_inside(
        place,
        &at,
        &method.returns,
        inside,
        types,
        errors,
    ));
    let added = [
        ("parameter", &params.added),
        ("returned field", &returns.added),
    ];
    let listed: Vec<String> = added
        .iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(what, names)| {
            let plural = if names.len() == 1 { "" } else { "s" };
            format!("the {what}{plural} {}", quoted(names))
        })
        .collect();
    if !listed.is_empty() {
        notes.push(format!(
            "Not in {source}: {}, added from newer sources by the overlay.",
            listed.join("; ")
        ));
    }
    for (what, replaced) in [
        ("parameter", &params.replaced),
        ("returned field", &returns.replaced),
    ] {
        for (fact, before, after) in replaced.iter() {
            notes.extend(replaced_note(source, what, fact, before, after));
        }
    }
    method.notes.extend(hand.notes.iter().cloned());
    method.notes.extend(notes);
    report.push(
        Kind::Interpreted,
        "overlay-additions",
        format!("{section} {}", imported.name),
        format!(
            "the overlay adds {} parameter(s) and {} returned field(s) and replaces {}",
            params.added.len(),
            returns.added.len(),
            params.replaced.len() + returns.replaced.len()
        ),
    );
    method
}

/// A member's type name and its flag (`required` or `optional`).
type Shape = (String, bool);

/// What laying one member list over another did.
struct Laid<'a> {
    added: Vec<String>,
    /// Members the source also has and the overlay changes: the source's
    /// fact, and the type and flag before and after.
    replaced: Vec<(&'a Fact, Shape, Shape)>,
}

/// `keep` carries over what a replacement may not drop (a secret stays
/// secret whatever the overlay says).
fn lay_over<'a, T: Clone>(
    into: &mut Entries<T>,
    hand: &Entries<T>,
    facts: &'a [Fact],
    type_and_flag: impl Fn(&T) -> Shape,
    keep: impl Fn(&T, &mut T),
) -> Laid<'a> {
    let mut laid = Laid {
        added: Vec::new(),
        replaced: Vec::new(),
    };
    for (name, member) in hand.iter() {
        match into.0.iter_mut().find(|(n, _)| n.value == name.value) {
            Some((_, existing)) => {
                let before = type_and_flag(existing);
                let after = type_and_flag(member);
                if let Some(fact) = facts.iter().find(|f| f.name == name.value)
                    && before != after
                {
                    laid.replaced.push((fact, before, after));
                }
                let mut replacement = member.clone();
                keep(existing, &mut replacement);
                *existing = replacement;
            }
            None => {
                laid.added.push(name.value.clone());
                into.0.push((name.clone(), member.clone()));
            }
        }
    }
    laid
}

/// What the source said of a member the overlay changed: its type where
/// the type changed, its mark where the mark changed (nothing if neither).
fn replaced_note(
    source: &str,
    what: &str,
    fact: &Fact,
    (before_ty, before_flag): &Shape,
    (after_ty, after_flag): &Shape,
) -> Option<String> {
    let subject = format!("the {what} `{}`", fact.name);
    let mark = (before_flag != after_flag).then_some(match (what, *before_flag) {
        ("parameter", true) => "required",
        ("parameter", false) => "not required",
        (_, true) => "optional",
        (_, false) => "always returned",
    });
    let said = match (before_ty != after_ty, mark) {
        (true, Some(mark)) => format!("types {subject} `{}` and marks it {mark}", fact.vendor_type),
        (true, None) => format!("types {subject} `{}`", fact.vendor_type),
        (false, Some(mark)) => format!("marks {subject} {mark}"),
        (false, None) => return None,
    };
    Some(format!("{source} {said}; newer sources win."))
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
