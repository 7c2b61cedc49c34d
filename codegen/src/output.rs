//! Putting generated files on disk: atomically, only when changed, and
//! reporting which checked-in files are stale.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, GeneratedFile};

/// What a write did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    pub removed: Vec<PathBuf>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |error| Error::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Writes `contents` to `path` through a temporary file and a rename, so a
/// reader never sees half a file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io(dir))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{file_name}.tmp{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(io(path))
}

/// Writes `files` under `out`. Unchanged files are left alone (their
/// modification times too, so nothing rebuilds); `.rs` files in the API
/// directories that are no longer generated are removed.
pub fn write_files(out: &Path, files: &[GeneratedFile]) -> Result<WriteReport, Error> {
    let mut report = WriteReport::default();
    for file in files {
        let path = out.join(&file.path);
        if fs::read(&path).is_ok_and(|old| old == file.contents.as_bytes()) {
            report.unchanged += 1;
            continue;
        }
        write_atomic(&path, file.contents.as_bytes())?;
        report.written.push(file.path.clone());
    }
    for extra in extra_files(out, files)? {
        fs::remove_file(out.join(&extra)).map_err(io(&extra))?;
        report.removed.push(extra);
    }
    Ok(report)
}

/// `.rs` files under `out`'s API directories that generation would not make.
fn extra_files(out: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>, Error> {
    let wanted: BTreeSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let dirs: BTreeSet<&Path> = files.iter().filter_map(|f| f.path.parent()).collect();
    let mut extra = Vec::new();
    for dir in dirs {
        let Ok(entries) = fs::read_dir(out.join(dir)) else {
            continue;
        };
        for entry in entries {
            let entry = entry.map_err(io(dir))?;
            let relative = dir.join(entry.file_name());
            if relative.extension().is_some_and(|e| e == "rs")
                && !wanted.contains(relative.as_path())
            {
                extra.push(relative);
            }
        }
    }
    extra.sort();
    Ok(extra)
}

/// Why a checked-in file differs from what the specs produce.
#[derive(Debug, PartialEq, Eq)]
pub enum Staleness {
    Missing,
    Changed,
    /// Generated once, but no spec produces it any more.
    Extra,
}

/// Every file under `out` that differs from `files`.
pub fn stale_files(
    out: &Path,
    files: &[GeneratedFile],
) -> Result<Vec<(PathBuf, Staleness)>, Error> {
    let mut stale = Vec::new();
    for file in files {
        match fs::read(out.join(&file.path)) {
            Ok(old) if old == file.contents.as_bytes() => {}
            Ok(_) => stale.push((file.path.clone(), Staleness::Changed)),
            Err(_) => stale.push((file.path.clone(), Staleness::Missing)),
        }
    }
    for extra in extra_files(out, files)? {
        stale.push((extra, Staleness::Extra));
    }
    Ok(stale)
}

/// `feature = "a", feature = "b"`: the arguments of a `cfg(any(…))` that is
/// on when any of `modules`' features is.
pub fn any_feature(modules: &[String]) -> String {
    modules
        .iter()
        .map(|m| format!("feature = \"{m}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes a standalone crate for `files`: `Cargo.toml`, `src/lib.rs` and a
/// module per API, depending on hostapi-runtime at `runtime`.
pub fn write_crate(
    out: &Path,
    name: &str,
    workspace: &crate::ir::Workspace,
    files: &[GeneratedFile],
    runtime: &Path,
) -> Result<WriteReport, Error> {
    let runtime_path = runtime.to_string_lossy().replace('\\', "/");
    let features: Vec<String> = workspace
        .apis
        .iter()
        .map(|a| format!("{} = []", a.module))
        .collect();
    let defaults: Vec<String> = workspace
        .apis
        .iter()
        .map(|a| format!("\"{}\"", a.module))
        .collect();
    let runtime_features = if workspace.pattern_types().is_empty() {
        ""
    } else {
        ", features = [\"pattern\"]"
    };
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\
         description = \"Typed client generated by hostapi-codegen.\"\npublish = false\n\n\
         [features]\ndefault = [{}]\n# A `BlockingClient` per API, for callers without an async runtime.\n\
         blocking = [\"hostapi-runtime/blocking\"]\n{}\n\n\
         [dependencies]\nhostapi-runtime = {{ path = \"{runtime_path}\"{runtime_features} }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
         # A crate of its own, even inside another workspace's directory.\n[workspace]\n",
        defaults.join(", "),
        features.join("\n"),
    );
    // Titles and versions are spec text: rendered as docs, never raw.
    let mut lib = crate::emit::inner_doc_lines(&format!(
        "Typed clients generated by hostapi-codegen: {}.\n\nRegenerate with `hostapi-codegen crate` rather than editing.",
        workspace
            .apis
            .iter()
            .map(|a| format!("{} ({})", a.title, a.version))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    lib.push('\n');
    for api in &workspace.apis {
        lib.push_str(&format!(
            "#[cfg(feature = \"{0}\")]\npub mod {0};\n",
            api.module
        ));
    }
    for library in &workspace.libraries {
        lib.push_str(&format!(
            "#[cfg(any({}))]\npub mod {};\n",
            any_feature(&library.used_by),
            library.module
        ));
    }
    let mut all: Vec<GeneratedFile> = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: manifest,
        },
        GeneratedFile {
            path: PathBuf::from("src").join("lib.rs"),
            contents: lib,
        },
    ];
    all.extend(files.iter().map(|f| GeneratedFile {
        path: PathBuf::from("src").join(&f.path),
        contents: f.contents.clone(),
    }));
    write_files(out, &all)
}
