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
//! `http.path` (the twin's calls would go to the other section's paths), or
//! a section's fifth ([`MAX_TWINS`]); a twin that also declares `methods`. A section that is not a twin must
//! declare `methods` (`missing-key`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::model::{Method, SpecFile};
use super::span::{Entries, Sp};
use crate::diag::Diagnostic;

/// The rule id of every misuse of `twin_of`.
pub const RULE: &str = "twin-of";

/// The most twins one section may have. Each twin is a copy of its
/// section's methods, so this bounds what one file can make the loader
/// copy to a few times the file's own size (specs are untrusted; a
/// thousand one-line twins of a large section would otherwise cost a
/// thousand copies of it).
pub const MAX_TWINS: usize = 4;

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
    let mut twins_of: BTreeMap<&str, usize> = BTreeMap::new();
    // An import overlay's twin names a section of the spec the import
    // writes, which the overlay need not hold: the import checks the name
    // and writes the twin as it stands (import/liquidweb/merge.rs).
    let overlay = super::load::is_overlay_file(path);
    for (index, (name, section)) in spec.sections.0.iter().enumerate() {
        let Some(target) = &section.twin_of else {
            continue;
        };
        if overlay {
            if let Some(declared) = &section.declared_methods {
                diagnostics.push(declares_methods(path, name, target, declared));
            }
            continue;
        }
        let count = twins_of.entry(target.value.as_str()).or_default();
        if *count == MAX_TWINS && spec.sections.get(&target.value).is_some() {
            diagnostics.push(
                Diagnostic::error(
                    RULE,
                    path,
                    target.pos,
                    format!(
                        "section `{}` would be the twin number {} of `{}`; a section has at \
                         most {MAX_TWINS}",
                        name.value,
                        MAX_TWINS + 1,
                        target.value
                    ),
                )
                .with_help("transcribe this section in full instead"),
            );
            continue;
        }
        *count += 1;
        match twin_methods(
            path,
            spec,
            name,
            target,
            section.declared_methods.as_ref(),
            elsewhere,
        ) {
            Ok(methods) => copies.push((index, methods)),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    for (index, methods) in copies {
        spec.sections.0[index].1.methods = methods;
    }
    diagnostics
}

/// A twin that also declares `methods`, at its first method.
fn declares_methods(
    path: &Path,
    name: &Sp<String>,
    target: &Sp<String>,
    declared: &Entries<Method>,
) -> Diagnostic {
    let pos = declared.0.first().map_or(target.pos, |(key, _)| key.pos);
    Diagnostic::error(
        RULE,
        path,
        pos,
        format!(
            "section `{}` is a `twin_of` `{}` and declares `methods` too; a twin has exactly \
             the methods of its section",
            name.value, target.value
        ),
    )
    .with_help("remove `methods` from the twin, or remove `twin_of` and transcribe the section")
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
        return Err(declares_methods(path, name, target, declared));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::load::{load_source_lenient, parse_source};

    const HEAD: &str = "hostapi: 1
api:
  name: fixture
  title: Fixture API
  version: \"1\"
  base_url: https://api.example.test
  credentials:
    user: {doc: \"The user name.\"}
  wire:
    http_method: post
    method_name: path
    params: {json: {}}
    auth: {params: {user: user}}
    response: json
    error: {field_present: {field: error_class}}
sections:
";

    const CLOUD: &str = "  Cloud/Server:
    doc: \"Servers.\"
    methods:
      details:
        doc: \"Gets a server.\"
        url: https://api.example.test/Cloud/Server/details
        params:
          id: {type: integer, required: true}
        returns:
          name: {type: string}
      list:
        doc: \"Lists servers.\"
";

    fn spec(sections: &str) -> String {
        format!("{HEAD}{CLOUD}{sections}")
    }

    /// The errors loading `text` gives: (rule, line, column, message).
    fn errors(text: &str) -> Vec<(&'static str, u32, u32, String)> {
        let loaded = load_source_lenient(Path::new("api.yaml"), text.as_bytes());
        loaded
            .diagnostics
            .0
            .iter()
            .map(|d| (d.code, d.pos.line, d.pos.column, d.message.clone()))
            .collect()
    }

    #[test]
    fn a_twin_gets_copies_of_its_sections_methods_without_their_addresses() {
        let text =
            spec("  Storm/Server:\n    doc: \"Servers, older name.\"\n    twin_of: Cloud/Server\n");
        let file = parse_source(Path::new("api.yaml"), &text).unwrap();
        let cloud = file.sections.get("Cloud/Server").unwrap();
        let storm = file.sections.get("Storm/Server").unwrap();
        let names = |s: &crate::spec::model::Section| -> Vec<String> {
            s.methods.iter().map(|(k, _)| k.value.clone()).collect()
        };
        assert_eq!(names(storm), ["details", "list"]);
        assert_eq!(names(storm), names(cloud));
        let details = storm.methods.get("details").unwrap();
        assert!(details.params.get("id").unwrap().required);
        assert_eq!(details.url, None);
        // The original keeps its own.
        assert!(cloud.methods.get("details").unwrap().url.is_some());
        assert!(cloud.declared_methods.is_none() && storm.declared_methods.is_none());
    }

    #[test]
    fn a_twin_of_a_missing_section_is_located_with_a_suggestion() {
        let text = spec("  Storm/Server:\n    doc: \"S.\"\n    twin_of: Cloud/Sever\n");
        let loaded = load_source_lenient(Path::new("api.yaml"), text.as_bytes());
        let [d] = loaded.diagnostics.0.as_slice() else {
            panic!("{:?}", loaded.diagnostics);
        };
        assert_eq!((d.code, d.pos.line, d.pos.column), (RULE, 31, 14));
        assert!(d.message.contains("`Cloud/Sever`"), "{}", d.message);
        assert_eq!(d.help.as_deref(), Some("did you mean `Cloud/Server`?"));
        // The file still loads, the twin with no methods.
        let file = &loaded.set.files[Path::new("api.yaml")];
        assert!(
            file.spec
                .sections
                .get("Storm/Server")
                .unwrap()
                .methods
                .is_empty()
        );
    }

    #[test]
    fn a_twin_of_itself_or_of_a_twin_is_refused() {
        let text = spec("  Storm/Server:\n    doc: \"S.\"\n    twin_of: Storm/Server\n");
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (RULE, 31));
        assert!(found[0].3.contains("itself"), "{found:?}");

        let text = spec(
            "  Storm/Server:\n    doc: \"S.\"\n    twin_of: Cloud/Server\n  Old/Server:\n    doc: \"O.\"\n    twin_of: Storm/Server\n",
        );
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1, found[0].2), (RULE, 34, 14));
        assert!(
            found[0].3.contains("itself a twin (of `Cloud/Server`)"),
            "{found:?}"
        );
    }

    #[test]
    fn a_twin_declaring_methods_is_refused_at_its_first_method() {
        let text = spec(
            "  Storm/Server:\n    doc: \"S.\"\n    twin_of: Cloud/Server\n    methods:\n      reboot:\n        doc: \"R.\"\n",
        );
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1, found[0].2), (RULE, 33, 7));
        assert!(found[0].3.contains("declares `methods` too"), "{found:?}");
        // An empty `methods` is declared too.
        let text =
            spec("  Storm/Server:\n    doc: \"S.\"\n    twin_of: Cloud/Server\n    methods: {}\n");
        let found = errors(&text);
        assert_eq!(
            (found.len(), found[0].0, found[0].1),
            (1, RULE, 31),
            "{found:?}"
        );
    }

    #[test]
    fn a_twin_of_a_section_with_its_own_paths_is_refused() {
        let text = format!(
            "{HEAD}  Things:\n    doc: \"T.\"\n    methods:\n      get:\n        doc: \"G.\"\n        http: {{path: /things}}\n  Stuff:\n    doc: \"S.\"\n    twin_of: Things\n"
        );
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (RULE, 25));
        assert!(
            found[0].3.contains("`get` has its own `http.path`"),
            "{found:?}"
        );
    }

    #[test]
    fn a_section_has_at_most_four_twins() {
        let twins: String = (1..=MAX_TWINS + 2)
            .map(|n| format!("  Old{n}:\n    doc: \"O.\"\n    twin_of: Cloud/Server\n"))
            .collect();
        let text = spec(&twins);
        let found = errors(&text);
        // The fifth and sixth, at their `twin_of`.
        let lines: Vec<(&str, u32)> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(lines, [(RULE, 31 + 3 * 4), (RULE, 31 + 3 * 5)], "{found:?}");
        assert!(found[0].3.contains("at most 4"), "{found:?}");
        let loaded = load_source_lenient(Path::new("api.yaml"), text.as_bytes());
        let file = &loaded.set.files[Path::new("api.yaml")].spec;
        assert_eq!(file.sections.get("Old4").unwrap().methods.len(), 2);
        assert!(file.sections.get("Old5").unwrap().methods.is_empty());
    }

    #[test]
    fn a_section_without_methods_or_twin_of_is_a_missing_key() {
        let text = spec("  Storm/Server:\n    doc: \"S.\"\n");
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1, found[0].2), ("missing-key", 29, 3));
        // `parse_source` (one file, first error) refuses it too.
        let error = parse_source(Path::new("api.yaml"), &text).unwrap_err();
        assert_eq!(error.code, "missing-key");
    }

    #[test]
    fn a_twin_naming_a_section_of_another_file_says_where_it_is() {
        let mut files: Vec<(PathBuf, SpecFile)> = [
            ("a.yaml", spec("")),
            (
                "b.yaml",
                format!("{HEAD}  Storm/Server:\n    doc: \"S.\"\n    twin_of: Cloud/Server\n"),
            ),
        ]
        .into_iter()
        .map(|(path, text)| {
            let path = PathBuf::from(path);
            let file = super::super::load::parse_source(&path, &text);
            // b.yaml alone cannot be resolved; read it unresolved.
            let file = file
                .or_else(|_| serde_saphyr::from_str::<SpecFile>(&text).map_err(|e| e.to_string()));
            (path, file.unwrap())
        })
        .collect();
        // a.yaml was resolved by `parse_source`: put its methods back as
        // declared, as the loader sees them before resolving.
        let a = &mut files[0].1.sections.0[0].1;
        a.declared_methods = Some(std::mem::take(&mut a.methods));
        let found = resolve_all(files.iter_mut().map(|(p, f)| (&*p, f)));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, RULE);
        assert_eq!(found[0].file, PathBuf::from("b.yaml"));
        let help = found[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("a section of a.yaml"), "{help}");
        assert_eq!(
            files[0]
                .1
                .sections
                .get("Cloud/Server")
                .unwrap()
                .methods
                .len(),
            2
        );
    }
}
