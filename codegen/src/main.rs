//! The `hostapi-codegen` command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use hostapi_codegen::diag::{Severity, did_you_mean};
use hostapi_codegen::lint::{self, format::Format};
use hostapi_codegen::output::{self, Refused, Staleness, WriteOptions, WriteReport};
use hostapi_codegen::spec::load::LoadOptions;

// `println!` and friends panic when the reader goes away (`| head`); the
// command line stops writing quietly instead.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

const USAGE: &str = "\
hostapi-codegen: turn hostapi YAML specs into typed Rust clients

Usage:
  hostapi-codegen generate [--spec PATH] [--out DIR] [--force] [--uses-root DIR]
      Generate clients (default spec/ -> generated/) and print a summary.
  hostapi-codegen check [--spec PATH] [--out DIR] [--uses-root DIR]
      Exit 1, naming the stale files, if DIR differs from what PATH produces.
  hostapi-codegen crate --spec PATH --out DIR --name NAME [--force] [--uses-root DIR]
      Write a complete, buildable crate for the spec(s) at PATH.
      generate and crate list the files they write in DIR/.hostapi-generated
      and overwrite or remove only those. Anything else in the way (a folder
      without the list, a file they did not write) is left alone and named,
      and they exit 2; --force writes there anyway, but still deletes none
      of your files and never writes through a symbolic link.
      `uses` in a spec reaches only spec files under the spec folder (or the
      folder of the spec file given); --uses-root DIR widens that to DIR.
  hostapi-codegen schema [--out FILE]
      Print (or write) the JSON Schema of the spec format.
  hostapi-codegen lint [PATH...] [--format FORMAT] [--fail-on LEVEL] [--uses-root DIR]
      Check the specs under PATH (default spec/) and report every finding
      with its rule id. FORMAT: text (default), json, sarif, github, junit.
      Exit 1 when a finding is at or above LEVEL: error (default), warning,
      info or hint.
  hostapi-codegen lint --explain RULE
  hostapi-codegen lint --list-rules
      Explain one rule (why it exists, how to fix it), or list every rule.
  hostapi-codegen import liquidweb-docs DOCS.json --out SPEC [--overlay FILE] [--check]
      Turn Liquid Web's docs.json into the spec SPEC, merged with the overlay
      (default: SPEC's name with .overlay.yaml). Prints what it could not map.
      With --check, write nothing and exit 1 if SPEC differs from the import.

Exit status: 0 success, 1 spec errors, stale files or lint findings, 2 usage
or I/O errors, or paths generate/crate left alone.";

/// Exit code and message of a failed command.
struct Failure {
    code: u8,
    message: String,
}

fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: 2,
        message: format!("{}\n\n{USAGE}", message.into()),
    }
}

fn from_error(error: hostapi_codegen::Error) -> Failure {
    let code = match error {
        hostapi_codegen::Error::Spec(_) => 1,
        _ => 2,
    };
    Failure {
        code,
        message: error.to_string(),
    }
}

struct Args {
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    name: Option<String>,
    force: bool,
    load: LoadOptions,
}

