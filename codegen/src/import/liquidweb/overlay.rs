//! The hand-written overlay: where it must sit, what it may hold, and its
//! `api:` block, which is copied into the output verbatim.

use std::path::Path;

use crate::import::ImportError;
use crate::spec::load::LoadedFile;

pub(super) fn overlay_error(path: &Path, message: impl Into<String>) -> ImportError {
    ImportError::Overlay {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// The overlay must exist and sit beside the output: its `uses` paths are
/// relative and are copied into the output.
pub(super) fn check_overlay_place(overlay: &Path, out: &Path) -> Result<(), ImportError> {
    if !overlay.is_file() {
        return Err(overlay_error(
            overlay,
            "no overlay here: the importer takes the `api` block (and any hand transcriptions) from it; \
             pass `--overlay PATH` or create it (see spec/README.md, \"Importing\")",
        ));
    }
    let dir = |p: &Path| {
        let parent = p.parent().unwrap_or(Path::new(""));
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        parent
            .canonicalize()
            .unwrap_or_else(|_| parent.to_path_buf())
    };
    if dir(overlay) != dir(out) {
        return Err(overlay_error(
            overlay,
            format!(
                "the overlay must be in the output's directory ({}), since its `uses` paths are copied as they are",
                dir(out).display()
            ),
        ));
    }
    Ok(())
}

pub(super) fn check_overlay_contents(overlay: &LoadedFile) -> Result<(), ImportError> {
    let spec = &overlay.spec;
    if spec.api.is_none() {
        return Err(overlay_error(
            &overlay.path,
            "the overlay needs an `api` block (name, base_url, credentials, wire …); it is copied into the output",
        ));
    }
    if !spec.types.is_empty() || !spec.errors.is_empty() {
        return Err(overlay_error(
            &overlay.path,
            "the overlay may not declare `types` or `errors`: put them in a type library it `uses` (e.g. types.yaml)",
        ));
    }
    if api_block(&overlay.source).is_none() {
        return Err(overlay_error(
            &overlay.path,
            "the `api` block must start at the beginning of a line (`api:`) in block style",
        ));
    }
    Ok(())
}

/// The overlay's `api:` block, verbatim: from `api:` to the next top-level
/// key, without trailing blank or comment lines.
pub(super) fn api_block(source: &str) -> Option<Vec<&str>> {
    let lines: Vec<&str> = source.lines().collect();
    let start = lines.iter().position(|l| l.trim_end() == "api:")?;
    let top_level =
        |l: &&str| l.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '"' || c == '\'');
    let end = lines[start + 1..]
        .iter()
        .position(top_level)
        .map_or(lines.len(), |i| start + 1 + i);
    let mut block = lines[start..end].to_vec();
    while block
        .last()
        .is_some_and(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        block.pop();
    }
    Some(block)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_block_stops_at_the_next_top_level_key() {
        let source =
            "hostapi: 1\napi:\n  name: x\n  # comment\n  title: y\n\n# trailing\nsections:\n";
        assert_eq!(
            api_block(source).unwrap(),
            vec!["api:", "  name: x", "  # comment", "  title: y"]
        );
    }
}
