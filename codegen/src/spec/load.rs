//! Reading spec files from disk into the model, with positions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::model::SpecFile;
use super::span::{Pos, Sp};
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
    // Case-insensitively: `API.YAML` from a case-insensitive file system is
    // a spec too, not a file silently skipped.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    (name.ends_with(".yaml") || name.ends_with(".yml")) && !is_overlay_file(path)
}

/// Is this an import overlay by name (`*.overlay.yaml`, any case)?
pub fn is_overlay_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".overlay.yaml") || name.ends_with(".overlay.yml")
}

/// Everything reading a set of inputs found, including what failed, so a
/// linter can go on with the files that did parse.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// The files that parsed.
    pub set: SpecSet,
    pub diagnostics: Diagnostics,
    /// Files that were read but did not parse, with their text, so a
    /// report can show the line at fault.
    pub unparsed: BTreeMap<PathBuf, String>,
}

impl Loaded {
    /// The text of `path`, parsed or not.
    pub fn source(&self, path: &Path) -> Option<&str> {
        self.set
            .get(path)
            .map(|f| f.source.as_str())
            .or_else(|| self.unparsed.get(path).map(String::as_str))
    }
}

/// How spec files are found and followed.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The folder `uses` may reach into. By default each input's own: the
    /// folder given, or the folder of the file given. Specs are untrusted,
    /// so a `uses` entry never reads a file outside it (an absolute path,
    /// `..` past it, or a link out of it).
    pub uses_root: Option<PathBuf>,
}

/// A file to load and the folder its `uses` may reach into.
type Queued = (PathBuf, PathBuf);

/// Loads every spec file under the given files or directories, then every
/// library they reach through `uses`.
pub fn load_paths(inputs: &[PathBuf]) -> Result<SpecSet, Diagnostics> {
    load_paths_with(inputs, &LoadOptions::default())
}

/// [`load_paths`] with options.
pub fn load_paths_with(inputs: &[PathBuf], options: &LoadOptions) -> Result<SpecSet, Diagnostics> {
    let loaded = load_lenient_with(inputs, options);
    if loaded.diagnostics.has_errors() {
        Err(loaded.diagnostics.sorted())
    } else {
        Ok(loaded.set)
    }
}

/// Like [`load_paths`], but keeps every file that parsed and reports the
/// others instead of stopping.
pub fn load_lenient(inputs: &[PathBuf]) -> Loaded {
    load_lenient_with(inputs, &LoadOptions::default())
}

/// [`load_lenient`] with options.
pub fn load_lenient_with(inputs: &[PathBuf], options: &LoadOptions) -> Loaded {
    let mut loaded = Loaded::default();
    let mut queue: Vec<Queued> = Vec::new();
    for input in inputs {
        match collect_files(input) {
            Ok(files) => {
                let root = uses_root(input, options);
                queue.extend(files.iter().map(|f| (f.clone(), root.clone())));
                loaded.set.roots.extend(files);
            }
            Err(d) => loaded.diagnostics.push(d),
        }
    }
    loaded.set.roots.sort();
    loaded.set.roots.dedup();
    queue.sort();
    queue.dedup_by(|a, b| a.0 == b.0);
    queue.reverse();
    follow(&mut loaded, queue);
    resolve_twins(&mut loaded);
    loaded
}

/// Fills in every loaded file's sections' methods (`twin_of`, spec/twins.rs).
fn resolve_twins(loaded: &mut Loaded) {
    let files = loaded.set.files.iter_mut().map(|(p, f)| (p, &mut f.spec));
    for diagnostic in super::twins::resolve_all(files) {
        loaded.diagnostics.push(diagnostic);
    }
}

/// The folder `uses` entries of files found under `input` may reach.
fn uses_root(input: &Path, options: &LoadOptions) -> PathBuf {
    match &options.uses_root {
        Some(root) => normalize(root),
        None if input.is_dir() => normalize(input),
        None => normalize(input.parent().unwrap_or(Path::new(""))),
    }
}

/// Loads one spec from text (named `path` in messages) and, from disk, the
/// libraries it reaches through `uses` (inside `path`'s folder).
pub fn load_source_lenient(path: &Path, source: &[u8]) -> Loaded {
    load_source_lenient_with(path, source, &LoadOptions::default())
}

/// [`load_source_lenient`] with options.
pub fn load_source_lenient_with(path: &Path, source: &[u8], options: &LoadOptions) -> Loaded {
    let mut loaded = Loaded::default();
    let path = normalize(path);
    loaded.set.roots.push(path.clone());
    let root = uses_root(&path, options);
    let mut queue = Vec::new();
    add_file(&mut loaded, &path, source, &root, &mut queue);
    follow(&mut loaded, queue);
    resolve_twins(&mut loaded);
    loaded
}

