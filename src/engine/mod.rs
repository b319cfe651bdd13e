//! The engine: from inputs to sorted diagnostics. It reads, parses, finds the lists, runs the
//! rules, keeps the facts that rules across files need, and places every finding in its text;
//! presentation happens in `render`.
//!
//! - `file`: the one path of one source, from bytes to placed diagnostics; levels are applied
//!   there and only there.
//! - `batch`: a run over many inputs in batches, on the thread pool, with flat memory.
//! - `project`: the rules across files, fed through the [`FactStore`] interface.
//! - `names`: the two fact stores, hashed (8 bytes a list, for the command line) and kept (in
//!   memory, exact).
//!
//! Imports text, syntax, model, rules, diagnostics and settings (the resolved [`Settings`], never
//! the configuration file). Takes inputs, never walks a file system itself, and never prints.

mod batch;
mod file;
mod names;
mod project;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use batch::{SettingsFor, lint_inputs, lint_inputs_with};
pub use names::{HashedNames, KeptNames};
pub use project::{FactStore, ListFacts};

use crate::diagnostic::{Diagnostic, FileId, Severity};
use crate::model::Admission;
use crate::settings::Settings;
use crate::text::SourceFile;

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Path(PathBuf),
    Stdin,
    /// Text held in memory, such as an editor's unsaved document.
    Memory(Arc<str>),
}

/// One file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub source: InputSource,
    /// The path shown in output, with `/` separators.
    pub display: String,
    /// Named by the user (always checked) rather than found by walking (checked only if it
    /// looks like a contact list).
    pub explicit: bool,
}

impl Input {
    /// The path used to match configuration globs (the display name when not read by path).
    pub fn path(&self) -> &Path {
        match &self.source {
            InputSource::Path(path) => path,
            InputSource::Stdin | InputSource::Memory(_) => Path::new(&self.display),
        }
    }

    /// Whether what the input holds is checked as a list whatever it looks like.
    pub fn admission(&self) -> Admission {
        if self.explicit {
            Admission::Named
        } else {
            Admission::Walked
        }
    }
}

/// A problem with the run itself rather than with a file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunError {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for RunError {}

/// What walking the paths of a run meets, one item at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discovered {
    Input(Input),
    /// A path that cannot be used.
    Error(RunError),
    /// A file the configuration leaves out.
    Excluded,
}

/// The inputs of a run. [`lint_inputs`] goes through them once, and a second time only to fetch the
/// few files a rule across files points into, so each call must yield the same items in the same
/// order.
pub trait Inputs: Sync {
    fn inputs(&self) -> Box<dyn Iterator<Item = Discovered> + Send + '_>;
}

impl Inputs for Vec<Input> {
    fn inputs(&self) -> Box<dyn Iterator<Item = Discovered> + Send + '_> {
        Box::new(self.iter().cloned().map(Discovered::Input))
    }
}

/// Everything a run found.
#[derive(Debug, Default)]
pub struct Report {
    /// The files that diagnostics point into (clean files are not kept); a diagnostic's `file`
    /// indexes this list.
    pub files: Vec<SourceFile>,
    /// Sorted by path, position, then rule.
    pub diagnostics: Vec<Diagnostic>,
    pub files_checked: usize,
    /// Walked files that are not contact lists, or that the configuration leaves out.
    pub files_skipped: usize,
    pub errors: Vec<RunError>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Puts files, diagnostics (path, position, then rule) and errors (path) in an order that
    /// does not depend on the file system or the thread count.
    fn finish(&mut self) {
        let mut numbered: Vec<(FileId, SourceFile)> = self.files.drain(..).enumerate().collect();
        numbered.sort_by(|(_, a), (_, b)| a.path.cmp(&b.path));
        let mut new_id = vec![0; numbered.len()];
        for (new, (old, _)) in numbered.iter().enumerate() {
            new_id[*old] = new;
        }
        self.files = numbered.into_iter().map(|(_, file)| file).collect();
        for diagnostic in &mut self.diagnostics {
            diagnostic.file = new_id[diagnostic.file];
            for label in &mut diagnostic.labels {
                label.file = new_id[label.file];
            }
        }
        let files = &self.files;
        self.diagnostics.sort_by(|a, b| {
            (&files[a.file].path, a.range.start, a.rule.id, &a.message).cmp(&(
                &files[b.file].path,
                b.range.start,
                b.rule.id,
                &b.message,
            ))
        });
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

/// Lints one decoded source on its own (no walking, no other files) into a report that keeps it.
pub fn lint_one(source: SourceFile, settings: &Settings) -> Report {
    let mut report = Report {
        files_checked: 1,
        ..Report::default()
    };
    if let file::FileOutcome::Linted { diagnostics, .. } =
        file::lint_file(&source, settings, Admission::Named)
    {
        report.diagnostics = diagnostics;
    }
    report.files.push(source);
    report.finish();
    report
}
