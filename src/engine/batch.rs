//! A run over many inputs: the next batch is walked while one is linted in parallel, and a
//! clean file leaves nothing behind but the facts its lists give the store (8 bytes a list in
//! [`HashedNames`]), so memory stays flat however many files there are.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use super::contact_file::lint_contact_file;
use super::contacts_path::{Deferred, RootPath, Written, in_module, pairings_of};
use super::facts::{FactStore, HashedNames, ListFacts};
use super::file::{Around, lint_file, place_later};
use super::input::{Discovered, Input, InputId, InputSource, Inputs, RunError, SettingsFor, read};
use super::module::{ModuleIndex, directory};
use super::project;
use super::report::{Action, Checked, Decision, FileProviders, Outcome, Report};
use crate::diagnostic::{Diagnostic, FileId, Finding};
use crate::model::Admission;
use crate::parallel;
use crate::syntax::Syntax;
use crate::workspace::{Environment, is_terraform};

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
        let walk_over = batch.walk_over;
        let lint = || {
            let env = inputs.environment();
            lint_batch(
                &batch.inputs,
                settings_for,
                env,
                &shared_store,
                parallel,
                walk_over,
            )
        };
        let (done, next) = if parallel {
            parallel::join(lint, || Batch::next(&mut walk, &mut numbered))
        } else {
            (lint(), Batch::next(&mut walk, &mut numbered))
        };
        run.absorb(&batch.inputs, done);
        batch = next;
        if batch.inputs.is_empty() && !run.walk_over {
            // A walked root's local modules are judged wherever they sit, as `terraform plan`
            // there would judge them (`check .` in `environments/prod` reads
            // `../../modules/outbound`), and so are the modules those call, in turn.
            let called = run
                .modules
                .called_from_walked(inputs.environment(), &run.met);
            batch.inputs = called
                .into_iter()
                .map(|input| {
                    numbered += 1;
                    (numbered - 1, input)
                })
                .collect();
        }
        if batch.inputs.is_empty() && !run.walk_over {
            // Contact files come last, once the walk has said which resources pair them and
            // which modules its roots call.
            run.walk_over = true;
            run.modules.add_callers(inputs.environment(), settings_for);
            let env = inputs.environment();
            run.resolve_root_paths(settings_for, env);
            run.contact_files.pair_named_alone(settings_for, env);
            batch.inputs = run.contact_files.take(&mut numbered);
            batch.walk_over = true;
        }
    }
    drop(walk);
    let store = shared_store
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let mut report = project::compare(inputs, settings_for, store, run.report, &run.kept);
    run.modules.check(&mut report, inputs, settings_for);
    run.modules.drop_aside();
    report.finish();
    report
}

/// What the run keeps while it goes.
#[derive(Default)]
struct Run {
    report: Report,
    /// Record what was done with each file (`--show-files`).
    show_files: bool,
    /// The numbers of the inputs whose text is kept, with their index in `report.files`, in
    /// ascending order.
    kept: Vec<(usize, FileId)>,
    contact_files: ContactFiles,
    /// The `contacts_filepath`s that resolve from the roots of their module, with the input
    /// that writes them and its text in the report, when kept.
    root_paths: Vec<(Input, Option<FileId>, RootPath)>,
    modules: ModuleIndex,
    /// Every Terraform input met, walked, named or added, so that no called module is added
    /// twice.
    met: HashSet<InputId>,
    /// The walk and the modules its roots call are done: contact files are next.
    walk_over: bool,
}

/// The contact files of a run, walked or named or named by a Terraform resource, checked after
/// every other input: each file once for each list it is paired with, or once without a list.
#[derive(Default)]
struct ContactFiles {
    by_id: HashMap<InputId, Vec<Input>>,
    /// Ids in the order they came.
    order: Vec<InputId>,
}

