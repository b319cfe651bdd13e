//! Terraform modules (docs/resources.md): a module is one directory, and the resources that use a list
//! are checked against the lists of their directory, whichever file declares them. While a run
//! goes, each Terraform file leaves what it declares ([`FileFacts`]: small, owned) in the
//! [`ModuleIndex`], by directory; at its end every directory where a file of the run uses a list
//! is completed with the Terraform files of the directory the run did not read (read for their
//! facts, never reported), its rules run, and only the files findings point into are read again,
//! for the spans of the places the findings name ([`crate::syntax::locate`]) — but a file of 512
//! resources or more, which keeps its document (and its text) for them.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::input::{Input, InputId, Inputs, SettingsFor, read};
use super::place::{About, InLists, Locator, Site, place};
use super::report::{KeptDocument, Report};
use crate::diagnostic::{Diagnostic, Edit, FileId, FindingFix, Fix};
use crate::model::Profile;
use crate::model::outbound::{self, Context, FileFacts, Literal, Module, ModuleCall, ModulePlace};
use crate::model::{self, Admission};
use crate::parallel;
use crate::rules::{ModuleFinding, RULES, Rule};
use crate::syntax::Reference;
use crate::syntax::{Located, SpanIndex, locate};
use crate::text::{SourceFile, shown_from_cwd};
use crate::workspace::{
    Environment, callers, loaded_variable_files, search_root, terraform_files, variable_file_rank,
};

/// What the files of a run declare for the rules of their modules, by directory.
#[derive(Default)]
pub(super) struct ModuleIndex {
    directories: BTreeMap<PathBuf, Vec<Member>>,
}

/// A file of a module.
struct Member {
    input: Input,
    facts: FileFacts,
    /// Its text in the report's files, when the run kept it.
    kept: Option<FileId>,
    /// Its document (a file of 512 resources or more): its findings are placed from it instead
    /// of reading and parsing the file again.
    document: Option<KeptDocument>,
    /// Part of the run: its findings are reported (a file read only for its facts is not).
    reported: bool,
}

impl Member {
    /// Whether a resource of it names a column through a variable or a `local`.
    fn takes_values(&self) -> bool {
        self.facts
            .users
            .iter()
            .any(|user| !user.indirect.is_empty())
    }
}

impl ModuleIndex {
    /// Keeps what a checked Terraform file declares.
    pub(super) fn add(
        &mut self,
        input: &Input,
        facts: FileFacts,
        kept: Option<FileId>,
        document: Option<KeptDocument>,
    ) {
        let Some(directory) = directory(&input.id) else {
            return;
        };
        let member = Member {
            input: input.clone(),
            facts,
            kept,
            document,
            reported: true,
        };
        self.directories.entry(directory).or_default().push(member);
    }

    /// The directories Terraform may run in for the module of `input`: the roots (directories
    /// no module block of the run calls) that reach it through local `module` blocks, or its
    /// own when none does; with the calls of it that the run holds (`module.lists in main.tf`).
    pub(super) fn roots(&self, input: &InputId) -> (Vec<PathBuf>, Vec<String>) {
        match directory(input) {
            Some(start) => self.roots_of(&start),
            None => (Vec::new(), Vec::new()),
        }
    }

    /// [`ModuleIndex::roots`] of the module in `start`.
    pub(super) fn roots_of(&self, start: &Path) -> (Vec<PathBuf>, Vec<String>) {
        let calls = self.calls_of(start).into_iter();
        let calls = calls
            .map(|(caller, index, call)| self.label(caller, index, call))
            .collect();
        let mut roots = Vec::new();
        let (mut seen, mut pending) = (HashSet::new(), vec![start.to_path_buf()]);
        while let Some(directory) = pending.pop() {
            if !seen.insert(directory.clone()) {
                continue;
            }
            let callers = self.calls_of(&directory);
            match callers.is_empty() {
                true => roots.push(directory),
                false => {
                    pending.extend(callers.into_iter().map(|(caller, ..)| caller.to_path_buf()))
                }
            }
        }
        if roots.is_empty() {
            // Modules that only call each other: no root to run in but their own.
            roots.push(start.to_path_buf());
        }
        roots.sort();
        roots.dedup();
        (roots, calls)
    }

