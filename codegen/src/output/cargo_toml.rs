//! The standalone crate's `Cargo.toml`. Every value is written as a quoted
//! TOML string, so no name, path or description can end a string or open a
//! table; options a user gives are checked as cargo would check them.

use std::fmt::Write;
use std::path::{Component, Path, PathBuf};

use crate::ir::Workspace;

/// The version of hostapi-runtime this generator writes code for (a test
/// keeps it equal to `runtime/Cargo.toml`'s).
pub const RUNTIME_VERSION: &str = "0.1.0";

/// The oldest Rust the runtime builds with (a test keeps it equal to the
/// workspace's `rust-version`): the generated crate's default.
pub const RUNTIME_RUST_VERSION: &str = "1.89";

/// How the generated crate finds hostapi-runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// From the registry, by version: what a published crate needs.
    Registry,
    /// Also by a path relative to the crate's folder, for local development.
    /// Built by [`RuntimeDependency::path_from`], so it is never absolute.
    RelativePath(String),
}

impl RuntimeDependency {
    /// The runtime at `runtime` as seen from the crate folder `out` (which
    /// need not exist yet), both resolved through links first.
    pub fn path_from(out: &Path, runtime: &Path) -> Result<Self, String> {
        let runtime = runtime
            .canonicalize()
            .map_err(|e| format!("--runtime-path {}: {e}", runtime.display()))?;
        let out = canonical_to_be(out)?;
        let relative = relative_path(&out, &runtime).ok_or_else(|| {
            format!(
                "{} and {} share no root: no relative path leads from one to the other",
                out.display(),
                runtime.display()
            )
        })?;
        Ok(RuntimeDependency::RelativePath(relative))
    }
}

/// `path` with links resolved, where only a leading part may exist yet.
fn canonical_to_be(path: &Path) -> Result<PathBuf, String> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| format!("the current folder: {e}"))?
            .join(path)
    };
    let mut missing = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(found) = existing.canonicalize() {
            return Ok(missing.into_iter().rev().fold(found, |p, c| p.join(c)));
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => return Err(format!("{}: no part of it exists", path.display())),
        }
    }
}

/// `to` relative to `from` (both absolute, without `.` or `..`), with `/`
/// between segments; `None` when they share no root (two Windows drives).
fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let ups = from[common..].iter().map(|_| "..".to_string());
    let downs = to[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let parts: Vec<String> = ups.chain(downs).collect();
    Some(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    })
}

/// What `hostapi-codegen crate` writes into `[package]` and how it depends
/// on the runtime. Unset fields come from the spec or the runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrateOptions {
    pub name: String,
    /// Default: the APIs' titles.
    pub description: Option<String>,
    /// Default: none (cargo asks for one before publishing).
    pub license: Option<String>,
    /// Default: [`RUNTIME_RUST_VERSION`].
    pub rust_version: Option<String>,
    pub runtime: RuntimeDependency,
}

impl CrateOptions {
    /// A crate `name` depending on the runtime by version.
    pub fn new(name: impl Into<String>) -> Self {
        CrateOptions {
            name: name.into(),
            description: None,
            license: None,
            rust_version: None,
            runtime: RuntimeDependency::Registry,
        }
    }

    /// Every option as cargo would accept it, or what is wrong.
    pub fn check(&self) -> Result<(), String> {
        check_crate_name(&self.name)?;
        if let Some(version) = &self.rust_version {
            check_rust_version(version)?;
        }
        if let Some(license) = &self.license {
            check_license(license)?;
        }
        if let Some(description) = &self.description {
            check_description(description)?;
        }
        Ok(())
    }
}

/// A crate name as crates.io takes it: ASCII letters, digits, `-` and `_`,
/// starting with a letter, at most 64 characters.
pub fn check_crate_name(name: &str) -> Result<(), String> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a valid crate name (letters, digits, `-` and `_`, starting with a letter, at most 64)",
            name.escape_debug()
        ))
    }
}

/// `1.89` or `1.89.0`: what cargo accepts as `rust-version`.
pub fn check_rust_version(version: &str) -> Result<(), String> {
    let parts: Vec<&str> = version.split('.').collect();
    let valid = (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a Rust version such as 1.89 or 1.89.0",
            version.escape_debug()
        ))
    }
}

/// An SPDX expression's characters (`MIT OR Apache-2.0`); cargo checks the
/// identifiers themselves when publishing.
pub fn check_license(license: &str) -> Result<(), String> {
    let valid = !license.trim().is_empty()
        && license.len() <= 200
        && license
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.+()/ ".contains(c));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an SPDX license expression such as `MIT OR Apache-2.0`",
            license.escape_debug()
        ))
    }
}

