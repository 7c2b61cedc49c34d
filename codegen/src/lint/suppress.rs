//! `lint.allow`: accepting a lint rule's findings on one item, with a reason.
//!
//! An entry covers the item it is written on (a file, type, section, method,
//! parameter or field) and everything inside it: from the item's key to the
//! next line indented no deeper than the key, or to the next sibling key,
//! whichever comes first (so both block and one-line flow style work). A
//! finding is accepted by the innermost matching entry. Entries that accept
//! nothing are reported (`unused-suppression`), as are entries that name an
//! unknown rule, a rule that cannot be allowed, or no reason
//! (`bad-suppression`); an invalid entry accepts nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::registry::{self, rule};
use super::source::SourceMap;
use crate::diag::{Diagnostic, did_you_mean};
use crate::spec::load::{LoadedFile, SpecSet};
use crate::spec::model::{Allow, Field, LintConfig};
use crate::spec::span::{Entries, LineCol, Pos, Sp};

/// One `lint.allow` entry and the part of its file it covers.
struct Allowance<'a> {
    file: &'a Path,
    allow: &'a Allow,
    start: LineCol,
    /// Exclusive; `None` runs to the end of the file.
    end: Option<LineCol>,
    /// How deeply nested the item is: a finding goes to the innermost.
    depth: usize,
    valid: bool,
    used: bool,
}

impl Allowance<'_> {
    fn covers(&self, file: &Path, pos: Pos) -> bool {
        let at = pos.start();
        self.file == file
            && pos.is_known()
            && at >= self.start
            && self.end.is_none_or(|end| at < end)
    }
}

/// Applies every `lint.allow` in `set` to `findings` (lint-rule findings),
/// returning those not accepted plus the findings about the entries
/// themselves. `skipped` lists (file, rule) pairs where the rule could not
/// judge the file; their unused entries are not reported.
pub fn apply(
    set: &SpecSet,
    findings: Vec<Diagnostic>,
    skipped: &BTreeSet<(PathBuf, &'static str)>,
) -> Vec<Diagnostic> {
    let mut allowances: Vec<Allowance<'_>> = Vec::new();
    for file in set.files.values() {
        collect(file, &mut allowances);
    }
    if allowances.is_empty() {
        return findings;
    }
    let mut out = Vec::new();
    for allowance in &mut allowances {
        if let Some(problem) = validate(allowance.file, allowance.allow) {
            out.push(problem);
            allowance.valid = false;
        }
    }
    for finding in findings {
        let accepted_by = allowances
            .iter_mut()
            .filter(|a| a.valid && a.allow.rule.value == finding.code)
            .filter(|a| a.covers(&finding.file, finding.pos))
            .max_by_key(|a| a.depth);
        match accepted_by {
            Some(allowance) => allowance.used = true,
            None => out.push(finding),
        }
    }
    let unused = rule("unused-suppression").map_or(crate::diag::Severity::Warning, |r| r.severity);
    for allowance in &allowances {
        let rule_id = allowance.allow.rule.value.as_str();
        let could_not_run = skipped
            .iter()
            .any(|(file, id)| file == allowance.file && *id == rule_id);
        if allowance.valid && !allowance.used && !could_not_run {
            out.push(
                Diagnostic::new(
                    "unused-suppression",
                    unused,
                    allowance.file,
                    allowance.allow.rule.pos,
                    format!("`{rule_id}` is allowed here, but nothing here triggers it"),
                )
                .with_help("remove this entry; the finding it accepted is gone"),
            );
        }
    }
    out
}

/// What is wrong with an entry, if anything.
fn validate(file: &Path, allow: &Allow) -> Option<Diagnostic> {
    let bad = |pos, message: String| {
        let severity = rule("bad-suppression").map_or(crate::diag::Severity::Error, |r| r.severity);
        Diagnostic::new("bad-suppression", severity, file, pos, message)
    };
    let id = allow.rule.value.as_str();
    match rule(id) {
        None => {
            let mut d = bad(allow.rule.pos, format!("`{id}` is not a lint rule"));
            let lint_rules = registry::RULES
                .iter()
                .filter(|r| r.allowable())
                .map(|r| r.id);
            d = match did_you_mean(id, lint_rules) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help("`hostapi-codegen lint --list-rules` lists the rules"),
            };
            Some(d)
        }
        Some(r) if !r.allowable() => Some(
            bad(
                allow.rule.pos,
                format!(
                    "`{id}` cannot be allowed: {}",
                    match r.source {
                        registry::Source::Suppressions =>
                            "it is about `lint.allow` entries themselves",
                        _ => "its findings stop generation",
                    }
                ),
            )
            .with_help("fix the problem instead; only lint rules can be allowed"),
        ),
        Some(_) if allow.reason.value.trim().is_empty() => Some(
            bad(
                allow.reason.pos,
                format!("the allowance of `{id}` gives no reason"),
            )
            .with_help("say in `reason` why the finding is right here"),
        ),
        Some(_) => None,
    }
}

