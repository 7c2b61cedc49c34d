//! Checking a request's parameters with the spec's rules: required ones,
//! `required_if` conditions and every constraint of each value's type,
//! judged by the checker that judges defaults (`ir::defaults`), which calls
//! the same `hostapi-rules` functions generated code calls. Every violation
//! is reported, not just the first.

use serde_json::{Map, Value};

use crate::ir::Member;
use crate::ir::defaults::{Defaults, condition_text, wire_text};

/// Why a parameter was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A required parameter is absent.
    Required,
    /// A `required_if` condition holds and the parameter is absent.
    RequiredIf,
    /// The value breaks its type's rules.
    Invalid,
}

impl Rule {
    /// How messages name the rule.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::RequiredIf => "required_if",
            Rule::Invalid => "constraint",
        }
    }
}

/// One refused parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The parameter, with a path inside its value (`zone.name`, `ids[2]`).
    pub field: String,
    pub rule: Rule,
    /// Says which rule; never shows a secret value.
    pub message: String,
}

/// The name a parameter is looked for under: a numbered series by its
/// first number (`NS1` for `NS{n}`), as `required_if` reads it.
fn sent_name(param: &Member) -> String {
    match param.numbering {
        Some(numbering) => numbering.name(&param.wire_name, 0),
        None => param.wire_name.clone(),
    }
}

/// A numbered series (`NS{n}`): each value sent under its own number, the
/// first one present when the series is required.
fn check_series(
    checker: &mut Defaults<'_>,
    param: &Member,
    numbering: crate::ir::Numbering,
    values: &Map<String, Value>,
    found: &mut Vec<Violation>,
) {
    let first = numbering.name(&param.wire_name, 0);
    let mut any = false;
    for index in 0..numbering.span(crate::mock::OPEN_SERIES_READ) {
        let name = numbering.name(&param.wire_name, index);
        let Some(value) = values.get(&name).filter(|v| !v.is_null()) else {
            continue;
        };
        any = true;
        for (path, message) in checker.value_problems(&param.ty, param.secret, value) {
            let field = located(&name, &path);
            found.push(Violation {
                field,
                rule: Rule::Invalid,
                message,
            });
        }
    }
    if param.required && !any {
        found.push(Violation {
            message: format!("`{first}` is required"),
            field: first,
            rule: Rule::Required,
        });
    }
}

/// The field a problem at `path` inside parameter `name` names (`name`,
/// `name[0]`, `name.id`).
fn located(name: &str, path: &str) -> String {
    match path {
        "" => name.to_string(),
        p if p.starts_with('[') => format!("{name}{p}"),
        p => format!("{name}.{p}"),
    }
}

/// Every violation of `params` by `values`.
pub fn check(
    checker: &mut Defaults<'_>,
    params: &[Member],
    values: &Map<String, Value>,
) -> Vec<Violation> {
    let present = |name: &str| values.get(name).filter(|v| !v.is_null());
    let mut found = Vec::new();
    for param in params {
        if let Some(numbering) = param.numbering {
            check_series(checker, param, numbering, values, &mut found);
            continue;
        }
        let Some(value) = present(&param.wire_name) else {
            if param.required {
                found.push(Violation {
                    field: param.wire_name.clone(),
                    rule: Rule::Required,
                    message: format!("`{}` is required", param.wire_name),
                });
            }
            continue;
        };
        for (path, message) in checker.value_problems(&param.ty, param.secret, value) {
            let field = located(&param.wire_name, &path);
            found.push(Violation {
                field,
                rule: Rule::Invalid,
                message,
            });
        }
    }
    for param in params.iter().filter(|p| !p.required_if.is_empty()) {
        if present(&sent_name(param)).is_some() {
            continue;
        }
        let holds = param.required_if.iter().all(|c| {
            let sent = present(&c.wire_name).and_then(wire_text);
            match &c.value {
                None => sent.is_none(),
                Some(expected) => sent == Some(condition_text(expected)),
            }
        });
        if holds {
            let when: Vec<String> = param
                .required_if
                .iter()
                .map(|c| match &c.value {
                    None => format!("`{}` is absent", c.wire_name),
                    Some(v) => format!("`{}` is {}", c.wire_name, condition_text(v)),
                })
                .collect();
            let name = sent_name(param);
            found.push(Violation {
                message: format!("`{name}` is required when {}", when.join(" and ")),
                field: name,
                rule: Rule::RequiredIf,
            });
        }
    }
    found
}
