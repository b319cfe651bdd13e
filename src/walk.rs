//! Turning command-line paths into the engine's inputs: files as named, directories walked
//! honouring `.gitignore`, `.ignore` and hidden files, yielding the files whose extension names
//! a syntax. Inputs come one at a time, so that a run never holds the list of all its files.
//!
//! Never imports `rules`, `render` or `cli`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::engine::{Cause, Discovered, Input, InputId, Inputs, RunError};
use crate::model::Admission;
use crate::settings::Pairing;
use crate::settings::config::Config;
use crate::syntax::Syntax;
use crate::text::shown_path;
use crate::workspace::{Disk, Environment};

/// The paths of a command line. The engine walks them once, and again only to fetch the few
/// files a rule across files points into; every walk yields the same inputs in the same order.
#[derive(Clone, Copy)]
pub struct Walk<'a> {
    pub paths: &'a [PathBuf],
    /// What standard input (`-`) is called in output and matched as against globs.
    pub stdin_name: Option<&'a str>,
    pub config: &'a Config,
    /// Apply `exclude` to files named on the command line too.
    pub force_exclude: bool,
    /// Check a named file only when it looks like a contact list, as a walk does
    /// (`--skip-non-lists`, for pre-commit, which names every staged file).
    pub skip_non_lists: bool,
    /// The list of the CSV files named on the command line (`--list`).
    pub pairing: Option<&'a Arc<Pairing>>,
    /// How the files around the inputs are read (the run's, shared with its settings).
    pub environment: &'a dyn Environment,
}

impl<'a> Walk<'a> {
    /// The paths of a command line under a configuration, every option at its default.
    pub fn new(paths: &'a [PathBuf], config: &'a Config) -> Walk<'a> {
        Walk {
            paths,
            stdin_name: None,
            config,
            force_exclude: false,
            skip_non_lists: false,
            pairing: None,
            environment: &Disk,
        }
    }
}

impl Inputs for Walk<'_> {
    /// Named files first, in command-line order, then the walked directories. Each file comes
    /// once, by its [`crate::engine::InputId`]: a named file is not walked again, and
    /// walked files are only remembered (to drop repeats) when two directories could reach the
    /// same file.
    fn environment(&self) -> &dyn Environment {
        self.environment
    }

    /// What `exclude` matches, `--force-exclude` or not: such a file is never named.
    fn leaves_out(&self, path: &Path) -> bool {
        self.config.is_excluded(path)
    }

    fn inputs(&self) -> Box<dyn Iterator<Item = Discovered> + Send + '_> {
        let (directories, named): (Vec<&PathBuf>, Vec<&PathBuf>) = self
            .paths
            .iter()
            .partition(|path| path.as_os_str() != "-" && path.is_dir());
        let mut explicit = HashSet::new();
        let named: Vec<Discovered> = named
            .into_iter()
            .map(|path| self.named(path))
            .filter(|found| match found {
                Discovered::Input(input) => explicit.insert(input.id.clone()),
                _ => true,
            })
            .collect();
        let mut walked = may_overlap(&directories).then(HashSet::new);
        let walked = directories
            .into_iter()
            .flat_map(move |root| self.walk(root))
            .filter(move |found| match found {
                Discovered::Input(input) => {
                    !explicit.contains(&input.id)
                        && walked
                            .as_mut()
                            .is_none_or(|seen| seen.insert(input.id.clone()))
                }
                _ => true,
            });
        Box::new(named.into_iter().chain(walked))
    }
}

