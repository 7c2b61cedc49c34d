//! `--state`: the methods of a section that create, list, read, update and
//! delete share an in-memory store, so a created record shows up in list
//! and details and is gone after delete.
//!
//! Roles are the IR's `record_role`: the spec's `role`, else inferred from
//! the method's name (documented in docs/mock.md). A record is keyed by the
//! first required parameter of the section's read method, else its first
//! one (Liquid Web's `id` or `uniq_id`); a section without a create and a
//! read method keeps no state.
//! Answers keep the shape of the method's return type: a synthesized answer
//! gets the fields it shares with the stored record.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::ir::defaults::wire_text;
use crate::ir::{Api, Method, Section};

pub use crate::ir::RecordRole as Role;

/// What `method` does to its section's records, if anything.
pub fn role(method: &Method) -> Option<Role> {
    method.record_role
}

/// The parameter records of `section` are keyed by: the first required
/// parameter of its read method (else its first), when it also has a
/// create method.
pub fn key_param(section: &Section) -> Option<&str> {
    let has_create = section
        .methods
        .iter()
        .any(|m| role(m) == Some(Role::Create));
    let details = section
        .methods
        .iter()
        .find(|m| role(m) == Some(Role::Details))?;
    // Liquid Web's details take `id` or `name`, neither required alone.
    let key = details
        .params
        .iter()
        .find(|p| p.required)
        .or_else(|| details.params.first())?;
    has_create.then_some(key.wire_name.as_str())
}

/// One section's records by creation number: the key's text and the
/// record's fields.
type Records = BTreeMap<u64, (String, Map<String, Value>)>;

/// Records per API and section.
#[derive(Debug, Default)]
pub struct Store {
    sections: BTreeMap<(String, String), Records>,
    created: u64,
}

impl Store {
    /// How many records were created so far: varies each create's values.
    pub fn created(&self) -> u64 {
        self.created
    }

    /// Applies `method` (of section `section_index`) to the store and
    /// fits `answer` to it. `Err` names a record that does not exist.
    pub fn apply(
        &mut self,
        api: &Api,
        section_index: usize,
        method: &Method,
        params: &Map<String, Value>,
        answer: &mut Map<String, Value>,
    ) -> Result<(), String> {
        let section = &api.sections[section_index];
        let (Some(role), Some(key)) = (role(method), key_param(section)) else {
            return Ok(());
        };
        let records = self
            .sections
            .entry((api.module.clone(), section.name.clone()))
            .or_default();
        let wanted = params.get(key).and_then(wire_text);
        let find = |records: &Records| {
            records
                .iter()
                .find(|(_, (k, _))| Some(k) == wanted.as_ref())
                .map(|(n, _)| *n)
        };
        let missing = || {
            format!(
                "no record with `{key}` {} (the mock's store)",
                wanted.as_deref().unwrap_or("absent").escape_debug()
            )
        };
        match role {
            Role::Create => {
                self.created += 1;
                let mut record = answer.clone();
                for (name, value) in params {
                    if record.contains_key(name) {
                        record.insert(name.clone(), value.clone());
                    }
                }
                let id = record
                    .get(key)
                    .and_then(wire_text)
                    .unwrap_or_else(|| self.created.to_string());
                *answer = record.clone();
                records.insert(self.created, (id, record));
            }
            Role::List => {
                let Some(paging) = &method.paging else {
                    return Ok(());
                };
                let template = match answer.get(&paging.items).and_then(Value::as_array) {
                    Some(items) => items.first().cloned(),
                    None => None,
                };
                let Some(Value::Object(template)) = template else {
                    return Ok(());
                };
                let items: Vec<Value> = records
                    .values()
                    .map(|(_, record)| Value::Object(overlay(&template, record)))
                    .collect();
                for count in ["item_count", "item_total"] {
                    if answer.contains_key(count) {
                        answer.insert(count.into(), Value::from(items.len()));
                    }
                }
                answer.insert(paging.items.clone(), Value::Array(items));
            }
            Role::Details => {
                let n = find(records).ok_or_else(missing)?;
                *answer = overlay(answer, &records[&n].1);
            }
            Role::Update => {
                let n = find(records).ok_or_else(missing)?;
                let record = &mut records.get_mut(&n).expect("found").1;
                for (name, value) in params {
                    if record.contains_key(name) && name != key {
                        record.insert(name.clone(), value.clone());
                    }
                }
                *answer = overlay(answer, record);
            }
            Role::Delete => {
                let n = find(records).ok_or_else(missing)?;
                records.remove(&n);
            }
        }
        Ok(())
    }
}

/// `shape` with the values of the keys it shares with `record`.
fn overlay(shape: &Map<String, Value>, record: &Map<String, Value>) -> Map<String, Value> {
    let mut out = shape.clone();
    for (name, value) in out.iter_mut() {
        if let Some(stored) = record.get(name) {
            *value = stored.clone();
        }
    }
    out
}
