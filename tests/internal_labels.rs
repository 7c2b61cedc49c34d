//! Our transcription labels ("seed 002") mean nothing to users: no generated
//! file may carry one. Spec notes name the vendor's page instead; only the
//! specs' `#` comment lines, which never reach generated code, keep them.

use std::path::{Path, PathBuf};

/// The first internal label in `text` ("seed" or "seeds", whitespace, then
/// three digits or more, in any case), with its byte offset.
fn internal_label(text: &str) -> Option<(usize, &str)> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("seed") {
        let start = from + found;
        let mut rest = &lower[start + "seed".len()..];
        rest = rest.strip_prefix('s').unwrap_or(rest);
        let after_space = rest.trim_start();
        let spaced = after_space.len() < rest.len();
        let digits = after_space.bytes().take_while(u8::is_ascii_digit).count();
        if spaced && digits >= 3 {
            let end = lower.len() - after_space.len() + digits;
            return Some((start, &text[start..end]));
        }
        from = start + "seed".len();
    }
    None
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn the_label_finder_finds_labels_and_nothing_else() {
    assert_eq!(
        internal_label("such as passwdUpd (seed 004) send"),
        Some((19, "seed 004"))
    );
    assert_eq!(
        internal_label("Seed 000 does not say so"),
        Some((0, "Seed 000"))
    );
    assert_eq!(internal_label("seeds 000, 001"), Some((0, "seeds 000")));
    assert_eq!(
        internal_label("of seed\n//! 002").map(|(at, _)| at),
        None,
        "a comment marker between the word and the number is not a label"
    );
    assert_eq!(internal_label("of seed\n002"), Some((3, "seed\n002")));
    assert_eq!(internal_label("a seed value of 0042, seedless 123"), None);
    assert_eq!(
        internal_label("seed 12 and seed 1234"),
        Some((12, "seed 1234"))
    );
}

#[test]
fn generated_files_carry_no_internal_labels() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    assert!(files.len() > 10, "generated/ looks empty: {files:?}");
    let found: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            let (at, label) = internal_label(&text)?;
            let line = text[..at].matches('\n').count() + 1;
            Some(format!("{}:{line}: {label:?}", path.display()))
        })
        .collect();
    assert!(
        found.is_empty(),
        "internal labels in generated code (name the vendor's page in the spec instead): {found:?}"
    );
}
