//! Conditional requirements (`required_if` in a spec): a parameter that is
//! required only while other parameters are absent or have a given value.
//!
//! Generated records list their rules as a table of [`RequiredIf`]s (see
//! [`record!`](crate::record!)); [`Violations::required_if`] checks them
//! against the record as it would go on the wire, so the rule lives here
//! and not in every request type.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{FieldViolation, Violation, Violations};

/// "`field` is required when every condition in `when` holds."
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequiredIf {
    /// The conditionally required field's wire name.
    pub field: &'static str,
    /// The conditions, all of which must hold.
    pub when: &'static [When],
}

/// One condition of a [`RequiredIf`], about another field (by wire name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// The field is absent (not set, or null).
    Absent(&'static str),
    /// The field goes on the wire as this text: strings as they are,
    /// numbers as written, booleans as `1` or `0` (so `1` matches a `0`/`1`
    /// boolean set to true).
    Is(&'static str, &'static str),
}

impl When {
    /// [`When::Absent`].
    pub const fn absent(field: &'static str) -> Self {
        When::Absent(field)
    }

    /// [`When::Is`].
    pub const fn is(field: &'static str, value: &'static str) -> Self {
        When::Is(field, value)
    }

    fn holds(&self, params: &Map<String, Value>) -> bool {
        match self {
            When::Absent(field) => !present(params, field),
            When::Is(field, value) => params
                .get(*field)
                .and_then(wire_text)
                .is_some_and(|text| text == *value),
        }
    }

    fn describe(&self) -> String {
        match self {
            When::Absent(field) => format!("`{field}` is absent"),
            When::Is(field, value) => format!("`{field}` is {value}"),
        }
    }
}

fn present(params: &Map<String, Value>, field: &str) -> bool {
    params.get(field).is_some_and(|v| !v.is_null())
}

/// A scalar as it is compared with a condition's value.
fn wire_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_owned()),
        _ => None,
    }
}

impl Violations {
    /// Records a violation for every rule whose field is absent from
    /// `record` (as it would be serialized) although all its conditions
    /// hold. The message names the field and the conditions: "`zone` is
    /// required when `zone_id` is absent". The path is the field's, under
    /// the current path.
    pub fn required_if<T: Serialize + ?Sized>(&mut self, record: &T, rules: &[RequiredIf]) {
        let params = match serde_json::to_value(record) {
            Ok(Value::Object(params)) => params,
            // Not an object: the client reports it when encoding.
            _ => return,
        };
        self.required_if_in(&params, rules);
    }

    /// [`Violations::required_if`] for a record already turned into its
    /// wire object.
    pub fn required_if_in(&mut self, params: &Map<String, Value>, rules: &[RequiredIf]) {
        for rule in rules {
            if present(params, rule.field)
                || rule.when.is_empty()
                || !rule.when.iter().all(|c| c.holds(params))
            {
                continue;
            }
            let when: Vec<String> = rule.when.iter().map(When::describe).collect();
            let mut path = self.path.clone();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(rule.field);
            self.found.push(FieldViolation {
                path,
                type_name: "",
                violation: Violation::new(
                    "required_if",
                    format!("`{}` is required when {}", rule.field, when.join(" and ")),
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(params: Value, rules: &[RequiredIf]) -> String {
        let mut v = Violations::with_root("params");
        v.required_if(&params, rules);
        v.into_result()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    const ZONE: &[RequiredIf] = &[
        RequiredIf {
            field: "zone",
            when: &[When::absent("zone_id")],
        },
        RequiredIf {
            field: "zone_id",
            when: &[When::absent("zone")],
        },
    ];

    #[test]
    fn absent_conditions() {
        assert_eq!(
            check(json!({"name": "www"}), ZONE),
            "params.zone: `zone` is required when `zone_id` is absent; \
             params.zone_id: `zone_id` is required when `zone` is absent"
        );
        assert_eq!(check(json!({"zone_id": 3}), ZONE), "");
        assert_eq!(check(json!({"zone": "example.com"}), ZONE), "");
        assert_eq!(
            check(json!({"zone": null}), ZONE)
                .matches("required")
                .count(),
            2
        );
    }

    #[test]
    fn every_condition_must_hold() {
        const BOTH: &[RequiredIf] = &[RequiredIf {
            field: "subaccnt",
            when: &[When::absent("id"), When::absent("uniq_id")],
        }];
        assert_eq!(
            check(json!({}), BOTH),
            "params.subaccnt: `subaccnt` is required when `id` is absent and `uniq_id` is absent"
        );
        assert_eq!(check(json!({"id": 1}), BOTH), "");
    }

    #[test]
    fn value_conditions_compare_wire_text() {
        const CERT: &[RequiredIf] = &[RequiredIf {
            field: "ssl_cert",
            when: &[When::is("ssl_termination", "1")],
        }];
        let message = "params.ssl_cert: `ssl_cert` is required when `ssl_termination` is 1";
        assert_eq!(check(json!({"ssl_termination": 1}), CERT), message);
        assert_eq!(check(json!({"ssl_termination": true}), CERT), message);
        assert_eq!(check(json!({"ssl_termination": "1"}), CERT), message);
        assert_eq!(check(json!({"ssl_termination": 0}), CERT), "");
        assert_eq!(check(json!({}), CERT), "");
        assert_eq!(
            check(json!({"ssl_termination": 1, "ssl_cert": "PEM"}), CERT),
            ""
        );
    }
}
