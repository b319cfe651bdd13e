//! Turning command-line paths into inputs: files as named, directories walked honouring
//! `.gitignore`, `.ignore` and hidden files.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::lint::{Input, InputSource, RunError};

/// What the command-line paths turn into.
#[derive(Debug, Default)]
pub struct Discovery {
    /// In path order, without repeats.
    pub inputs: Vec<Input>,
    /// Paths that could not be used.
    pub errors: Vec<RunError>,
    /// Files left out by the configuration's `exclude` (or `include`, for walked files).
    pub excluded: usize,
}

/// The inputs for `paths`. `exclude` applies to walked files and standard input, and with
/// `force_exclude` to files named on the command line too.
pub fn discover(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    config: &Config,
    force_exclude: bool,
) -> Discovery {
    let mut found = Discovery::default();
    for path in paths {
        if path.as_os_str() == "-" {
            let display = stdin_name.map_or_else(|| "-".to_owned(), display_path);
            let input = Input {
                source: InputSource::Stdin,
                display,
                explicit: true,
            };
            found.push(input, config, stdin_name.is_some());
        } else if path.is_dir() {
            walk(path, &mut found, config);
        } else if path.exists() || path.is_symlink() {
            let input = Input {
                source: InputSource::Path(path.clone()),
                display: display_path(path),
                explicit: true,
            };
            found.push(input, config, force_exclude);
        } else {
            let error = RunError {
                path: display_path(path),
                reason: "no such file or directory".into(),
            };
            found.errors.push(error);
        }
    }
    found
        .inputs
        .sort_by(|a, b| a.display.cmp(&b.display).then(b.explicit.cmp(&a.explicit)));
    found
        .inputs
        .dedup_by(|later, earlier| later.display == earlier.display);
    found
}

impl Discovery {
    fn push(&mut self, input: Input, config: &Config, apply_exclude: bool) {
        let left_out = (apply_exclude && config.is_excluded(input.path()))
            || (!input.explicit && !config.is_included(input.path()));
        if left_out {
            self.excluded += 1;
        } else {
            self.inputs.push(input);
        }
    }
}

fn walk(root: &Path, found: &mut Discovery, config: &Config) {
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(true)
        .require_git(false)
        // Linked lists are checked too; a link loop is reported as an error, never followed twice.
        .follow_links(true)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && has_checked_extension(path) {
                    let input = Input {
                        source: InputSource::Path(path.to_path_buf()),
                        display: display_path(path),
                        explicit: false,
                    };
                    found.push(input, config, true);
                }
            }
            Err(error) => found.errors.push(walk_error(root, &error)),
        }
    }
}

fn walk_error(root: &Path, error: &ignore::Error) -> RunError {
    let path = match error {
        ignore::Error::WithPath { path, .. } => display_path(path),
        ignore::Error::WithDepth { err, .. } => return walk_error(root, err),
        ignore::Error::Loop { ancestor, child } => {
            let reason = format!(
                "a symbolic link loop (it leads back to {})",
                display_path(ancestor)
            );
            return RunError {
                path: display_path(child),
                reason,
            };
        }
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
    let text = path.as_ref().to_string_lossy();
    let text = if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    };
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
