//! Arguments (clap derive), exit codes and dispatch. Each command lives in
//! a module of its own and returns `Result<(), Failure>`.

mod call;
mod call_wire;
mod diff;
mod export;
mod import;
mod lint;
mod mock;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand};
use hostapi_codegen::spec::load::LoadOptions;

/// Exit codes, the same for every command.
pub const OK: u8 = 0;
/// Spec errors, stale files, lint or diff findings at or above `--fail-on`.
pub const FINDINGS: u8 = 1;
/// Usage errors, I/O errors, paths `generate`/`crate` refused to touch.
pub const USAGE_OR_IO: u8 = 2;

const EXIT_STATUS: &str = "\
Exit status:
  0  success (also for --help and --version)
  1  spec errors, stale files, or lint or diff findings at or above --fail-on
  2  usage or I/O errors (a git ref that does not exist), or paths
     generate/crate refused to touch";

/// Turn hostapi YAML specs into typed Rust clients.
#[derive(Parser)]
#[command(name = "hostapi-codegen", version, propagate_version = true, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate clients (default spec/ -> generated/) and print a summary.
    ///
    /// Lists the files it writes in DIR/.hostapi-generated and overwrites or
    /// removes only those. Anything else in the way (a folder without the
    /// list, a file it did not write) is left alone and named, and the
    /// command exits 2; --force writes there anyway, but still deletes none
    /// of your files and never writes through a symbolic link.
    #[command(after_help = EXIT_STATUS)]
    Generate(GenerateArgs),
    /// Exit 1, naming the stale files, if DIR differs from what PATH produces.
    #[command(after_help = EXIT_STATUS)]
    Check(CheckArgs),
    /// Write a complete crate for the spec(s) at PATH, publishable as it is.
    ///
    /// The crate depends on hostapi-runtime by version (or by a relative
    /// path with --runtime-path) and gets a README listing its APIs. Files
    /// are written as `generate` writes them: only its own are overwritten.
    #[command(after_help = EXIT_STATUS)]
    Crate(write::CrateArgs),
    /// Print (or write) the JSON Schema of the spec format.
    #[command(after_help = EXIT_STATUS)]
    Schema {
        /// Write the schema to FILE instead of standard output (a FILE that
        /// is not an earlier schema is replaced only with --force).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE even if hostapi-codegen did not write it.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Check specs and report every finding with its rule id.
    #[command(after_help = EXIT_STATUS)]
    Lint(lint::LintArgs),
    /// Say what a spec change does to clients and to the generated crate.
    #[command(after_help = EXIT_STATUS)]
    Diff(diff::DiffArgs),
    /// Turn another format's documentation into a spec.
    #[command(after_help = EXIT_STATUS, subcommand_required = true)]
    Import {
        #[command(subcommand)]
        format: import::ImportFormat,
    },
    /// Write a spec's APIs in another format (OpenAPI 3.1).
    #[command(after_help = EXIT_STATUS, subcommand_required = true)]
    Export {
        #[command(subcommand)]
        format: export::ExportFormat,
    },
    /// Serve every API of a spec as a mock server that checks requests.
    ///
    /// Each API answers in its own wire style: refusals in the vendor's
    /// error format, valid requests with answers synthesized from the
    /// documented return types, deterministic for --seed.
    #[command(after_help = mock::MOCK_HELP)]
    Mock(mock::MockArgs),
    /// Call any method of a spec's APIs, checking the parameters first.
    ///
    /// `call --list` lists the methods; `call API METHOD --help` prints a
    /// method's parameters with their types, rules and whether required.
    #[command(after_help = call::CALL_HELP)]
    Call(call::CallArgs),
    /// Print a shell completion script (bash, elvish, fish, powershell, zsh).
    #[command(after_help = EXIT_STATUS)]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

/// Where `uses` may reach, shared by every command that reads specs.
#[derive(Args)]
struct UsesRoot {
    /// Let a spec's `uses` reach spec files anywhere under DIR (by default
    /// only under the spec folder, or the folder of the spec file given).
    #[arg(long, value_name = "DIR")]
    uses_root: Option<PathBuf>,
}

impl UsesRoot {
    fn load_options(self) -> LoadOptions {
        LoadOptions {
            uses_root: self.uses_root,
        }
    }
}

#[derive(Args)]
struct GenerateArgs {
    /// A spec file or a folder of them.
    #[arg(long, value_name = "PATH", default_value = "spec")]
    spec: PathBuf,
    /// The folder to write the modules into.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    out: PathBuf,
    /// Write into a folder without the list, over files it did not write.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    uses: UsesRoot,
}

#[derive(Args)]
struct CheckArgs {
    /// A spec file or a folder of them.
    #[arg(long, value_name = "PATH", default_value = "spec")]
    spec: PathBuf,
    /// The folder of generated modules to compare.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    out: PathBuf,
    #[command(flatten)]
    uses: UsesRoot,
}

/// Exit code and message of a failed command.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: USAGE_OR_IO,
            message: message.into(),
        }
    }
}

impl From<hostapi_codegen::Error> for Failure {
    fn from(error: hostapi_codegen::Error) -> Failure {
        // An unreadable spec is an I/O error, as it is for `lint`.
        let code = match &error {
            hostapi_codegen::Error::Spec(found) if !found.0.iter().any(|d| d.code == "io") => {
                FINDINGS
            }
            _ => USAGE_OR_IO,
        };
        Failure {
            code,
            message: error.to_string(),
        }
    }
}

/// Parses the arguments, runs the command and turns the outcome into the
/// documented exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout and exit 0; usage errors to
            // stderr with 2. A closed pipe is not worth a panic.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { USAGE_OR_IO } else { OK });
        }
    };
    let result = match cli.command {
        Command::Generate(args) => write::generate(args),
        Command::Check(args) => write::check(args),
        Command::Crate(args) => write::make_crate(args),
        Command::Schema { out, force } => write::schema(out, force),
        Command::Lint(args) => lint::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Import { format } => import::run(format),
        Command::Export { format } => export::run(format),
        Command::Mock(args) => mock::run(args),
        Command::Call(args) => call::run(args, || {
            if let Some(call) = Cli::command().find_subcommand_mut("call") {
                let _ = call.print_long_help();
            }
        }),
        Command::Completions { shell } => {
            completions(shell);
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::from(OK),
        Err(failure) => {
            if !failure.message.is_empty() {
                errln!("{}", failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}

fn completions(shell: clap_complete::Shell) {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "hostapi-codegen", &mut script);
    out!("{}", String::from_utf8_lossy(&script));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_argument_definitions_are_consistent() {
        Cli::command().debug_assert();
    }
}