    /// The Terraform files of the local modules that walked files call and the run has not
    /// met, as inputs of the run (walked: checked when they hold what contactlint reads).
    pub(super) fn called_from_walked(
        &self,
        env: &dyn Environment,
        met: &HashSet<InputId>,
    ) -> Vec<Input> {
        let walked = |m: &&Member| m.reported && m.input.admission == Admission::Walked;
        let mut called: Vec<PathBuf> = self
            .directories
            .iter()
            .flat_map(|(caller, members)| {
                let calls = members.iter().filter(walked).flat_map(|m| &m.facts.calls);
                calls.map(move |call| callee(caller, &call.source))
            })
            .collect();
        called.sort();
        called.dedup();
        let files = called.iter().flat_map(|dir| terraform_files(dir, env));
        files
            .filter(|path| !met.contains(&InputId::of_path(path)))
            .map(|path| Input {
                display: shown_from_cwd(&path),
                ..Input::path(&path, false, Admission::Walked)
            })
            .collect()
    }

    /// Adds, for their facts, the modules that call a module of the run from anywhere in its
    /// repository (found by [`crate::workspace::Callers::search`] from the repository's root), through any number
    /// of calls: a file staged alone is then resolved as the roots that run it resolve it.
    pub(super) fn add_callers(&mut self, env: &dyn Environment, settings_for: &SettingsFor) {
        let reported: Vec<PathBuf> = self
            .directories
            .iter()
            .filter(|(_, members)| members.iter().any(|m| m.reported))
            .map(|(directory, _)| directory.clone())
            .collect();
        for directory in reported {
            let callers = callers(env, &search_root(&directory, env));
            for caller in callers.above(&directory) {
                if self.directories.contains_key(&caller) {
                    continue;
                }
                let members = self.directories.entry(caller.clone()).or_default();
                complete(&caller, members, false, env, settings_for);
            }
        }
    }

