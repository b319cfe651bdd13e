//! `contactlint.toml`: its model and what it says of a path (this file), discovery and loading,
//! parsing with spans so that every mistake points at its place in the file (`parse.rs`), the
//! globs read as `.gitignore` reads them (`patterns.rs`), and the per-file settings it yields,
//! cached per combination (`resolver.rs`).

mod parse;
mod patterns;
mod resolver;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use parse::{ConfigError, parse, parse_size, split_address};
pub use patterns::Patterns;
pub use resolver::Resolver;

use super::{Pairing, RuleLevel, Selection};
use crate::model::Profile;
use crate::model::provider::Choice;
use crate::text::{lexically_normal, shown_from_cwd as shown};

/// The configuration file's name.
pub const FILE_NAME: &str = crate::workspace::CONFIG_FILE_NAME;

/// A parsed configuration file.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from (`None`: built-in defaults).
    pub path: Option<PathBuf>,
    /// Globs are relative to this directory.
    pub root: PathBuf,
    /// The directory relative paths given to it are relative to: passed in by the caller
    /// ([`Config::relative_to`]), never asked of the process, so that a server with several
    /// workspace folders gets no wrong answer.
    pub working_dir: Option<PathBuf>,
    /// `Some(None)` is an explicit `"auto"`.
    pub profile: Option<Option<Profile>>,
    pub include: Option<Patterns>,
    pub exclude: Option<Patterns>,
    pub warnings_as_errors: Option<bool>,
    pub max_file_size: Option<u64>,
    /// `provider-version`: the Genesys provider version Terraform files are judged with.
    pub provider_version: Option<String>,
    /// Globs of directories that are namespaces of list names of their own.
    pub name_scopes: Option<Patterns>,
    pub rules: Vec<RuleLevel>,
    pub overrides: Vec<Override>,
    /// `[[contacts]]`: contact files and the list each is imported into.
    pub pairings: Vec<PairingEntry>,
    /// `[limits] columns`: the most columns a list may have.
    pub max_columns: Option<usize>,
}

/// A `[[contacts]]` entry: the contact files its globs match, and their list.
#[derive(Debug)]
pub struct PairingEntry {
    pub files: Patterns,
    pub pairing: Arc<Pairing>,
}

/// What the command line says, which wins over the file.
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    /// `Some(None)` is `--profile auto`.
    pub profile: Option<Option<Profile>>,
    pub selection: Selection,
    /// `--provider-version` (or an editor's setting), with where it came from.
    pub provider: Option<Choice>,
}

/// A `[[overrides]]` entry: rule levels for the files its globs match.
#[derive(Debug)]
pub struct Override {
    pub files: Patterns,
    pub rules: Vec<RuleLevel>,
    pub provider_version: Option<String>,
}

impl Config {
    /// Relative paths given to it are relative to `dir` (the command line's working
    /// directory); without one, only absolute paths can match its globs.
    pub fn relative_to(mut self, dir: PathBuf) -> Config {
        self.working_dir = Some(dir);
        self
    }

    /// A path made absolute (from the working directory when relative), `..` resolved.
    pub(crate) fn absolute(&self, path: &Path) -> Option<PathBuf> {
        match path.is_absolute() {
            true => Some(lexically_normal(path)),
            false => Some(lexically_normal(&self.working_dir.as_ref()?.join(path))),
        }
    }

    /// The path relative to the configuration's directory, if it lies inside it.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let absolute = self.absolute(path)?;
        absolute
            .strip_prefix(&self.root)
            .ok()
            .map(Path::to_path_buf)
    }

    /// Whether `patterns` match the path; the path is only made relative when there are some.
    fn matches(&self, patterns: Option<&Patterns>, path: &Path) -> Option<bool> {
        let patterns = patterns?;
        Some(patterns.matches(&self.relative(path)?))
    }

    /// Whether `exclude` matches the path.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.matches(self.exclude.as_ref(), path) == Some(true)
    }

    /// Whether a walked file passes `include` (everything does when there is none).
    pub fn is_included(&self, path: &Path) -> bool {
        self.include.is_none() || self.matches(self.include.as_ref(), path) == Some(true)
    }

    /// Every pattern of the file that matched no path so far, with the key it belongs to and
    /// its line: after a run over the whole repository, each is a mistake worth a warning.
    pub fn unused_patterns(&self) -> Vec<(&'static str, &str, usize)> {
        let keyed = [
            ("include", self.include.as_ref()),
            ("exclude", self.exclude.as_ref()),
            ("name-scopes", self.name_scopes.as_ref()),
        ];
        let overrides = self
            .overrides
            .iter()
            .map(|o| ("[[overrides]] files", Some(&o.files)));
        let pairings = self
            .pairings
            .iter()
            .map(|c| ("[[contacts]] files", Some(&c.files)));
        let overrides = overrides.chain(pairings);
        keyed
            .into_iter()
            .chain(overrides)
            .filter_map(|(key, patterns)| Some((key, patterns?)))
            .flat_map(|(key, patterns)| {
                patterns.unused().map(move |(text, line)| (key, text, line))
            })
            .collect()
    }

    /// Whether a walk of `directory` covers the whole tree the configuration governs.
    pub fn covered_by(&self, directory: &Path) -> bool {
        self.absolute(directory)
            .is_some_and(|absolute| self.root.starts_with(absolute))
    }
}

/// The configuration file for a run started in `start`: the one in `start` or its nearest parent,
/// not looking above the repository root (the first directory holding `.git`).
pub fn discover(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Reads and checks a configuration file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let shown = shown(path);
    let text = std::fs::read_to_string(path).map_err(|e| {
        let help = Some("check the path given to --config".into());
        ConfigError::new(&shown, "", 0..0, &format!("cannot read it: {e}"), help)
    })?;
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root =
        lexically_normal(&std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf()));
    let mut config = parse(&text, &shown, root)?;
    config.path = Some(path.to_path_buf());
    Ok(config)
}
