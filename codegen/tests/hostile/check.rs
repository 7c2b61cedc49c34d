//! The properties every generated spec must have, checked on one case:
//! nothing panics; lint and generate agree; every rejection is a located
//! diagnostic with a registered rule; and for accepted specs, the output
//! is safe and sound (token checks, item checks, paths, the crate's own
//! files) and planted defaults and patterns mean what the spec says.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Component, Path, PathBuf};
use std::sync::Once;

use hostapi_codegen::diag::Severity;
use hostapi_codegen::lint::{self, format::Format};
use hostapi_codegen::{Diagnostic, Error, Generated};

use super::case::{Case, MARKER, Probe, Rule, SPEC_ROOT};
use super::{items, tokens};

/// One broken property, with what shows it.
#[derive(Clone, Debug)]
pub struct Violation {
    pub property: &'static str,
    pub detail: String,
}

#[derive(Clone, Debug, Default)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    /// Records a broken property (once per distinct detail).
    pub fn push(&mut self, property: &'static str, detail: impl Into<String>) {
        let detail = detail.into();
        if !self
            .0
            .iter()
            .any(|v| v.property == property && v.detail == detail)
        {
            self.0.push(Violation { property, detail });
        }
    }

    pub fn has(&self, property: &str) -> bool {
        self.0.iter().any(|v| v.property == property)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Display for Violations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for v in &self.0 {
            writeln!(f, "  [{}] {}", v.property, v.detail)?;
        }
        Ok(())
    }
}

/// What checking a case found.
pub struct Outcome {
    /// `generate` succeeded.
    pub accepted: bool,
    /// `generate`'s errors when it did not succeed.
    pub rejected_by: Vec<Diagnostic>,
    pub violations: Violations,
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Runs `f`, turning a panic into its message and location without
/// printing it (the case is reported instead).
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                LAST_PANIC.with(|p| *p.borrow_mut() = info.to_string().replace('\n', " "));
            } else {
                default(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|_| LAST_PANIC.with(|p| p.borrow().clone()))
}

/// Writes `case` under `dir` (removed first) and checks every property.
pub fn check_case(case: &Case, dir: &Path) -> Outcome {
    let mut out = Violations::default();
    let _ = std::fs::remove_dir_all(dir);
    case.write(dir)
        .unwrap_or_else(|e| panic!("cannot write the case under {}: {e}", dir.display()));
    let root = dir.join(SPEC_ROOT);

    let report = match quietly(|| lint::lint_paths(std::slice::from_ref(&root))) {
        Ok(report) => Some(report),
        Err(panic) => {
            out.push("no-panic", format!("lint panicked: {panic}"));
            None
        }
    };
    let generated = match quietly(|| hostapi_codegen::generate(&root)) {
        Ok(result) => Some(result),
        Err(panic) => {
            out.push("no-panic", format!("generate panicked: {panic}"));
            None
        }
    };
    if let Some(report) = &report {
        check_report(report, &mut out);
    }
    let mut accepted = false;
    let mut rejected_by = Vec::new();
    if let (Some(report), Some(result)) = (&report, generated) {
        let lint_errors: Vec<&Diagnostic> = report
            .findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        match result {
            Ok(generated) => {
                accepted = true;
                // Lint is allowed to be stricter in one place only: it
                // checks type libraries on their own, also ones no API
                // uses, which generate never reads as a whole.
                let sources: Vec<&Path> = generated
                    .workspace
                    .apis
                    .iter()
                    .flat_map(|a| a.sources.iter().map(PathBuf::as_path))
                    .collect();
                let in_generated_input =
                    |d: &&&Diagnostic| sources.iter().any(|s| d.file == *s || d.file.ends_with(s));
                let lint_errors: Vec<&Diagnostic> = lint_errors
                    .iter()
                    .filter(in_generated_input)
                    .copied()
                    .collect();
                if !lint_errors.is_empty() {
                    out.push(
                        "lint-generate-agree",
                        format!(
                            "generate accepts what lint rejects:\n{}",
                            list(&lint_errors)
                        ),
                    );
                }
                check_accepted(case, dir, &generated, &mut out);
            }
            Err(Error::Spec(diagnostics)) => {
                let errors: Vec<&Diagnostic> = diagnostics
                    .0
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect();
                for d in &diagnostics.0 {
                    check_diagnostic(d, &mut out);
                }
                rejected_by = errors.iter().map(|d| (*d).clone()).collect();
                if lint_errors.is_empty() {
                    out.push(
                        "lint-generate-agree",
                        format!("generate rejects what lint passes:\n{}", list(&errors)),
                    );
                }
                for d in errors {
                    let same = |l: &&Diagnostic| {
                        l.code == d.code
                            && l.file == d.file
                            && l.pos.line == d.pos.line
                            && l.pos.column == d.pos.column
                    };
                    if !report.findings.iter().any(|l| same(&l)) {
                        out.push(
                            "lint-covers-generate",
                            format!("lint does not report generate's {d}"),
                        );
                    }
                }
            }
            Err(Error::Emit(e)) => out.push("no-emit-error", format!("generate: {e}")),
            Err(Error::Io { path, error }) => out.push(
                "no-emit-error",
                format!("generate: I/O error at {}: {error}", path.display()),
            ),
            // Only the standalone crate's options produce it, never a spec.
            Err(Error::Options(message)) => {
                out.push("no-emit-error", format!("generate: {message}"))
            }
        }
    }
    Outcome {
        accepted,
        rejected_by,
        violations: out,
    }
}