/// Every entry in `file`, with the part of the file it covers.
fn collect<'a>(file: &'a LoadedFile, out: &mut Vec<Allowance<'a>>) {
    let spec = &file.spec;
    let has_any = spec.lint.is_some()
        || spec.types.iter().any(|(_, t)| t.lint.is_some())
        || spec
            .errors
            .iter()
            .any(|(_, e)| e.fields.iter().any(|(_, f)| f.lint.is_some()))
        || spec.sections.iter().any(|(_, s)| {
            s.lint.is_some()
                || s.methods.iter().any(|(_, m)| {
                    m.lint.is_some()
                        || m.every_param().any(|(_, p)| p.lint.is_some())
                        || m.returns.iter().any(|(_, f)| f.lint.is_some())
                })
        });
    if !has_any {
        return;
    }
    let source = SourceMap::new(&file.source);
    let mut push = |lint: &'a Option<LintConfig>, start: LineCol, end: Option<LineCol>, depth| {
        for allow in lint.iter().flat_map(|l| &l.allow) {
            out.push(Allowance {
                file: &file.path,
                allow,
                start,
                end,
                depth,
                valid: true,
                used: false,
            });
        }
    };
    push(&spec.lint, LineCol { line: 1, column: 1 }, None, 0);
    each(&spec.types, &source, |_, t, start, end| {
        push(&t.lint, start, end, 1);
    });
    each(&spec.errors, &source, |_, e, _, _| {
        each(&e.fields, &source, |_, f: &'a Field, start, end| {
            push(&f.lint, start, end, 2);
        });
    });
    each(&spec.sections, &source, |_, s, start, end| {
        push(&s.lint, start, end, 1);
        each(&s.methods, &source, |_, m, start, end| {
            push(&m.lint, start, end, 2);
            each(&m.params, &source, |_, p, start, end| {
                push(&p.lint, start, end, 3);
            });
            each(&m.groups, &source, |_, g, _, _| {
                each(&g.members, &source, |_, p, start, end| {
                    push(&p.lint, start, end, 4);
                });
            });
            each(&m.returns, &source, |_, f, start, end| {
                push(&f.lint, start, end, 3);
            });
        });
    });
}

/// Calls `f` with each entry of `entries` and the part of the file it
/// covers.
fn each<'a, V>(
    entries: &'a Entries<V>,
    source: &SourceMap<'_>,
    mut f: impl FnMut(&'a Sp<String>, &'a V, LineCol, Option<LineCol>),
) {
    for (i, (key, value)) in entries.0.iter().enumerate() {
        let next = entries.0.get(i + 1).map(|(k, _)| k.pos);
        let (start, end) = extent(source, key.pos, next);
        f(key, value, start, end);
    }
}

/// The part of the file an item whose key is at `key` covers: to the next
/// line indented no deeper than the key, or to `next` (the next sibling's
/// key), whichever comes first.
fn extent(source: &SourceMap<'_>, key: Pos, next: Option<Pos>) -> (LineCol, Option<LineCol>) {
    let start = key.start();
    let mut end = None;
    let mut line = key.line.saturating_add(1);
    while let Some(text) = source.line(line) {
        let trimmed = text.trim_start();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            let indent = text.chars().count() - trimmed.chars().count();
            if u32::try_from(indent + 1).unwrap_or(u32::MAX) <= key.column {
                end = Some(LineCol { line, column: 1 });
                break;
            }
        }
        line += 1;
    }
    if let Some(next) = next.filter(|n| n.is_known() && n.start() > start)
        && end.is_none_or(|e| next.start() < e)
    {
        end = Some(next.start());
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32) -> Pos {
        Pos {
            line,
            column,
            len: 1,
        }
    }

    #[test]
    fn an_item_covers_its_block() {
        let text = "types:\n  A:\n    doc: x\n\n    # comment\n    string: {}\n  B:\n    doc: y\nsections: {}\n";
        let source = SourceMap::new(text);
        let (start, end) = extent(&source, pos(2, 3), Some(pos(7, 3)));
        assert_eq!(start, LineCol { line: 2, column: 3 });
        assert_eq!(end, Some(LineCol { line: 7, column: 1 }));
        let (_, end) = extent(&source, pos(7, 3), None);
        assert_eq!(end, Some(LineCol { line: 9, column: 1 }));
        let (_, end) = extent(&source, pos(1, 1), None);
        assert_eq!(end, Some(LineCol { line: 9, column: 1 }));
    }

    #[test]
    fn a_flow_item_ends_at_its_sibling() {
        let text = "params: {a: {type: string}, b: {type: string}}\n";
        let source = SourceMap::new(text);
        let (_, end) = extent(&source, pos(1, 10), Some(pos(1, 29)));
        assert_eq!(
            end,
            Some(LineCol {
                line: 1,
                column: 29
            })
        );
        let (_, end) = extent(&source, pos(1, 29), None);
        assert_eq!(end, None);
    }
}
