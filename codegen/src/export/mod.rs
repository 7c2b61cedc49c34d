//! Other formats from the checked IR, so what is exported is what is
//! generated: [`openapi`] writes an OpenAPI 3.1 document per API, with
//! [`schema`] turning named types and records into JSON Schema.

mod json;
pub mod openapi;
mod pattern;
pub mod schema;

use std::path::Path;

use crate::Error;
use crate::ir::Workspace;
use crate::spec::load::{LoadOptions, load_paths_with};

/// Loads and checks every API under `spec` (a file or folder), as
/// `generate` does, without emitting Rust.
pub fn checked_workspace(spec: &Path, options: &LoadOptions) -> Result<Workspace, Error> {
    let set = load_paths_with(&[spec.to_path_buf()], options).map_err(Error::Spec)?;
    if set.files.is_empty() {
        return Err(Error::Io {
            path: spec.to_path_buf(),
            error: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no spec files (*.yaml, *.yml) here",
            ),
        });
    }
    crate::ir::build(&set).map_err(Error::Spec)
}

/// Spec text for a CommonMark field (`description`): each `<` as the
/// entity `&lt;`, so no renderer reads raw HTML or an autolink into it
/// (a backslash escape could itself be escaped by the text before it);
/// everything else reads as the spec wrote it.
pub fn markdown(text: &str) -> String {
    text.replace('<', "&lt;")
}