impl ContactFiles {
    /// Adds a contact file, merged with the same file met before unless both have a pairing of
    /// their own and the pairings differ. A pairing wins over none, a name over a walk.
    fn add(&mut self, input: Input) {
        let same = self.by_id.entry(input.id.clone()).or_default();
        if same.is_empty() {
            self.order.push(input.id.clone());
        }
        let merged = same.iter_mut().find(|earlier| {
            earlier.pairing.is_none() || input.pairing.is_none() || earlier.pairing == input.pairing
        });
        let Some(earlier) = merged else {
            same.push(input);
            return;
        };
        if input.explicit && !earlier.explicit {
            earlier.explicit = true;
            earlier.display = input.display;
        }
        if input.admission == Admission::Named {
            earlier.admission = Admission::Named;
        }
        if earlier.pairing.is_none() {
            earlier.pairing = input.pairing;
        }
        // An editor's open document wins over the file on disk.
        if matches!(input.source, InputSource::Memory(_)) {
            earlier.source = input.source;
        }
    }

    /// Pairs each contact file that was named but that nothing paired (no resource of the run,
    /// no `[[contacts]]`, no `--list`) with the Terraform lists around it that name it.
    fn pair_named_alone(&mut self, settings_for: &SettingsFor, env: &dyn Environment) {
        for (id, inputs) in &mut self.by_id {
            let InputId::Path(path) = id else {
                continue;
            };
            let [input] = inputs.as_slice() else {
                continue;
            };
            if input.pairing.is_some() || !input.explicit {
                continue;
            }
            let pairings = pairings_of(path, &settings_for(input), env);
            if pairings.is_empty() {
                continue;
            }
            let alone = inputs.remove(0);
            inputs.extend(pairings.into_iter().map(|pairing| Input {
                pairing: Some(pairing),
                ..alone.clone()
            }));
        }
    }

    /// Every contact file met so far, numbered from `numbered` on.
    fn take(&mut self, numbered: &mut usize) -> Vec<(usize, Input)> {
        let mut by_id = std::mem::take(&mut self.by_id);
        let order = std::mem::take(&mut self.order);
        let inputs = order
            .iter()
            .flat_map(|id| by_id.remove(id).unwrap_or_default());
        inputs
            .map(|input| {
                *numbered += 1;
                (*numbered - 1, input)
            })
            .collect()
    }
}

