//! Putting generated files on disk: atomically, only when changed, only
//! where the generator may write, and reporting which checked-in files are
//! stale.
//!
//! Each output folder keeps a manifest (`.hostapi-generated`, see
//! [`manifest`]) of the files the generator wrote there. It overwrites and
//! removes only those, and only while they still start with the
//! `@generated` header; anything else in the folder is the user's and is
//! never deleted, and overwritten only with `--force`. Paths are looked at
//! without following links ([`place`]), and a manifest line naming a path
//! outside the folder is never acted on.

pub mod cargo_toml;
pub mod manifest;
pub mod modules;
pub mod place;
pub mod readme;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Component, Path, PathBuf};

use quote::quote;

use crate::{Error, GeneratedFile};
pub use cargo_toml::{CrateOptions, RuntimeDependency};
use manifest::Manifest;
use place::Found;

/// How [`write_files`] treats what the generator did not write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// `--force`: write into a folder without a manifest, and overwrite
    /// files at generated paths that the generator did not write. Even so it
    /// deletes nothing of the user's and never writes through a link.
    pub force: bool,
}

/// What a write did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    /// Files the manifest listed that are no longer generated.
    pub removed: Vec<PathBuf>,
    /// What was left alone because it is not the generator's to touch.
    pub refused: Vec<Refusal>,
}

impl WriteReport {
    /// `3 files written, 40 unchanged, 1 removed, 0 refused`.
    pub fn counts(&self) -> String {
        format!(
            "{} files written, {} unchanged, {} removed, {} refused",
            self.written.len(),
            self.unchanged,
            self.removed.len(),
            self.refused.len()
        )
    }
}

/// Something a write left alone, at `path` (relative to the output folder;
/// empty for the folder itself, the raw line for a manifest line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub path: PathBuf,
    pub why: Refused,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The folder is not empty and has no manifest: nothing was written.
    /// `--force` writes into it anyway.
    ForeignFolder,
    /// A file the generator did not write is where a generated file goes.
    /// `--force` overwrites it.
    ForeignFile,
    /// Listed in the manifest and no longer generated, but it no longer
    /// starts with the `@generated` header: kept, it may be the user's now.
    Edited,
    /// A directory or other non-file is where a generated file goes.
    NotAFile,
    /// A symbolic link is at the path or on the way to it.
    Link,
    /// A file is where a generated folder goes.
    FileInTheWay,
    /// A manifest line naming no path inside the folder: ignored.
    Outside,
}

impl Refusal {
    /// One line saying what was left alone and why, for a user.
    pub fn describe(&self, out: &Path) -> String {
        let at = out.join(&self.path);
        let at = at.display();
        match self.why {
            Refused::ForeignFolder => format!(
                "{} is not empty and has no {}, so hostapi-codegen did not make it: nothing written \
                 (--force writes into it, overwriting files at generated paths and keeping the rest)",
                out.display(),
                manifest::NAME
            ),
            Refused::ForeignFile => format!(
                "{at} was not written by hostapi-codegen: not overwritten (--force overwrites it)"
            ),
            Refused::Edited => format!(
                "{at} is no longer generated but has lost its @generated header: kept \
                 (delete it if it is not yours)"
            ),
            Refused::NotAFile => {
                format!("{at} is a directory, where a generated file goes: left alone")
            }
            Refused::Link => format!(
                "{at} is a symbolic link: hostapi-codegen neither writes nor deletes through links"
            ),
            Refused::FileInTheWay => {
                format!("{at} is a file, where a generated folder goes: left alone")
            }
            Refused::Outside => format!(
                "{} names `{}`, which is not a path inside {}: ignored",
                out.join(manifest::NAME).display(),
                self.path.display(),
                out.display()
            ),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |error| Error::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Writes `contents` to `path` through a temporary file and a rename, so a
/// reader never sees half a file. The temporary file is created fresh
/// (never opened through a link someone left in its place), and the rename
/// replaces `path` itself, not what a link there points to.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io(dir))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(".{file_name}.tmp{}-{attempt}", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => break (temp, file),
            Err(error) if error.kind() == ErrorKind::AlreadyExists && attempt < 16 => attempt += 1,
            Err(error) => return Err(io(&temp)(error)),
        }
    };
    let result = file
        .write_all(contents)
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(io(path))
}