fn list(diagnostics: &[&Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("    {d}\n")).collect()
}

/// Registered rules, positions, one-line messages, and renderings that
/// keep one finding per line.
fn check_report(report: &lint::Report, out: &mut Violations) {
    for d in &report.findings {
        check_diagnostic(d, out);
    }
    let github = lint::format::render(report, Format::Github, Severity::Hint);
    if github.lines().count() != report.findings.len() {
        out.push(
            "one-line-diagnostic",
            format!(
                "the github format has {} lines for {} findings:\n{github}",
                github.lines().count(),
                report.findings.len()
            ),
        );
    }
    for format in [Format::Json, Format::Sarif] {
        let text = lint::format::render(report, format, Severity::Hint);
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
            out.push(
                "one-line-diagnostic",
                format!("{format:?} output is not JSON: {e}"),
            );
        }
    }
}

fn check_diagnostic(d: &Diagnostic, out: &mut Violations) {
    if lint::rule(d.code).is_none() {
        out.push("registered-rule", format!("unregistered rule id in: {d}"));
    }
    if d.severity == Severity::Error && !d.pos.is_known() {
        out.push(
            "located-diagnostic",
            format!("an error without a line and column: {d}"),
        );
    }
    let raw = |text: &str| text.chars().any(|c| c.is_control() || tokens::is_bidi(c));
    if raw(&d.message) || d.help.as_deref().is_some_and(raw) {
        out.push(
            "one-line-diagnostic",
            format!(
                "a message or help with a raw control or bidi character: {:?} / {:?}",
                d.message, d.help
            ),
        );
    }
    // The file is the real path; what matters is how reports show it.
    let shown = d.to_string();
    let expected_lines = 1 + usize::from(d.help.is_some());
    if shown.lines().count() != expected_lines
        || shown.chars().any(|c| c != '\n' && raw(&c.to_string()))
    {
        out.push(
            "one-line-diagnostic",
            format!("the finding does not print as one line (plus help) without raw control or bidi characters: {shown:?}"),
        );
    }
}

