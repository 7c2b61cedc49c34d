//! `type: Section/method:[]` in an additions method: a list of the record
//! another method returns (Network/DNS/Record/list's items are the record
//! Network/DNS/Record/details returns). Resolved once every method is
//! merged, so the record has that method's own additions; the import makes
//! a structure of its returned fields and a list of it (`made`).

use std::path::Path;

use super::importer::Importer;
use super::nested::{as_member, is_record_list};
use crate::diag::{Diagnostic, Diagnostics};
use crate::spec::model::{Method, Param, Section};
use crate::spec::overlay_paths;
use crate::spec::span::{Entries, Pos};

/// Where a record-list reference was left by the merge: a method's
/// returned field, or a member the overlay added inside a made structure.
enum At {
    Returned {
        section: usize,
        method: usize,
        field: usize,
    },
    Inside {
        made: usize,
        member: usize,
    },
}

/// Gives every member typed `Section/method:[]` the list type made for it;
/// each reference that cannot be made is an `overlay-type-unknown` error at
/// its `type`.
pub(super) fn resolve(
    importer: &mut Importer,
    overlay: &Path,
    sections: &mut [(String, Section)],
) -> Result<(), Diagnostics> {
    // Each reference, with its text, its place in the overlay, and where it
    // is used (for the made types' docs).
    let mut found: Vec<(At, String, Pos, String)> = Vec::new();
    for (s, (section_name, section)) in sections.iter().enumerate() {
        for (m, (method_name, method)) in section.methods.0.iter().enumerate() {
            for (f, (key, field)) in method.returns.0.iter().enumerate() {
                if is_record_list(&field.ty.value) {
                    let at = At::Returned {
                        section: s,
                        method: m,
                        field: f,
                    };
                    let used_at = format!(
                        "`{section_name}/{}` returned field `{}`",
                        method_name.value, key.value
                    );
                    found.push((at, field.ty.value.clone(), field.ty.pos, used_at));
                }
            }
        }
    }
    for (t, made) in importer.types.iter().enumerate() {
        let Some(object) = &made.def.object else {
            continue;
        };
        for (f, (key, member)) in object.value.fields.0.iter().enumerate() {
            if is_record_list(&member.ty.value) {
                let at = At::Inside { made: t, member: f };
                let used_at = format!("`{}` member `{}`", made.name, key.value);
                found.push((at, member.ty.value.clone(), member.ty.pos, used_at));
            }
        }
    }
    let mut errors = Diagnostics::default();
    for (at, text, pos, used_at) in found {
        let made =
            record_fields(&importer.source, sections, &text).map(|(section, method, fields)| {
                importer.record_list(&section, &method, fields, &used_at)
            });
        match made {
            Ok(name) => set_type(importer, sections, &at, name),
            Err(why) => errors.push(
                Diagnostic::error("overlay-type-unknown", overlay, pos, why).with_help(
                    "`Section/method:[]` names a method whose response is a record of \
                     listed fields",
                ),
            ),
        }
    }
    if errors.has_errors() {
        return Err(errors);
    }
    Ok(())
}

fn set_type(importer: &mut Importer, sections: &mut [(String, Section)], at: &At, name: String) {
    match *at {
        At::Returned {
            section,
            method,
            field,
        } => {
            sections[section].1.methods.0[method].1.returns.0[field]
                .1
                .ty
                .value = name
        }
        At::Inside { made, member } => {
            if let Some(object) = importer.types[made].def.object.as_mut() {
                object.value.fields.0[member].1.ty.value = name;
            }
        }
    }
}

/// The section, method and members of the record `text` names, or why
/// there is none.
fn record_fields(
    source: &str,
    sections: &[(String, Section)],
    text: &str,
) -> Result<(String, String, Entries<Param>), String> {
    let reference = overlay_paths::parse_reference(text)?;
    let (section, method) = (&reference.section, &reference.method);
    let found = sections
        .iter()
        .find(|(name, _)| name == section)
        .ok_or_else(|| format!("`{text}`: {source} has no section `{section}`"))?;
    if let Some(twin) = &found.1.twin_of {
        return Err(format!(
            "`{text}`: `{section}` is a `twin_of` `{}`; name the method there",
            twin.value
        ));
    }
    let merged: &Method = found
        .1
        .methods
        .get(method)
        .ok_or_else(|| format!("`{text}`: {source} has no method `{section}/{method}`"))?;
    if merged.returns_map.is_some() {
        return Err(format!(
            "`{text}`: `{section}/{method}` returns a map (`returns_map`), not a record of \
             listed fields"
        ));
    }
    if merged.returns.is_empty() {
        return Err(format!(
            "`{text}`: `{section}/{method}` lists no returned fields to make a record of"
        ));
    }
    let mut fields = Entries::default();
    for (key, field) in merged.returns.iter() {
        let why = if is_record_list(&field.ty.value) {
            Some("is itself a list of another method's record; name that method instead")
        } else if field.series {
            Some("is a numbered series, which a list item cannot hold")
        } else if field.header.is_some() {
            Some("is read from a response header, which a list item has none of")
        } else {
            None
        };
        if let Some(why) = why {
            return Err(format!(
                "`{text}`: the returned field `{}` of `{section}/{method}` {why}",
                key.value
            ));
        }
        fields.0.push((key.clone(), as_member(field)));
    }
    Ok((section.clone(), method.clone(), fields))
}
