//! A run over many inputs: the next batch is walked while one is linted in parallel, and a
//! clean file leaves nothing behind but the facts its lists give the store (8 bytes a list in
//! [`HashedNames`]), so memory stays flat however many files there are.

use std::borrow::Cow;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use super::contacts::{ContactsOutcome, Omitted, lint_contacts};
use super::facts::{FactStore, HashedNames, ListFacts};
use super::file::{FileOutcome, lint_file, terraform_contacts};
use super::input::{Discovered, Input, InputSource, Inputs, RunError, SettingsFor, read};
use super::project;
use super::report::{Action, Decision, Report};
use crate::diagnostic::{Diagnostic, FileId};
use crate::model::Profile;
use crate::syntax::Syntax;
use crate::text::SourceFile;

/// Inputs walked, then checked, together.
const BATCH: usize = 256;

/// Below this many inputs, files are linted on the calling thread: handing a handful of files
/// (an editor's save) to other threads costs more than it saves.
const PARALLEL_FROM: usize = 8;

/// Lints every input, keeping list names hashed for the rules across files, and returns the
/// diagnostics in a deterministic order.
pub fn lint_inputs(inputs: &dyn Inputs, settings_for: &SettingsFor) -> Report {
    lint_inputs_with(inputs, settings_for, &mut HashedNames::default(), false)
}

/// Lints every input, keeping the facts for the rules across files in `store`.
pub fn lint_inputs_with(
    inputs: &dyn Inputs,
    settings_for: &SettingsFor,
    store: &mut dyn FactStore,
    show_files: bool,
) -> Report {
    Profile::prepare_in_background();
    let mut run = Run {
        show_files,
        ..Run::default()
    };
    let mut walk = inputs.inputs();
    let mut numbered = 0;
    let mut batch = Batch::next(&mut walk, &mut numbered);
    let parallel = batch.inputs.len() >= PARALLEL_FROM;
    // Each file's facts go into the store as soon as it is linted, while its document is there.
    let shared_store = Mutex::new(store);
    loop {
        run.met(&mut batch);
        if batch.inputs.is_empty() {
            break;
        }
        let lint = || lint_batch(&batch.inputs, settings_for, &shared_store, parallel);
        let (done, next) = if parallel {
            rayon::join(lint, || Batch::next(&mut walk, &mut numbered))
        } else {
            (lint(), Batch::next(&mut walk, &mut numbered))
        };
        run.absorb(&batch.inputs, done);
        batch = next;
        if batch.inputs.is_empty() && !run.contacts.is_empty() {
            // The contact files Terraform resources name come last, numbered after the walk.
            batch.inputs = run.take_contacts(&mut numbered);
        }
    }
    drop(walk);
    let store = shared_store
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let mut report = project::compare(inputs, settings_for, store, run.report, &run.kept);
    report.finish();
    report
}

/// What the run keeps while it goes.
#[derive(Default)]
struct Run {
    pub report: Report,
    /// Record what was done with each file (`--show-files`).
    pub show_files: bool,
    /// The numbers of the inputs whose text is kept, with their index in `report.files`, in
    /// ascending order.
    pub kept: Vec<(usize, FileId)>,
    /// Contact files named by Terraform resources, checked after every input.
    pub contacts: Vec<Input>,
    /// Walked contact files skipped because no configuration pairs them: one that a Terraform
    /// resource names is checked after all, and then not counted as skipped.
    pub unpaired: std::collections::HashSet<String>,
}

impl Run {
    /// The contact files Terraform resources name, numbered after the walk from `numbered`.
    fn take_contacts(&mut self, numbered: &mut usize) -> Vec<(usize, Input)> {
        let contacts = std::mem::take(&mut self.contacts);
        let mut numbered_contacts = Vec::with_capacity(contacts.len());
        for input in contacts {
            if self.unpaired.remove(&input.display) {
                self.report.files_skipped -= 1;
                let path = &input.display;
                self.report
                    .decisions
                    .retain(|d| &d.path != path || d.action != Action::Skipped);
            }
            numbered_contacts.push((*numbered, input));
            *numbered += 1;
        }
        numbered_contacts
    }
}

