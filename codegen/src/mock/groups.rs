//! A request's numbered series of groups, as the mock reads and checks
//! them. Each member is read and checked like a numbered series of its own
//! ([`as_series`]); what ties the members together is checked here: every
//! group sent has its required members, the groups are numbered without
//! gaps, and a count parameter, when sent, is the number of groups.

use serde_json::{Map, Value};

use super::OPEN_SERIES_READ;
use super::check::{Rule, Violation};
use crate::ir::defaults::wire_text;
use crate::ir::{Group, Member};

/// Every member of `groups` as a numbered series, and each count
/// (see [`Group::as_params`]).
pub fn as_series(groups: &[Group]) -> Vec<Member> {
    groups.iter().flat_map(Group::as_params).collect()
}

/// What the groups in `values` break beyond each member's own rules.
pub fn check(groups: &[Group], values: &Map<String, Value>) -> Vec<Violation> {
    let present = |name: &str| values.get(name).is_some_and(|v| !v.is_null());
    let mut found = Vec::new();
    for group in groups {
        let limit = group.numbering.span(OPEN_SERIES_READ);
        let sent: Vec<u32> = (0..limit)
            .filter(|&index| {
                group
                    .members
                    .iter()
                    .any(|m| present(&group.numbering.name(&m.wire_name, index)))
            })
            .collect();
        for &index in &sent {
            for member in group.members.iter().filter(|m| m.required) {
                let name = group.numbering.name(&member.wire_name, index);
                if !present(&name) {
                    found.push(Violation {
                        message: format!(
                            "`{name}` is required in group {} of `{}`",
                            u64::from(group.numbering.first) + u64::from(index),
                            group.name
                        ),
                        field: name,
                        rule: Rule::Required,
                    });
                }
            }
        }
        let numbered_in_order = sent.iter().enumerate().all(|(i, &index)| i as u32 == index);
        if !numbered_in_order {
            found.push(Violation {
                field: group.name.clone(),
                rule: Rule::Invalid,
                message: format!(
                    "the groups of `{}` are not numbered without gaps",
                    group.name
                ),
            });
        }
        if let Some(count) = &group.count {
            let said = values.get(count).and_then(wire_text);
            if said.as_deref() != Some(sent.len().to_string().as_str())
                && (said.is_some() || !sent.is_empty())
            {
                found.push(Violation {
                    field: count.clone(),
                    rule: Rule::Invalid,
                    message: format!(
                        "`{count}` must be the number of groups of `{}` sent ({})",
                        group.name,
                        sent.len()
                    ),
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ir::Numbering;

    /// A plain integer member: the count `as_series` makes, renamed.
    fn member(wire_name: &str, required: bool) -> Member {
        let group = Group {
            name: "g".into(),
            rust_name: "g".into(),
            record: "G".into(),
            doc: None,
            numbering: Numbering {
                first: 1,
                max: None,
            },
            required: false,
            count: Some(wire_name.into()),
            members: Vec::new(),
        };
        Member {
            required,
            ..as_series(&[group]).remove(0)
        }
    }

    fn entries() -> Group {
        Group {
            name: "entries".into(),
            rust_name: "entries".into(),
            record: "Entry".into(),
            doc: None,
            numbering: Numbering {
                first: 1,
                max: None,
            },
            required: true,
            count: Some("EntryCount".into()),
            members: vec![member("Address{n}", true), member("ForwardTo{n}", false)],
        }
    }

    fn rules(values: Value) -> Vec<(String, Rule)> {
        let Value::Object(values) = values else {
            unreachable!()
        };
        check(&[entries()], &values)
            .into_iter()
            .map(|v| (v.field, v.rule))
            .collect()
    }

    #[test]
    fn members_read_as_series_required_as_their_group_is() {
        let series = as_series(&[entries()]);
        let names: Vec<(&str, bool, bool)> = series
            .iter()
            .map(|m| (m.wire_name.as_str(), m.series, m.required))
            .collect();
        assert_eq!(
            names,
            [
                ("Address{n}", true, true),
                ("ForwardTo{n}", true, false),
                ("EntryCount", false, true)
            ]
        );
    }

    #[test]
    fn each_group_needs_its_required_members_no_gaps_and_the_right_count() {
        assert_eq!(
            rules(json!({"Address1": "a", "ForwardTo1": "x", "Address2": "b", "EntryCount": 2})),
            []
        );
        assert_eq!(
            rules(json!({"Address1": "a", "ForwardTo2": "x", "EntryCount": 2})),
            [("Address2".to_string(), Rule::Required)]
        );
        assert_eq!(
            rules(json!({"Address1": "a", "Address3": "c", "EntryCount": 2})),
            [("entries".to_string(), Rule::Invalid)]
        );
        assert_eq!(
            rules(json!({"Address1": "a", "EntryCount": "3"})),
            [("EntryCount".to_string(), Rule::Invalid)]
        );
        assert_eq!(
            rules(json!({"Address1": "a"})),
            [("EntryCount".to_string(), Rule::Invalid)]
        );
    }
}
