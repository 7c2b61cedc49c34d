//! Numbered series of groups (`groups` on a method): parameters that
//! travel together, such as eNom's `Address1`, `ForwardTo1`, `Address2`, …
//! Each group becomes one record, the request holds a list of them, and an
//! optional count parameter is filled by the client. The checks here
//! refuse what could not go on the wire unambiguously: a member without
//! `{n}`, a name two groups (or a group and a parameter) would both send,
//! a count the caller could also set, and members that are series or
//! travel elsewhere.

use super::sections::carries_method_or_credential;
use super::*;

/// Rule id of every error about a series of groups.
const RULE: &str = "series-group";

impl<'a, 'd> ApiBuilder<'a, 'd> {
    /// A method's groups, checked; `items` holds the Rust names the section
    /// module defines, which each group's record joins.
    pub(super) fn groups(
        &mut self,
        method: &'a model::Method,
        params: &[Member],
        meta: &model::ApiMeta,
        items: &mut HashMap<String, String>,
    ) -> Vec<Group> {
        let mut out: Vec<Group> = Vec::with_capacity(method.groups.len());
        if let (Some(http), Some((first, _))) = (&method.http, method.groups.0.first()) {
            self.error(
                RULE,
                self.path,
                first.pos,
                format!(
                    "a series of groups travels where the wire's `params` says; the method's own binding (line {}) cannot place it",
                    http.pos.line
                ),
            );
            return out;
        }
        for (name, group) in method.groups.iter() {
            let taken: Vec<Member> = params
                .iter()
                .cloned()
                .chain(out.iter().map(group_as_field))
                .collect();
            let rust_name = self.member_name(self.path, name, None, &taken);
            let record = self.group_record(name, &group.record, items);
            let numbering = self.group_numbering(name, group);
            let members = self.group_members(group, params, &out, meta);
            let count = group
                .count
                .as_ref()
                .filter(|count| self.count_is_free(count, method, &out, meta))
                .map(|count| count.value.clone());
            if members.is_empty() && !group.members.is_empty() {
                // Each bad member was reported.
                continue;
            }
            out.push(Group {
                name: name.value.clone(),
                rust_name,
                record,
                doc: group.doc.clone(),
                numbering,
                required: group.required,
                count,
                members,
            });
        }
        out
    }

    /// The record one group is: a type name no other item of the section
    /// module has.
    fn group_record(
        &mut self,
        group: &Sp<String>,
        record: &Sp<String>,
        items: &mut HashMap<String, String>,
    ) -> String {
        if !naming::is_identifier(&record.value) || naming::camel(&record.value) != record.value {
            self.error(
                "rust-name",
                self.path,
                record.pos,
                format!(
                    "a group's `record` is a Rust type name in CamelCase (like `ForwardingEntry`); `{}` is not",
                    record.value
                ),
            );
        } else if let Some(other) = items.get(&record.value) {
            let message = format!(
                "the group `{}` needs the Rust name `{}`, like {other}",
                group.value, record.value
            );
            self.diags.push(
                Diagnostic::error("name-collision", self.path, record.pos, message)
                    .with_help("choose another `record` name"),
            );
        } else {
            items.insert(record.value.clone(), format!("the group `{}`", group.value));
        }
        record.value.clone()
    }

    /// First number and highest count of a group series.
    fn group_numbering(&mut self, name: &Sp<String>, group: &model::ParamGroup) -> Numbering {
        if let Some(max) = &group.max {
            self.check_max(name, group.first, max);
        }
        Numbering {
            first: group.first,
            max: group.max.as_ref().map(|max| max.value.max(1)),
        }
    }

    /// `max` of a series: 1 or more, and numbering within `u32`.
    pub(super) fn check_max(&mut self, name: &Sp<String>, first: u32, max: &Sp<u32>) {
        if max.value == 0 {
            self.error(
                "series",
                self.path,
                max.pos,
                format!(
                    "`{}` takes at most 0 values: `max` is 1 or more",
                    name.value
                ),
            );
        } else if first.checked_add(max.value).is_none() {
            self.error(
                "series",
                self.path,
                max.pos,
                format!(
                    "`{}` would number its values beyond {}",
                    name.value,
                    u32::MAX
                ),
            );
        }
    }

