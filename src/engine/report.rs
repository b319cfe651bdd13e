//! What a run found, in an order that does not depend on the file system or the thread count;
//! and what one input gives it ([`Outcome`]), whatever kind of file it is.

use crate::model::provider::Choice;
use std::borrow::Cow;

use super::contacts_path::RootPath;
use super::input::{Input, InputId, RunError};
use crate::diagnostic::{Applicability, Diagnostic, FileId, RuleMeta, Severity};
use crate::model::outbound::FileFacts;
use crate::syntax::Detached;
use crate::text::SourceFile;

/// What checking one input gives, whatever kind of file it is.
#[derive(Debug)]
pub(super) enum Outcome {
    /// It cannot be used at all.
    Failed(RunError),
    /// A walked file that is not for this run to check (not a contact list), and why.
    Skipped(Cow<'static, str>),
    /// A contact file that nothing pairs with a list, walked (or named with
    /// `--skip-non-lists`): not checked, and no "not a contact list" either.
    Unpaired,
    /// A file that cannot be read or parsed, while the rule that would say so is off.
    NotChecked,
    Checked(Box<Checked>),
}

/// What a checked input leaves behind.
#[derive(Debug, Default)]
pub(super) struct Checked {
    /// Its text, when diagnostics point into it (for a contact file, an excerpt), or when it
    /// was standard input (which cannot be read again).
    pub source: Option<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// Why it was checked.
    pub reason: Cow<'static, str>,
    /// Findings counted but not printed.
    pub omitted: Vec<Omitted>,
    /// The contact files its Terraform resources name, each paired with its resource.
    pub paired: Vec<Input>,
    /// The `contacts_filepath`s to resolve from the roots of its module after the walk.
    pub root_paths: Vec<RootPath>,
    /// What a Terraform file declares for the rules of its module (lists, resources that use
    /// them), when it declares any.
    pub module: Option<FileFacts>,
    /// The provider versions a Terraform file was judged with.
    pub providers: Vec<Choice>,
    /// The document of a Terraform file of 512 resources or more, for the rules of its module
    /// to place their findings without reading and parsing it again.
    pub document: Option<KeptDocument>,
}

/// A file's document kept after its check, without its text, and the text itself when the
/// report does not keep it (then the module's findings put it in the report).
#[derive(Debug)]
pub(super) struct KeptDocument {
    pub spans: Detached,
    pub source: Option<SourceFile>,
}

/// Findings of a rule in a file that were counted but not printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Omitted {
    pub path: String,
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub count: usize,
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
    /// Walked files that are not contact lists, and contact files nothing pairs.
    pub files_skipped: usize,
    /// Of those, the contact files nothing pairs with a list.
    pub files_unpaired: usize,
    /// Files the configuration leaves out (`include`, `exclude`).
    pub files_excluded: usize,
    /// Files that could not be read or parsed while the rule that says so is off.
    pub files_not_checked: usize,
    /// Paths that could not be used at all (exit code 2).
    pub errors: Vec<RunError>,
    /// What the run did with each file it met, when asked (`--show-files`), in path order.
    pub decisions: Vec<Decision>,
    /// Walked entries skipped for a reason worth telling (`path: reason`), in path order.
    pub notes: Vec<String>,
    /// What fixing did before this report was made, when the run fixed (`--fix`).
    pub fixing: Option<Fixing>,
    /// Findings counted but not printed (after 100 of a rule in a contact file), in path order.
    pub omitted: Vec<Omitted>,
    /// The provider versions each checked Terraform file was judged with, in path order.
    pub providers: Vec<FileProviders>,
}

/// The provider versions one Terraform file was judged with (one per version of the roots that
/// run its module), and where each came from.
#[derive(Debug, Clone, PartialEq)]
pub struct FileProviders {
    pub path: String,
    pub choices: Vec<Choice>,
}

/// What `--fix` did: the report is then of what remains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixing {
    /// How many fixes were applied.
    pub applied: usize,
    /// The least sure fixes applied (`Safe`, or `Unsafe` with `--unsafe-fixes`).
    pub wanted: Applicability,
}

impl Report {
    /// How many remaining diagnostics have a fix that `--fix` did not apply because it is
    /// unsafe: what `--unsafe-fixes` would add.
    pub fn more_with_unsafe_fixes(&self) -> usize {
        match self.fixing {
            Some(Fixing {
                wanted: Applicability::Safe,
                ..
            }) => self
                .diagnostics
                .iter()
                .filter(|d| {
                    d.fix
                        .as_ref()
                        .is_some_and(|f| f.applicability == Applicability::Unsafe)
                })
                .count(),
            _ => 0,
        }
    }
}

/// What a run did with one file, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub path: String,
    /// The input decided on, when there was one (not for a path the walk could not use).
    pub input: Option<InputId>,
    pub action: Action,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Checked,
    Skipped,
    Excluded,
    /// It cannot be read or parsed, and the rule that says so is off.
    NotChecked,
    Failed,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Checked => "checked",
            Action::Skipped => "skipped",
            Action::Excluded => "excluded",
            Action::NotChecked => "not checked",
            Action::Failed => "failed",
        }
    }
}

impl Report {
    /// How many diagnostics of a severity the run found, printed or only counted.
    pub fn count(&self, severity: Severity) -> usize {
        let printed = self.diagnostics.iter().filter(|d| d.severity == severity);
        let omitted = self.omitted.iter().filter(|o| o.severity == severity);
        printed.count() + omitted.map(|o| o.count).sum::<usize>()
    }

    /// Puts files, diagnostics (path, position, then rule) and errors (path) in an order that
    /// does not depend on the file system or the thread count.
    pub(super) fn finish(&mut self) {
        self.providers.sort_by(|a, b| a.path.cmp(&b.path));
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
        // Offsets in the file, not in the text kept of it (a contact file keeps an excerpt).
        let at = |d: &Diagnostic| files[d.file].file_offset(d.range.start);
        self.diagnostics.sort_by(|a, b| {
            (&files[a.file].path, at(a), a.rule.id, &a.message).cmp(&(
                &files[b.file].path,
                at(b),
                b.rule.id,
                &b.message,
            ))
        });
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
        self.decisions.sort_by(|a, b| a.path.cmp(&b.path));
        self.notes.sort();
        self.omitted
            .sort_by(|a, b| (&a.path, a.rule.id).cmp(&(&b.path, b.rule.id)));
    }
}