/// One line of text, at most 1000 characters.
pub fn check_description(description: &str) -> Result<(), String> {
    if description.trim().is_empty() || description.chars().count() > 1000 {
        return Err("a description is one line of 1 to 1000 characters".to_string());
    }
    if description.chars().any(char::is_control) {
        return Err("a description is one line without control characters".to_string());
    }
    Ok(())
}

/// `text` on one line: runs of whitespace (newlines included) become one
/// space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The description a crate gets from its spec: its APIs' titles.
fn spec_description(workspace: &Workspace) -> String {
    // Versions of one API share a title: name it once.
    let mut titles: Vec<String> = Vec::new();
    for title in workspace.apis.iter().map(|api| one_line(&api.title)) {
        if !title.is_empty() && !titles.contains(&title) {
            titles.push(title);
        }
    }
    let description = match titles.as_slice() {
        [] => "Typed client generated by hostapi-codegen.".to_string(),
        [one] => format!("Typed client for {one}, generated by hostapi-codegen."),
        [rest @ .., last] => format!(
            "Typed clients for {} and {last}, generated by hostapi-codegen.",
            rest.join(", ")
        ),
    };
    // Control characters other than whitespace go: a description is text.
    description.chars().filter(|c| !c.is_control()).collect()
}

/// `Cargo.toml` for the crate `options` describe, with a feature per API.
/// `options` must have passed [`CrateOptions::check`].
pub fn render(options: &CrateOptions, workspace: &Workspace) -> String {
    let modules: Vec<&str> = workspace.apis.iter().map(|a| a.module.as_str()).collect();
    let defaults: Vec<String> = modules.iter().map(|m| string(m)).collect();
    let features: String = modules
        .iter()
        .map(|m| format!("{} = []\n", key(m)))
        .collect();
    let description = options
        .description
        .as_deref()
        .map(one_line)
        .unwrap_or_else(|| spec_description(workspace));
    let rust_version = options
        .rust_version
        .as_deref()
        .unwrap_or(RUNTIME_RUST_VERSION);
    let license = options
        .license
        .as_deref()
        .map(|l| format!("license = {}\n", string(l)))
        .unwrap_or_default();
    let mut runtime = format!("version = {}", string(&caret_requirement(RUNTIME_VERSION)));
    if let RuntimeDependency::RelativePath(path) = &options.runtime {
        let _ = write!(runtime, ", path = {}", string(path));
    }
    // The runtime features the generated code needs: XML for key/value
    // responses, the regular-expression rule for `pattern` types.
    let mut runtime_features = Vec::new();
    if workspace
        .apis
        .iter()
        .any(|api| api.wire.response == crate::ir::ResponseFormat::KeyValue)
    {
        runtime_features.push(string("keyvalue"));
    }
    if !workspace.pattern_types().is_empty() {
        runtime_features.push(string("pattern"));
    }
    if !runtime_features.is_empty() {
        let _ = write!(runtime, ", features = [{}]", runtime_features.join(", "));
    }
    format!(
        "# @generated by hostapi-codegen: `hostapi-codegen crate` rewrites this file.\n\
         [package]\nname = {}\nversion = \"0.1.0\"\nedition = \"2024\"\n\
         rust-version = {}\ndescription = {}\n{license}readme = \"README.md\"\n\n\
         [features]\ndefault = [{}]\n# A `BlockingClient` per API, for callers without an async runtime.\n\
         blocking = [\"hostapi-runtime/blocking\"]\n{features}\n\
         [dependencies]\nhostapi-runtime = {{ {runtime} }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
         # A crate of its own, even inside another workspace's directory.\n[workspace]\n",
        string(&options.name),
        string(rust_version),
        string(&description),
        defaults.join(", "),
    )
}

/// `0.1.0` → `0.1`, `1.2.3` → `1.2`: cargo's default caret requirement
/// accepts every compatible release from that one on.
fn caret_requirement(version: &str) -> String {
    let mut parts = version.split('.');
    match (parts.next(), parts.next()) {
        (Some(major), Some(minor)) => format!("{major}.{minor}"),
        _ => version.to_string(),
    }
}

/// `text` as a TOML basic string: quotes, backslashes and control
/// characters escaped.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `name` as a TOML key: bare when TOML allows it, quoted otherwise.
fn key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { name.to_string() } else { string(name) }
}

#[cfg(test)]
#[path = "cargo_toml_tests.rs"]
mod tests;