fn check_accepted(case: &Case, dir: &Path, generated: &Generated, out: &mut Violations) {
    let host_path = dir.to_string_lossy().into_owned();
    let mut files = Vec::new();
    for file in &generated.files {
        let label = file.path.to_string_lossy().into_owned();
        check_output_path(&file.path, out);
        if file.contents.contains(&host_path) {
            out.push(
                "no-host-path",
                format!("{label} names the machine's path {host_path}: the output depends on where the specs are"),
            );
        }
        if let Some(parsed) = tokens::check_file(&label, &file.contents, out) {
            files.push((label, parsed));
        }
    }
    for input in &generated.inputs {
        if input.to_string_lossy().contains(['\n', '\r']) {
            out.push(
                "build-script-safe-inputs",
                format!(
                    "the input {input:?} holds a line break: build.rs prints it as `cargo:rerun-if-changed=…`, so the rest of the name becomes a cargo instruction"
                ),
            );
        }
    }
    check_crate(dir, generated, &mut files, out);
    items::check_items(&files, out);
    // Probes are about the API's parameters; a spec written under a name
    // the generator does not read (an import overlay, `*.overlay.yaml`) has
    // none in the output.
    if !generated.workspace.apis.is_empty() {
        check_probes(case, out);
    }
}

/// Generated files go into a tree of Rust module names.
fn check_output_path(path: &Path, out: &mut Violations) {
    let components: Vec<Component> = path.components().collect();
    let ok = !components.is_empty()
        && components.iter().enumerate().all(|(i, c)| match c {
            Component::Normal(name) => {
                let name = name.to_string_lossy();
                let stem = if i + 1 == components.len() {
                    name.strip_suffix(".rs").map(str::to_string)
                } else {
                    Some(name.to_string())
                };
                stem.is_some_and(|s| {
                    s.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                        && s.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                })
            }
            _ => false,
        });
    if !ok {
        out.push(
            "safe-output-path",
            format!("generated file {path:?} is not a relative path of ASCII module names"),
        );
    }
}

/// The crate `hostapi-codegen crate` writes: `lib.rs` is checked like the
/// rest, the manifest must have no repeated key in a table.
fn check_crate(
    dir: &Path,
    generated: &Generated,
    files: &mut Vec<(String, syn::File)>,
    out: &mut Violations,
) {
    let crate_dir = dir.join("crate");
    let written = quietly(|| {
        hostapi_codegen::output::write_crate(
            &crate_dir,
            &hostapi_codegen::output::CrateOptions::new("hostile-case"),
            &generated.workspace,
            // The manifest, README and lib.rs come from the workspace alone;
            // the modules were checked above.
            Vec::new(),
            hostapi_codegen::output::WriteOptions::default(),
        )
    });
    match written {
        Err(panic) => out.push("no-panic", format!("write_crate panicked: {panic}")),
        Ok(Err(e)) => out.push("no-emit-error", format!("write_crate: {e}")),
        Ok(Ok(_)) => {
            let lib = std::fs::read_to_string(crate_dir.join("src/lib.rs")).unwrap_or_default();
            if let Some(parsed) = tokens::check_file("crate src/lib.rs", &lib, out) {
                files.push(("lib.rs".to_string(), parsed));
            }
            let manifest =
                std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap_or_default();
            check_manifest(&manifest, out);
        }
    }
}

/// The manifest is valid TOML (no key twice in a table: a feature named
/// after an API that is also `default` or `blocking`), and spec text
/// reaches it only as the `description` string.
fn check_manifest(text: &str, out: &mut Violations) {
    let document: toml_edit::DocumentMut = match text.parse() {
        Ok(document) => document,
        Err(error) => {
            out.push("valid-manifest", format!("Cargo.toml: {error}"));
            return;
        }
    };
    let markers = |text: &str| text.to_uppercase().matches(MARKER).count();
    let description = document["package"]["description"]
        .as_str()
        .unwrap_or_default();
    if markers(text) > markers(description) {
        out.push(
            "valid-manifest",
            "Cargo.toml holds spec text outside the description".to_string(),
        );
    }
}

