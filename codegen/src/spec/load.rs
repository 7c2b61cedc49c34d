//! Reading spec files from disk into the model, with positions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::model::SpecFile;
use super::span::Pos;
use crate::diag::{Diagnostic, Diagnostics};

/// A parsed spec file and where it came from.
#[derive(Clone, Debug)]
pub struct LoadedFile {
    /// The path as given or found, for messages.
    pub path: PathBuf,
    pub source: String,
    pub spec: SpecFile,
}

/// Every spec file reachable from the inputs, keyed by path.
#[derive(Clone, Debug, Default)]
pub struct SpecSet {
    pub files: BTreeMap<PathBuf, LoadedFile>,
    /// The files named or found directly (not only reached through `uses`).
    pub roots: Vec<PathBuf>,
}

impl SpecSet {
    pub fn get(&self, path: &Path) -> Option<&LoadedFile> {
        self.files.get(path)
    }

    /// Total size of all sources, for summaries and benchmarks.
    pub fn source_bytes(&self) -> usize {
        self.files.values().map(|f| f.source.len()).sum()
    }
}

/// Is this a spec file by name? Import overlays (`*.overlay.yaml`) are
/// not: the importer reads them, and the spec it writes is the API file.
pub fn is_spec_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    ) && !name.ends_with(".overlay.yaml")
        && !name.ends_with(".overlay.yml")
}

/// Loads every spec file under the given files or directories, then every
/// library they reach through `uses`.
pub fn load_paths(inputs: &[PathBuf]) -> Result<SpecSet, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut set = SpecSet::default();
    for input in inputs {
        match collect_files(input) {
            Ok(files) => set.roots.extend(files),
            Err(d) => diagnostics.push(d),
        }
    }
    set.roots.sort();
    set.roots.dedup();

    let mut queue: Vec<PathBuf> = set.roots.iter().rev().cloned().collect();
    while let Some(path) = queue.pop() {
        if set.files.contains_key(&path) {
            continue;
        }
        match load_file(&path) {
            Ok(file) => {
                for used in &file.spec.uses {
                    let target = resolve_use(&path, &used.value);
                    if !target.is_file() {
                        diagnostics.push(
                            Diagnostic::error(
                                "unresolved-use",
                                &path,
                                used.pos,
                                format!("`uses` names `{}`, which is not a file", used.value),
                            )
                            .with_help(format!("looked for {}", target.display())),
                        );
                    } else if !set.files.contains_key(&target) {
                        queue.push(target);
                    }
                }
                set.files.insert(path, file);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if diagnostics.has_errors() {
        Err(diagnostics.sorted())
    } else {
        Ok(set)
    }
}

/// The path a `uses` entry in `from` refers to, normalised so one library
/// reached from two files is loaded once.
pub fn resolve_use(from: &Path, used: &str) -> PathBuf {
    let joined = from.parent().unwrap_or(Path::new("")).join(used);
    normalize(&joined)
}

/// `a/./b/../c` → `a/c`, lexically, so one file reached two ways is one path.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn collect_files(input: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let metadata = std::fs::metadata(input).map_err(|e| io_error(input, &e))?;
    if metadata.is_file() {
        return Ok(vec![normalize(input)]);
    }
    let mut found = Vec::new();
    let mut dirs = vec![input.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| io_error(&dir, &e))?;
        for entry in entries {
            let entry = entry.map_err(|e| io_error(&dir, &e))?;
            let path = entry.path();
            let file_type = entry.file_type().map_err(|e| io_error(&path, &e))?;
            if file_type.is_dir() {
                dirs.push(path);
            } else if is_spec_file(&path) {
                found.push(normalize(&path));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn io_error(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error("io", path, Pos::default(), format!("cannot read: {error}"))
}

/// Reads and parses one spec file.
pub fn load_file(path: &Path) -> Result<LoadedFile, Diagnostic> {
    let source = std::fs::read_to_string(path).map_err(|e| io_error(path, &e))?;
    let spec = parse_source(path, &source)?;
    Ok(LoadedFile {
        path: path.to_path_buf(),
        source,
        spec,
    })
}

/// Parses spec text; `path` is only used in messages.
pub fn parse_source(path: &Path, source: &str) -> Result<SpecFile, Diagnostic> {
    serde_saphyr::from_str::<SpecFile>(source).map_err(|error| yaml_error(path, &error))
}

fn yaml_error(path: &Path, error: &serde_saphyr::Error) -> Diagnostic {
    let pos = error
        .location()
        .map(|l| Pos::from_location(&l))
        .unwrap_or_default();
    let mut message = error.without_snippet().to_string();
    // The position is already in the diagnostic; don't say it twice.
    if let Some(stripped) = message
        .rfind(" at line ")
        .filter(|_| pos.is_known())
        .map(|i| message[..i].to_string())
    {
        message = stripped;
    }
    let code = if message.starts_with("unknown field") || message.starts_with("unknown variant") {
        "unknown-key"
    } else if message.starts_with("duplicate mapping key") {
        "duplicate-key"
    } else if message.starts_with("missing field") {
        "missing-key"
    } else {
        "yaml"
    };
    if code == "duplicate-key" {
        message = message
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(&message)
            .to_string();
    }
    Diagnostic::error(code, path, pos, message)
}
