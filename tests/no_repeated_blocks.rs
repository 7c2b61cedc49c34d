//! One definition per thing: no block of more than 20 lines stands twice in
//! `generated/`. Lines are compared with their indentation stripped, so a
//! block moved into another module still counts; windows of little text
//! (closing braces, blank lines) are not blocks worth sharing. Records of
//! the same shape under different names differ in their names, so they
//! pass.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A repeated block is this many lines or more.
const WINDOW: usize = 21;
/// A window holding fewer characters (indentation stripped) is ignored.
const MIN_CHARS: usize = 200;

/// Every `.rs` file under `dir`, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Each window that stands more than once, with where it stands (file and
/// first line), one entry per distinct pair of places' files.
fn repeated_blocks(files: &[(String, String)]) -> Vec<Vec<(String, usize)>> {
    let mut seen: HashMap<Vec<&str>, Vec<(String, usize)>> = HashMap::new();
    for (name, text) in files {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for (start, window) in lines.windows(WINDOW).enumerate() {
            if window.iter().map(|l| l.len()).sum::<usize>() < MIN_CHARS {
                continue;
            }
            seen.entry(window.to_vec())
                .or_default()
                .push((name.clone(), start + 1));
        }
    }
    // Overlapping windows of one long block name the same files: report
    // each set of files once, at its first window.
    let mut by_files: HashMap<Vec<String>, Vec<(String, usize)>> = HashMap::new();
    for places in seen.into_values().filter(|p| p.len() > 1) {
        let mut names: Vec<String> = places.iter().map(|(n, _)| n.clone()).collect();
        names.sort();
        let first = by_files.entry(names).or_insert_with(|| places.clone());
        if places < *first {
            *first = places;
        }
    }
    let mut found: Vec<_> = by_files.into_values().collect();
    found.sort();
    found
}

#[test]
fn no_block_of_more_than_20_lines_stands_twice_in_generated() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated");
    let files: Vec<(String, String)> = rust_files(&root)
        .into_iter()
        .map(|path| {
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    assert!(
        files.len() > 10,
        "generated/ holds too few files: {files:?}"
    );
    let repeated = repeated_blocks(&files);
    let report: Vec<String> = repeated
        .iter()
        .map(|places| {
            let at: Vec<String> = places.iter().map(|(f, l)| format!("{f}:{l}")).collect();
            format!("a block of {WINDOW}+ lines stands at {}", at.join(" and "))
        })
        .collect();
    assert!(
        report.is_empty(),
        "generated/ repeats itself; share the block (a library, the shared module or a runtime macro):\n{}",
        report.join("\n")
    );
}

#[test]
fn the_scan_finds_a_block_repeated_in_two_files_and_names_both() {
    let block: String = (0..WINDOW)
        .map(|i| format!("    let value_{i} = compute_something_long({i});\n"))
        .collect();
    let files = vec![
        ("a.rs".to_string(), format!("fn a() {{\n{block}}}\n")),
        (
            "b/c.rs".to_string(),
            format!("// other\n\nfn c() {{\n{block}}}\n"),
        ),
        ("d.rs".to_string(), block.replace("value_3", "other_3")),
    ];
    let repeated = repeated_blocks(&files);
    assert_eq!(
        repeated,
        vec![vec![("a.rs".to_string(), 2), ("b/c.rs".to_string(), 4)]]
    );
    // One line short of a block is not one.
    let short: String = block.lines().skip(1).map(|l| format!("{l}\n")).collect();
    let files = vec![
        ("a.rs".to_string(), short.clone()),
        ("b.rs".to_string(), short),
    ];
    assert!(repeated_blocks(&files).is_empty());
}