    /// Runs the rules of every module where a file uses a list — once for each local `module`
    /// block that calls it, or once on its own when none does — and places in the report the
    /// findings that touch a file of the run: located in it, or labelled in it (a list staged
    /// alone reports the campaign its rename breaks).
    pub(super) fn check(
        &mut self,
        report: &mut Report,
        inputs: &dyn Inputs,
        settings_for: &SettingsFor,
    ) {
        let env = inputs.environment();
        let uses = |m: &Member| !m.facts.users.is_empty();
        // A list named on its own brings in the other files of its module, whose resources
        // may use it (a walk has read them already).
        let named_list = |m: &Member| m.reported && m.input.explicit && !m.facts.lists.is_empty();
        let completed = self.directories_with(&|m| uses(m) || named_list(m));
        self.read_in_full(&completed, &[], env, settings_for);
        // The modules that use a list, now that callers and called modules are read.
        let checked = self.directories_with(&uses);
        if checked.is_empty() {
            return;
        }
        // The files read again to place findings, by input: each is put in the report once.
        let mut read_again: HashMap<InputId, FileId> = HashMap::new();
        // The documents kept, by input, lent to each placing in turn.
        let mut documents: HashMap<InputId, KeptDocument> = self
            .directories
            .values_mut()
            .flatten()
            .filter_map(|m| Some((m.input.id.clone(), m.document.take()?)))
            .collect();
        for directory in &checked {
            let mut found: Vec<(Files<'_>, ModuleFinding)> = Vec::new();
            for (label, passed) in self.contexts(directory) {
                found.extend(self.run_rules(directory, label, &passed));
            }
            // A module checked through several calls finds the same fault once.
            let mut unique: Vec<(Files<'_>, ModuleFinding)> = Vec::new();
            for (files, finding) in found {
                let key = |f: &ModuleFinding| (f.target.clone(), f.message.clone());
                if !unique.iter().any(|(_, seen)| key(seen) == key(&finding)) {
                    unique.push((files, finding));
                }
            }
            // Findings of one context share its files: placed together, each file read once.
            let mut groups: Vec<(Files<'_>, Vec<ModuleFinding>)> = Vec::new();
            for (files, finding) in unique {
                match groups.iter_mut().find(|(of, _)| *of == files) {
                    Some((_, findings)) => findings.push(finding),
                    None => groups.push((files, vec![finding])),
                }
            }
            for (files, findings) in groups {
                let members: Vec<&Member> = files
                    .iter()
                    .map(|(dir, i)| &self.directories[*dir][*i])
                    .collect();
                // A file the configuration leaves out has its findings left out too.
                let own = |f: &ModuleFinding| members[f.target.file];
                let left_out = |m: &Member| !m.reported && inputs.leaves_out(m.input.glob_path());
                let reported = |f: &ModuleFinding| {
                    let mut files = std::iter::once(f.target.file)
                        .chain(f.labels.iter().map(|label| label.target.file));
                    !left_out(own(f)) && files.any(|file| members[file].reported)
                };
                let findings: Vec<ModuleFinding> = findings.into_iter().filter(reported).collect();
                let again = Again {
                    read: &mut read_again,
                    documents: &mut documents,
                };
                place_all(findings, &members, report, settings_for, again);
            }
        }
        // A file read only to resolve counts as checked when a finding is reported in it.
        let resolving: HashSet<FileId> = self
            .directories
            .values()
            .flatten()
            .filter(|member| !member.reported)
            .filter_map(|member| read_again.get(&member.input.id).copied())
            .collect();
        let mut reported_in: Vec<FileId> = report.diagnostics.iter().map(|d| d.file).collect();
        reported_in.sort_unstable();
        reported_in.dedup();
        report.files_checked += reported_in.iter().filter(|f| resolving.contains(f)).count();
    }

    /// Drops the index once its modules are checked: on the pool when it holds as many
    /// resources as make the module rules run there (an export's facts, freed a value at a
    /// time, need not hold up the output), else here (a small run never starts the pool).
    pub(super) fn drop_aside(self) {
        let resources = self.directories.values().flatten();
        let resources: usize = resources
            .map(|m| m.facts.lists.len() + m.facts.users.len())
            .sum();
        match resources >= PARALLEL_FROM {
            true => parallel::drop_aside(self),
            false => drop(self),
        }
    }

    /// The directories with a member that is `wanted`.
    fn directories_with(&self, wanted: &dyn Fn(&Member) -> bool) -> Vec<PathBuf> {
        let directories = self.directories.iter();
        let matching = directories.filter(|(_, members)| members.iter().any(wanted));
        matching.map(|(directory, _)| directory.clone()).collect()
    }

    /// Completes the directories that are checked and those that local module calls name (a
    /// list module's outputs), for their facts; a directory that only holds lists is not read
    /// again.
    /// `valued` are directories whose variables' and locals' values are needed whatever their
    /// resources use (a list's `contacts_filepath` written as a variable).
    pub(super) fn read_in_full(
        &mut self,
        checked: &[PathBuf],
        valued: &[PathBuf],
        env: &dyn Environment,
        settings_for: &SettingsFor,
    ) {
        let mut pending: Vec<PathBuf> = checked.to_vec();
        for (caller, members) in &self.directories {
            let calls = members.iter().flat_map(|m| &m.facts.calls);
            pending.extend(calls.map(|call| callee(caller, &call.source)));
        }
        let mut done: HashSet<PathBuf> = HashSet::new();
        while let Some(directory) = pending.pop() {
            if !done.insert(directory.clone()) {
                continue;
            }
            let members = self.directories.entry(directory.clone()).or_default();
            // Most modules name their columns as literals: their other files' variables and
            // locals are not worth a parse.
            let values = valued.contains(&directory) || members.iter().any(Member::takes_values);
            complete(&directory, members, values, env, settings_for);
            members.sort_by(|a, b| a.input.display.cmp(&b.input.display));
            let calls = members.iter().flat_map(|m| &m.facts.calls);
            pending.extend(calls.map(|call| callee(&directory, &call.source)));
        }
    }

    /// The ways a module is checked: once for each call of it found in the index, with what
    /// the call passes its variables (lists, and literal values or else the variables'
    /// `default`); once on its own when no call is found.
    fn contexts(&self, directory: &Path) -> Vec<(Option<String>, Passed)> {
        let mut contexts = Vec::new();
        for (caller, index, call) in self.calls_of(directory) {
            let mut passed = self.passed_by(caller, index, call);
            for (name, literal) in self.defaults(directory) {
                passed.literals.entry(name).or_insert(literal);
            }
            contexts.push((Some(self.label(caller, index, call)), passed));
        }
        if contexts.is_empty() {
            let literals = self.assigned(directory);
            let passed = Passed {
                literals,
                ..Passed::default()
            };
            contexts.push((None, passed));
        }
        contexts
    }

    /// The literal values the variable files Terraform loads by itself give a root's variables
    /// (`terraform.tfvars`, `*.auto.tfvars`: a later file wins).
    fn assigned(&self, directory: &Path) -> HashMap<String, LiteralAt> {
        let members = self.directories.get(directory).into_iter().flatten();
        let mut files: Vec<_> = members
            .enumerate()
            .filter_map(|(index, m)| {
                let path = m.input.glob_path();
                Some((variable_file_rank(path)?, index, &m.facts.assignments))
            })
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut literals = HashMap::new();
        for (_, index, assignments) in files {
            for (name, literal) in assignments {
                let at = (directory.to_path_buf(), index, literal.clone());
                literals.insert(name.clone(), at);
            }
        }
        literals
    }

    /// What one call (in member `index` of `caller`) passes its module's variables.
    fn passed_by(&self, caller: &Path, index: usize, call: &ModuleCall) -> Passed {
        let mut passed = Passed::default();
        for (name, value) in &call.arguments {
            if let Some(list) = self.resolve(caller, value, 0) {
                passed.lists.insert(name.clone(), list);
            }
            if let Some(literal) = self.literal(caller, value, 0) {
                passed.literals.insert(name.clone(), literal);
            }
        }
        for (name, literal) in &call.literals {
            let at = (caller.to_path_buf(), index, literal.clone());
            passed.literals.insert(name.clone(), at);
        }
        passed
    }

    /// The variables of the module in `directory` that have a literal `default`.
    fn defaults(&self, directory: &Path) -> Vec<(String, LiteralAt)> {
        let members = self.directories.get(directory).into_iter().flatten();
        let defaults = members.enumerate().flat_map(|(index, member)| {
            let written = member.facts.defaults.iter();
            written.map(move |(name, literal)| {
                (
                    name.clone(),
                    (directory.to_path_buf(), index, literal.clone()),
                )
            })
        });
        defaults.collect()
    }

    /// The local `module` blocks that call the module in `directory`: each with its
    /// directory and the member it is written in.
    fn calls_of(&self, directory: &Path) -> Vec<(&Path, usize, &ModuleCall)> {
        let callers = self.directories.iter().flat_map(|(caller, members)| {
            let members = members.iter().enumerate();
            members.flat_map(move |(index, member)| {
                let calls = member.facts.calls.iter();
                let calls = calls.filter(move |call| callee(caller, &call.source) == directory);
                calls.map(move |call| (caller.as_path(), index, call))
            })
        });
        callers.collect()
    }

    /// How a call is named in messages: `module.lists in main.tf`.
    fn label(&self, caller: &Path, index: usize, call: &ModuleCall) -> String {
        let display = &self.directories[caller][index].input.display;
        format!("module.{} in {display}", call.name)
    }

    /// The one local `module` block that calls the module in `directory`; `None` when none or
    /// several do.
    fn only_call(&self, directory: &Path) -> Option<(&Path, usize, &ModuleCall)> {
        match self.calls_of(directory).as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }

    /// The string values variable `name` of the module in `directory` takes: as each call
    /// passes it (or its `default`), or, for a root, as its variable files set it; each with
    /// the directory it is written in (a `${path.module}` in it is that directory's).
    pub(super) fn values_of(&self, directory: &Path, name: &str) -> Vec<(PathBuf, String)> {
        let contexts = self.contexts(directory).into_iter();
        let passed = contexts.filter_map(|(_, mut passed)| passed.literals.remove(name));
        let strings =
            passed.filter_map(|(dir, _, literal)| Some((dir, literal.value.as_str()?.to_owned())));
        let mut values: Vec<(PathBuf, String)> = strings.collect();
        values.sort();
        values.dedup();
        values
    }

    /// The literal value a reference in `directory` takes: a `local` its module fixes, or a
    /// variable of a module called exactly once, as that call passes it (or its `default`).
    fn literal(&self, directory: &Path, reference: &Reference, depth: usize) -> Option<LiteralAt> {
        let members = self.directories.get(directory)?;
        match reference.0.as_slice() {
            _ if depth > DEEPEST => None,
            [root, name] if root == "local" => members.iter().enumerate().find_map(|(i, m)| {
                let (_, literal) = m.facts.locals.iter().find(|(n, _)| n == name)?;
                Some((directory.to_path_buf(), i, literal.clone()))
            }),
            [root, name] if root == "var" => {
                // A root's variables come from outside (`-var`, the environment): unknown.
                let (caller, index, call) = self.only_call(directory)?;
                if let Some((_, literal)) = call.literals.iter().find(|(n, _)| n == name) {
                    return Some((caller.to_path_buf(), index, literal.clone()));
                }
                match call.arguments.iter().find(|(n, _)| n == name) {
                    Some((_, value)) => self.literal(caller, value, depth + 1),
                    None => {
                        let defaults = self.defaults(directory).into_iter();
                        defaults.filter(|(n, _)| n == name).map(|(_, at)| at).next()
                    }
                }
            }
            _ => None,
        }
    }

    /// The list a reference in `directory` names, following module outputs and the variables of
    /// a module called exactly once: (its directory, member, index among the member's lists).
    fn resolve(&self, directory: &Path, reference: &Reference, depth: usize) -> Option<ListAt> {
        let members = self.directories.get(directory)?;
        match reference.0.as_slice() {
            _ if depth > DEEPEST => None,
            [root, name, output] if root == "module" => {
                let call = members
                    .iter()
                    .flat_map(|m| &m.facts.calls)
                    .find(|c| &c.name == name)?;
                let callee = callee(directory, &call.source);
                let outputs = self
                    .directories
                    .get(&callee)?
                    .iter()
                    .flat_map(|m| &m.facts.outputs);
                let value = outputs
                    .filter(|(n, _)| n == output)
                    .find_map(|(_, v)| v.as_ref())?;
                self.resolve(&callee, value, depth + 1)
            }
            [root, name] if root == "var" => {
                let (caller, _, call) = self.only_call(directory)?;
                let (_, value) = call.arguments.iter().find(|(n, _)| n == name)?;
                self.resolve(caller, value, depth + 1)
            }
            _ => {
                let own = members.iter().map(|m| &m.facts).collect();
                let module = Module::new(own, members.len(), Context::default());
                let (member, list) = module.declared(reference)?;
                let index = members[member]
                    .facts
                    .lists
                    .iter()
                    .position(|l| std::ptr::eq(l, list))?;
                Some((directory.to_path_buf(), member, index))
            }
        }
    }

    /// Runs every rule on a module in one context; each finding comes with the members its
    /// module's files are (directory, index), for placing.
    fn run_rules<'s>(
        &'s self,
        directory: &'s Path,
        call: Option<String>,
        passed: &Passed,
    ) -> Vec<(Files<'s>, ModuleFinding)> {
        let own = &self.directories[directory];
        let mut files: Files<'_> = (0..own.len()).map(|i| (directory, i)).collect();
        // The index in `files` of a member, added when the module's own files lack it.
        let mut file_of = |dir: &Path, member: usize| {
            let (dir, _) = self.directories.get_key_value(dir).expect("resolved");
            match files.iter().position(|f| *f == (dir.as_path(), member)) {
                Some(at) => at,
                None => {
                    files.push((dir.as_path(), member));
                    files.len() - 1
                }
            }
        };
        let mut context = Context {
            call,
            ..Context::default()
        };
        for (name, (dir, member, list)) in &passed.lists {
            let facts = &self.directories[dir][*member].facts;
            let at = file_of(dir, *member);
            context
                .variables
                .insert(name.clone(), (at, &facts.lists[*list]));
        }
        for (name, (dir, member, literal)) in &passed.literals {
            let at = file_of(dir, *member);
            context.literals.insert(name.clone(), (at, literal.clone()));
        }
        let facts = files.iter().map(|(d, i)| &self.directories[*d][*i].facts);
        let module = Module::new(facts.collect(), own.len(), context);
        let check = |rule: &&dyn Rule| {
            let mut found: Vec<ModuleFinding> = Vec::new();
            rule.check_module(&module, &mut found);
            found
        };
        // An exported organisation is one module of thousands of resources: its rules run
        // over the pool.
        let found: Vec<Vec<ModuleFinding>> = match module.users().count() >= PARALLEL_FROM {
            true => parallel::map(RULES, check),
            false => RULES.iter().map(check).collect(),
        };
        found
            .into_iter()
            .flatten()
            .map(|finding| (files.clone(), finding))
            .collect()
    }
}

/// From how many resources that use a list a module's rules run over the pool (and from how
/// many resources its index is dropped there).
const PARALLEL_FROM: usize = 512;

/// The files of a module as one context sees them: each a member of a directory of the index.
type Files<'s> = Vec<(&'s Path, usize)>;

/// A list found through module calls: its directory, member and index among its lists.
type ListAt = (PathBuf, usize, usize);

/// A literal value and where it is written: the directory and member.
type LiteralAt = (PathBuf, usize, Literal);

/// How many module calls and outputs a reference is followed through (a cycle ends there).
const DEEPEST: usize = 8;

/// What one call passes a module's variables: the lists they name, and the literal values
/// they take (passed by the call, or their `default`).
#[derive(Default)]
struct Passed {
    lists: HashMap<String, ListAt>,
    literals: HashMap<String, LiteralAt>,
}

/// The directory a local `source` names, from the calling module's.
fn callee(caller: &Path, source: &str) -> PathBuf {
    crate::text::lexically_normal(&caller.join(source))
}

/// The directory a file's module is, or a document's name's directory for one in memory.
pub(super) fn directory(id: &InputId) -> Option<PathBuf> {
    match id {
        InputId::Path(path) => path.parent().map(Path::to_path_buf),
        InputId::Document(name) => Some(Path::new(name).parent()?.to_path_buf()),
        InputId::Stdin => None,
    }
}

/// Adds the Terraform files of `directory` the run did not read, and the variable files
/// Terraform loads in it, for their facts — with the files that only declare variables or
/// locals when `values` are wanted; a module of documents held in memory (not files) is read
/// from nowhere else.
fn complete(
    directory: &Path,
    members: &mut Vec<Member>,
    values: bool,
    env: &dyn Environment,
    settings_for: &SettingsFor,
) {
    let in_memory = |m: &Member| matches!(m.input.id, InputId::Document(_));
    if members.iter().any(in_memory) {
        return;
    }
    let seen: HashSet<InputId> = members.iter().map(|m| m.input.id.clone()).collect();
    let configuration = terraform_files(directory, env)
        .into_iter()
        .map(|p| (p, false));
    let variables = loaded_variable_files(directory, env)
        .into_iter()
        .map(|p| (p, true));
    let unseen = configuration
        .chain(variables)
        .filter(|(path, _)| !seen.contains(&InputId::of_path(path)));
    for (path, variables) in unseen {
        members.extend(read_for_facts(&path, variables, values, settings_for));
    }
}

/// A file read only for its facts (a configuration file, or a variable file when `variables`).
fn read_for_facts(
    path: &Path,
    variables: bool,
    values: bool,
    settings_for: &SettingsFor,
) -> Option<Member> {
    let input = Input {
        display: shown_from_cwd(path),
        ..Input::path(path, false, Admission::Named)
    };
    let source = read(&input, &settings_for(&input)).ok()?;
    let text = &source.text;
    // Most files of a directory are about something else: a text search spares their parse.
    let wanted = variables
        || model::may_hold_lists(source.syntax, text)
        || (values && outbound::may_fix_values(text));
    if !wanted {
        return None;
    }
    let document = source.syntax.parse(text).ok()?;
    let facts = match variables {
        true => FileFacts::of_variables(&document),
        false => FileFacts::of(&document, source.syntax),
    };
    Some(Member {
        input,
        facts,
        kept: None,
        document: None,
        reported: false,
    })
}

/// Places a module's findings: the files they point into are put in the report (read again
/// when the run did not keep them) and read for the spans of the places they name.
fn place_all(
    found: Vec<ModuleFinding>,
    members: &[&Member],
    report: &mut Report,
    settings_for: &SettingsFor,
    again: Again<'_>,
) {
    let Again {
        read: read_again,
        documents,
    } = again;
    let mut involved: Vec<usize> = found
        .iter()
        .flat_map(|f| std::iter::once(f.target.file).chain(f.labels.iter().map(|l| l.target.file)))
        .collect();
    involved.sort_unstable();
    involved.dedup();
    let mut ids: Vec<Option<FileId>> = vec![None; members.len()];
    for index in involved {
        let member = &members[index];
        ids[index] = match member
            .kept
            .or_else(|| read_again.get(&member.input.id).copied())
        {
            Some(id) => Some(id),
            None => match documents
                .get_mut(&member.input.id)
                .and_then(|document| document.source.take())
                .map_or_else(|| read(&member.input, &settings_for(&member.input)), Ok)
            {
                Ok(source) => {
                    report.files.push(source);
                    read_again.insert(member.input.id.clone(), report.files.len() - 1);
                    Some(report.files.len() - 1)
                }
                Err(_) => None,
            },
        };
    }
    // Only the places the findings name are looked for (a JSON text is read once more, and
    // nothing built but their spans), unless the file's document was kept.
    let mut pointers: Vec<Vec<&str>> = vec![Vec::new(); members.len()];
    for finding in &found {
        let labels = finding.labels.iter().map(|label| &label.target);
        for place in std::iter::once(&finding.target).chain(labels) {
            pointers[place.file].push(&place.pointer);
        }
    }
    let sources = &report.files;
    let mut lent: Vec<bool> = vec![false; members.len()];
    let files: Vec<Option<(FileId, Located)>> = ids
        .iter()
        .zip(&pointers)
        .zip(members.iter().zip(&mut lent))
        .map(|((id, pointers), (member, lent))| {
            let id = (*id)?;
            let source = &sources[id];
            let kept = documents.remove(&member.input.id);
            let kept = kept.and_then(|document| document.spans.attach(&source.text));
            *lent = kept.is_some();
            let located = match kept {
                Some(document) => Located::Parsed(document),
                None => locate(source.syntax, &source.text, pointers).ok()?,
            };
            Some((id, located))
        })
        .collect();
    let mut placed: Vec<Diagnostic> = Vec::new();
    for finding in found {
        let own = finding.target.file;
        let involved = std::iter::once(own).chain(finding.labels.iter().map(|l| l.target.file));
        if involved.clone().any(|file| files[file].is_none()) {
            continue;
        }
        let settings = settings_for(&members[own].input);
        let locator = InModule {
            files: &files,
            sources,
            own,
        };
        placed.extend(place(finding, &settings, &locator));
    }
    // The documents lent are kept for the next placing in the same files.
    for ((file, member), lent) in files.into_iter().zip(members).zip(lent) {
        if let (Some((_, Located::Parsed(document))), true) = (file, lent) {
            let spans = document.detach();
            let kept = KeptDocument {
                spans,
                source: None,
            };
            documents.insert(member.input.id.clone(), kept);
        }
    }
    report.diagnostics.extend(placed);
}

/// What [`place_all`] finds again of the files it places findings in: the texts read again
/// (each put in the report once), and the documents kept after their check.
struct Again<'a> {
    read: &'a mut HashMap<InputId, FileId>,
    documents: &'a mut HashMap<InputId, KeptDocument>,
}