impl Walk<'_> {
    /// A path named on the command line (not a directory).
    fn named(&self, path: &Path) -> Discovered {
        if path.as_os_str() == "-" {
            let display = self.stdin_name.map_or_else(|| "-".to_owned(), shown_path);
            let pairing = self.pairing_of(Path::new(&display));
            // Named, standard input stands in for that file: placed in its module, paired as it.
            let id = match self.stdin_name {
                Some(name) => InputId::of_path(Path::new(name)),
                None => InputId::Stdin,
            };
            let input = Input {
                id,
                pairing,
                ..Input::stdin(display)
            };
            self.admit(input, self.stdin_name.is_some())
        } else if Syntax::is_terraform_variables(path) && path.exists() {
            let reason = "a Terraform variable file: never a contact list".to_owned();
            Discovered::Skipped {
                path: shown_path(path),
                reason,
            }
        } else if path.exists() || path.is_symlink() {
            let admission = match self.skip_non_lists {
                true => Admission::Walked,
                false => Admission::Named,
            };
            let input = Input {
                pairing: self.pairing_of(path),
                ..Input::path(path, true, admission)
            };
            self.admit(input, self.force_exclude)
        } else {
            let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
            Discovered::Error(RunError::io(shown_path(path), &missing))
        }
    }

    /// `--list` for a named contact file.
    fn pairing_of(&self, path: &Path) -> Option<Arc<Pairing>> {
        let csv = Syntax::from_name(path).is_some_and(Syntax::holds_contacts);
        self.pairing.filter(|_| csv).cloned()
    }

    /// The input, unless the configuration leaves it out.
    fn admit(&self, input: Input, apply_exclude: bool) -> Discovered {
        let left_out = (apply_exclude && self.config.is_excluded(input.glob_path()))
            || (!input.explicit && !self.config.is_included(input.glob_path()));
        if left_out {
            Discovered::Excluded(input.display)
        } else {
            Discovered::Input(input)
        }
    }

    /// The files under `root` whose extension names a syntax, in the order the file system
    /// lists them.
    fn walk<'r>(&'r self, root: &'r Path) -> impl Iterator<Item = Discovered> + Send + 'r {
        ignore::WalkBuilder::new(root)
            .standard_filters(true)
            .require_git(false)
            // Linked lists are checked too; a link loop is reported, never followed twice.
            .follow_links(true)
            .build()
            .filter_map(move |entry| match entry {
                Ok(entry) => {
                    let path = entry.path();
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    (is_file && Syntax::is_walked(path)).then(|| {
                        // Files that `include` matches are lists by the user's word.
                        let admission = match self.config.include {
                            Some(_) => Admission::Included,
                            None => Admission::Walked,
                        };
                        self.admit(Input::path(path, false, admission), true)
                    })
                }
                Err(error) => Some(match dangling_link(&error) {
                    Some(path) => Discovered::Skipped {
                        path: shown_path(path),
                        reason: "a symbolic link to nothing".to_owned(),
                    },
                    None => Discovered::Error(walk_error(root, &error)),
                }),
            })
    }
}

/// Whether two of the walked directories could yield the same file: one is the other, or lies
/// inside it (absolute, `..` resolved). Errs towards yes (which only costs memory).
fn may_overlap(directories: &[&PathBuf]) -> bool {
    let roots: Vec<PathBuf> = directories
        .iter()
        .map(|root| match InputId::of_path(root) {
            InputId::Path(path) => path,
            InputId::Stdin | InputId::Document(_) => root.to_path_buf(),
        })
        .collect();
    roots.iter().enumerate().any(|(i, a)| {
        roots[i + 1..]
            .iter()
            .any(|b| a.starts_with(b) || b.starts_with(a))
    })
}

/// The path of a symbolic link whose target does not exist, when that is what the walk met.
fn dangling_link(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } if path.is_symlink() && !path.exists() => Some(path),
        ignore::Error::WithDepth { err, .. } => dangling_link(err),
        _ => None,
    }
}

fn walk_error(root: &Path, error: &ignore::Error) -> RunError {
    let path = match error {
        ignore::Error::WithPath { path, .. } => shown_path(path),
        ignore::Error::WithDepth { err, .. } => return walk_error(root, err),
        ignore::Error::Loop { ancestor, child } => {
            let reason = format!(
                "a symbolic link loop (it leads back to {})",
                shown_path(ancestor)
            );
            return RunError {
                path: shown_path(child),
                reason,
                cause: Cause::Unreadable,
            };
        }
        _ => shown_path(root),
    };
    match error.io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => RunError::io(path, io),
        _ => RunError {
            path,
            reason: strip_path(&error.to_string()),
            cause: Cause::Unreadable,
        },
    }
}

/// ignore's messages repeat the path first; we print it once.
fn strip_path(message: &str) -> String {
    message
        .rsplit_once(": ")
        .map_or(message, |(_, m)| m)
        .to_owned()
}
