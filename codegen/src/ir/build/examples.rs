//! Documented responses (`returns_example`): a mapping that the wire can
//! carry and that does not read as an error here; whether it is a response
//! of the method is checked with the defaults, once every type is lowered
//! (`ir::defaults::example`).

use serde_json::{Map, Value};

use super::*;
use crate::ir::defaults::{PendingExample, ResponseShape};

impl<'a, 'd> ApiBuilder<'a, 'd> {
    /// The example of a method returning `returns` (or the map type
    /// `returns_map`) in the response type `response_type`, queued for its
    /// type check; `None` after reporting what is wrong with it.
    pub(super) fn returns_example(
        &mut self,
        example: &Sp<Value>,
        response_type: &str,
        returns: &[Member],
        returns_map: Option<&TypeRef>,
        wire: &Wire,
    ) -> Option<Map<String, Value>> {
        let Value::Object(map) = &example.value else {
            self.bad_example(
                example.pos,
                "`returns_example` must be a mapping of returned field to value",
            );
            return None;
        };
        if wire.response == ResponseFormat::KeyValue
            && let Some((key, _)) = map
                .iter()
                .find(|(_, v)| matches!(v, Value::Array(_) | Value::Object(_)))
        {
            let message = format!(
                "a key=value response holds only text, but the example's `{}` is a list or a mapping",
                key.escape_debug()
            );
            self.bad_example(example.pos, message);
            return None;
        }
        if let Some(problem) = reads_as_error(&wire.error, map) {
            self.bad_example(
                example.pos,
                format!("the example reads as an error: {problem}"),
            );
            return None;
        }
        let shape = match returns_map {
            Some(ty) => ResponseShape::Map(ty.clone()),
            None => ResponseShape::Fields {
                type_name: response_type.to_string(),
                members: returns.to_vec(),
            },
        };
        self.examples.push(PendingExample {
            file: self.path.to_path_buf(),
            pos: example.pos,
            shape,
            value: map.clone(),
        });
        Some(map.clone())
    }

    fn bad_example(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags.push(
            Diagnostic::error("bad-example", self.path, pos, message).with_help(
                "copy the response the vendor's docs show, keeping only returned fields",
            ),
        );
    }
}

/// Why a client would read `example` as an error under `rule`, if it would.
/// No value is quoted: it may be a secret.
fn reads_as_error(rule: &ErrorRule, example: &Map<String, Value>) -> Option<String> {
    match rule {
        ErrorRule::FieldPresent { field, .. } => example
            .get(field)
            .filter(|v| !v.is_null())
            .map(|_| format!("it has `{}`, which marks an error", field.escape_debug())),
        ErrorRule::FieldEquals { field, value, .. } => example
            .get(field)
            .and_then(defaults::wire_text)
            .filter(|text| text.trim().eq_ignore_ascii_case(value))
            .map(|_| format!("its `{}` is the error value", field.escape_debug())),
        ErrorRule::CountAbove { field, .. } => example
            .get(field)
            .and_then(defaults::wire_text)
            .and_then(|text| text.trim().parse::<i64>().ok())
            .filter(|count| *count > 0)
            .map(|_| format!("its `{}` is above 0", field.escape_debug())),
    }
}
