//! Paths into the types an import makes, as an import overlay's additions
//! method writes them (spec/README.md, "Inside the types the import
//! makes"):
//!
//! * a returned field whose key is a path, `items[].memory` or
//!   `zone.region.host_prefix`, is added inside the type the import made
//!   for that place: `items[]` is the items of the list `items`, `zone` the
//!   structure `zone`, and the last step is the member added;
//! * `type: Storm/Server/details:zone` gives a field the type the import
//!   gave the returned member `zone` of `Storm/Server/details` (after the
//!   `:`, a path as above; `items[]` names the items' type);
//! * `type: Network/DNS/Record/details:[]` gives a field a list of the
//!   record that method returns: the import makes a structure of its
//!   returned fields (its own additions included) and a list of it.
//!
//! Loading an overlay takes such members out of the method's `returns`
//! into `nested` and checks their form here, so `lint` reports a bad form
//! at its line (`overlay-nested-form`); whether a path names something the
//! import made is known only to the import (`overlay-nested-unknown`,
//! `overlay-type-unknown`).

use std::path::Path;

use super::model::{Method, SpecFile};
use super::span::Entries;
use crate::diag::Diagnostic;

/// One step of a path: a member name, and whether the step goes on into
/// the items of the list it holds (`items[]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub name: String,
    pub items: bool,
}

/// A `type` naming another imported member's type, or a list of the
/// record another method returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub section: String,
    pub method: String,
    pub target: Target,
}

/// What a reference names in its method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The type of the returned member the path leads to (`zone`,
    /// `items[]`).
    Member(Vec<Step>),
    /// A list of the record the method returns (`:[]`).
    RecordList,
}

/// After the `:`, the form that names a list of the method's record.
pub const RECORD_LIST: &str = "[]";

/// Is this returned field's key written as a path?
pub fn is_path(key: &str) -> bool {
    key.contains('.') || key.contains('[')
}

/// Is this `type` written as a reference (`Section/method:path`)? Type
/// names never hold `:` or `/`.
pub fn is_reference(ty: &str) -> bool {
    ty.contains(':') || ty.contains('/')
}

/// The steps of `text`, or why it is not a path.
pub fn parse_path(text: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for part in text.split('.') {
        let (name, items) = match part.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (part, false),
        };
        if name.is_empty() {
            return Err(format!("`{text}` has an empty step"));
        }
        if let Some(bad) = name
            .chars()
            .find(|c| c.is_whitespace() || matches!(c, '[' | ']' | ':' | '/'))
        {
            return Err(format!(
                "`{text}`: the step `{part}` holds `{bad}`; a step is a member name, \
                 followed by `[]` for the items of a list"
            ));
        }
        steps.push(Step {
            name: name.to_string(),
            items,
        });
    }
    Ok(steps)
}

/// The parts of a reference, or why it is not one.
pub fn parse_reference(text: &str) -> Result<Reference, String> {
    let form = "write `Section/method:path`, e.g. `Storm/Server/details:zone`, or \
                `Section/method:[]` for a list of the record the method returns";
    let Some((method_path, path)) = text.split_once(':') else {
        return Err(format!("`{text}` is not a type name; {form}"));
    };
    let Some((section, method)) = method_path.rsplit_once('/') else {
        return Err(format!(
            "`{text}` names no section before the method; {form}"
        ));
    };
    if section.is_empty() || method.is_empty() || section.split('/').any(str::is_empty) {
        return Err(format!(
            "`{text}` has an empty section or method name; {form}"
        ));
    }
    let target = if path.is_empty() {
        return Err(format!("`{text}` names nothing after the `:`; {form}"));
    } else if path == RECORD_LIST {
        Target::RecordList
    } else if path.starts_with(RECORD_LIST) {
        return Err(format!(
            "`{text}`: after the `:`, `[]` stands alone (a list of the record the method \
             returns); a path starts with a returned member's name"
        ));
    } else {
        Target::Member(parse_path(path).map_err(|why| format!("`{text}`: {why}"))?)
    };
    Ok(Reference {
        section: section.to_string(),
        method: method.to_string(),
        target,
    })
}

/// The member a path key adds: its steps, the last of which is a plain
/// member name.
pub fn parse_key(key: &str) -> Result<Vec<Step>, String> {
    let steps = parse_path(key)?;
    if steps.last().is_some_and(|s| s.items) {
        return Err(format!(
            "`{key}` ends with `[]`: the last step names the member to add (`items[].memory`)"
        ));
    }
    Ok(steps)
}