/// The address of the resource a document pointer lies in (`/resource/TYPE/NAME/...`, the JSON
/// syntax's arrays at any of those levels included) and the length of the resource's own
/// pointer.
fn resource_at(pointer: &str) -> Option<(String, usize)> {
    let mut segments = crate::pointer::segments(pointer);
    if segments.next().as_deref() != Some("resource") {
        return None;
    }
    let (mut base, mut names) = (String::from("/resource"), Vec::new());
    for segment in segments {
        let index = segment.parse::<usize>().is_ok();
        if names.len() == 2 && !index {
            break;
        }
        crate::pointer::push_key(&mut base, &segment);
        if !index {
            names.push(segment);
        }
    }
    (names.len() == 2).then(|| (names.join("."), base.len()))
}

/// Places in the files of a module: each member's file in the report and its spans.
struct InModule<'a> {
    files: &'a [Option<(FileId, Located<'a>)>],
    sources: &'a [SourceFile],
    /// The member the finding is in.
    own: usize,
}

impl InModule<'_> {
    /// The same places, as a list's locator sees a file with no list.
    fn in_file<'s>(
        &'s self,
        member: usize,
    ) -> Option<InLists<'s, impl Fn(Option<usize>) -> Site<'s>>> {
        let (file, located) = self.files[member].as_ref()?;
        let site = move |_| Site {
            file: *file,
            spans: Some(located as &dyn SpanIndex),
            list: None,
        };
        Some(InLists {
            site,
            files: self.sources,
        })
    }
}

