//! `hostapi-codegen diff`: two spec files or folders, or the working tree
//! against a git ref; findings in a chosen format, `--explain` and
//! `--list-rules`.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;
use hostapi_codegen::diag::{Severity, did_you_mean};
use hostapi_codegen::diff::render::{self, Format};
use hostapi_codegen::diff::settings::{Overrides, check_bump};
use hostapi_codegen::diff::{self, Comparison, Findings, Level};
use hostapi_codegen::lint;

use super::{FINDINGS, Failure, USAGE_OR_IO, UsesRoot};

const ALONE: [&str; 7] = [
    "paths",
    "base",
    "format",
    "fail_on",
    "config",
    "crate_version",
    "uses_root",
];

#[derive(Args)]
pub struct DiffArgs {
    /// OLD NEW (spec files or folders); with --base, the PATH to compare
    /// [default: spec]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Compare PATH in the working tree with the same path at GIT_REF
    /// (read with `git show`; the working tree is not touched).
    #[arg(long, value_name = "GIT_REF")]
    base: Option<String>,
    /// Output format: text (default), json, markdown, github, sarif or junit.
    #[arg(long, value_name = "FORMAT", value_parser = format)]
    format: Option<Format>,
    /// Exit 1 when a finding is at or above LEVEL: breaking (default),
    /// warning or info.
    #[arg(long, value_name = "LEVEL", value_parser = level)]
    fail_on: Option<Level>,
    /// A YAML file whose `diff.severities` maps rule ids to breaking,
    /// warning, info or off.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The generated crate's old and new versions: a change needing a
    /// bigger bump is a finding (`version-not-bumped`).
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"])]
    crate_version: Vec<String>,
    #[command(flatten)]
    uses: UsesRoot,
    /// Say what a rule means for requests and responses, and why.
    #[arg(long, value_name = "RULE", conflicts_with_all = ALONE)]
    explain: Option<String>,
    /// List every rule with its severity and semver impact.
    #[arg(long, conflicts_with_all = ALONE, conflicts_with = "explain")]
    list_rules: bool,
}

fn format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| format!("expected one of {}", Format::NAMES.join(", ")))
}

fn level(name: &str) -> Result<Level, String> {
    Level::from_name(name).ok_or_else(|| "expected breaking, warning or info".to_string())
}

pub fn run(args: DiffArgs) -> Result<(), Failure> {
    if let Some(id) = &args.explain {
        return explain(id);
    }
    if args.list_rules {
        list_rules();
        return Ok(());
    }
    let overrides = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Failure::usage(format!("{}: {e}", hostapi_codegen::diag::path_text(path)))
            })?;
            Overrides::parse(path, &text).map_err(Failure::usage)?
        }
        None => Overrides::default(),
    };
    let (old, new, checkout) = match &args.base {
        Some(reference) => {
            let path = match args.paths.as_slice() {
                [] => PathBuf::from("spec"),
                [one] => one.clone(),
                _ => return Err(Failure::usage("with --base, give at most one PATH")),
            };
            let checkout = Checkout::of(reference, &path)?;
            (checkout.path.clone(), path, Some(checkout))
        }
        None => match args.paths.as_slice() {
            [old, new] => (old.clone(), new.clone(), None),
            _ => return Err(Failure::usage("give OLD and NEW, or --base GIT_REF")),
        },
    };
    let format = args.format.unwrap_or(Format::Text);
    let fail_on = args.fail_on.unwrap_or(Level::Breaking);
    let options = args.uses.load_options();
    let mut comparison = match diff::diff_paths(&[old], &[new], &options) {
        Ok(comparison) => comparison,
        Err(invalid) => return report_invalid(*invalid, format, checkout.as_ref()),
    };
    if let [from, to] = args.crate_version.as_slice() {
        let mut version = Findings(std::mem::take(&mut comparison.findings));
        let needed = comparison.impact();
        let needed = needed.or_else(|| version.0.iter().map(|f| f.impact).max());
        check_bump(
            &mut version,
            "crate version",
            (from, to),
            needed,
            (None, None),
        );
        comparison.findings = version.0;
    }
    overrides.apply(&mut comparison);
    if let Some(checkout) = &checkout {
        checkout.rename(&mut comparison);
    }
    out!("{}", render::render(&comparison, format, fail_on));
    if comparison.fails(fail_on) {
        return Err(Failure {
            code: FINDINGS,
            message: String::new(),
        });
    }
    Ok(())
}

