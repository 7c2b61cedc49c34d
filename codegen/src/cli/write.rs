//! The commands that write or compare generated files: `generate`, `check`,
//! `crate` and `schema`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;
use hostapi_codegen::output::{
    self, CrateOptions, Refused, RuntimeDependency, Staleness, WriteOptions, WriteReport,
    cargo_toml,
};

use super::{CheckArgs, FINDINGS, Failure, GenerateArgs, USAGE_OR_IO, UsesRoot};

#[derive(Args)]
pub struct CrateArgs {
    /// A spec file or a folder of them.
    #[arg(long, value_name = "PATH")]
    spec: PathBuf,
    /// The crate's folder.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The crate's name: letters, digits, `-` and `_`, starting with a letter.
    #[arg(long, value_parser = crate_name)]
    name: String,
    /// Also depend on hostapi-runtime by this path (written relative to the
    /// crate), for local development; by version alone without it.
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<PathBuf>,
    /// `rust-version` of the crate [default: the runtime's]
    #[arg(long, value_name = "VERSION", value_parser = rust_version)]
    rust_version: Option<String>,
    /// `description` of the crate [default: from the APIs' titles]
    #[arg(long, value_name = "TEXT", value_parser = description)]
    description: Option<String>,
    /// `license` of the crate, an SPDX expression [default: none]
    #[arg(long, value_name = "SPDX", value_parser = license)]
    license: Option<String>,
    /// Write into a folder without the list, over files it did not write.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    uses: UsesRoot,
}

fn crate_name(text: &str) -> Result<String, String> {
    cargo_toml::check_crate_name(text).map(|()| text.to_string())
}

fn rust_version(text: &str) -> Result<String, String> {
    cargo_toml::check_rust_version(text).map(|()| text.to_string())
}

fn description(text: &str) -> Result<String, String> {
    cargo_toml::check_description(text).map(|()| text.to_string())
}

fn license(text: &str) -> Result<String, String> {
    cargo_toml::check_license(text).map(|()| text.to_string())
}

pub fn generate(args: GenerateArgs) -> Result<(), Failure> {
    let load = args.uses.load_options();
    let started = Instant::now();
    let generated = hostapi_codegen::generate_with(&args.spec, &load)?;
    let ws = &generated.workspace;
    let counts = format!(
        "{} APIs, {} sections, {} methods, {} types",
        ws.apis.len(),
        ws.section_count(),
        ws.method_count(),
        ws.type_count()
    );
    // Only the files are needed from here: free the IR before writing.
    let files = generated.files;
    drop(generated.workspace);
    let options = WriteOptions { force: args.force };
    let report = output::write_files(&args.out, &files, options)?;
    outln!(
        "generated {counts} into {} ({}) in {:.1} ms",
        args.out.display(),
        report.counts(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    finish_write(&args.out, &report)
}

/// Names each removed file (stdout) and each refusal (stderr); refusals
/// exit 2: the output is not what was asked for.
fn finish_write(out: &Path, report: &WriteReport) -> Result<(), Failure> {
    for path in &report.removed {
        outln!("removed {} (no longer generated)", out.join(path).display());
    }
    if report.refused.is_empty() {
        return Ok(());
    }
    let mut message: Vec<String> = report
        .refused
        .iter()
        .map(|r| format!("refused: {}", r.describe(out)))
        .collect();
    // A refused folder got nothing; otherwise everything else was written.
    if !report
        .refused
        .iter()
        .any(|r| r.why == Refused::ForeignFolder)
    {
        message.push(format!(
            "{} path(s) in {} left alone; everything else was written",
            report.refused.len(),
            out.display()
        ));
    }
    Err(Failure {
        code: USAGE_OR_IO,
        message: message.join("\n"),
    })
}

pub fn check(args: CheckArgs) -> Result<(), Failure> {
    let (spec, out) = (&args.spec, &args.out);
    let generated = hostapi_codegen::generate_with(spec, &args.uses.load_options())?;
    let stale = output::stale_files(out, &generated.files)?;
    if stale.is_empty() {
        outln!("{} is up to date with {}", out.display(), spec.display());
        return Ok(());
    }
    let mut message = format!(
        "{} is stale: {} file(s) differ from what {} produces:",
        out.display(),
        stale.len(),
        spec.display()
    );
    for (path, why) in &stale {
        let why = match why {
            Staleness::Missing => "missing",
            Staleness::Changed => "changed",
            Staleness::Extra => "no longer generated",
        };
        message.push_str(&format!("\n  {} ({why})", out.join(path).display()));
    }
    message.push_str(&format!(
        "\nrun `hostapi-codegen generate --spec {} --out {}` and commit the result",
        spec.display(),
        out.display()
    ));
    Err(Failure {
        code: FINDINGS,
        message,
    })
}

pub fn make_crate(args: CrateArgs) -> Result<(), Failure> {
    let runtime = match &args.runtime_path {
        Some(dir) => RuntimeDependency::path_from(&args.out, dir).map_err(Failure::usage)?,
        None => RuntimeDependency::Registry,
    };
    let options = CrateOptions {
        name: args.name,
        description: args.description,
        license: args.license,
        rust_version: args.rust_version,
        runtime,
    };
    let started = Instant::now();
    let generated = hostapi_codegen::generate_with(&args.spec, &args.uses.load_options())?;
    let ws = &generated.workspace;
    let counts = format!("{} APIs, {} methods", ws.apis.len(), ws.method_count());
    let files = output::crate_files(&options, ws, generated.files)?;
    // Only the files are needed from here: free the IR before writing.
    drop(generated.workspace);
    let report = output::write_files(&args.out, &files, WriteOptions { force: args.force })?;
    outln!(
        "wrote crate `{}` to {} ({counts}; {}) in {:.1} ms",
        options.name,
        args.out.display(),
        report.counts(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    finish_write(&args.out, &report)
}

pub fn schema(out: Option<PathBuf>, force: bool) -> Result<(), Failure> {
    let schema = hostapi_codegen::schema::spec_schema();
    match out {
        Some(path) => write_named_file(&path, schema.as_bytes(), is_spec_schema, force),
        None => {
            out!("{schema}");
            Ok(())
        }
    }
}

/// Writes the one file a command's `--out` names. A file already there is
/// replaced only when `ours` recognises it as this command's earlier
/// output, or with `force`: `--out` names where to write, not permission to
/// destroy a user's file given by mistake.
pub fn write_named_file(
    path: &Path,
    contents: &[u8],
    ours: fn(&[u8]) -> bool,
    force: bool,
) -> Result<(), Failure> {
    if !force {
        match std::fs::read(path) {
            Ok(current) if !ours(&current) => {
                return Err(Failure {
                    code: USAGE_OR_IO,
                    message: format!(
                        "refused: {} exists and is not an earlier output of this command; \
                         pass --force to replace it",
                        path.display()
                    ),
                });
            }
            // Absent, ours, or unreadable (the write then reports why).
            _ => {}
        }
    }
    Ok(output::write_atomic(path, contents)?)
}

/// An earlier `schema --out`: the schema's title near its start.
fn is_spec_schema(contents: &[u8]) -> bool {
    let head = &contents[..contents.len().min(512)];
    head.starts_with(b"{")
        && head
            .windows(SCHEMA_TITLE.len())
            .any(|window| window == SCHEMA_TITLE)
}

const SCHEMA_TITLE: &[u8] = b"\"title\": \"hostapi spec file";
