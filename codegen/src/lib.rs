//! hostapi-codegen: reads hostapi YAML specs, checks them and emits typed,
//! validating Rust clients.
//!
//! The pipeline, one module each:
//! [`spec`] (the format and loading it with positions) →
//! [`ir`] (checking and resolving into an intermediate representation) →
//! [`emit`] (Rust tokens, checked by syn, laid out by prettyplease) →
//! [`output`] (writing files atomically, freshness checks, standalone crates).
//! [`import`] turns a vendor's machine-readable docs into spec YAML.
//! [`build`] is the entry point for `build.rs`; [`lint`] checks specs for CI
//! (everything generation would reject, and more); [`diff`] says what a
//! spec change does to clients and to the generated crate; [`mock`]
//! (feature `mock`) serves a spec's APIs as a checking mock server;
//! [`export`] writes other formats (OpenAPI 3.1) from the checked IR.

pub mod build;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod export;
pub mod import;
pub mod ir;
pub mod lint;
#[cfg(feature = "mock")]
pub mod mock;
pub mod naming;
pub mod output;
pub mod schema;
pub mod spec;
pub mod text;

use std::fmt;
use std::path::{Path, PathBuf};

pub use diag::{Diagnostic, Diagnostics, Severity};
pub use emit::GeneratedFile;

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// The specs have errors; each names file, line and column.
    Spec(Diagnostics),
    /// A generator bug: emitted code did not parse.
    Emit(emit::EmitError),
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// An option for the generated crate is not valid (`--rust-version x`).
    Options(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(diagnostics) => write!(f, "{diagnostics}"),
            Error::Emit(error) => write!(f, "{error}"),
            Error::Io { path, error } => write!(f, "{}: {error}", path.display()),
            Error::Options(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

/// A generation run: what was read and what was made.
#[derive(Debug)]
pub struct Generated {
    pub workspace: ir::Workspace,
    pub files: Vec<GeneratedFile>,
    /// Every spec file read, for build-script change tracking.
    pub inputs: Vec<PathBuf>,
}

/// Loads, checks and emits every API under `spec` (a file or directory).
pub fn generate(spec: &Path) -> Result<Generated, Error> {
    generate_with(spec, &spec::load::LoadOptions::default())
}

/// [`generate`] with loading options (how far `uses` may reach).
pub fn generate_with(spec: &Path, options: &spec::load::LoadOptions) -> Result<Generated, Error> {
    let set = spec::load::load_paths_with(&[spec.to_path_buf()], options).map_err(Error::Spec)?;
    // Nothing to generate is a wrong path, not an empty API: writing would
    // remove every file generated before.
    if set.files.is_empty() {
        return Err(Error::Io {
            path: spec.to_path_buf(),
            error: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no spec files (*.yaml, *.yml) here",
            ),
        });
    }
    let workspace = ir::build(&set).map_err(Error::Spec)?;
    let inputs = set.files.keys().cloned().collect();
    // The IR holds everything emitting needs: free the spec model (and the
    // sources) first, so the two are never in memory beside the output.
    drop(set);
    let spec = spec::load::normalize(spec);
    let root = if spec.is_dir() {
        spec.as_path()
    } else {
        spec.parent().unwrap_or(Path::new(""))
    };
    let files = emit::emit(&workspace, root).map_err(Error::Emit)?;
    Ok(Generated {
        workspace,
        files,
        inputs,
    })
}

/// The README's Rust examples, compiled as doctests so they cannot drift
/// from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
