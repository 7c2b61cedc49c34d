//! Writing a comparison: text for people, a versioned JSON shape, Markdown
//! for a pull-request comment and a changelog section, and — through lint's
//! formatters — GitHub annotations, SARIF and JUnit.

use serde_json::{Value, json};

use super::{Comparison, Finding, Impact, Level, Location, RULES};
use crate::diag::{Diagnostic, Severity};
use crate::lint::Report;
use crate::lint::format::{github, junit, sarif};
use crate::spec::load::Loaded;

/// How a comparison is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Github,
    Sarif,
    Junit,
}

impl Format {
    pub const NAMES: [&'static str; 6] = ["text", "json", "markdown", "github", "sarif", "junit"];

    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name {
            "text" => Format::Text,
            "json" => Format::Json,
            "markdown" => Format::Markdown,
            "github" => Format::Github,
            "sarif" => Format::Sarif,
            "junit" => Format::Junit,
            _ => return None,
        })
    }
}

/// The JSON shape's version (docs/diff.md).
pub const JSON_VERSION: u32 = 1;

pub fn render(comparison: &Comparison, format: Format, fail_on: Level) -> String {
    match format {
        Format::Text => text(comparison, fail_on),
        Format::Json => json(comparison),
        Format::Markdown => markdown(comparison),
        Format::Github => github::render(&as_report(comparison)),
        Format::Sarif => sarif_log(comparison),
        Format::Junit => junit::render(&as_report(comparison), severity(fail_on), "diff"),
    }
}

/// What a level is called where lint's formatters write it.
fn severity(level: Level) -> Severity {
    match level {
        Level::Breaking => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Info => Severity::Info,
    }
}

/// Each finding as a lint diagnostic: at its new place (its old one when
/// removed), with the impact and the other place in the help.
fn as_report(comparison: &Comparison) -> Report {
    let findings: Vec<Diagnostic> = comparison.findings.iter().map(diagnostic).collect();
    let mut files: Vec<_> = findings.iter().map(|d| d.file.clone()).collect();
    files.extend(comparison.new_files.iter().cloned());
    files.sort();
    files.dedup();
    Report::from_findings(files, findings, Loaded::default())
}

fn diagnostic(f: &Finding) -> Diagnostic {
    let place = f.new.as_ref().or(f.old.as_ref());
    let (file, pos) = place.map(|l| (l.file.clone(), l.pos)).unwrap_or_default();
    let mut d = Diagnostic::new(
        f.rule,
        severity(f.level),
        &file,
        pos,
        format!("{} ({})", f.message, f.level),
    );
    d.help = Some(format!(
        "semver {}; {}; old: {}; new: {}",
        f.impact,
        f.direction.as_str(),
        shown(&f.old),
        shown(&f.new)
    ));
    d
}

fn shown(place: &Option<Location>) -> String {
    place.as_ref().map_or("-".to_string(), |l| l.to_string())
}

/// "semver major", or "no changes".
fn headline(comparison: &Comparison) -> String {
    match comparison.impact() {
        Some(impact) => format!("semver {impact}"),
        None => "no changes".to_string(),
    }
}

fn text(comparison: &Comparison, fail_on: Level) -> String {
    let mut out = String::new();
    for f in &comparison.findings {
        out.push_str(&format!(
            "{}[{}] {} {}: {}\n  old: {}\n  new: {}\n\n",
            f.level,
            f.rule,
            f.impact,
            f.direction.as_str(),
            f.message,
            shown(&f.old),
            shown(&f.new)
        ));
    }
    let counts: Vec<String> = Level::ALL
        .iter()
        .map(|&l| format!("{} {l}", comparison.count(l)))
        .collect();
    out.push_str(&format!(
        "{} finding{}: {}; {} ({} at --fail-on {fail_on})\n",
        comparison.findings.len(),
        if comparison.findings.len() == 1 {
            ""
        } else {
            "s"
        },
        counts.join(", "),
        headline(comparison),
        if comparison.fails(fail_on) {
            "fails"
        } else {
            "passes"
        }
    ));
    out
}

fn place_json(place: &Option<Location>) -> Value {
    match place {
        None => Value::Null,
        Some(l) => {
            let file = l.file.display().to_string().replace('\\', "/");
            match l.pos.is_known() {
                true => json!({"file": file, "line": l.pos.line, "column": l.pos.column}),
                false => json!({"file": file}),
            }
        }
    }
}

fn json(comparison: &Comparison) -> String {
    let findings: Vec<Value> = comparison
        .findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "level": f.level.as_str(),
                "impact": f.impact.as_str(),
                "direction": f.direction.as_str(),
                "old": place_json(&f.old),
                "new": place_json(&f.new),
                "message": f.message,
            })
        })
        .collect();
    let mut summary = serde_json::Map::new();
    for level in Level::ALL {
        summary.insert(level.as_str().to_string(), json!(comparison.count(level)));
    }
    let value = json!({
        "version": JSON_VERSION,
        "tool": {"name": "hostapi-codegen", "version": env!("CARGO_PKG_VERSION")},
        "impact": comparison.impact().map(Impact::as_str),
        "summary": summary,
        "findings": findings,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Text from specs is untrusted: every character Markdown or HTML would
/// read as syntax is escaped, so a name cannot add links, markup or rows.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '!' | '~' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn markdown(comparison: &Comparison) -> String {
    let mut out = format!("## Spec changes: {}\n\n", headline(comparison));
    if comparison.findings.is_empty() {
        out.push_str("Nothing changed for clients or for the generated crate.\n");
        return out;
    }
    let counts: Vec<String> = Level::ALL
        .iter()
        .map(|&l| format!("{} {l}", comparison.count(l)))
        .collect();
    out.push_str(&format!("{}.\n\n", counts.join(", ")));
    out.push_str("| Level | Rule | Semver | Change | Old | New |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for f in &comparison.findings {
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} |\n",
            f.level,
            f.rule,
            f.impact,
            md(&f.message),
            md(&shown(&f.old)),
            md(&shown(&f.new))
        ));
    }
    out.push_str("\n### Changelog\n");
    for (title, level) in [
        ("Breaking", Level::Breaking),
        ("Needs attention", Level::Warning),
        ("Other changes", Level::Info),
    ] {
        let items: Vec<&Finding> = comparison
            .findings
            .iter()
            .filter(|f| f.level == level)
            .collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("\n#### {title}\n\n"));
        for f in items {
            out.push_str(&format!(
                "- {} ({}, `{}`)\n",
                md(&f.message),
                f.impact,
                f.rule
            ));
        }
    }
    out
}

fn sarif_log(comparison: &Comparison) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let worst = r.worst();
            json!({
                "id": r.id,
                "name": sarif::pascal(r.id),
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.rationale},
                "defaultConfiguration": {"level": sarif::level(severity(worst.level))},
                "properties": {
                    "request": {"level": r.request.level.as_str(), "impact": r.request.impact.as_str()},
                    "response": {"level": r.response.level.as_str(), "impact": r.response.impact.as_str()},
                },
            })
        })
        .collect();
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    sarif::render_with_rules(&as_report(comparison), rules, &ids)
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn markdown_cannot_be_injected() {
        assert_eq!(md("a|b"), "a\\|b");
        assert_eq!(md("[x](http://e)"), "\\[x\\]\\(http://e\\)");
        assert_eq!(md("<img src=x>"), "&lt;img src=x&gt;");
    }
}
