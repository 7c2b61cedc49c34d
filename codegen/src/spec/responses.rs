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

/// How a method's success answer is read, where it differs from the API's
/// `wire.response` (`response:` on a method).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MethodResponse {
    /// Plain text: the whole body, as UTF-8, is the method's one returned
    /// field that is not read from a header (a string). Errors are still
    /// told by the status, or by a body the API's error rule recognises.
    Text,
}