    /// A group's members: each named with `{n}` once, plain (no series,
    /// no `required_if`, no place of its own), and sending names no
    /// parameter or earlier group sends.
    fn group_members(
        &mut self,
        group: &'a model::ParamGroup,
        params: &[Member],
        earlier: &[Group],
        meta: &model::ApiMeta,
    ) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::with_capacity(group.members.len());
        if group.members.is_empty() {
            self.error(
                RULE,
                self.path,
                group.record.pos,
                "a group has one member at least: `members` is empty",
            );
        }
        for (name, param) in group.members.iter() {
            if name.value.matches("{n}").count() != 1 {
                self.error(
                    RULE,
                    self.path,
                    name.pos,
                    format!(
                        "a group's member holds `{{n}}` once, where the group's number goes (like `Address{{n}}`); `{}` does not",
                        name.value
                    ),
                );
                continue;
            }
            if let Some(problem) = member_problem(param) {
                self.error(
                    RULE,
                    self.path,
                    name.pos,
                    format!("`{}`: {problem}", name.value),
                );
                continue;
            }
            if let Some(other) = self.sent_elsewhere(&name.value, params, earlier, meta) {
                self.error(
                    RULE,
                    self.path,
                    name.pos,
                    format!("`{}` would send names that {other} sends too", name.value),
                );
                continue;
            }
            // `Address{n}` is the field `address`.
            let bare = Sp {
                value: name.value.replacen("{n}", "", 1),
                pos: name.pos,
            };
            let member = self.param_member(name, &bare, param, None, &out);
            out.push(member);
        }
        out
    }

    /// What else would send a name of the member pattern `pattern`: a
    /// parameter (`Address1`, or the same pattern), a member of an earlier
    /// group, the wire itself, or an earlier group's count.
    fn sent_elsewhere(
        &self,
        pattern: &str,
        params: &[Member],
        earlier: &[Group],
        meta: &model::ApiMeta,
    ) -> Option<String> {
        if let Some(param) = params.iter().find(|p| patterns_meet(pattern, &p.wire_name)) {
            return Some(format!("the parameter `{}`", param.wire_name));
        }
        for group in earlier {
            if let Some(member) = group
                .members
                .iter()
                .find(|m| patterns_meet(pattern, &m.wire_name))
            {
                return Some(format!(
                    "the member `{}` of the group `{}`",
                    member.wire_name, group.name
                ));
            }
            if let Some(count) = group.count.as_ref().filter(|c| patterns_meet(pattern, c)) {
                return Some(format!("the count `{count}` of the group `{}`", group.name));
            }
        }
        let numbered = pattern.replacen("{n}", "1", 1);
        carries_method_or_credential(meta, &numbered).then(|| "the wire itself".to_owned())
    }

    /// A count parameter is the client's to fill: no parameter, member or
    /// other count may have its name, and neither may the wire.
    fn count_is_free(
        &mut self,
        count: &Sp<String>,
        method: &model::Method,
        earlier: &[Group],
        meta: &model::ApiMeta,
    ) -> bool {
        let clash = if method.params.get(&count.value).is_some() {
            Some(format!(
                "`{}` is also a parameter the caller would set; the client fills a count itself, so leave it out of `params`",
                count.value
            ))
        } else if carries_method_or_credential(meta, &count.value) {
            Some(format!("`{}` is sent by the wire itself", count.value))
        } else if let Some((group, _)) = method.groups.iter().find(|(_, g)| {
            g.members
                .iter()
                .any(|(m, _)| patterns_meet(&m.value, &count.value))
        }) {
            Some(format!(
                "`{}` is a name the group `{}` sends as a member",
                count.value, group.value
            ))
        } else {
            earlier
                .iter()
                .find(|g| g.count.as_deref() == Some(count.value.as_str()))
                .map(|g| format!("`{}` already counts the group `{}`", count.value, g.name))
        };
        match clash {
            Some(message) => {
                self.error(RULE, self.path, count.pos, message);
                false
            }
            None => true,
        }
    }
}

/// Why a parameter cannot be a group's member, if it cannot.
fn member_problem(param: &model::Param) -> Option<&'static str> {
    if param.series.is_some() {
        Some("a group's member is one value per group; it cannot be a `series` itself")
    } else if !param.required_if.is_empty() {
        Some("a group's member cannot have `required_if`; mark it `required` or leave it optional")
    } else if param.place.is_some() {
        Some("a group's member travels where the wire's `params` says; it takes no `in`")
    } else {
        None
    }
}

/// Whether the names two keys stand for meet: `{n}` matches any number,
/// compared without regard to case (eNom's parameter names are
/// case-insensitive, so `address1` and `Address{n}` would meet).
pub(super) fn patterns_meet(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    match (a.split_once("{n}"), b.split_once("{n}")) {
        (None, None) => a == b,
        (Some((prefix, suffix)), None) => numbered_as(&b, prefix, suffix),
        (None, Some((prefix, suffix))) => numbered_as(&a, prefix, suffix),
        // Two patterns meet when some numbers make them equal: the longer
        // fixed part may only add digits the other's number supplies
        // (`A{n}` and `A1{n}` both send `A11`; `X{n}` and `XY{n}` never meet).
        (Some((pa, sa)), Some((pb, sb))) => {
            let prefixes = extends_by_digits(pa, pb, |long, short| long.strip_prefix(short));
            let suffixes = extends_by_digits(sa, sb, |long, short| long.strip_suffix(short));
            prefixes && suffixes
        }
    }
}

/// Whether the longer of `a` and `b` is the shorter plus digits only, on
/// the side `strip` takes off.
fn extends_by_digits(
    a: &str,
    b: &str,
    strip: for<'s> fn(&'s str, &str) -> Option<&'s str>,
) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    strip(long, short).is_some_and(|extra| extra.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `name` is `prefix`, a number, `suffix`.
fn numbered_as(name: &str, prefix: &str, suffix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// A group as a field of the request, for name collisions with
/// parameters and other groups.
fn group_as_field(group: &Group) -> Member {
    Member {
        wire_name: group.name.clone(),
        rust_name: group.rust_name.clone(),
        ty: TypeRef::Builtin(Builtin::String),
        required: group.required,
        doc: None,
        secret: false,
        default: None,
        series: true,
        numbering: Some(group.numbering),
        required_if: Vec::new(),
        allow_empty: false,
        boxed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::patterns_meet;

    #[test]
    fn patterns_meet_where_some_number_sends_the_same_name() {
        assert!(patterns_meet("Address{n}", "Address1"));
        assert!(patterns_meet("Address{n}", "address12"));
        assert!(patterns_meet("Address{n}", "ADDRESS{n}"));
        assert!(patterns_meet("A{n}", "A1{n}"));
        assert!(!patterns_meet("X{n}", "XY{n}"));
        assert!(!patterns_meet("Address{n}", "Address"));
        assert!(!patterns_meet("Address{n}", "Address1x"));
        assert!(!patterns_meet("Address{n}", "ForwardTo{n}"));
        assert!(!patterns_meet("SLD{n}", "SLD"));
    }
}
