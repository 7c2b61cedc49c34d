//! `hostapi-codegen import FORMAT …`: other documentation formats to specs.

use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, Subcommand};
use hostapi_codegen::import::{self, ImportError, liquidweb};
use hostapi_codegen::output;

use super::{EXIT_STATUS, FINDINGS, Failure, USAGE_OR_IO};

#[derive(Subcommand)]
pub enum ImportFormat {
    /// Turn Liquid Web's docs.json into a spec, merged with the overlay.
    ///
    /// Prints what it could not map one-to-one. With --check, writes nothing
    /// and exits 1 if SPEC differs from a fresh import.
    #[command(after_help = EXIT_STATUS)]
    LiquidwebDocs(LiquidwebArgs),
}

#[derive(Args)]
pub struct LiquidwebArgs {
    /// Liquid Web's machine-readable docs.
    #[arg(value_name = "DOCS.json")]
    docs: PathBuf,
    /// The spec to write (or compare with --check).
    #[arg(long, value_name = "SPEC")]
    out: PathBuf,
    /// Hand-written transcriptions that win [default: SPEC with .overlay.yaml]
    #[arg(long, value_name = "FILE")]
    overlay: Option<PathBuf>,
    /// Write nothing; exit 1 naming the first line where SPEC differs.
    #[arg(long)]
    check: bool,
}

pub fn run(format: ImportFormat) -> Result<(), Failure> {
    match format {
        ImportFormat::LiquidwebDocs(args) => liquidweb_docs(args),
    }
}

fn failed(error: ImportError) -> Failure {
    let code = match error {
        ImportError::Io { .. } | ImportError::Write(_) | ImportError::Imported(_) => USAGE_OR_IO,
        _ => FINDINGS,
    };
    Failure {
        code,
        message: error.to_string(),
    }
}

fn liquidweb_docs(args: LiquidwebArgs) -> Result<(), Failure> {
    let mut options = liquidweb::Options::new(args.docs, args.out);
    if let Some(overlay) = args.overlay {
        options.overlay = overlay;
    }
    let started = Instant::now();
    let imported = liquidweb::import(&options).map_err(failed)?;
    if args.check {
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
                code: FINDINGS,
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
        output::write_atomic(&options.out, imported.text.as_bytes())?;
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