fn is_contact_file(input: &Input) -> bool {
    Syntax::from_name(input.glob_path()).is_some_and(Syntax::holds_contacts)
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
                    input: None,
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
                    input: None,
                    action,
                    reason,
                });
            }
        }
    }

    /// Pairs the contact files that `contacts_filepath`s name from the roots of their modules,
    /// or reports those that name none.
    fn resolve_root_paths(&mut self, settings_for: &SettingsFor, env: &dyn Environment) {
        // A path written as a variable takes its value from the module's callers or, in a
        // root, from its variable files: those modules are read in full first.
        let mut valued: Vec<PathBuf> = Vec::new();
        for (input, _, path) in &self.root_paths {
            if let (Deferred::Variable(_), Some(module)) = (&path.written, directory(&input.id)) {
                let (roots, _) = self.modules.roots_of(&module);
                valued.extend(roots.into_iter().chain([module]));
            }
        }
        if !valued.is_empty() {
            self.modules
                .read_in_full(&valued, &valued, env, settings_for);
        }
        // A file read again to place one finding is kept for the next one in it.
        let mut read_again: HashMap<InputId, FileId> = HashMap::new();
        for (input, kept, path) in std::mem::take(&mut self.root_paths) {
            let resolved = match &path.written {
                Deferred::Relative(relative) => {
                    let (roots, callers) = self.modules.roots(&input.id);
                    path.resolve(&path.module, relative, &roots, &callers, env)
                }
                Deferred::Variable(name) => self.variable_path(&input, &path, name, env),
            };
            let not_found = match resolved {
                Ok(paired) => {
                    paired.into_iter().for_each(|i| self.contact_files.add(i));
                    continue;
                }
                Err(not_found) => *not_found,
            };
            let settings = settings_for(&input);
            let files = &mut self.report.files;
            let kept = kept.or_else(|| read_again.get(&input.id).copied());
            let placed = place_later(&input, kept, &path.address, not_found, &settings, files);
            if let Some(diagnostic) = &placed {
                read_again.insert(input.id.clone(), diagnostic.file);
            }
            self.report.diagnostics.extend(placed);
        }
    }

    /// The contact files a `contacts_filepath = var.NAME` names, as each value its module is
    /// given resolves from where that value is written; none when no value is known.
    fn variable_path(
        &self,
        input: &Input,
        path: &RootPath,
        name: &str,
        env: &dyn Environment,
    ) -> Result<Vec<Input>, Box<Finding>> {
        let mut found = Vec::new();
        let module = directory(&input.id).unwrap_or_default();
        for (dir, value) in self.modules.values_of(&module, name) {
            let resolved = match Written::of(&value) {
                Some(Written::FromModule(relative)) => {
                    in_module(&dir, relative, &path.pairing, env).map(|input| vec![input])
                }
                Some(Written::FromRoot(relative)) => {
                    let (roots, callers) = self.modules.roots_of(&dir);
                    path.resolve(&dir, relative, &roots, &callers, env)
                }
                Some(Written::Remote(_)) | None => continue,
            };
            found.extend(resolved?);
        }
        Ok(found)
    }

    /// Takes in what the batch's `inputs` gave, in the same order.
    fn absorb(&mut self, inputs: &[(usize, Input)], batch: Vec<(usize, Done)>) {
        for ((_, input), (number, done)) in inputs.iter().zip(batch) {
            // Only a Terraform file can come again as a called module: a walk of lists keeps none.
            if is_terraform(input.glob_path()) {
                self.met.insert(input.id.clone());
            }
            let outcome = match done {
                Done::Deferred(input) => {
                    self.contact_files.add(input);
                    continue;
                }
                Done::Outcome(outcome) => outcome,
            };
            if self.show_files {
                let decision = decision(&outcome, input);
                self.report.decisions.push(decision);
            }
            let report = &mut self.report;
            match outcome {
                Outcome::Failed(error) => report.errors.push(error),
                Outcome::Skipped(_) => report.files_skipped += 1,
                Outcome::Unpaired => {
                    report.files_skipped += 1;
                    report.files_unpaired += 1;
                }
                Outcome::NotChecked => report.files_not_checked += 1,
                Outcome::Checked(checked) => {
                    let Checked {
                        source,
                        diagnostics,
                        mut omitted,
                        paired,
                        root_paths,
                        module,
                        providers,
                        document,
                        ..
                    } = *checked;
                    report.files_checked += 1;
                    if !providers.is_empty() {
                        let path = input.display.clone();
                        let choices = providers;
                        report.providers.push(FileProviders { path, choices });
                    }
                    report.omitted.append(&mut omitted);
                    paired
                        .into_iter()
                        .for_each(|input| self.contact_files.add(input));
                    let mut kept = None;
                    if let Some(source) = source {
                        let id = report.files.len();
                        report.files.push(source);
                        self.kept.push((number, id));
                        kept = Some(id);
                        report
                            .diagnostics
                            .extend(diagnostics.into_iter().map(|d| with_file(d, id)));
                    }
                    let root_paths = root_paths
                        .into_iter()
                        .map(|path| (input.clone(), kept, path));
                    self.root_paths.extend(root_paths);
                    if let Some(facts) = module {
                        self.modules.add(input, facts, kept, document);
                    }
                }
            }
        }
    }
}

/// Why a contact file is skipped when nothing pairs it, for `--show-files`.
const UNPAIRED: &str = "a contact file that nothing pairs with a list (a Terraform \
    contacts_filepath, [[contacts]] in contactlint.toml, or --list)";

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
    /// The inputs are the contact files, taken once the walk is over.
    walk_over: bool,
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