fn is_contact_file(input: &Input) -> bool {
    Syntax::from_name(input.path()) == Some(Syntax::Csv)
}

impl Run {
    /// What the walk met besides inputs: errors and excluded files.
    fn met(&mut self, batch: &mut Batch) {
        let report = &mut self.report;
        report.files_excluded += batch.excluded.len();
        if self.show_files {
            let errors = batch
                .errors
                .iter()
                .map(|e| (&e.path, Action::Failed, e.reason.as_str()));
            let excluded = batch
                .excluded
                .iter()
                .map(|path| (path, Action::Excluded, EXCLUDED));
            for (path, action, reason) in errors.chain(excluded) {
                report.decisions.push(Decision {
                    path: path.clone(),
                    action,
                    reason: reason.to_string(),
                });
            }
        }
        report.errors.append(&mut batch.errors);
        report.files_skipped += batch.skipped.len();
        for (path, reason) in batch.skipped.drain(..) {
            report.notes.push(format!("{path}: {reason}"));
            if self.show_files {
                let action = Action::Skipped;
                report.decisions.push(Decision {
                    path,
                    action,
                    reason,
                });
            }
        }
    }

    /// Takes in what the batch's `inputs` gave, in the same order.
    fn absorb(&mut self, inputs: &[(usize, Input)], batch: Vec<(usize, Done)>) {
        for ((_, input), (number, done)) in inputs.iter().zip(batch) {
            if self.show_files {
                self.report
                    .decisions
                    .push(done.decision(input.display.clone()));
            }
            let report = &mut self.report;
            match done {
                Done::Failed(error) => report.errors.push(error),
                Done::Skipped(_) if is_contact_file(input) => {
                    report.files_skipped += 1;
                    self.unpaired.insert(input.display.clone());
                }
                Done::Skipped(_) => report.files_skipped += 1,
                Done::NotChecked => report.files_not_checked += 1,
                Done::Linted {
                    source,
                    diagnostics,
                    mut omitted,
                    contacts,
                    ..
                } => {
                    report.files_checked += 1;
                    report.omitted.append(&mut omitted);
                    self.contacts.extend(contacts);
                    if let Some(source) = source {
                        let id = report.files.len();
                        report.files.push(source);
                        self.kept.push((number, id));
                        report
                            .diagnostics
                            .extend(diagnostics.into_iter().map(|d| with_file(d, id)));
                    }
                }
            }
        }
    }
}

/// Why a file is excluded, for `--show-files`.
const EXCLUDED: &str = "left out by the configuration's include or exclude";

/// Inputs taken from a walk, numbered in walk order, with what the walk met on the way.
#[derive(Default)]
struct Batch {
    inputs: Vec<(usize, Input)>,
    errors: Vec<RunError>,
    /// The paths the configuration leaves out.
    excluded: Vec<String>,
    /// Walked entries that are no file to check, with why.
    skipped: Vec<(String, String)>,
}

impl Batch {
    fn next(walk: &mut impl Iterator<Item = Discovered>, numbered: &mut usize) -> Batch {
        let mut batch = Batch::default();
        while batch.inputs.len() < BATCH {
            match walk.next() {
                None => break,
                Some(Discovered::Input(input)) => {
                    batch.inputs.push((*numbered, input));
                    *numbered += 1;
                }
                Some(Discovered::Error(error)) => batch.errors.push(error),
                Some(Discovered::Excluded(path)) => batch.excluded.push(path),
                Some(Discovered::Skipped { path, reason }) => batch.skipped.push((path, reason)),
            }
        }
        batch
    }
}