/// `files` by manifest path (`api/mod.rs`). A generated path that is not
/// plain is a generator bug, reported rather than written.
fn by_entry(files: &[GeneratedFile]) -> Result<BTreeMap<String, &[u8]>, Error> {
    let mut entries = BTreeMap::new();
    for file in files {
        let names: Option<Vec<&str>> = file
            .path
            .components()
            .map(|c| match c {
                Component::Normal(name) => name.to_str(),
                _ => None,
            })
            .collect();
        let entry = names.map(|n| n.join("/")).unwrap_or_default();
        if !manifest::is_plain(&entry) || entry == manifest::NAME {
            return Err(Error::Io {
                path: file.path.clone(),
                error: std::io::Error::new(
                    ErrorKind::InvalidInput,
                    "internal error: not a plain relative path for a generated file",
                ),
            });
        }
        entries.insert(entry, file.contents.as_bytes());
    }
    Ok(entries)
}

/// The manifest in `out`, if there is one. A manifest that is a link, a
/// directory or not text is an error: nothing is decided on it.
fn read_manifest(out: &Path) -> Result<Option<Manifest>, Error> {
    let path = out.join(manifest::NAME);
    let bad = |why: &str| Error::Io {
        path: path.clone(),
        error: std::io::Error::new(ErrorKind::InvalidData, why.to_string()),
    };
    match place::inspect(out, manifest::NAME).map_err(io(&path))? {
        Found::Missing => Ok(None),
        Found::File => {
            let bytes = fs::read(&path).map_err(io(&path))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| bad("not a manifest written by hostapi-codegen (not UTF-8)"))?;
            Ok(Some(manifest::parse(&text)))
        }
        Found::Link => Err(bad(
            "is a symbolic link, not a manifest written by hostapi-codegen",
        )),
        _ => Err(bad(
            "is not a file, so not a manifest written by hostapi-codegen",
        )),
    }
}

/// Writes the manifest listing `files` unless it already does.
fn write_manifest<'a>(
    out: &Path,
    files: impl IntoIterator<Item = &'a String>,
) -> Result<(), Error> {
    let path = out.join(manifest::NAME);
    let text = manifest::render(files);
    if fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    write_atomic(&path, text.as_bytes())
}

/// Whether `out` exists with anything in it. An `out` that is not a folder
/// is an error.
fn has_entries(out: &Path) -> Result<bool, Error> {
    match fs::metadata(out) {
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(false),
        Err(error) => Err(io(out)(error)),
        Ok(metadata) if !metadata.is_dir() => Err(Error::Io {
            path: out.to_path_buf(),
            error: std::io::Error::new(
                ErrorKind::NotADirectory,
                "is not a folder: output goes into a new folder or one hostapi-codegen made",
            ),
        }),
        Ok(_) => Ok(fs::read_dir(out).map_err(io(out))?.next().is_some()),
    }
}

/// Why `found` (for the generated path `entry`) cannot be written or
/// removed, whatever the options; `None` for a missing path or a file.
fn blocked(entry: &str, found: &Found) -> Option<Refusal> {
    let (path, why) = match found {
        Found::Missing | Found::File => return None,
        Found::NotAFile => (entry, Refused::NotAFile),
        Found::Link => (entry, Refused::Link),
        Found::Blocked { at, link: true } => (at.as_str(), Refused::Link),
        Found::Blocked { at, link: false } => (at.as_str(), Refused::FileInTheWay),
    };
    Some(Refusal {
        path: PathBuf::from(path),
        why,
    })
}

/// Removes `out/entry` and then each folder above it that is left empty,
/// up to (not including) `out`.
fn remove_with_empty_parents(out: &Path, entry: &str) -> Result<(), Error> {
    let path = out.join(entry);
    fs::remove_file(&path).map_err(io(&path))?;
    let mut names: Vec<&str> = entry.split('/').collect();
    names.pop();
    while !names.is_empty() {
        // Fails (and stops) at the first folder that still holds anything.
        if fs::remove_dir(out.join(names.join("/"))).is_err() {
            break;
        }
        names.pop();
    }
    Ok(())
}

