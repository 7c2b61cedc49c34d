//! A documented response (`returns_example`) must be one the method's
//! generated response reads without a violation: judged field by field with
//! the same reader and rules as a default, every non-optional field present,
//! no field the method does not return (a spec's typo), and a numbered
//! series' keys (`Err1` for `Err{n}`) each a value of the series' type.

use std::path::PathBuf;

use serde_json::{Map, Value};

use super::{Defaults, Found, Presence};
use crate::diag::Diagnostic;
use crate::ir::{Member, TypeRef};
use crate::spec::span::Pos;

/// What a method's response is: named fields, or one `map` type.
#[derive(Clone, Debug)]
pub enum ResponseShape {
    /// `returns`, and the response type's Rust name (for messages).
    Fields {
        type_name: String,
        members: Vec<Member>,
    },
    /// `returns_map`.
    Map(TypeRef),
}

/// A documented response waiting to be checked.
#[derive(Clone, Debug)]
pub struct PendingExample {
    pub file: PathBuf,
    pub pos: Pos,
    pub shape: ResponseShape,
    pub value: Map<String, Value>,
}

impl Defaults<'_> {
    /// A located `bad-example` for the first problem of each pending
    /// example. A value of a secret field is never shown.
    pub fn example_diagnostics(&mut self, pending: &[PendingExample]) -> Vec<Diagnostic> {
        pending
            .iter()
            .filter_map(|p| {
                let problem = self.example_problem(&p.shape, &p.value)?;
                Some(Diagnostic::error("bad-example", &p.file, p.pos, problem))
            })
            .collect()
    }

    /// Why `example` is not a response of `shape`, or `None`.
    pub fn example_problem(
        &mut self,
        shape: &ResponseShape,
        example: &Map<String, Value>,
    ) -> Option<String> {
        let (found, hidden) = match shape {
            ResponseShape::Map(ty) => {
                if !self.all_lowered(ty, &mut Default::default()) {
                    return None;
                }
                let hidden = self.reaches_secret(ty, &mut Default::default());
                let whole = Value::Object(example.clone());
                let found = match self.plain(ty, false, &whole, "", 0) {
                    Ok((_, problems)) => problems.into_iter().next()?,
                    Err(found) => found,
                };
                (found, hidden)
            }
            ResponseShape::Fields { type_name, members } => {
                let mut all_lowered = true;
                let mut hidden = false;
                for member in members {
                    all_lowered &= self.all_lowered(&member.ty, &mut Default::default());
                    hidden |=
                        member.secret || self.reaches_secret(&member.ty, &mut Default::default());
                }
                if !all_lowered {
                    return None;
                }
                (self.fields_problem(type_name, members, example)?, hidden)
            }
        };
        let at = if found.path.is_empty() {
            String::new()
        } else {
            format!("at `{}`, ", found.path.trim_start_matches('.'))
        };
        let type_name = found
            .type_name
            .map(|t| format!("`{t}`: "))
            .unwrap_or_default();
        let message = if hidden {
            hostapi_rules::Violation::new("example", found.message)
                .redacted()
                .message
        } else {
            found.message
        };
        Some(format!(
            "the example is not a response of the method: {at}{type_name}{message}"
        ))
    }

    /// The first problem of `example` as a response with `members`.
    fn fields_problem(
        &mut self,
        type_name: &str,
        members: &[Member],
        example: &Map<String, Value>,
    ) -> Option<Found> {
        let (series, plain): (Vec<&Member>, Vec<&Member>) = members.iter().partition(|m| m.series);
        let mut rest = Map::new();
        for (key, value) in example {
            let Some(member) = series.iter().find(|m| in_series(&m.wire_name, key)) else {
                rest.insert(key.clone(), value.clone());
                continue;
            };
            let how = Presence {
                secret: member.secret,
                required: false,
                allow_empty: member.allow_empty,
            };
            match self.field(&member.ty, how, value, &format!(".{key}"), 1) {
                Ok((_, problems)) => {
                    if let Some(first) = problems.into_iter().next() {
                        return Some(first);
                    }
                }
                Err(found) => return Some(found),
            }
        }
        let plain: Vec<Member> = plain.into_iter().cloned().collect();
        match self.object(type_name, &plain, &Value::Object(rest), "", 0) {
            Ok((_, problems)) => problems.into_iter().next(),
            Err(found) => Some(found),
        }
    }
}

/// Whether `key` is one of the series `pattern`'s keys: `Err2` of `Err{n}`.
fn in_series(pattern: &str, key: &str) -> bool {
    let Some((prefix, suffix)) = pattern.split_once("{n}") else {
        return false;
    };
    key.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