/// Takes the path-keyed and reference-typed returned fields of an overlay's
/// additions methods out of `returns` into `nested`, and reports each bad
/// form (`overlay-nested-form`): a bad path or reference, or one where only
/// a returned field of an additions method may have it.
pub fn separate(path: &Path, spec: &mut SpecFile) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // Before twin sections are resolved: the methods as the file declares them.
    for (_, section) in spec.sections.0.iter_mut() {
        let declared = section
            .declared_methods
            .iter_mut()
            .flat_map(|m| m.0.iter_mut());
        for (_, method) in declared {
            if method.additions.as_ref().is_some_and(|f| f.value) {
                separate_method(path, method, &mut found);
            } else {
                // A whole transcription is checked as any spec: a reference
                // would only be an unknown type there, so say what it needs.
                method.returns.0.retain(|(key, field)| {
                    if !is_reference(&field.ty.value) {
                        return true;
                    }
                    found.push(form_error(
                        path,
                        field.ty.pos,
                        format!(
                            "the returned field `{}` names another member's type, which only \
                             a method with `additions: true` may do",
                            key.value
                        ),
                    ));
                    false
                });
            }
        }
    }
    found
}

fn separate_method(path: &Path, method: &mut Method, found: &mut Vec<Diagnostic>) {
    for (key, param) in method.params.iter() {
        if is_path(&key.value) || is_reference(&param.ty.value) {
            let at = if is_path(&key.value) {
                key.pos
            } else {
                param.ty.pos
            };
            found.push(form_error(
                path,
                at,
                format!(
                    "the parameter `{}` is written as a path or names another member's type; \
                     only returned fields may",
                    key.value
                ),
            ));
        }
    }
    let returns = std::mem::take(&mut method.returns);
    let mut kept = Entries::default();
    for (key, field) in returns.0 {
        let path_key = is_path(&key.value);
        let reference = is_reference(&field.ty.value);
        if !path_key && !reference {
            kept.0.push((key, field));
            continue;
        }
        let mut good = true;
        if path_key && (field.series || field.header.is_some()) {
            found.push(form_error(
                path,
                key.pos,
                format!(
                    "`{}` goes inside an imported type, so it cannot be a `series` or be read \
                     from a `header`",
                    key.value
                ),
            ));
            good = false;
        }
        if path_key && let Err(why) = parse_key(&key.value) {
            found.push(form_error(path, key.pos, why));
            good = false;
        }
        if reference && let Err(why) = parse_reference(&field.ty.value) {
            found.push(form_error(path, field.ty.pos, why));
            good = false;
        }
        if good {
            method.nested.0.push((key, field));
        }
    }
    method.returns = kept;
}

fn form_error(path: &Path, at: super::span::Pos, message: String) -> Diagnostic {
    Diagnostic::error("overlay-nested-form", path, at, message)
        .with_help("see spec/README.md, \"Inside the types the import makes\"")
}

/// A path written back as the overlay writes it.
pub fn display(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|s| {
            if s.items {
                format!("{}[]", s.name)
            } else {
                s.name.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_references_parse() {
        assert_eq!(
            parse_key("items[].memory").unwrap(),
            vec![
                Step {
                    name: "items".into(),
                    items: true
                },
                Step {
                    name: "memory".into(),
                    items: false
                }
            ]
        );
        let r = parse_reference("Storm/Server/list:items[]").unwrap();
        assert_eq!(
            (r.section.as_str(), r.method.as_str()),
            ("Storm/Server", "list")
        );
        let Target::Member(path) = &r.target else {
            panic!("a path: {r:?}");
        };
        assert_eq!(display(path), "items[]");
    }

    #[test]
    fn a_record_list_parses() {
        let r = parse_reference("Network/DNS/Record/details:[]").unwrap();
        assert_eq!(
            r,
            Reference {
                section: "Network/DNS/Record".into(),
                method: "details".into(),
                target: Target::RecordList,
            }
        );
        assert!(is_reference("Network/DNS/Record/details:[]"));
    }

    #[test]
    fn bad_record_lists_say_why() {
        for (text, why) in [
            ("Sec/m:[][]", "`[]` stands alone"),
            ("Sec/m:[].x", "`[]` stands alone"),
            ("Sec/m:x[]y", "holds `[`"),
            ("Sec/m:[", "holds `[`"),
            ("Sec/m:", "nothing after the `:`"),
            ("Sec/m:x..y", "`Sec/m:x..y`: `x..y` has an empty step"),
            ("m:[]", "no section"),
            ("Sec/:[]", "empty section or method"),
        ] {
            let error = parse_reference(text).unwrap_err();
            assert!(error.contains(why), "`{text}`: {error}");
        }
    }

    #[test]
    fn bad_forms_say_why() {
        assert!(parse_key("items[]").unwrap_err().contains("ends with `[]`"));
        assert!(
            parse_key("items..memory")
                .unwrap_err()
                .contains("empty step")
        );
        assert!(
            parse_key("items[0].memory")
                .unwrap_err()
                .contains("holds `[`")
        );
        assert!(
            parse_reference("Storm/Server/details.zone")
                .unwrap_err()
                .contains("not a type name")
        );
        assert!(
            parse_reference("details:zone")
                .unwrap_err()
                .contains("no section")
        );
        assert!(
            parse_reference("/details:zone")
                .unwrap_err()
                .contains("empty section")
        );
        assert!(!is_path("memory") && !is_reference("ServerCloneZone"));
    }
}
