//! Twin sections (`twin_of`): a section that has the same methods as
//! another section of its file, under its own name.
//!
//! Vendors rename sections and keep serving the old names (Liquid Web's
//! `Storm/Server` is today's `Cloud/Server`), and clients still call both.
//! A twin is resolved here, right after a file is read: its `methods`
//! become copies of its section's, so the checker, the emitter, `lint`,
//! `diff`, the mock, the export and `call` see an ordinary section whose
//! methods are sent to `{twin}/{method}`. Same-shape requests and responses
//! are then shared by the emitter as for any two sections.
//!
//! What a twin may not be, each a `twin-of` error at the twin's key: a twin
//! of a section the file does not have (including one in another file), of
//! itself, of another twin, or of a section whose methods have their own
//! `http.path` (the twin's calls would go to the other section's paths); a
//! twin that also declares `methods`. A section that is not a twin must
//! declare `methods` (`missing-key`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::model::{Method, SpecFile};
use super::span::{Entries, Sp};
use crate::diag::Diagnostic;

/// The rule id of every misuse of `twin_of`.
pub const RULE: &str = "twin-of";

/// Fills in every section's `methods` in `spec` (read from `path`): the
/// declared ones, or for a twin copies of its section's. `elsewhere` finds
/// the file of a section name that `spec` lacks, so a twin naming a section
/// of another file is told so. A section that cannot be resolved keeps no
/// methods, and its error is returned.
pub fn resolve(
    path: &Path,
    spec: &mut SpecFile,
    elsewhere: &dyn Fn(&str) -> Option<PathBuf>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (name, section) in spec.sections.0.iter_mut() {
        if section.twin_of.is_some() {
            continue;
        }
        match section.declared_methods.take() {
            Some(methods) => section.methods = methods,
            None => diagnostics.push(
                Diagnostic::error(
                    "missing-key",
                    path,
                    name.pos,
                    format!(
                        "section `{}` has no `methods` (only a `twin_of` section may leave them out)",
                        name.value
                    ),
                )
                .with_help("add `methods`, or `twin_of: SECTION` for a section with another's"),
            ),
        }
    }
    let mut copies: Vec<(usize, Entries<Method>)> = Vec::new();
    for (index, (name, section)) in spec.sections.0.iter().enumerate() {
        let Some(target) = &section.twin_of else {
            continue;
        };
        match twin_methods(path, spec, name, target, section.declared_methods.as_ref(), elsewhere) {
            Ok(methods) => copies.push((index, methods)),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    for (index, methods) in copies {
        spec.sections.0[index].1.methods = methods;
    }
    diagnostics
}

/// The methods of the twin `name` of `target`, or why it has none.
fn twin_methods(
    path: &Path,
    spec: &SpecFile,
    name: &Sp<String>,
    target: &Sp<String>,
    declared: Option<&Entries<Method>>,
    elsewhere: &dyn Fn(&str) -> Option<PathBuf>,
) -> Result<Entries<Method>, Diagnostic> {
    let error = |pos, message: String| Diagnostic::error(RULE, path, pos, message);
    if let Some(declared) = declared {
        let pos = declared.0.first().map_or(target.pos, |(key, _)| key.pos);
        return Err(error(
            pos,
            format!(
                "section `{}` is a `twin_of` `{}` and declares `methods` too; a twin has exactly \
                 the methods of its section",
                name.value, target.value
            ),
        )
        .with_help(
            "remove `methods` from the twin, or remove `twin_of` and transcribe the section",
        ));
    }
    if target.value == name.value {
        return Err(error(
            target.pos,
            format!("section `{}` is a `twin_of` itself", name.value),
        )
        .with_help("name another section of this file"));
    }
    let Some(original) = spec.sections.get(&target.value) else {
        let unknown = error(
            target.pos,
            format!(
                "section `{}` is a `twin_of` `{}`, a section this file does not have",
                name.value, target.value
            ),
        );
        return Err(match elsewhere(&target.value) {
            Some(file) => unknown.with_help(format!(
                "`{}` is a section of {}; a twin names a section of its own file",
                target.value,
                crate::diag::path_text(&file)
            )),
            None => unknown.with_suggestion(
                &target.value,
                spec.sections.iter().map(|(k, _)| k.value.as_str()),
            ),
        });
    };
    if let Some(next) = &original.twin_of {
        return Err(error(
            target.pos,
            format!(
                "section `{}` is a `twin_of` `{}`, which is itself a twin (of `{}`)",
                name.value, target.value, next.value
            ),
        )
        .with_help(format!(
            "name the section with the methods: `twin_of: {}`",
            next.value
        )));
    }
    if let Some((method, _)) = original
        .methods
        .iter()
        .find(|(_, m)| m.http.as_ref().is_some_and(|h| h.value.path.is_some()))
    {
        return Err(error(
            target.pos,
            format!(
                "section `{}` is a `twin_of` `{}`, whose method `{}` has its own `http.path`; the \
                 twin's calls would go to that path, not to `{}`",
                name.value, target.value, method.value, name.value
            ),
        )
        .with_help("transcribe the twin's methods with their own paths instead"));
    }
    let mut methods = original.methods.clone();
    for (_, method) in methods.0.iter_mut() {
        // The vendor's address of the other section's method; the twin's
        // own is not documented.
        method.url = None;
    }
    Ok(methods)
}

/// Resolves the twins of every file in `files`, telling a twin that names
/// a section of another file where that section is.
pub fn resolve_all<'a>(
    files: impl Iterator<Item = (&'a PathBuf, &'a mut SpecFile)>,
) -> Vec<Diagnostic> {
    let files: Vec<(&PathBuf, &mut SpecFile)> = files.collect();
    let mut owners: BTreeMap<String, PathBuf> = BTreeMap::new();
    for (path, spec) in &files {
        for (name, _) in spec.sections.iter() {
            owners
                .entry(name.value.clone())
                .or_insert_with(|| (*path).clone());
        }
    }
    let mut diagnostics = Vec::new();
    for (path, spec) in files {
        let elsewhere = |name: &str| owners.get(name).filter(|p| *p != path).cloned();
        diagnostics.extend(resolve(path, spec, &elsewhere));
    }
    diagnostics
}
