//! Turning command-line paths into inputs: files as named, directories walked honouring
//! `.gitignore`, `.ignore` and hidden files.

use std::path::{Path, PathBuf};

use crate::lint::{Input, InputSource, RunError};

/// The inputs for `paths` (in path order, without repeats) and the paths that could not be used.
pub fn discover(paths: &[PathBuf], stdin_name: Option<&str>) -> (Vec<Input>, Vec<RunError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let display = stdin_name.map_or_else(|| "-".to_owned(), display_path);
            inputs.push(Input {
                source: InputSource::Stdin,
                display,
                explicit: true,
            });
        } else if path.is_dir() {
            walk(path, &mut inputs, &mut errors);
        } else if path.exists() || path.is_symlink() {
            inputs.push(Input {
                source: InputSource::Path(path.clone()),
                display: display_path(path),
                explicit: true,
            });
        } else {
            errors.push(RunError {
                path: display_path(path),
                reason: "no such file or directory".into(),
            });
        }
    }
    inputs.sort_by(|a, b| a.display.cmp(&b.display).then(b.explicit.cmp(&a.explicit)));
    inputs.dedup_by(|later, earlier| later.display == earlier.display);
    (inputs, errors)
}

fn walk(root: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<RunError>) {
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(true)
        .require_git(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && has_checked_extension(path) {
                    inputs.push(Input {
                        source: InputSource::Path(path.to_path_buf()),
                        display: display_path(path),
                        explicit: false,
                    });
                }
            }
            Err(error) => errors.push(walk_error(root, &error)),
        }
    }
}

fn walk_error(root: &Path, error: &ignore::Error) -> RunError {
    let path = match error {
        ignore::Error::WithPath { path, .. } => display_path(path),
        ignore::Error::WithDepth { err, .. } => return walk_error(root, err),
        ignore::Error::Loop { child, .. } => display_path(child),
        _ => display_path(root),
    };
    let reason = match error.io_error().map(std::io::Error::kind) {
        Some(std::io::ErrorKind::PermissionDenied) => "permission denied".to_owned(),
        _ => strip_path(&error.to_string()),
    };
    RunError { path, reason }
}

/// ignore's messages repeat the path first; we print it once.
fn strip_path(message: &str) -> String {
    message
        .rsplit_once(": ")
        .map_or(message, |(_, m)| m)
        .to_owned()
}

fn has_checked_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("toml"))
}

/// A path as shown in output: `/` separators, without a leading `./`.
pub fn display_path(path: impl AsRef<Path>) -> String {
    let text = path.as_ref().to_string_lossy().replace('\\', "/");
    let mut rest = text.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped.trim_start_matches('/');
    }
    if rest.is_empty() {
        ".".to_owned()
    } else {
        rest.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_drop_leading_dot_slash() {
        assert_eq!(display_path("./lists/a.json"), "lists/a.json");
        assert_eq!(display_path("lists/a.json"), "lists/a.json");
    }
}