/// What linting an input in a batch gives: its outcome, or, for a contact file met before the
/// walk has ended, the input itself, to be checked once the walk is over.
enum Done {
    Outcome(Outcome),
    Deferred(Input),
}

/// What `--show-files` says of an input.
fn decision(outcome: &Outcome, input: &Input) -> Decision {
    let (action, reason) = match outcome {
        Outcome::Failed(error) => (Action::Failed, error.reason.as_str()),
        Outcome::Skipped(reason) => (Action::Skipped, reason.as_ref()),
        Outcome::Unpaired => (Action::Skipped, UNPAIRED),
        Outcome::NotChecked => (
            Action::NotChecked,
            "it cannot be read or parsed, and the rule that says so is off",
        ),
        Outcome::Checked(checked) => (Action::Checked, checked.reason.as_ref()),
    };
    Decision {
        path: input.display.clone(),
        input: Some(input.id.clone()),
        action,
        reason: reason.to_owned(),
    }
}

/// The run's fact store, shared by the threads that lint.
type SharedStore<'a> = Mutex<&'a mut dyn FactStore>;

fn lint_batch(
    inputs: &[(usize, Input)],
    settings_for: &SettingsFor,
    env: &dyn Environment,
    store: &SharedStore,
    parallel: bool,
    walk_over: bool,
) -> Vec<(usize, Done)> {
    let one = |(number, input): &(usize, Input)| {
        let keep = &mut |facts: &[ListFacts<'_>]| {
            let mut store = store.lock().unwrap_or_else(PoisonError::into_inner);
            store.keep(*number, facts);
        };
        let done = lint_input(input, settings_for, env, keep, walk_over);
        (*number, done)
    };
    if parallel {
        parallel::map(inputs, one)
    } else {
        inputs.iter().map(one).collect()
    }
}

/// Lints one input (its resources' contact files seen through `env`); a contact file is
/// deferred until the walk is over, unless it is already.
fn lint_input(
    input: &Input,
    settings_for: &SettingsFor,
    env: &dyn Environment,
    keep: &mut dyn FnMut(&[ListFacts<'_>]),
    walk_over: bool,
) -> Done {
    if is_contact_file(input) && !walk_over {
        return Done::Deferred(input.clone());
    }
    let settings = settings_for(input);
    if is_contact_file(input) {
        return Done::Outcome(lint_contact_file(input, &settings));
    }
    let source = match read(input, &settings) {
        Ok(source) => source,
        Err(error) => return Done::Outcome(Outcome::Failed(error)),
    };
    // The directory its resources' paths resolve from: a document in memory (an editor's) has
    // one when its id is a path.
    let dir = match (&input.source, &input.id) {
        (InputSource::Path(path), _) => Some(path.parent().unwrap_or(std::path::Path::new(""))),
        (InputSource::Memory(_), InputId::Path(path)) => path.parent(),
        (InputSource::Stdin | InputSource::Memory(_) | InputSource::Opener(_), _) => None,
    };
    let around = dir.map(|dir| Around { dir, env });
    let mut outcome = lint_file(&source, &settings, input.admission, around, keep);
    if let Outcome::Checked(checked) = &mut outcome {
        let keep_text = !checked.diagnostics.is_empty() || input.source == InputSource::Stdin;
        match (keep_text, &mut checked.document) {
            (true, _) => checked.source = Some(source),
            // A kept document keeps its text, for its module's findings.
            (false, Some(document)) => document.source = Some(source),
            (false, None) => {}
        }
    }
    Done::Outcome(outcome)
}

fn with_file(mut diagnostic: Diagnostic, file: FileId) -> Diagnostic {
    diagnostic.file = file;
    for label in &mut diagnostic.labels {
        label.file = file;
    }
    diagnostic
}
