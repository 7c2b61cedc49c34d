//! `hostapi-codegen export FORMAT …`: a spec's APIs in other formats.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use hostapi_codegen::export::{self, openapi};

use super::{EXIT_STATUS, Failure, UsesRoot};

#[derive(Subcommand)]
pub enum ExportFormat {
    /// Write an API as an OpenAPI 3.1 document (JSON).
    ///
    /// Constraints become JSON Schema keywords where one says them, with the
    /// vendor's phrase as `description`; the rest (sets of lengths, "3 of 4
    /// character classes", formats JSON Schema lacks) are stated in
    /// `x-hostapi-rule`. A spec with several APIs needs --api.
    #[command(after_help = EXIT_STATUS)]
    Openapi(OpenapiArgs),
}

#[derive(Args)]
pub struct OpenapiArgs {
    /// A spec file or a folder of them.
    #[arg(long, value_name = "PATH", default_value = "spec")]
    spec: PathBuf,
    /// The API to export, by module name [default: the spec's only API]
    #[arg(long, value_name = "NAME")]
    api: Option<String>,
    /// Write the document to FILE instead of standard output (a FILE that
    /// is not an earlier export is replaced only with --force).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace FILE even if hostapi-codegen did not write it.
    #[arg(long, requires = "out")]
    force: bool,
    #[command(flatten)]
    uses: UsesRoot,
}

pub fn run(format: ExportFormat) -> Result<(), Failure> {
    match format {
        ExportFormat::Openapi(args) => openapi(args),
    }
}

fn openapi(args: OpenapiArgs) -> Result<(), Failure> {
    let workspace = export::checked_workspace(&args.spec, &args.uses.load_options())?;
    let modules: Vec<&str> = workspace.apis.iter().map(|a| a.module.as_str()).collect();
    let api = match &args.api {
        Some(name) => workspace.apis.iter().find(|a| &a.module == name),
        None if workspace.apis.len() == 1 => workspace.apis.first(),
        None => None,
    };
    let Some(api) = api else {
        let wanted = match &args.api {
            Some(name) => format!(
                "{} has no API `{}`",
                args.spec.display(),
                name.escape_debug()
            ),
            None => format!("{} has {} APIs", args.spec.display(), modules.len()),
        };
        return Err(Failure::usage(format!(
            "{wanted}; name one with --api: {}",
            modules.join(", ")
        )));
    };
    let text = openapi::render(&workspace, api).map_err(Failure::usage)?;
    match &args.out {
        Some(path) => {
            super::write::write_named_file(path, text.as_bytes(), openapi::is_export, args.force)?;
            outln!(
                "exported {} ({} methods) as OpenAPI {} to {}",
                api.module,
                api.method_count(),
                openapi::OPENAPI_VERSION,
                path.display()
            );
            Ok(())
        }
        None => {
            out!("{text}");
            Ok(())
        }
    }
}