/// Either side's loader and checker errors, as lint reports them.
fn report_invalid(
    invalid: diff::Invalid,
    format: Format,
    checkout: Option<&Checkout>,
) -> Result<(), Failure> {
    let io = invalid.diagnostics.iter().any(|d| d.code == "io");
    let mut diagnostics = invalid.diagnostics;
    if let Some(checkout) = checkout {
        for d in &mut diagnostics {
            d.file = checkout.shown(&d.file);
        }
    }
    let mut files: Vec<PathBuf> = diagnostics.iter().map(|d| d.file.clone()).collect();
    files.dedup();
    let report = lint::Report::from_findings(files, diagnostics, invalid.loaded);
    let lint_format = match format {
        Format::Text | Format::Markdown => lint::format::Format::Text,
        Format::Json => lint::format::Format::Json,
        Format::Github => lint::format::Format::Github,
        Format::Sarif => lint::format::Format::Sarif,
        Format::Junit => lint::format::Format::Junit,
    };
    out!(
        "{}",
        lint::format::render(&report, lint_format, Severity::Error)
    );
    Err(Failure {
        code: if io { USAGE_OR_IO } else { FINDINGS },
        message: "hostapi-codegen diff: the specs above must be fixed before they can be compared"
            .to_string(),
    })
}

fn list_rules() {
    let width = diff::RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for rule in diff::RULES {
        let effect = |e: diff::registry::Effect| format!("{} {}", e.level, e.impact);
        let sides = if rule.is_directional() {
            format!(
                "request {:14}  response {:14}",
                effect(rule.request),
                effect(rule.response)
            )
        } else {
            format!("{:49}", effect(rule.request))
        };
        outln!("{:width$}  {sides}  {}", rule.id, rule.summary);
    }
}

fn explain(id: &str) -> Result<(), Failure> {
    let Some(rule) = diff::rule(id) else {
        let mut message = format!(
            "`{}` is not a diff rule",
            hostapi_codegen::text::visible(id)
        );
        if let Some(s) = did_you_mean(id, diff::registry::ids()) {
            message.push_str(&format!("; did you mean `{s}`?"));
        }
        message.push_str("\n`hostapi-codegen diff --list-rules` lists every rule");
        return Err(Failure::usage(message));
    };
    out!("{}", rule.explain());
    Ok(())
}

/// The spec files under a path as they are at a git ref, written to a
/// temporary folder (removed on drop) with `git show`.
struct Checkout {
    reference: String,
    root: PathBuf,
    /// Where the path's copy is.
    path: PathBuf,
}

impl Checkout {
    fn of(reference: &str, path: &Path) -> Result<Checkout, Failure> {
        let shown_ref = hostapi_codegen::text::visible(reference).into_owned();
        // A ref starting with `-` would be read as an option.
        let verified = !reference.starts_with('-')
            && git(&[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{reference}^{{commit}}"),
            ])
            .is_ok();
        if !verified {
            return Err(Failure::usage(format!(
                "hostapi-codegen diff: git ref `{shown_ref}` does not exist"
            )));
        }
        let prefix = String::from_utf8_lossy(&git(&["rev-parse", "--show-prefix"])?)
            .trim()
            .to_string();
        let relative = format!("{prefix}{}", path.display()).replace('\\', "/");
        let relative = relative.trim_end_matches('/').to_string();
        let root = std::env::temp_dir().join(format!(
            "hostapi-diff-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let checkout = Checkout {
            reference: shown_ref,
            root: root.clone(),
            path: root.join(&relative),
        };
        std::fs::create_dir_all(&checkout.path).map_err(|e| io(&root, e))?;
        let listed = git(&[
            "ls-tree",
            "-r",
            "--name-only",
            "--full-tree",
            reference,
            "--",
            &relative,
        ])?;
        let listed = String::from_utf8_lossy(&listed).into_owned();
        let mut wrote_file = false;
        for name in listed.lines() {
            if !hostapi_codegen::spec::load::is_spec_file(Path::new(name)) {
                continue;
            }
            let bytes = git(&["show", &format!("{reference}:{name}")])?;
            let target = root.join(name);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
            }
            std::fs::write(&target, bytes).map_err(|e| io(&target, e))?;
            wrote_file |= name == relative;
        }
        // A single file given: the copy is that file, not a folder of it.
        if wrote_file {
            let _ = std::fs::remove_dir(&checkout.path);
        }
        Ok(checkout)
    }

    /// A path inside the copy as `REF:path`; other paths as they are.
    fn shown(&self, path: &Path) -> PathBuf {
        match path.strip_prefix(&self.root) {
            Ok(inside) => PathBuf::from(format!("{}:{}", self.reference, inside.display())),
            Err(_) => path.to_path_buf(),
        }
    }

    fn rename(&self, comparison: &mut Comparison) {
        for finding in &mut comparison.findings {
            for place in [&mut finding.old, &mut finding.new].into_iter().flatten() {
                place.file = self.shown(&place.file);
            }
        }
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn io(path: &Path, error: std::io::Error) -> Failure {
    Failure::usage(format!(
        "{}: {error}",
        hostapi_codegen::diag::path_text(path)
    ))
}

/// Runs git, returning its standard output; a failure is an I/O error that
/// quotes git's message.
fn git(args: &[&str]) -> Result<Vec<u8>, Failure> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| Failure::usage(format!("hostapi-codegen diff: cannot run git: {e}")))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let message = String::from_utf8_lossy(&output.stderr);
        Err(Failure::usage(format!(
            "hostapi-codegen diff: git {} failed: {}",
            args.first().copied().unwrap_or(""),
            hostapi_codegen::text::visible(message.trim())
        )))
    }
}