/// Accepted defaults satisfy their types as generated code checks them, and
/// accepted patterns accept what they document.
fn check_probes(case: &Case, out: &mut Violations) {
    for probe in &case.probes {
        match probe {
            Probe::Default { param, rule, value } => {
                if !value.is_null() && !satisfies(rule, value) {
                    out.push(
                        "default-satisfies-type",
                        format!("the default {value} of `{param}` is accepted, but its type ({rule:?}) refuses it"),
                    );
                }
            }
            Probe::Pattern {
                ty,
                pattern,
                sample,
            } => {
                if !pattern_accepts(pattern, sample) {
                    out.push(
                        "pattern-works-at-run-time",
                        format!(
                            "type `{ty}` with pattern {pattern:?} is accepted, but at run time it refuses {}, which the pattern matches",
                            shorten(sample)
                        ),
                    );
                }
            }
        }
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 40 {
        format!(
            "{:?}… ({} characters)",
            text.chars().take(20).collect::<String>(),
            text.chars().count()
        )
    } else {
        format!("{text:?}")
    }
}

/// Whether the pattern, as generated code holds it (written back without
/// comments: `ir::pattern::canonical`), accepts `sample` at run time.
fn pattern_accepts(pattern: &str, sample: &str) -> bool {
    let Ok(emitted) = hostapi_codegen::ir::pattern::canonical(pattern) else {
        return false;
    };
    let pattern = hostapi_rules::Pattern::new(Box::leak(emitted.into_boxed_str()));
    hostapi_rules::pattern(sample, &pattern, "the documented pattern").is_ok()
}

/// A default as text, read as generated text types read JSON: a string, or
/// a number as its text.
fn text_of(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A default as an integer, read as generated integer types read JSON: a
/// whole number, a numeric string, or a float without a fraction.
fn integer_of(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Whether `value` passes `rule` as hostapi-rules (what generated types
/// call) decides.
fn satisfies(rule: &Rule, value: &serde_json::Value) -> bool {
    use hostapi_rules as rules;
    match rule {
        Rule::Integer { min, max } => integer_of(value).is_some_and(|n| {
            min.is_none_or(|m| rules::int_min(n, m).is_ok())
                && max.is_none_or(|m| rules::int_max(n, m).is_ok())
        }),
        Rule::Text { lengths, min, max } => text_of(value).is_some_and(|s| {
            let s = s.as_str();
            let lengths: Option<Vec<usize>> = lengths
                .as_ref()
                .map(|l| l.iter().map(|&n| n as usize).collect());
            lengths.is_none_or(|l| rules::length_in(s, &l).is_ok())
                && min.is_none_or(|m| rules::min_length(s, m as usize).is_ok())
                && max.is_none_or(|m| rules::max_length(s, m as usize).is_ok())
        }),
        Rule::Enum {
            values,
            case_insensitive,
        } => text_of(value).is_some_and(|s| {
            let s = s.as_str();
            values.iter().any(|v| {
                if *case_insensitive {
                    v.eq_ignore_ascii_case(s)
                } else {
                    v == s
                }
            })
        }),
        Rule::Pattern(pattern) => text_of(value).is_some_and(|s| pattern_accepts(pattern, &s)),
        Rule::BuiltinString => text_of(value).is_some(),
        Rule::BuiltinInteger => integer_of(value).is_some(),
        // As the runtime's lenient boolean reads it: `true`, `0`/`1`, or
        // those as text in any case.
        Rule::BuiltinBoolean => {
            value.is_boolean()
                || value.as_u64().is_some_and(|n| n <= 1)
                || value.as_str().is_some_and(|s| {
                    let s = s.trim();
                    ["0", "1", "true", "false"]
                        .iter()
                        .any(|w| s.eq_ignore_ascii_case(w))
                })
        }
        Rule::BuiltinFloat => value.is_number(),
    }
}