impl Locator<ModulePlace> for InModule<'_> {
    fn locate(&self, _: Option<usize>, place: &ModulePlace) -> (FileId, Range<usize>) {
        let target = crate::diagnostic::Target {
            pointer: place.pointer.clone(),
            part: place.part.clone(),
        };
        match self.in_file(place.file) {
            Some(locator) => locator.locate(None, &target),
            None => (0, 0..0),
        }
    }

    /// The resource the place is in, named by its address, and the pointer relative to it, as
    /// a list's findings say them.
    fn about(&self, place: &ModulePlace) -> About {
        match resource_at(&place.pointer) {
            Some((address, length)) => {
                About::in_resource(address, place.pointer[length..].to_owned())
            }
            None => About::of_resource(Profile::Terraform, place.pointer.clone()),
        }
    }

    fn speak<'t>(&self, text: &'t str) -> Cow<'t, str> {
        Cow::Borrowed(text)
    }

    /// A fix's edits, in the finding's own file.
    fn edits(&self, fix: &FindingFix) -> Option<Fix> {
        let locator = self.in_file(self.own)?;
        let edits = fix
            .edits
            .iter()
            .map(|edit| locator.edit(&edit.target, &edit.content));
        Some(Fix {
            edits: edits.collect::<Option<Vec<Edit>>>()?,
            applicability: fix.applicability,
        })
    }
}
