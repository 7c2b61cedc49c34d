//! Synthetic spec sets N times the size of the bundled specs, for measuring
//! how linting scales. Shared by `benches/lint.rs` and `examples/synth_spec.rs`.
//!
//! Copy `k` of the bundled tree goes to `copy_k/` with every `api.name` and
//! folder suffixed `_ck` (API and library module names must be unique across
//! a run); `uses` paths stay relative, so each copy uses its own libraries.
//! Nothing else changes, so the copies lint exactly as the bundled specs do.

use std::io;
use std::path::{Path, PathBuf};

use hostapi_codegen::spec::load;

/// What was written.
pub struct Synth {
    pub files: usize,
    pub bytes: usize,
}

/// Writes `scale` renamed copies of the spec tree at `spec_dir` into `out`
/// (which is emptied first).
pub fn write(spec_dir: &Path, out: &Path, scale: usize) -> io::Result<Synth> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    let files = spec_files(spec_dir)?;
    let mut written = Synth { files: 0, bytes: 0 };
    for k in 0..scale {
        for file in &files {
            let text = std::fs::read_to_string(file)?;
            let text = rename_api(file, &text, &format!("_c{k}"))?;
            let relative = file.strip_prefix(spec_dir).map_err(io::Error::other)?;
            // Folders get the suffix too: a type library's module is named
            // after its folder and file, and must be unique across the set.
            let mut target = out.join(format!("copy_{k}"));
            let parts: Vec<_> = relative.components().collect();
            for (i, part) in parts.iter().enumerate() {
                let name = part.as_os_str().to_string_lossy();
                target.push(match i + 1 == parts.len() {
                    true => name.into_owned(),
                    false => format!("{name}_c{k}"),
                });
            }
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, &text)?;
            written.files += 1;
            written.bytes += text.len();
        }
    }
    Ok(written)
}

fn spec_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if load::is_spec_file(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// `text` with its `api.name` followed by `suffix`, found by position.
fn rename_api(path: &Path, text: &str, suffix: &str) -> io::Result<String> {
    let spec = load::parse_source(path, text).map_err(|d| io::Error::other(d.to_string()))?;
    let Some(api) = spec.api else {
        return Ok(text.to_string());
    };
    let pos = api.name.pos;
    let mut out = String::with_capacity(text.len() + suffix.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == pos.line as usize {
            let at = line
                .char_indices()
                .nth((pos.column - 1 + pos.len) as usize)
                .map_or(line.trim_end().len(), |(b, _)| b);
            out.push_str(&line[..at]);
            out.push_str(suffix);
            out.push_str(&line[at..]);
        } else {
            out.push_str(line);
        }
    }
    Ok(out)
}
