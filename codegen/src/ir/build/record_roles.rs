//! What each method does to its section's records, for the mock server's
//! in-memory store: the spec's `role`, else the method's name (`create` or
//! `add`, `list`, `details`, `get` or `info`, `update` or `edit`, `delete`
//! or `remove`; ASCII case ignored). A declared role must leave the section
//! unambiguous: no two methods with one role, and a `details` method with a
//! parameter to find records by.

use super::*;
use crate::spec::model::StateRole;

/// The role of the method `name` that declares `declared`, if any.
pub(super) fn role(name: &str, declared: Option<&Sp<StateRole>>) -> Option<RecordRole> {
    let Some(declared) = declared else {
        return from_name(name);
    };
    Some(match declared.value {
        StateRole::Create => RecordRole::Create,
        StateRole::List => RecordRole::List,
        StateRole::Details => RecordRole::Details,
        StateRole::Update => RecordRole::Update,
        StateRole::Delete => RecordRole::Delete,
        StateRole::None => return None,
    })
}

/// The role a method's name suggests.
fn from_name(name: &str) -> Option<RecordRole> {
    Some(match name.to_ascii_lowercase().as_str() {
        "create" | "add" => RecordRole::Create,
        "list" => RecordRole::List,
        "details" | "get" | "info" => RecordRole::Details,
        "update" | "edit" => RecordRole::Update,
        "delete" | "remove" => RecordRole::Delete,
        _ => return None,
    })
}

fn role_name(role: RecordRole) -> &'static str {
    match role {
        RecordRole::Create => "create",
        RecordRole::List => "list",
        RecordRole::Details => "details",
        RecordRole::Update => "update",
        RecordRole::Delete => "delete",
    }
}

impl<'a, 'd> ApiBuilder<'a, 'd> {
    /// Reports declared roles that leave the section `def` ambiguous.
    pub(super) fn check_record_roles(&mut self, def: &model::Section, methods: &[Method]) {
        for (name, method) in def.methods.iter() {
            let Some(declared) = &method.role else {
                continue;
            };
            let Some(ir) = methods.iter().find(|m| m.name == name.value) else {
                continue;
            };
            let Some(mine) = ir.record_role else {
                continue;
            };
            if let Some(other) = methods
                .iter()
                .find(|m| m.name != name.value && m.record_role == Some(mine))
            {
                let how = match def.methods.get(&other.name).and_then(|m| m.role.as_ref()) {
                    Some(_) => "declared",
                    None => "from its name",
                };
                let message = format!(
                    "`{}` is declared the section's `{}` method, but `{}` is too ({how}): the mock could not tell which one changes its records",
                    name.value,
                    role_name(mine),
                    other.name
                );
                self.diags.push(
                    Diagnostic::error("record-role", self.path, declared.pos, message)
                        .with_help("give one of them another role, or `role: none`"),
                );
            }
            if mine == RecordRole::Details && ir.params.is_empty() {
                let message = format!(
                    "`{}` is declared the section's `details` method, but it has no parameter to find a record by",
                    name.value
                );
                self.diags.push(
                    Diagnostic::error("record-role", self.path, declared.pos, message)
                        .with_help("records are found by the `details` method's first required parameter (else its first)"),
                );
            }
        }
    }
}
