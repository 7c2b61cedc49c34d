//! Parameters, returned fields, error fields and object fields: added,
//! removed, renamed, required ↔ optional, type, secret, `required_if`,
//! default, `allow_empty` and numbered series, each judged by which way the
//! member travels.

use std::collections::BTreeSet;

use super::api::{Cx, pair};
use super::{Direction, Findings, Location};
use crate::spec::model::{Field, Param, ParamSeries};
use crate::spec::span::{Entries, Sp};

/// Whose members these are, for messages and Rust-name keys.
#[derive(Clone, Copy)]
pub struct Owner<'a> {
    /// `Section/method`, an error key or a type name.
    pub path: &'a str,
    /// "method `Account/Auth/token`", for messages.
    pub described: &'a str,
    /// The Rust-name key's kind (`param`, `field`, `error-field`, `object`).
    pub rust_prefix: &'a str,
    /// The owner's old and new places.
    pub at: &'a (Location, Location),
}

/// What the rules need of a member.
struct View<'a> {
    key: &'a Sp<String>,
    ty: &'a str,
    required: bool,
    secret: bool,
    default: Option<&'a serde_json::Value>,
    required_if: BTreeSet<(String, String)>,
    allow_empty: bool,
    series: Series,
}

/// Whether a member is a numbered series, and how it is numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Series {
    /// One value under one name.
    Single,
    /// Received as `Err1`, `Err2`, … and collected into a list.
    Received,
    /// Sent as `NS{first}`, … with at most `max` values (`None`: no
    /// highest number).
    Sent { first: u32, max: Option<u32> },
}

impl Series {
    fn of_param(series: Option<&ParamSeries>) -> Series {
        series.map_or(Series::Single, |s| Series::Sent {
            first: s.first,
            max: s.max.as_ref().map(|max| max.value),
        })
    }

    fn is_series(self) -> bool {
        self != Series::Single
    }

    /// The number of the first value.
    fn first(self) -> u32 {
        match self {
            Series::Sent { first, .. } => first,
            Series::Single | Series::Received => 1,
        }
    }
}

impl<'a> View<'a> {
    fn of_param(key: &'a Sp<String>, p: &'a Param) -> View<'a> {
        View {
            key,
            ty: &p.ty.value,
            required: p.required,
            secret: p.secret,
            default: p.default.as_ref().map(|d| &d.value),
            required_if: p
                .required_if
                .iter()
                .map(|(k, v)| (k.value.clone(), v.to_string()))
                .collect(),
            allow_empty: p.allow_empty,
            series: Series::of_param(p.series.as_ref()),
        }
    }

    fn of_field(key: &'a Sp<String>, f: &'a Field) -> View<'a> {
        View {
            key,
            ty: &f.ty.value,
            // An empty value reads as absent and a series may have no
            // values, so such a field is optional, as generation decides.
            required: !f.optional && !f.allow_empty && !f.series,
            secret: f.secret,
            default: None,
            required_if: BTreeSet::new(),
            allow_empty: f.allow_empty,
            series: if f.series {
                Series::Received
            } else {
                Series::Single
            },
        }
    }
}

/// The rule ids for one direction.
struct Ids {
    noun: &'static str,
    added_required: &'static str,
    added_optional: &'static str,
    removed: &'static str,
    renamed: &'static str,
    now_required: &'static str,
    now_optional: &'static str,
}

const SENT: Ids = Ids {
    noun: "parameter",
    added_required: "param-added-required",
    added_optional: "param-added-optional",
    removed: "param-removed",
    renamed: "param-renamed",
    now_required: "param-now-required",
    now_optional: "param-now-optional",
};

const RECEIVED: Ids = Ids {
    noun: "field",
    added_required: "field-added",
    added_optional: "field-added",
    removed: "field-removed",
    renamed: "field-renamed",
    now_required: "field-now-required",
    now_optional: "field-now-optional",
};

/// A method's parameters (or an object's fields, where sent).
pub fn compare_params(
    cx: &Cx<'_, '_>,
    owner: &Owner<'_>,
    old: &Entries<Param>,
    new: &Entries<Param>,
    direction: Direction,
    out: &mut Findings,
) {
    let old: Vec<View<'_>> = old.iter().map(|(k, p)| View::of_param(k, p)).collect();
    let new: Vec<View<'_>> = new.iter().map(|(k, p)| View::of_param(k, p)).collect();
    compare(cx, owner, &old, &new, &SENT, direction, out);
}

/// A method's returned fields or an error's fields.
pub fn compare_fields(
    cx: &Cx<'_, '_>,
    owner: &Owner<'_>,
    old: &Entries<Field>,
    new: &Entries<Field>,
    out: &mut Findings,
) {
    let old: Vec<View<'_>> = old.iter().map(|(k, f)| View::of_field(k, f)).collect();
    let new: Vec<View<'_>> = new.iter().map(|(k, f)| View::of_field(k, f)).collect();
    compare(cx, owner, &old, &new, &RECEIVED, Direction::Response, out);
}