fn parse_args(args: &[String], allowed: &[&str]) -> Result<Args, Failure> {
    let mut parsed = Args {
        spec: None,
        out: None,
        name: None,
        force: false,
        load: LoadOptions::default(),
    };
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        if !allowed.contains(&flag.as_str()) {
            return Err(usage(format!("unexpected argument `{flag}`")));
        }
        if flag == "--force" {
            parsed.force = true;
            continue;
        }
        let value = iter
            .next()
            .ok_or_else(|| usage(format!("`{flag}` needs a value")))?
            .clone();
        match flag.as_str() {
            "--spec" => parsed.spec = Some(value.into()),
            "--out" => parsed.out = Some(value.into()),
            "--name" => parsed.name = Some(value),
            "--uses-root" => parsed.load.uses_root = Some(value.into()),
            _ => unreachable!("flags are checked against `allowed` above"),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") => generate(&args[1..]),
        Some("check") => check(&args[1..]),
        Some("crate") => make_crate(&args[1..]),
        Some("schema") => schema(&args[1..]),
        Some("lint") => run_lint(&args[1..]),
        Some("import") => import(&args[1..]),
        Some("-h" | "--help" | "help") => {
            outln!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(usage(format!("unknown command `{other}`"))),
        None => Err(usage("no command given")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                errln!("{}", failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}

fn generate(args: &[String]) -> Result<(), Failure> {
    let args = parse_args(args, &["--spec", "--out", "--force", "--uses-root"])?;
    let spec = args.spec.unwrap_or_else(|| "spec".into());
    let out = args.out.unwrap_or_else(|| "generated".into());
    let started = Instant::now();
    let generated = hostapi_codegen::generate_with(&spec, &args.load).map_err(from_error)?;
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
    let report = output::write_files(&out, &files, options).map_err(from_error)?;
    let elapsed = started.elapsed();
    outln!(
        "generated {counts} into {} ({}) in {:.1} ms",
        out.display(),
        report.counts(),
        elapsed.as_secs_f64() * 1000.0
    );
    finish_write(&out, &report)
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
        code: 2,
        message: message.join("\n"),
    })
}

fn check(args: &[String]) -> Result<(), Failure> {
    let args = parse_args(args, &["--spec", "--out", "--uses-root"])?;
    let spec = args.spec.unwrap_or_else(|| "spec".into());
    let out = args.out.unwrap_or_else(|| "generated".into());
    let generated = hostapi_codegen::generate_with(&spec, &args.load).map_err(from_error)?;
    let stale = output::stale_files(&out, &generated.files).map_err(from_error)?;
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
    Err(Failure { code: 1, message })
}

fn make_crate(args: &[String]) -> Result<(), Failure> {
    let args = parse_args(
        args,
        &["--spec", "--out", "--name", "--force", "--uses-root"],
    )?;
    let (Some(spec), Some(out), Some(name)) = (args.spec, args.out, args.name) else {
        return Err(usage("`crate` needs --spec, --out and --name"));
    };
    if !is_crate_name(&name) {
        return Err(usage(format!(
            "`{name}` is not a valid crate name (letters, digits, `-` and `_`, starting with a letter)"
        )));
    }
    let started = Instant::now();
    let generated = hostapi_codegen::generate_with(&spec, &args.load).map_err(from_error)?;
    let runtime = runtime_dir();
    let ws = &generated.workspace;
    let counts = format!("{} APIs, {} methods", ws.apis.len(), ws.method_count());
    let files = output::crate_files(&name, ws, generated.files, &runtime).map_err(from_error)?;
    // Only the files are needed from here: free the IR before writing.
    drop(generated.workspace);
    let report = output::write_files(&out, &files, WriteOptions { force: args.force })
        .map_err(from_error)?;
    outln!(
        "wrote crate `{name}` to {} ({counts}; {}) in {:.1} ms",
        out.display(),
        report.counts(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    finish_write(&out, &report)
}

/// hostapi-runtime's directory in this source tree.
fn runtime_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("runtime");
    dir.canonicalize().unwrap_or(dir)
}

fn is_crate_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn schema(args: &[String]) -> Result<(), Failure> {
    let args = parse_args(args, &["--out"])?;
    let schema = hostapi_codegen::schema::spec_schema();
    match args.out {
        Some(path) => output::write_atomic(&path, schema.as_bytes()).map_err(from_error),
        None => {
            out!("{schema}");
            Ok(())
        }
    }
}

struct LintArgs {
    paths: Vec<PathBuf>,
    format: Option<Format>,
    fail_on: Option<Severity>,
    explain: Option<String>,
    list: bool,
    load: LoadOptions,
}

fn parse_lint_args(args: &[String]) -> Result<LintArgs, Failure> {
    let mut parsed = LintArgs {
        paths: Vec::new(),
        format: None,
        fail_on: None,
        explain: None,
        list: false,
        load: LoadOptions::default(),
    };
    let mut iter = args.iter();
    let mut flags_done = false;
    while let Some(arg) = iter.next() {
        if flags_done || !arg.starts_with('-') || arg == "-" {
            parsed.paths.push(arg.into());
            continue;
        }
        let mut value = |flag: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| usage(format!("`{flag}` needs a value")))
        };
        match arg.as_str() {
            "--" => flags_done = true,
            "--list-rules" => parsed.list = true,
            "--format" => {
                let name = value("--format")?;
                let format = Format::from_name(&name).ok_or_else(|| {
                    usage(format!(
                        "unknown format `{name}`; expected one of {}",
                        Format::NAMES.join(", ")
                    ))
                })?;
                if parsed.format.replace(format).is_some() {
                    return Err(usage("`--format` is given twice"));
                }
            }
            "--fail-on" => {
                let name = value("--fail-on")?;
                let level = Severity::from_name(&name).ok_or_else(|| {
                    usage(format!(
                        "unknown level `{name}` for --fail-on; expected error, warning, info or hint"
                    ))
                })?;
                if parsed.fail_on.replace(level).is_some() {
                    return Err(usage("`--fail-on` is given twice"));
                }
            }
            "--uses-root" => {
                let root = value("--uses-root")?;
                if parsed.load.uses_root.replace(root.into()).is_some() {
                    return Err(usage("`--uses-root` is given twice"));
                }
            }
            "--explain" => {
                let rule = value("--explain")?;
                if parsed.explain.replace(rule).is_some() {
                    return Err(usage("`--explain` is given twice"));
                }
            }
            other => return Err(usage(format!("unexpected argument `{other}`"))),
        }
    }
    let alone = parsed.paths.is_empty()
        && parsed.format.is_none()
        && parsed.fail_on.is_none()
        && parsed.load.uses_root.is_none();
    if (parsed.explain.is_some() || parsed.list) && !alone {
        return Err(usage(
            "`--explain` and `--list-rules` take no paths, --format, --fail-on or --uses-root",
        ));
    }
    if parsed.explain.is_some() && parsed.list {
        return Err(usage("give either `--explain RULE` or `--list-rules`"));
    }
    Ok(parsed)
}

fn run_lint(args: &[String]) -> Result<(), Failure> {
    let args = parse_lint_args(args)?;
    if let Some(id) = &args.explain {
        let Some(rule) = lint::rule(id) else {
            let mut message = format!("`{id}` is not a rule");
            if let Some(s) = did_you_mean(id, lint::registry::ids()) {
                message.push_str(&format!("; did you mean `{s}`?"));
            }
            message.push_str("\n`hostapi-codegen lint --list-rules` lists every rule");
            return Err(Failure { code: 2, message });
        };
        out!("{}", rule.explain());
        return Ok(());
    }
    if args.list {
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
    let report = lint::lint_paths_with(&paths, &args.load);
    out!(
        "{}",
        lint::format::render(&report, args.format.unwrap_or(Format::Text), fail_on)
    );
    if report.files.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Failure {
            code: 2,
            message: format!(
                "hostapi-codegen lint: no spec files (*.yaml, *.yml) under {}",
                names.join(", ")
            ),
        });
    }
    if report.has_io_errors() {
        return Err(Failure {
            code: 2,
            message: "hostapi-codegen lint: some paths could not be read (see the `io` findings)"
                .to_string(),
        });
    }
    if report.fails(fail_on) {
        return Err(Failure {
            code: 1,
            message: String::new(),
        });
    }
    Ok(())
}

