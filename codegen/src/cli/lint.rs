//! `hostapi-codegen lint`: findings in a chosen format, `--explain` and
//! `--list-rules`.

use std::path::PathBuf;

use clap::Args;
use hostapi_codegen::diag::{Severity, did_you_mean};
use hostapi_codegen::lint::{self, format::Format};

use super::{FINDINGS, Failure, USAGE_OR_IO, UsesRoot};

const ALONE: [&str; 4] = ["paths", "format", "fail_on", "uses_root"];

#[derive(Args)]
pub struct LintArgs {
    /// Spec files or folders of them [default: spec]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format: text (default), json, sarif, github or junit.
    #[arg(long, value_name = "FORMAT", value_parser = format)]
    format: Option<Format>,
    /// Exit 1 when a finding is at or above LEVEL: error (default),
    /// warning, info or hint.
    #[arg(long, value_name = "LEVEL", value_parser = level)]
    fail_on: Option<Severity>,
    #[command(flatten)]
    uses: UsesRoot,
    /// Say why a rule exists and how to fix what it finds.
    #[arg(long, value_name = "RULE", conflicts_with_all = ALONE)]
    explain: Option<String>,
    /// List every rule with its severity and summary.
    #[arg(long, conflicts_with_all = ALONE, conflicts_with = "explain")]
    list_rules: bool,
}

fn format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| format!("expected one of {}", Format::NAMES.join(", ")))
}

fn level(name: &str) -> Result<Severity, String> {
    Severity::from_name(name).ok_or_else(|| "expected error, warning, info or hint".to_string())
}

pub fn run(args: LintArgs) -> Result<(), Failure> {
    if let Some(id) = &args.explain {
        return explain(id);
    }
    if args.list_rules {
        let width = lint::RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
        for rule in lint::RULES {
            outln!(
                "{:width$}  {:7}  {}",
                rule.id,
                rule.severity.as_str(),
                rule.summary
            );
        }
        return Ok(());
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("spec")]
    } else {
        args.paths
    };
    let fail_on = args.fail_on.unwrap_or(Severity::Error);
    let report = lint::lint_paths_with(&paths, &args.uses.load_options());
    out!(
        "{}",
        lint::format::render(&report, args.format.unwrap_or(Format::Text), fail_on)
    );
    if report.files.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Failure {
            code: USAGE_OR_IO,
            message: format!(
                "hostapi-codegen lint: no spec files (*.yaml, *.yml) under {}",
                names.join(", ")
            ),
        });
    }
    if report.has_io_errors() {
        return Err(Failure {
            code: USAGE_OR_IO,
            message: "hostapi-codegen lint: some paths could not be read (see the `io` findings)"
                .to_string(),
        });
    }
    if report.fails(fail_on) {
        return Err(Failure {
            code: FINDINGS,
            message: String::new(),
        });
    }
    Ok(())
}

fn explain(id: &str) -> Result<(), Failure> {
    let Some(rule) = lint::rule(id) else {
        let mut message = format!("`{id}` is not a rule");
        if let Some(s) = did_you_mean(id, lint::registry::ids()) {
            message.push_str(&format!("; did you mean `{s}`?"));
        }
        message.push_str("\n`hostapi-codegen lint --list-rules` lists every rule");
        return Err(Failure::usage(message));
    };
    out!("{}", rule.explain());
    Ok(())
}
