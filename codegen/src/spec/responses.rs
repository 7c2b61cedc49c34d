//! The response side of the spec format that is not the body's fields:
//! what HTTP statuses mean (`wire.statuses`). Kept apart from `model.rs`
//! so each part of the wire stays small.

use schemars::JsonSchema;
use serde::Deserialize;

use super::span::Sp;

/// What the statuses of one key (`404`, `4XX`, `default`) mean.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum StatusMeaning {
    /// The call succeeded: the body (an empty one reads as no fields) is the
    /// method's response.
    Success,
    /// The documented error with this key in `errors`: its `fields` are read
    /// from the body.
    Error(Sp<String>),
}