/// What a checked input leaves behind.
enum Done {
    Failed(RunError),
    /// A walked file that is not a contact list, and why.
    Skipped(Cow<'static, str>),
    /// A file that cannot be read or parsed, with the rule that would say so off.
    NotChecked,
    Linted {
        /// Only when diagnostics point into it, or for standard input (which cannot be read
        /// again).
        source: Option<SourceFile>,
        diagnostics: Vec<Diagnostic>,
        /// Why it was checked.
        reason: Cow<'static, str>,
        /// Findings counted but not printed.
        omitted: Vec<Omitted>,
        /// Contact files its Terraform resources name, to check against them.
        contacts: Vec<Input>,
    },
}

impl Done {
    fn decision(&self, path: String) -> Decision {
        let (action, reason) = match self {
            Done::Failed(error) => (Action::Failed, error.reason.as_str()),
            Done::Skipped(reason) => (Action::Skipped, reason.as_ref()),
            Done::NotChecked => (
                Action::NotChecked,
                "it cannot be read or parsed, and the rule that says so is off",
            ),
            Done::Linted { reason, .. } => (Action::Checked, reason.as_ref()),
        };
        Decision {
            path,
            action,
            reason: reason.to_owned(),
        }
    }
}

/// The run's fact store, shared by the threads that lint.
type SharedStore<'a> = Mutex<&'a mut dyn FactStore>;

fn lint_batch(
    inputs: &[(usize, Input)],
    settings_for: &SettingsFor,
    store: &SharedStore,
    parallel: bool,
) -> Vec<(usize, Done)> {
    let one = |(number, input): &(usize, Input)| {
        let keep = &mut |facts: &[ListFacts<'_>]| {
            let mut store = store.lock().unwrap_or_else(PoisonError::into_inner);
            store.keep(*number, facts);
        };
        (*number, lint_input(input, settings_for, keep))
    };
    if parallel {
        inputs.par_iter().map(one).collect()
    } else {
        inputs.iter().map(one).collect()
    }
}

fn lint_input(
    input: &Input,
    settings_for: &SettingsFor,
    keep: &mut dyn FnMut(&[ListFacts<'_>]),
) -> Done {
    let settings = settings_for(input);
    if is_contact_file(input) {
        return match lint_contacts(input, &settings) {
            ContactsOutcome::Skipped(reason) => Done::Skipped(reason.into()),
            ContactsOutcome::Failed(error) => Done::Failed(error),
            ContactsOutcome::Checked {
                source,
                diagnostics,
                omitted,
                reason,
            } => Done::Linted {
                source,
                diagnostics,
                reason: reason.into(),
                omitted,
                contacts: Vec::new(),
            },
        };
    }
    let source = match read(input, &settings) {
        Ok(source) => source,
        Err(error) => return Done::Failed(error),
    };
    match lint_file(&source, &settings, input.admission, keep) {
        FileOutcome::Skipped(reason) => Done::Skipped(reason),
        FileOutcome::NotChecked => Done::NotChecked,
        FileOutcome::Linted(mut diagnostics, reason) => {
            let contacts = match &input.source {
                InputSource::Path(path) => {
                    let dir = path.parent().unwrap_or(std::path::Path::new(""));
                    let (found, contacts) = terraform_contacts(&source, &settings, dir);
                    diagnostics.extend(found);
                    contacts
                }
                InputSource::Stdin | InputSource::Memory(_) => Vec::new(),
            };
            let keep_text = !diagnostics.is_empty() || input.source == InputSource::Stdin;
            Done::Linted {
                source: keep_text.then_some(source),
                diagnostics,
                reason,
                omitted: Vec::new(),
                contacts,
            }
        }
    }
}

fn with_file(mut diagnostic: Diagnostic, file: FileId) -> Diagnostic {
    diagnostic.file = file;
    for label in &mut diagnostic.labels {
        label.file = file;
    }
    diagnostic
}