/// An object type's fields, judged as parameters where the object is sent
/// and as returned fields where it is received.
pub fn compare_object_fields(
    cx: &Cx<'_, '_>,
    owner: &Owner<'_>,
    old: &Entries<Param>,
    new: &Entries<Param>,
    direction: Direction,
    out: &mut Findings,
) {
    let old: Vec<View<'_>> = old.iter().map(|(k, p)| View::of_param(k, p)).collect();
    let new: Vec<View<'_>> = new.iter().map(|(k, p)| View::of_param(k, p)).collect();
    match direction {
        Direction::Response => compare(cx, owner, &old, &new, &RECEIVED, direction, out),
        Direction::Both => {
            compare(cx, owner, &old, &new, &SENT, Direction::Request, out);
            compare(cx, owner, &old, &new, &RECEIVED, Direction::Response, out);
        }
        Direction::Request | Direction::Unused => {
            compare(cx, owner, &old, &new, &SENT, direction, out);
        }
    }
}

fn compare(
    cx: &Cx<'_, '_>,
    owner: &Owner<'_>,
    old: &[View<'_>],
    new: &[View<'_>],
    ids: &Ids,
    direction: Direction,
    out: &mut Findings,
) {
    let start = out.0.len();
    compare_pairs(cx, owner, old, new, ids, direction, out);
    // A member added or removed is placed on the other side at its owner.
    for finding in &mut out.0[start..] {
        finding.old.get_or_insert_with(|| owner.at.0.clone());
        finding.new.get_or_insert_with(|| owner.at.1.clone());
    }
}

fn compare_pairs(
    cx: &Cx<'_, '_>,
    owner: &Owner<'_>,
    old: &[View<'_>],
    new: &[View<'_>],
    ids: &Ids,
    direction: Direction,
    out: &mut Findings,
) {
    let mut members = pair(
        old.iter().map(|v| (v.key, v)),
        new.iter().map(|v| (v.key, v)),
    );
    let what = |key: &Sp<String>| format!("{} `{}` of {}", ids.noun, key.value, owner.described);
    // Before renames: `NS1` that became the series `NS{n}` is one member
    // whose numbering changed, not a member under a new name.
    for ((old_key, _), (new_key, b)) in members.renames(same_but_numbered) {
        let (id, now) = if b.series.is_series() {
            ("series-added", "the numbered series")
        } else {
            ("series-removed", "the single")
        };
        out.push(
            id,
            direction,
            Some(cx.old_at(old_key)),
            Some(cx.new_at(new_key)),
            format!("{} is now {now} `{}`", what(old_key), new_key.value),
        );
    }
    for ((old_key, _), (new_key, _)) in members.renames(same_member) {
        out.push(
            ids.renamed,
            direction,
            Some(cx.old_at(old_key)),
            Some(cx.new_at(new_key)),
            format!("{} is now `{}`", what(old_key), new_key.value),
        );
    }
    for (key, _) in &members.removed {
        out.push(
            ids.removed,
            direction,
            Some(cx.old_at(key)),
            None,
            format!("{} was removed", what(key)),
        );
    }
    for (key, member) in &members.added {
        let (id, kind) = if member.required {
            (ids.added_required, "required")
        } else {
            (ids.added_optional, "optional")
        };
        let message = format!("{} was added ({kind})", what(key));
        out.push(id, direction, None, Some(cx.new_at(key)), message);
    }
    for ((old_key, a), (new_key, b)) in members.both {
        let at = || (Some(cx.old_at(old_key)), Some(cx.new_at(new_key)));
        let name = what(old_key);
        if a.required != b.required {
            let (id, now) = if b.required {
                (ids.now_required, "required")
            } else {
                (ids.now_optional, "optional")
            };
            let (o, n) = at();
            out.push(id, direction, o, n, format!("{name} is now {now}"));
        }
        if a.ty != b.ty {
            let (o, n) = at();
            let message = format!("{name}: type `{}` is now `{}`", a.ty, b.ty);
            out.push("member-type-changed", direction, o, n, message);
        }
        if a.secret != b.secret {
            let (id, now) = if b.secret {
                ("secret-added", "secret")
            } else {
                ("secret-removed", "no longer secret")
            };
            let (o, n) = at();
            out.push(id, direction, o, n, format!("{name} is now {now}"));
        }
        if a.default != b.default {
            // A secret's default is never shown.
            let shown = |d: Option<&serde_json::Value>| match d {
                _ if a.secret || b.secret => "(hidden)".to_string(),
                Some(v) => v.to_string(),
                None => "none".to_string(),
            };
            let (o, n) = at();
            let message = format!(
                "{name}: default {} is now {}",
                shown(a.default),
                shown(b.default)
            );
            out.push("default-changed", direction, o, n, message);
        }
        required_if(out, &name, a, b, direction, at());
        if a.allow_empty != b.allow_empty {
            let (id, now) = if b.allow_empty {
                ("allow-empty-added", "may be empty for none")
            } else {
                ("allow-empty-removed", "is no longer empty for none")
            };
            let (o, n) = at();
            out.push(id, direction, o, n, format!("{name} {now}"));
        }
        series(out, &name, a.series, b.series, direction, at());
        let key = format!("{}:{}/{}", owner.rust_prefix, owner.path, old_key.value);
        cx.rust_name(out, &key, &name, (cx.old_at(old_key), cx.new_at(new_key)));
    }
}

/// Same type and requiredness: one member under a new name.
fn same_member(a: &View<'_>, b: &View<'_>) -> bool {
    a.ty == b.ty && a.required == b.required
}

/// Same type, one a series and the other not, and the single name is the
/// series' name without its number (`NS`) or with its first one (`NS1`).
fn same_but_numbered(a: &View<'_>, b: &View<'_>) -> bool {
    let (single, series) = match (a.series.is_series(), b.series.is_series()) {
        (false, true) => (a, b),
        (true, false) => (b, a),
        _ => return false,
    };
    let name = &series.key.value;
    a.ty == b.ty
        && (single.key.value == name.replacen("{n}", "", 1)
            || single.key.value == name.replacen("{n}", &series.series.first().to_string(), 1))
}

/// A member that became or stopped being a series, or whose numbering
/// changed.
fn series(
    out: &mut Findings,
    name: &str,
    old: Series,
    new: Series,
    direction: Direction,
    at: (Option<Location>, Option<Location>),
) {
    let push = |out: &mut Findings, id: &'static str, message: String| {
        out.push(id, direction, at.0.clone(), at.1.clone(), message);
    };
    match (old, new) {
        (a, b) if a == b => {}
        (Series::Sent { first: a, max: m }, Series::Sent { first: b, max: n }) => {
            if a != b {
                let message = format!("{name}: numbered from {a}, now from {b}");
                push(out, "series-renumbered", message);
            }
            if m != n {
                // No highest number is the loosest.
                let tightened = match (m, n) {
                    (Some(m), Some(n)) => n < m,
                    (None, Some(_)) => true,
                    _ => false,
                };
                let id = if tightened {
                    "series-max-tightened"
                } else {
                    "series-max-loosened"
                };
                let shown = |max: Option<u32>| {
                    max.map_or_else(
                        || "no highest number".to_owned(),
                        |max| format!("at most {max} values"),
                    )
                };
                push(out, id, format!("{name}: {}, now {}", shown(m), shown(n)));
            }
        }
        (a, _) if a.is_series() => {
            push(
                out,
                "series-removed",
                format!("{name} is no longer a series"),
            );
        }
        _ => push(
            out,
            "series-added",
            format!("{name} is now a numbered series"),
        ),
    }
}

/// Conditions all have to hold: fewer conditions (or some where there were
/// none) make the member required more often.
fn required_if(
    out: &mut Findings,
    name: &str,
    a: &View<'_>,
    b: &View<'_>,
    direction: Direction,
    at: (Option<Location>, Option<Location>),
) {
    let (old, new) = (&a.required_if, &b.required_if);
    if old == new {
        return;
    }
    let tightened = old.is_empty() || (!new.is_empty() && new.is_subset(old));
    let loosened = new.is_empty() || (!old.is_empty() && old.is_subset(new));
    let either = !tightened && !loosened;
    let shown = |c: &BTreeSet<(String, String)>| {
        if c.is_empty() {
            return "none".to_string();
        }
        let parts: Vec<String> = c.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        format!("{{{}}}", parts.join(", "))
    };
    let message = format!("{name}: required_if {} is now {}", shown(old), shown(new));
    if tightened || either {
        out.push(
            "required-if-tightened",
            direction,
            at.0.clone(),
            at.1.clone(),
            message.clone(),
        );
    }
    if loosened || either {
        out.push("required-if-loosened", direction, at.0, at.1, message);
    }
}

/// A method's parameters as the wire sees them: `params`, then each
/// group's members as numbered series (required as their first value when
/// the group and the member are) and its count as an integer parameter, so
/// a change to a group is judged as the same change to the names it sends.
pub(super) fn sent_params(method: &crate::spec::model::Method) -> Entries<Param> {
    let mut out = method.params.clone();
    for (_, group) in method.groups.iter() {
        for (name, member) in group.members.iter() {
            let mut param = member.clone();
            param.required = group.required && member.required;
            param.series = Some(ParamSeries {
                first: group.first,
                max: group.max.clone(),
            });
            out.0.push((name.clone(), param));
        }
        if let Some(count) = &group.count {
            let param = Param {
                ty: Sp {
                    value: "integer".to_owned(),
                    pos: count.pos,
                },
                required: group.required,
                doc: None,
                secret: false,
                default: None,
                required_if: Entries::default(),
                allow_empty: false,
                series: None,
                place: None,
                rust_name: None,
                lint: None,
            };
            out.0.push((count.clone(), param));
        }
    }
    out
}