/// Loads the files in `queue` and everything they reach through `uses`.
fn follow(loaded: &mut Loaded, mut queue: Vec<Queued>) {
    while let Some((path, root)) = queue.pop() {
        if loaded.set.files.contains_key(&path) || loaded.unparsed.contains_key(&path) {
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => add_file(loaded, &path, &bytes, &root, &mut queue),
            Err(e) => {
                loaded.diagnostics.push(io_error(&path, &e));
                // Remember it so it is not read twice.
                loaded.unparsed.insert(path, String::new());
            }
        }
    }
}

/// Parses one file's bytes into `loaded`, queueing the libraries it uses
/// (those inside `root`).
fn add_file(loaded: &mut Loaded, path: &Path, bytes: &[u8], root: &Path, queue: &mut Vec<Queued>) {
    if path.to_string_lossy().chars().any(char::is_control) {
        // Cargo reads `rerun-if-changed=PATH` lines and generated headers
        // name the file: a line break in a name would start a new line.
        loaded.diagnostics.push(
            Diagnostic::error(
                "file-name",
                path,
                Pos {
                    line: 1,
                    column: 1,
                    len: 0,
                },
                "the spec file's path holds a control character (such as a line break)",
            )
            .with_help("rename the file"),
        );
        let text = String::from_utf8_lossy(bytes).into_owned();
        loaded.unparsed.insert(path.to_path_buf(), text);
        return;
    }
    let source = match decode_utf8(path, bytes) {
        Ok(source) => source,
        Err(d) => {
            loaded.diagnostics.push(d);
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            loaded.unparsed.insert(path.to_path_buf(), lossy);
            return;
        }
    };
    let mut spec = match parse_yaml(path, &source) {
        Ok(spec) => spec,
        Err(d) => {
            loaded.diagnostics.push(d);
            loaded.unparsed.insert(path.to_path_buf(), source);
            return;
        }
    };
    if is_overlay_file(path) {
        for found in super::overlay_paths::separate(path, &mut spec) {
            loaded.diagnostics.push(found);
        }
    }
    for used in &spec.uses {
        match use_target(path, root, used) {
            Ok(target) => {
                if !loaded.set.files.contains_key(&target) {
                    queue.push((target, root.to_path_buf()));
                }
            }
            Err(diagnostic) => loaded.diagnostics.push(diagnostic),
        }
    }
    loaded.set.files.insert(
        path.to_path_buf(),
        LoadedFile {
            path: path.to_path_buf(),
            source,
            spec,
        },
    );
}

/// The text of a spec file; YAML files must be UTF-8. On failure, the
/// diagnostic at the first bad byte.
fn decode_utf8(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // The prefix is valid UTF-8 by definition.
            let prefix = String::from_utf8_lossy(valid);
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let pos = Pos {
                line: u32::try_from(line).unwrap_or(u32::MAX),
                column: u32::try_from(column).unwrap_or(u32::MAX),
                len: 1,
            };
            let diagnostic = Diagnostic::error(
                "yaml",
                path,
                pos,
                format!(
                    "the file is not valid UTF-8 (byte {} is not part of a UTF-8 character)",
                    error.valid_up_to() + 1
                ),
            )
            .with_help("save the file as UTF-8");
            Err(diagnostic)
        }
    }
}

