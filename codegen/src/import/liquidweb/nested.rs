//! An additions method's members that reach into the types the import made
//! (spec::overlay_paths has the forms): a `type` naming another imported
//! member's type is resolved to that type's name, and a member keyed by a
//! path is added inside the made structure the path leads to, for every
//! method that shares that structure.

use std::path::Path;

use super::importer::{ImportedSection, sp};
use super::made::Made;
use crate::diag::Diagnostic;
use crate::spec::model::{Field, Param};
use crate::spec::overlay_paths::{self, Step, Target};
use crate::spec::span::{Entries, Sp};

/// What the references are resolved against: the imported sections, and
/// the overlay for located errors.
pub(super) struct Place<'a> {
    pub(super) overlay: &'a Path,
    pub(super) source: &'a str,
    pub(super) sections: &'a [ImportedSection],
}

/// A member to add inside a made type: its key, steps and field.
pub(super) type Inside = (Sp<String>, Vec<Step>, Field);

/// Resolves the `type` references of `nested` (errors into `errors`) and
/// splits the members into top-level ones, to lay over the method's own,
/// and ones to add inside made types.
pub(super) fn resolve_types(
    place: &Place,
    nested: &Entries<Field>,
    types: &[Made],
    errors: &mut Vec<Diagnostic>,
) -> (Entries<Field>, Vec<Inside>) {
    let mut top = Entries::default();
    let mut inside = Vec::new();
    for (key, field) in nested.iter() {
        let mut field = field.clone();
        // A list of another method's record is made once every method is
        // merged (`records`), so it sees that method's own additions.
        if overlay_paths::is_reference(&field.ty.value) && !is_record_list(&field.ty.value) {
            match reference_type(place, &field.ty.value, types) {
                Ok(name) => field.ty.value = name,
                Err(why) => {
                    errors.push(
                        Diagnostic::error("overlay-type-unknown", place.overlay, field.ty.pos, why)
                            .with_help(
                                "name a method of the source and a returned member it has; \
                                 `items[]` is the items of the list `items`",
                            ),
                    );
                    continue;
                }
            }
        }
        match overlay_paths::parse_key(&key.value) {
            Ok(steps) if steps.len() > 1 => inside.push((key.clone(), steps, field)),
            // One step: a top-level member (the load took it out of
            // `returns` for its `type` alone).
            _ => top.0.push((key.clone(), field)),
        }
    }
    (top, inside)
}

/// Adds each member inside the made structure its path leads to from the
/// method's returned fields; returns the paths added.
pub(super) fn add_inside(
    place: &Place,
    method: &str,
    returns: &Entries<Field>,
    inside: Vec<Inside>,
    types: &mut [Made],
    errors: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut added = Vec::new();
    for (key, steps, field) in inside {
        let Some((member, prefix)) = steps.split_last() else {
            continue;
        };
        let target = walk(returns, prefix, types).and_then(|ty| {
            structure_index(types, &ty).ok_or_else(|| {
                format!(
                    "`{}` is `{ty}`, not a structure the import made",
                    overlay_paths::display(prefix)
                )
            })
        });
        let index = match target {
            Ok(index) => index,
            Err(why) => {
                errors.push(
                    Diagnostic::error(
                        "overlay-nested-unknown",
                        place.overlay,
                        key.pos,
                        format!("`{}` in `{method}`: {why}", key.value),
                    )
                    .with_help(
                        "the path starts at a returned field of the imported method and goes \
                         through structures and lists (`items[]`) the import made",
                    ),
                );
                continue;
            }
        };
        let made = &mut types[index];
        let Some(object) = made.def.object.as_mut() else {
            continue;
        };
        let fields = &mut object.value.fields;
        let param = as_member(&field);
        match fields.0.iter_mut().find(|(n, _)| n.value == member.name) {
            Some((_, existing)) => {
                let secret = existing.secret;
                *existing = param;
                existing.secret |= secret;
                made.added
                    .push(format!("`{}` (replacing {}'s)", member.name, place.source));
            }
            None => {
                fields.0.push((sp(member.name.clone()), param));
                made.added.push(format!("`{}`", member.name));
            }
        }
        added.push(key.value.clone());
    }
    added
}

/// The name of the type `text` (`Section/method:path`) refers to.
fn reference_type(place: &Place, text: &str, types: &[Made]) -> Result<String, String> {
    let reference = overlay_paths::parse_reference(text)?;
    let section = place
        .sections
        .iter()
        .find(|s| s.name == reference.section)
        .ok_or_else(|| format!("{} has no section `{}`", place.source, reference.section))?;
    let method = section
        .methods
        .iter()
        .find(|m| m.name == reference.method)
        .ok_or_else(|| {
            format!(
                "{} has no method `{}/{}`",
                place.source, reference.section, reference.method
            )
        })?;
    let Target::Member(path) = &reference.target else {
        return Err(format!(
            "`{text}` is a list of a record, made after the merge"
        ));
    };
    walk(&method.method.returns, path, types).map_err(|why| format!("`{text}`: {why}"))
}

/// Is `text` a reference to a list of another method's record
/// (`Section/method:[]`)?
pub(super) fn is_record_list(text: &str) -> bool {
    overlay_paths::is_reference(text)
        && overlay_paths::parse_reference(text).is_ok_and(|r| r.target == Target::RecordList)
}

/// The type `steps` lead to from a method's returned fields.
fn walk(returns: &Entries<Field>, steps: &[Step], types: &[Made]) -> Result<String, String> {
    let mut at: Option<String> = None;
    for (i, step) in steps.iter().enumerate() {
        let here = overlay_paths::display(&steps[..i]);
        let member = match &at {
            None => returns.get(&step.name).map(|f| f.ty.value.clone()),
            Some(ty) => {
                let index = structure_index(types, ty).ok_or_else(|| {
                    format!("`{here}` is `{ty}`, not a structure the import made")
                })?;
                let object = types[index].def.object.as_ref();
                object.and_then(|o| o.value.fields.get(&step.name).map(|p| p.ty.value.clone()))
            }
        };
        let Some(mut ty) = member else {
            return Err(if here.is_empty() {
                format!("the method returns no `{}`", step.name)
            } else {
                format!("`{here}` has no member `{}`", step.name)
            });
        };
        if step.items {
            ty = types
                .iter()
                .find(|m| m.name == ty)
                .and_then(|m| m.def.array.as_ref())
                .map(|a| a.value.items.value.clone())
                .ok_or_else(|| {
                    format!(
                        "`{}` is `{ty}`, not a list the import made",
                        overlay_paths::display(&steps[..i])
                            + if i > 0 { "." } else { "" }
                            + &step.name
                    )
                })?;
        }
        at = Some(ty);
    }
    at.ok_or_else(|| "the path is empty".to_string())
}

fn structure_index(types: &[Made], name: &str) -> Option<usize> {
    types
        .iter()
        .position(|m| m.name == name && m.def.object.is_some())
}

/// A returned field as a member of a made structure: present unless
/// optional or allowed empty, as the import writes the source's.
pub(super) fn as_member(field: &Field) -> Param {
    Param {
        ty: field.ty.clone(),
        required: !field.optional && !field.allow_empty,
        doc: field.doc.clone(),
        secret: field.secret,
        default: None,
        required_if: Entries::default(),
        allow_empty: field.allow_empty,
        series: None,
        place: None,
        rust_name: field.rust_name.clone(),
        lint: field.lint.clone(),
    }
}