/// Writes `files` under `out`. Unchanged files are left alone (their
/// modification times too, so nothing rebuilds). Files the manifest lists
/// that are no longer generated are removed. What the generator may not
/// touch is left alone and listed in [`WriteReport::refused`]; when the
/// folder itself is refused, nothing is written.
pub fn write_files(
    out: &Path,
    files: &[GeneratedFile],
    options: WriteOptions,
) -> Result<WriteReport, Error> {
    let wanted = by_entry(files)?;
    let mut report = WriteReport::default();
    let occupied = has_entries(out)?;
    let old = match read_manifest(out)? {
        Some(old) => old,
        None if occupied && !options.force => {
            report.refused.push(Refusal {
                path: PathBuf::new(),
                why: Refused::ForeignFolder,
            });
            return Ok(report);
        }
        None => Manifest::default(),
    };
    let mut refused = Vec::new();
    let mut refuse = |refusal: Refusal| {
        if !refused.contains(&refusal) {
            refused.push(refusal);
        }
    };
    for line in &old.rejected {
        refuse(Refusal {
            path: PathBuf::from(line),
            why: Refused::Outside,
        });
    }

    // Removals first, so a generated file that became a folder (or the
    // reverse) is out of the way.
    let mut removed = Vec::new();
    for entry in old.files.iter().filter(|e| !wanted.contains_key(*e)) {
        let path = out.join(entry);
        let found = place::inspect(out, entry).map_err(io(&path))?;
        if let Some(refusal) = blocked(entry, &found) {
            refuse(refusal);
        } else if found == Found::File {
            if manifest::looks_generated(&fs::read(&path).map_err(io(&path))?) {
                removed.push(entry);
            } else {
                refuse(Refusal {
                    path: PathBuf::from(entry),
                    why: Refused::Edited,
                });
            }
        }
    }
    for entry in &removed {
        remove_with_empty_parents(out, entry)?;
    }

    let mut claimed = BTreeSet::new();
    let mut to_write = Vec::new();
    for (entry, contents) in &wanted {
        let path = out.join(entry);
        let found = place::inspect(out, entry).map_err(io(&path))?;
        if let Some(refusal) = blocked(entry, &found) {
            refuse(refusal);
            continue;
        }
        if found == Found::File {
            let current = fs::read(&path).map_err(io(&path))?;
            if current == *contents {
                report.unchanged += 1;
                claimed.insert(entry.clone());
                continue;
            }
            let ours = old.files.contains(entry) && manifest::looks_generated(&current);
            if !ours && !options.force {
                refuse(Refusal {
                    path: PathBuf::from(entry),
                    why: Refused::ForeignFile,
                });
                continue;
            }
        }
        claimed.insert(entry.clone());
        to_write.push((entry, *contents));
    }

    // Listed before they exist, so a run cut short still knows its files.
    if !claimed.is_subset(&old.files) {
        write_manifest(out, old.files.union(&claimed))?;
    }
    for (entry, contents) in to_write {
        write_atomic(&out.join(entry), contents)?;
        report.written.push(PathBuf::from(entry));
    }
    write_manifest(out, &claimed)?;
    report.removed = removed.into_iter().map(PathBuf::from).collect();
    report.refused = refused;
    Ok(report)
}

/// Why a checked-in file differs from what the specs produce.
#[derive(Debug, PartialEq, Eq)]
pub enum Staleness {
    Missing,
    Changed,
    /// Generated once (the manifest lists it), but no spec produces it any
    /// more.
    Extra,
}

