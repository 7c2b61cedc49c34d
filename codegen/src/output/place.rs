//! What is at a path inside the output folder, found without following
//! links: the generator never reads, writes or deletes through a link, so it
//! cannot be led out of the folder.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

/// What is at a manifest-style path (`a/b.rs`, see `manifest::is_plain`).
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// Nothing (a missing folder on the way counts too).
    Missing,
    /// A regular file.
    File,
    /// A directory or another kind of non-file (socket, device).
    NotAFile,
    /// A symbolic link (or Windows junction).
    Link,
    /// A folder on the way is a link or a file: `at` is its path.
    Blocked { at: String, link: bool },
}

/// Looks at `out/entry`, one name at a time from `out` down. `out` itself
/// may be a link: the user named it.
pub fn inspect(out: &Path, entry: &str) -> std::io::Result<Found> {
    let names: Vec<&str> = entry.split('/').collect();
    let mut path = out.to_path_buf();
    for (i, name) in names.iter().enumerate() {
        path.push(name);
        let kind = match fs::symlink_metadata(&path) {
            Ok(metadata) => metadata.file_type(),
            Err(error) if error.kind() == ErrorKind::NotFound => return Ok(Found::Missing),
            Err(error) => return Err(error),
        };
        if i + 1 == names.len() {
            return Ok(if kind.is_symlink() {
                Found::Link
            } else if kind.is_file() {
                Found::File
            } else {
                Found::NotAFile
            });
        }
        if !kind.is_dir() {
            return Ok(Found::Blocked {
                at: names[..=i].join("/"),
                link: kind.is_symlink(),
            });
        }
    }
    Ok(Found::Missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("hostapi-place-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("dir")).unwrap();
        dir
    }

    #[test]
    fn files_folders_and_blockers() {
        let out = temp("kinds");
        fs::write(out.join("file.rs"), "x").unwrap();
        assert_eq!(inspect(&out, "file.rs").unwrap(), Found::File);
        assert_eq!(inspect(&out, "dir").unwrap(), Found::NotAFile);
        assert_eq!(inspect(&out, "none/a.rs").unwrap(), Found::Missing);
        assert_eq!(inspect(&out, "dir/a.rs").unwrap(), Found::Missing);
        assert_eq!(
            inspect(&out, "file.rs/a.rs").unwrap(),
            Found::Blocked {
                at: "file.rs".into(),
                link: false
            }
        );
        let _ = fs::remove_dir_all(&out);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_not_followed() {
        let out = temp("links");
        let outside = temp("links-outside");
        fs::write(outside.join("secret.rs"), "x").unwrap();
        std::os::unix::fs::symlink(&outside, out.join("api")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.rs"), out.join("lib.rs")).unwrap();
        assert_eq!(
            inspect(&out, "api/secret.rs").unwrap(),
            Found::Blocked {
                at: "api".into(),
                link: true
            }
        );
        assert_eq!(inspect(&out, "lib.rs").unwrap(), Found::Link);
        assert_eq!(inspect(&out, "api").unwrap(), Found::Link);
        let _ = fs::remove_dir_all(&out);
        let _ = fs::remove_dir_all(&outside);
    }
}
