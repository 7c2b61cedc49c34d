//! The JSON report: a documented, versioned shape (docs/lint.md). Fields are
//! only ever added within a version; anything else bumps `version`.

use serde_json::{Value, json};

use super::{Report, display_path};
use crate::diag::Severity;

/// The shape's version.
pub const VERSION: u32 = 1;

pub fn render(report: &Report) -> String {
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|d| {
            let start = d
                .pos
                .is_known()
                .then(|| json!({"line": d.pos.line, "column": d.pos.column}));
            let end = d.end.map(|e| json!({"line": e.line, "column": e.column}));
            json!({
                "rule": d.code,
                "severity": d.severity.as_str(),
                "file": display_path(&d.file),
                "start": start,
                "end": end,
                "message": d.message,
                "help": d.help,
            })
        })
        .collect();
    let mut summary = serde_json::Map::new();
    for severity in Severity::ALL {
        summary.insert(severity.as_str().to_string(), json!(report.count(severity)));
    }
    let value = json!({
        "version": VERSION,
        "tool": {"name": "hostapi-codegen", "version": env!("CARGO_PKG_VERSION")},
        "files": report.files.iter().map(|f| display_path(f)).collect::<Vec<_>>(),
        "summary": summary,
        "findings": findings,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