/// Every file under `out` that differs from `files`, the manifest included.
/// Files the manifest does not list are the user's, never stale.
pub fn stale_files(
    out: &Path,
    files: &[GeneratedFile],
) -> Result<Vec<(PathBuf, Staleness)>, Error> {
    let wanted = by_entry(files)?;
    let mut stale = Vec::new();
    let mut compare = |entry: &str, contents: &[u8]| -> Result<(), Error> {
        let path = out.join(entry);
        let staleness = match place::inspect(out, entry).map_err(io(&path))? {
            Found::Missing => Some(Staleness::Missing),
            Found::File if fs::read(&path).map_err(io(&path))? == contents => None,
            _ => Some(Staleness::Changed),
        };
        stale.extend(staleness.map(|s| (PathBuf::from(entry), s)));
        Ok(())
    };
    for (entry, contents) in &wanted {
        compare(entry, contents)?;
    }
    compare(manifest::NAME, manifest::render(wanted.keys()).as_bytes())?;
    // A manifest that is not a plain file was reported as changed above.
    let listed = read_manifest(out).ok().flatten().unwrap_or_default();
    for entry in listed.files.iter().filter(|e| !wanted.contains_key(*e)) {
        let path = out.join(entry);
        if place::inspect(out, entry).map_err(io(&path))? == Found::File
            && manifest::looks_generated(&fs::read(&path).map_err(io(&path))?)
        {
            stale.push((PathBuf::from(entry), Staleness::Extra));
        }
    }
    Ok(stale)
}

/// Writes a standalone crate for `files`: `Cargo.toml`, `README.md`,
/// `src/lib.rs` and a module per API.
pub fn write_crate(
    out: &Path,
    options: &CrateOptions,
    workspace: &crate::ir::Workspace,
    files: Vec<GeneratedFile>,
    write: WriteOptions,
) -> Result<WriteReport, Error> {
    let all = crate_files(options, workspace, files)?;
    write_files(out, &all, write)
}

/// The files of a standalone crate for `files` (moved under `src/`, not
/// copied: the modules are most of the memory a large spec takes).
pub fn crate_files(
    options: &CrateOptions,
    workspace: &crate::ir::Workspace,
    files: Vec<GeneratedFile>,
) -> Result<Vec<GeneratedFile>, Error> {
    options.check().map_err(Error::Options)?;
    let lib_path = PathBuf::from("src").join("lib.rs");
    let mut all = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: cargo_toml::render(options, workspace),
        },
        GeneratedFile {
            path: "README.md".into(),
            contents: readme::render(&options.name, workspace),
        },
        GeneratedFile {
            contents: crate_lib(workspace, &lib_path).map_err(Error::Emit)?,
            path: lib_path,
        },
    ];
    all.extend(files.into_iter().map(|f| GeneratedFile {
        path: PathBuf::from("src").join(&f.path),
        contents: f.contents,
    }));
    Ok(all)
}

/// The standalone crate's `src/lib.rs`: API titles and versions reach it
/// only as escaped doc strings.
fn crate_lib(
    workspace: &crate::ir::Workspace,
    path: &Path,
) -> Result<String, crate::emit::EmitError> {
    let mut text = String::from(
        "Typed clients generated by hostapi-codegen, one module per API, each behind \
         the cargo feature of the same name (all on by default):\n\n",
    );
    for api in &workspace.apis {
        text.push_str(&format!(
            "- `{}`: {}, version {}\n",
            api.module,
            cargo_toml::one_line(&api.title),
            cargo_toml::one_line(&api.version)
        ));
    }
    text.push_str(
        "\nThe runtime the clients call is re-exported as `runtime`, and the types \
         every caller configures or matches on are at the root: `ClientConfig`, \
         `RetryPolicy` and `Error`.\n\nRegenerate with `hostapi-codegen crate` rather than editing.",
    );
    let header = format!(
        "// @generated by hostapi-codegen. Do not edit: regenerate with `hostapi-codegen crate`.\n\n{}\n",
        crate::emit::inner_doc_lines(&text)
    );
    let declarations = modules::declarations(workspace, None, path)?;
    modules::layout(
        path,
        &header,
        quote! {
            pub use hostapi_runtime as runtime;
            pub use hostapi_runtime::{ClientConfig, Error, RetryPolicy};
            #declarations
        },
    )
}

#[cfg(test)]
mod tests;
