//! The JSON Schema of the spec format, produced from the Rust model so the
//! two cannot drift apart (a test compares it with `spec/schema.json`).

use crate::spec::model::SpecFile;

/// `spec/schema.json`'s expected contents.
pub fn spec_schema() -> String {
    let mut schema = schemars::schema_for!(SpecFile);
    schema.insert(
        "title".to_string(),
        serde_json::Value::String("hostapi spec file, format version 1".to_string()),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