/// The file a `uses` entry of `from` names, if it may be read: a spec file
/// inside `root`, reached without leaving it (lexically or through a link).
/// Nothing outside is opened, so a hostile spec cannot make the generator
/// read, or echo in an error, a file the user did not hand it.
fn use_target(from: &Path, root: &Path, used: &Sp<String>) -> Result<PathBuf, Diagnostic> {
    let outside = |why: String| {
        Diagnostic::error("use-outside-root", from, used.pos, why).with_help(
            "keep type libraries under the spec folder, or widen it with `--uses-root DIR`",
        )
    };
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let named = Path::new(&used.value);
    if named.has_root() || named.is_absolute() {
        return Err(outside(format!(
            "`uses` names `{}`, an absolute path; write a path relative to this file",
            used.value
        )));
    }
    let target = resolve_use(from, &used.value);
    let absolute = |p: &Path| std::path::absolute(p).map(|a| normalize(&a)).ok();
    let (Some(abs_root), Some(abs_target)) = (absolute(root), absolute(&target)) else {
        return Err(outside(format!(
            "`uses` names `{}`, which cannot be located",
            used.value
        )));
    };
    if !abs_target.starts_with(&abs_root) {
        return Err(outside(format!(
            "`uses` names `{}`, which is outside the spec folder {}",
            used.value,
            root.display()
        )));
    }
    if !is_spec_file(&target) {
        return Err(Diagnostic::error(
            "unresolved-use",
            from,
            used.pos,
            format!(
                "`uses` names `{}`, which is not a spec file (`.yaml` or `.yml`)",
                used.value
            ),
        ));
    }
    if !target.is_file() {
        return Err(Diagnostic::error(
            "unresolved-use",
            from,
            used.pos,
            format!("`uses` names `{}`, which is not a file", used.value),
        )
        .with_help(format!("looked for {}", target.display())));
    }
    let canonical = |p: &Path| p.canonicalize().ok();
    match (canonical(root), canonical(&target)) {
        (Some(real_root), Some(real_target)) if real_target.starts_with(&real_root) => Ok(target),
        _ => Err(outside(format!(
            "`uses` names `{}`, a link to a file outside the spec folder {}",
            used.value,
            root.display()
        ))),
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
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    let source = decode_utf8(path, &bytes)?;
    let spec = parse_source(path, &source)?;
    Ok(LoadedFile {
        path: path.to_path_buf(),
        source,
        spec,
    })
}

/// Parses spec text and resolves its twin sections (spec/twins.rs); `path`
/// is only used in messages. On failure, the first error.
pub fn parse_source(path: &Path, source: &str) -> Result<SpecFile, Diagnostic> {
    let mut spec = parse_yaml(path, source)?;
    match super::twins::resolve(path, &mut spec, &|_| None)
        .into_iter()
        .next()
    {
        Some(diagnostic) => Err(diagnostic),
        None => Ok(spec),
    }
}

/// Parses spec text into the model as written: sections' `methods` are
/// not filled in yet.
fn parse_yaml(path: &Path, source: &str) -> Result<SpecFile, Diagnostic> {
    serde_saphyr::from_str::<SpecFile>(source).map_err(|error| yaml_error(path, &error))
}

fn yaml_error(path: &Path, error: &serde_saphyr::Error) -> Diagnostic {
    let pos = error
        .location()
        .map(|l| Pos::from_location(&l))
        .unwrap_or_default();
    let mut message = error.without_snippet().to_string();
    // The position is already in the diagnostic; don't say it twice. Only a
    // trailing "at line N column M" is the position: other messages say
    // "at line" in the middle (the alias budget's "(used … at line …)").
    if let Some(stripped) = message
        .rfind(" at line ")
        .filter(|_| pos.is_known())
        .filter(|&i| is_line_column(&message[i + " at line ".len()..]))
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
    let diagnostic = Diagnostic::error(code, path, pos, message.clone());
    if code == "unknown-key" {
        let (found, expected) = unknown_and_expected(&message);
        if let Some(found) = found {
            return diagnostic.with_suggestion(found, expected);
        }
    }
    diagnostic
}

/// `N, column M` (or `N column M`), nothing more.
fn is_line_column(text: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    text.split_once(" column ").is_some_and(|(line, column)| {
        digits(line.strip_suffix(',').unwrap_or(line)) && digits(column)
    })
}

/// From serde's "unknown field `x`, expected one of a, b, c" (or "expected
/// `a` or `b`"), the unknown name and the expected ones.
fn unknown_and_expected(message: &str) -> (Option<&str>, Vec<&str>) {
    let found = message.split('`').nth(1);
    let expected = message
        .split_once(", expected ")
        .map(|(_, rest)| rest.strip_prefix("one of ").unwrap_or(rest))
        .map(|rest| {
            rest.split(", ")
                .flat_map(|part| part.split(" or "))
                .map(|name| name.trim().trim_matches('`'))
                .filter(|name| !name.is_empty())
                .collect()
        })
        .unwrap_or_default();
    (found, expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_files_are_known_by_their_extension_in_any_case() {
        for name in ["a.yaml", "a.yml", "A.YAML", "b/c.Yml"] {
            assert!(is_spec_file(Path::new(name)), "{name}");
        }
        for name in [
            "a.json",
            "a.overlay.yaml",
            "A.OVERLAY.YML",
            "yaml",
            "a.yaml.txt",
        ] {
            assert!(!is_spec_file(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn only_a_trailing_position_is_cut_from_yaml_messages() {
        assert!(is_line_column("3 column 14"));
        assert!(is_line_column("3, column 14"));
        assert!(!is_line_column("3 column 14)"));
        assert!(!is_line_column("3"));
        let error = parse_source(Path::new("a.yaml"), "hostapi: 1\napi: [1, 2\n").unwrap_err();
        assert!(!error.message.contains(" at line "), "{error}");
    }
}