fn import(args: &[String]) -> Result<(), Failure> {
    use hostapi_codegen::import::{self, ImportError, liquidweb};
    let Some((format, rest)) = args.split_first() else {
        return Err(usage("`import` needs a format: liquidweb-docs"));
    };
    if format != "liquidweb-docs" {
        return Err(usage(format!(
            "unknown import format `{format}` (known: liquidweb-docs)"
        )));
    }
    let mut docs = None;
    let mut out = None;
    let mut overlay = None;
    let mut check = false;
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--out" | "--overlay" => {
                let value = iter
                    .next()
                    .ok_or_else(|| usage(format!("`{arg}` needs a value")))?;
                let slot = if arg == "--out" {
                    &mut out
                } else {
                    &mut overlay
                };
                *slot = Some(PathBuf::from(value));
            }
            flag if flag.starts_with("--") => {
                return Err(usage(format!("unexpected argument `{flag}`")));
            }
            path if docs.is_none() => docs = Some(PathBuf::from(path)),
            extra => return Err(usage(format!("unexpected argument `{extra}`"))),
        }
    }
    let (Some(docs), Some(out)) = (docs, out) else {
        return Err(usage(
            "`import liquidweb-docs` needs DOCS.json and --out SPEC",
        ));
    };
    let mut options = liquidweb::Options::new(docs, out);
    if let Some(overlay) = overlay {
        options.overlay = overlay;
    }
    let started = Instant::now();
    let failed = |error: ImportError| {
        let code = match error {
            ImportError::Io { .. } | ImportError::Write(_) | ImportError::Imported(_) => 2,
            _ => 1,
        };
        Failure {
            code,
            message: error.to_string(),
        }
    };
    let imported = liquidweb::import(&options).map_err(failed)?;
    if check {
        errln!("import report: {}", imported.report.summary());
        return match import::drift(&options.out, &imported.text).map_err(failed)? {
            None => {
                outln!(
                    "{} is up to date with {}",
                    options.out.display(),
                    options.docs.display()
                );
                Ok(())
            }
            Some(drift) => Err(Failure {
                code: 1,
                message: format!(
                    "{drift}\nrun `hostapi-codegen import liquidweb-docs {} --out {}` and commit the result",
                    options.docs.display(),
                    options.out.display()
                ),
            }),
        };
    }
    for item in &imported.report.items {
        errln!("{item}");
    }
    errln!("import report: {}", imported.report.summary());
    let unchanged = std::fs::read(&options.out).is_ok_and(|old| old == imported.text.as_bytes());
    if !unchanged {
        output::write_atomic(&options.out, imported.text.as_bytes()).map_err(from_error)?;
    }
    outln!(
        "imported {} sections, {} methods ({} from the overlay), {} made types into {}{} in {:.1} ms",
        imported.sections,
        imported.methods,
        imported.from_overlay,
        imported.types,
        options.out.display(),
        if unchanged { " (unchanged)" } else { "" },
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
