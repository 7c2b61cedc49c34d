//! SARIF 2.1.0, for code scanning (e.g. github/codeql-action/upload-sarif).
//! Every rule of the registry is listed with its metadata, so `ruleIndex` is
//! stable; columns count Unicode code points. Levels: error → `error`,
//! warning → `warning`, info → `note`, hint → `none`.

use serde_json::{Value, json};

use super::{Report, display_path};
use crate::diag::Severity;
use crate::lint::registry::RULES;

pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": pascal(r.id),
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.rationale},
                "defaultConfiguration": {"level": level(r.severity)},
                "help": {"text": r.fix},
                "properties": {
                    "severity": r.severity.as_str(),
                    "source": r.source.describe(),
                },
            })
        })
        .collect();
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    render_with_rules(report, rules, &ids)
}

/// The SARIF log of `report`, listing `rules` (whose ids, in order, are
/// `ids`): `diff` lists its own rules this way.
pub fn render_with_rules(report: &Report, rules: Vec<Value>, ids: &[&str]) -> String {
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|d| {
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(&display_path(&d.file))},
                }
            });
            if d.pos.is_known() {
                let mut region = json!({
                    "startLine": d.pos.line,
                    "startColumn": d.pos.column,
                });
                if let Some(end) = d.end {
                    region["endLine"] = json!(end.line);
                    region["endColumn"] = json!(end.column);
                }
                location["physicalLocation"]["region"] = region;
            }
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [location],
            });
            if let Some(index) = ids.iter().position(|&id| id == d.code) {
                result["ruleIndex"] = json!(index);
            }
            result
        })
        .collect();
    let value = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "hostapi-codegen",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

pub(crate) fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Hint => "none",
    }
}

/// `unknown-type` → `UnknownType`, SARIF's friendly rule name.
pub(crate) fn pascal(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A path as a URI reference: relative paths stay relative (to the
/// repository root, where CI runs), absolute ones become `file://` URIs;
/// characters outside the unreserved set and `/` are percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_names() {
        assert_eq!(uri("spec/liquidweb/v1.yaml"), "spec/liquidweb/v1.yaml");
        assert_eq!(uri("my specs/a b.yaml"), "my%20specs/a%20b.yaml");
        assert_eq!(uri("/tmp/x.yaml"), "file:///tmp/x.yaml");
        assert_eq!(uri("é.yaml"), "%C3%A9.yaml");
        assert_eq!(pascal("unknown-type"), "UnknownType");
        assert_eq!(pascal("yaml"), "Yaml");
    }
}
