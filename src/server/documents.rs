//! The open documents, their settings (found per document as `check` finds them) and the last
//! lint of all of them, which code actions and hover answer from.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, FileChangeType, TextEdit, Uri, WorkspaceEdit,
};
use serde_json::Value;

use super::FIX_ALL;
use super::convert::{self, Encoding};
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::engine::{self, Action, Input, InputId, KeptNames, Report};
use crate::fix;
use crate::model::Admission;
use crate::model::provider::{Choice, Source};
use crate::settings::Settings;
use crate::settings::config::{self, CommandLine, Config};
use crate::syntax::Syntax;
use crate::text::SourceFile;
use crate::walk::Walk;
use crate::workspace::{Environment, OneRun};

/// The most entries of a workspace folder read when it is loaded: a folder as large as a home
/// directory must not hold the server's first answers back. Lists beyond are checked when they
/// are opened; only `duplicate-list-name` against unopened lists misses them.
const WORKSPACE_ENTRIES: usize = 10_000;

/// The first [`WORKSPACE_ENTRIES`] entries of a walk (the same ones each time it is walked).
struct FirstFiles<'w>(&'w Walk<'w>);

impl engine::Inputs for FirstFiles<'_> {
    fn inputs(&self) -> Box<dyn Iterator<Item = engine::Discovered> + Send + '_> {
        Box::new(self.0.inputs().take(WORKSPACE_ENTRIES))
    }
}

/// The documents an editor lints, in its workspace folders: the callers of a module are
/// searched from the folder that holds it.
struct InFolders {
    inputs: Vec<Input>,
    environment: OneRun,
}

impl engine::Inputs for InFolders {
    fn inputs(&self) -> Box<dyn Iterator<Item = engine::Discovered> + Send + '_> {
        self.inputs.inputs()
    }

    fn environment(&self) -> &dyn Environment {
        &self.environment
    }
}

/// Contact lists of a workspace folder, by path, with their display and text.
type WorkspaceLists = BTreeMap<PathBuf, (String, Arc<str>)>;

/// How long the first lint waits for the workspace folders being read.
const FIRST_WAIT: Duration = Duration::from_millis(500);

/// The contact lists among some paths (a workspace folder, or files that changed on disk), by
/// path, with their display: the files a `check` of them would check (up to
/// [`WORKSPACE_ENTRIES`]), under the configuration given (the editor's `contactlint.configuration`)
/// or else the one that governs the first path.
fn lists_among(paths: &[PathBuf], given: Option<&Config>) -> WorkspaceLists {
    let found;
    let config = match given {
        Some(config) => config,
        None => {
            let start = paths.first().map_or(Path::new("/"), PathBuf::as_path);
            let start = if start.is_dir() {
                start
            } else {
                start.parent().unwrap_or(start)
            };
            found = config::discover(start)
                .and_then(|file| config::load(&file).ok())
                .unwrap_or_default();
            &found
        }
    };
    let walk = Walk {
        skip_non_lists: true,
        ..Walk::new(paths, config)
    };
    let cli = CommandLine::default();
    let resolver = config::Resolver::new(config, &cli);
    let settings_for = |input: &Input| resolver.settings(input.glob_path());
    let first = FirstFiles(&walk);
    let report = engine::lint_inputs_with(&first, &settings_for, &mut KeptNames::default(), true);
    let checked = report
        .decisions
        .iter()
        .filter(|d| d.action == Action::Checked);
    checked
        .filter_map(|decision| {
            let Some(InputId::Path(path)) = &decision.input else {
                return None;
            };
            let text = std::fs::read_to_string(path).ok()?;
            Some((path.clone(), (decision.path.clone(), text.into())))
        })
        .collect()
}

/// One open document.
pub(super) struct Document {
    pub uri: Uri,
    pub text: Arc<str>,
    /// Its path in diagnostics: the file's path, or the URI for a document that has none.
    pub display: String,
    pub path: Option<PathBuf>,
    /// The value of its last text that parsed, for completion while it does not.
    pub last_good: Option<serde_json::Value>,
    /// That text.
    pub last_good_text: Option<Arc<str>>,
    /// How the last lint admitted it (`None`: left out, as a walk leaves it out).
    pub admission: Option<Admission>,
}

impl Document {
    /// The input it is linted as: its file, or the document itself when it has no path.
    fn input_id(&self) -> InputId {
        input_id(self.path.as_deref(), &self.display)
    }
}

/// The input a document is linted as.
fn input_id(path: Option<&Path>, display: &str) -> InputId {
    match path {
        Some(path) => InputId::of_path(path),
        None => InputId::Document(display.to_owned()),
    }
}

/// What the editor's settings say (`initializationOptions`, `workspace/didChangeConfiguration`):
/// they win over `contactlint.toml`, as command-line flags do.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct EditorSettings {
    /// `contactlint.configuration`: the configuration file of every document, instead of the
    /// one found around it (`--config`); relative to the first workspace folder.
    configuration: Option<PathBuf>,
    /// `contactlint.providerVersion` (`--provider-version`).
    provider_version: Option<String>,
}

impl EditorSettings {
    /// The settings in a client's message: `{"contactlint": {...}}` (a section, as VS Code
    /// sends it) or the section's keys themselves; what is missing or empty is unset.
    fn from_json(value: &Value) -> Option<EditorSettings> {
        let section = value.get("contactlint").unwrap_or(value);
        let section = section.as_object()?;
        let text = |key: &str| {
            let text = section.get(key)?.as_str()?.trim();
            (!text.is_empty()).then(|| text.to_owned())
        };
        Some(EditorSettings {
            configuration: text("configuration").map(PathBuf::from),
            provider_version: text("providerVersion"),
        })
    }
}

pub(super) struct Documents {
    pub encoding: Encoding,
    open: BTreeMap<String, Document>,
    /// The workspace folders, as paths.
    roots: Vec<PathBuf>,
    /// The editor's settings, and what they make: the command line they stand for and the
    /// configuration file they name.
    editor: EditorSettings,
    cli: CommandLine,
    given_config: Option<Arc<Config>>,
    /// Closed since the last publication: their diagnostics are cleared.
    closed: Vec<Uri>,
    /// The configuration that governs each directory, once found.
    configs: HashMap<PathBuf, Arc<Config>>,
    /// The contact lists of the workspace that are not open, by path, with their display:
    /// read once, so that `duplicate-list-name` compares the open lists with them.
    workspace: WorkspaceLists,
    /// The workspace folders still being read.
    loading: Vec<mpsc::Receiver<WorkspaceLists>>,
    /// Files that changed on disk while a workspace folder was being read: what the reading
    /// found of them may be older than what the change gave.
    touched: HashSet<PathBuf>,
    linted_once: bool,
    /// The last lint of every open document, and the settings each was linted with (by the
    /// path shown in the report).
    last: Report,
    last_settings: HashMap<String, Arc<Settings>>,
}

impl Documents {
    pub(super) fn new(encoding: Encoding) -> Documents {
        Documents {
            encoding,
            open: BTreeMap::new(),
            roots: Vec::new(),
            editor: EditorSettings::default(),
            cli: CommandLine::default(),
            given_config: None,
            closed: Vec::new(),
            configs: HashMap::new(),
            workspace: BTreeMap::new(),
            loading: Vec::new(),
            touched: HashSet::new(),
            linted_once: false,
            last: Report::default(),
            last_settings: HashMap::new(),
        }
    }

    pub(super) fn open(&mut self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        self.set(document.uri, document.text);
    }

    /// Full sync: the last change holds the whole text.
    pub(super) fn change(&mut self, params: DidChangeTextDocumentParams) {
        if let Some(change) = params.content_changes.into_iter().last() {
            self.set(params.text_document.uri, change.text);
        }
    }

    pub(super) fn save(&mut self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if uri.as_str().ends_with(config::FILE_NAME) {
            self.forget_configuration();
        }
        if let Some(text) = params.text {
            self.set(uri, text);
        }
    }

    pub(super) fn close(&mut self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.open.remove(uri.as_str()).is_some() {
            self.closed.push(uri);
        }
    }

    /// The workspace folders, as paths.
    pub(super) fn set_roots(&mut self, roots: Vec<PathBuf>) {
        self.roots = roots;
    }

    /// Starts reading the contact lists of the workspace folders (the files a `check` of them
    /// would check), each on a thread of its own, so that a huge folder does not hold back the
    /// first answers; a lint takes them in once they are read ([`Documents::take_workspace`]),
    /// the next one waiting a moment for them. Folders already being read are read again.
    pub(super) fn load_workspace(&mut self) {
        self.workspace.clear();
        self.loading.clear();
        self.touched.clear();
        self.linted_once = false;
        for root in &self.roots {
            let (sender, receiver) = mpsc::channel();
            let paths = vec![root.clone()];
            let given = self.given_config.clone();
            std::thread::spawn(move || {
                let _ = sender.send(lists_among(&paths, given.as_deref()));
            });
            self.loading.push(receiver);
        }
    }

    /// Whether workspace folders are being read.
    pub(super) fn loading_workspace(&self) -> bool {
        !self.loading.is_empty()
    }

    /// Takes in the editor's settings (docs/integrations/editors.md: `initializationOptions`, then each
    /// `workspace/didChangeConfiguration`). Returns what the user should be told, if anything
    /// (a configuration file that cannot be read); `None` also when nothing changed.
    pub(super) fn configure(&mut self, value: &Value) -> Option<String> {
        let settings = EditorSettings::from_json(value)?;
        if settings == self.editor {
            return None;
        }
        let configuration_changed = settings.configuration != self.editor.configuration;
        self.cli.provider = settings
            .provider_version
            .as_deref()
            .map(|version| Choice::written(version, Source::Editor));
        let mut warning = None;
        if configuration_changed {
            self.given_config = None;
            if let Some(path) = &settings.configuration {
                let path = match (path.is_absolute(), self.roots.first()) {
                    (false, Some(root)) => root.join(path),
                    _ => path.clone(),
                };
                match config::load(&path) {
                    Ok(config) => self.given_config = Some(Arc::new(config)),
                    Err(error) => {
                        warning = Some(format!(
                            "contactlint: the configuration file {} (contactlint.configuration) \
                             cannot be used, so each file's own contactlint.toml is: {}",
                            path.display(),
                            error.message
                        ));
                    }
                }
            }
        }
        self.editor = settings;
        self.forget_configuration();
        if configuration_changed {
            self.load_workspace();
        }
        warning
    }

    /// The provider version a document was last linted with (its first, when the roots that
    /// call its module run several; the newest when it has none).
    pub(super) fn provider_choice(&self, uri: &Uri) -> Choice {
        let settings = self
            .document(uri)
            .and_then(|d| self.last_settings.get(&d.display));
        let choice = settings.and_then(|s| s.providers.first());
        choice.cloned().unwrap_or_else(Choice::newest)
    }

    /// The Terraform files of a module (a directory), by path, with their text: an open one's
    /// last text that parsed, the others as they are on disk.
    pub(super) fn module_texts(&self, directory: &Path) -> Vec<(PathBuf, Arc<str>)> {
        let mut texts: BTreeMap<PathBuf, Arc<str>> = BTreeMap::new();
        let terraform = |path: &Path| {
            Syntax::from_name(path)
                .is_some_and(|s| matches!(s, Syntax::Terraform | Syntax::TerraformJson))
        };
        if let Ok(entries) = std::fs::read_dir(directory) {
            for path in entries.flatten().map(|entry| entry.path()) {
                if terraform(&path)
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    texts.insert(path, text.into());
                }
            }
        }
        for document in self.open.values() {
            let (Some(path), Some(text)) = (&document.path, &document.last_good_text) else {
                continue;
            };
            if path.parent() == Some(directory) && terraform(path) {
                texts.insert(path.clone(), Arc::clone(text));
            }
        }
        texts.into_iter().collect()
    }

    /// Files changed on disk (docs/integrations/editors.md: a `git checkout`, `terraform init -upgrade`): the
    /// workspace's lists among them are read again (or forgotten, or taken in when new), a
    /// changed `contactlint.toml` makes the configurations be found again. Open documents are
    /// left as the editor has them. Every other file (a sibling of a module, a CSV, a lock
    /// file) is read from disk at each lint: linting again is enough for those.
    pub(super) fn watched(&mut self, params: DidChangeWatchedFilesParams) {
        let mut new = Vec::new();
        for event in params.changes {
            let Some(path) = file_path(&event.uri) else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == config::FILE_NAME) {
                self.forget_configuration();
            }
            if !self.loading.is_empty() {
                self.touched.insert(path.clone());
            }
            let known = self.workspace.contains_key(&path);
            let text = match event.typ {
                FileChangeType::DELETED => None,
                _ => std::fs::read_to_string(&path).ok(),
            };
            match (known, text) {
                (true, Some(text)) => {
                    if let Some(entry) = self.workspace.get_mut(&path) {
                        entry.1 = text.into();
                    }
                }
                (true, None) => {
                    self.workspace.remove(&path);
                }
                (false, Some(_)) if self.in_workspace(&path) => new.push(path),
                (false, _) => {}
            }
        }
        if !new.is_empty() {
            let lists = lists_among(&new, self.given_config.as_deref());
            self.workspace.extend(lists);
        }
    }

    /// Whether a path lies in a workspace folder, where a walk of it would find it.
    fn in_workspace(&self, path: &Path) -> bool {
        let walked = Syntax::from_name(path).is_some_and(|syntax| !syntax.holds_contacts());
        walked && self.roots.iter().any(|root| path.starts_with(root))
    }

    /// Takes in the workspace folders read since the last lint. The first lint waits a moment
    /// for them (a small folder is read in milliseconds); later ones only take what is ready.
    fn take_workspace(&mut self) {
        let first_lint = !std::mem::replace(&mut self.linted_once, true);
        let wait = if first_lint {
            FIRST_WAIT
        } else {
            Duration::ZERO
        };
        let (loading, workspace) = (&mut self.loading, &mut self.workspace);
        let touched = &self.touched;
        loading.retain(|receiver| match receiver.recv_timeout(wait) {
            Ok(lists) => {
                let fresh = lists
                    .into_iter()
                    .filter(|(path, _)| !touched.contains(path));
                workspace.extend(fresh);
                false
            }
            // Still reading: kept for the next lint.
            Err(mpsc::RecvTimeoutError::Timeout) => true,
            // The thread ended without an answer: nothing to take.
            Err(mpsc::RecvTimeoutError::Disconnected) => false,
        });
        if self.loading.is_empty() {
            self.touched.clear();
        }
    }

    /// `contactlint.toml` changed: find the configurations again.
    pub(super) fn forget_configuration(&mut self) {
        self.configs.clear();
    }

    fn set(&mut self, uri: Uri, text: String) {
        let path = file_path(&uri);
        let display = path
            .as_ref()
            .map_or_else(|| uri.as_str().to_owned(), |p| p.display().to_string());
        let previous = self
            .open
            .remove(uri.as_str())
            .and_then(|d| d.last_good.zip(d.last_good_text));
        let source = SourceFile::from_memory(&display, &text, u64::MAX);
        let parsed = source.syntax.parse(&source.text).map(|d| d.value());
        let text: Arc<str> = text.into();
        let good = parsed
            .ok()
            .map(|value| (value, Arc::clone(&text)))
            .or(previous);
        let (last_good, last_good_text) = good.unzip();
        let document = Document {
            last_good,
            last_good_text,
            uri: uri.clone(),
            text,
            display,
            path,
            admission: None,
        };
        self.open.insert(uri.as_str().to_owned(), document);
    }

    pub(super) fn document(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }

    /// The configuration that governs a file's directory, found once per directory.
    fn config(&mut self, path: &Path) -> Arc<Config> {
        if let Some(given) = &self.given_config {
            return Arc::clone(given);
        }
        let dir = path.parent().unwrap_or(Path::new("/")).to_owned();
        let found = self.configs.entry(dir.clone()).or_insert_with(|| {
            let found = config::discover(&dir).and_then(|file| config::load(&file).ok());
            Arc::new(found.unwrap_or_default())
        });
        found.clone()
    }

    /// The settings of a document: the configuration that governs its directory.
    fn settings(&mut self, document: &str) -> Arc<Settings> {
        let Some(path) = self.open.get(document).and_then(|d| d.path.clone()) else {
            let config = self.given_config.clone().unwrap_or_default();
            return config::Resolver::new(&config, &self.cli).settings(Path::new(document));
        };
        let config = self.config(&path);
        config::Resolver::new(&config, &self.cli).settings(&path)
    }

    /// How a walk of the workspace would admit a file (docs/integrations/editors.md: an editor attaches to every
    /// JSON, TOML and Terraform buffer, and only lists are judged): `None` when the walk leaves
    /// it out (`exclude`, or an `include` that does not match it). A document without a path
    /// is judged as a walked one; a contact file as a named one.
    fn admission(&mut self, path: Option<&Path>) -> Option<Admission> {
        let Some(path) = path else {
            return Some(Admission::Walked);
        };
        let config = self.config(path);
        if config.is_excluded(path) {
            return None;
        }
        // An open contact file is named, as pre-commit names a staged one (docs/inputs/csv.md).
        let contacts = Syntax::from_name(path).is_some_and(Syntax::holds_contacts);
        match (contacts, &config.include) {
            (true, _) => Some(Admission::Named),
            (false, Some(_)) => config.is_included(path).then_some(Admission::Included),
            (false, None) => Some(Admission::Walked),
        }
    }

    /// Lints every open document together (so rules across files see them all) and returns
    /// each one's diagnostics, and an empty list for each document closed since.
    pub(super) fn lint(&mut self) -> Vec<(Uri, Vec<lsp_types::Diagnostic>)> {
        self.take_workspace();
        let keys: Vec<String> = self.open.keys().cloned().collect();
        let settings: HashMap<String, Arc<Settings>> = keys
            .iter()
            .map(|key| (self.open[key].display.clone(), self.settings(key)))
            .collect();
        let open = self
            .open
            .values()
            .map(|d| (d.path.clone(), d.display.clone(), d.text.clone()));
        let unopened = self
            .workspace
            .iter()
            .filter(|(path, _)| !self.open.values().any(|d| d.path.as_ref() == Some(*path)))
            .map(|(path, (display, text))| (Some(path.clone()), display.clone(), text.clone()));
        let candidates: Vec<_> = open.chain(unopened).collect();
        let mut inputs: Vec<Input> = Vec::new();
        for (path, display, text) in candidates {
            let admission = self.admission(path.as_deref());
            if let Some(open) = self.open.values_mut().find(|d| d.display == display) {
                open.admission = admission;
            }
            let Some(admission) = admission else {
                continue;
            };
            let id = input_id(path.as_deref(), &display);
            inputs.push(Input {
                id,
                ..Input::memory(display, text, admission)
            });
        }
        let settings_for =
            |input: &Input| settings.get(&input.display).cloned().unwrap_or_default();
        let inputs = InFolders {
            inputs,
            environment: OneRun::in_folders(self.roots.clone()),
        };
        let report =
            engine::lint_inputs_with(&inputs, &settings_for, &mut KeptNames::default(), false);
        // A file read beside the open ones is named by its path.
        let uri_of = |file: &SourceFile| {
            let open = self.open.values().find(|d| d.input_id() == file.id);
            match (open, &file.id) {
                (Some(document), _) => Some(document.uri.clone()),
                (None, InputId::Path(path)) => file_uri(path),
                (None, InputId::Document(_) | InputId::Stdin) => None,
            }
        };
        let mut published: Vec<(Uri, Vec<lsp_types::Diagnostic>)> = self
            .open
            .values()
            .map(|document| {
                let diagnostics = report
                    .diagnostics
                    .iter()
                    .filter(|d| report.files[d.file].id == document.input_id())
                    .map(|d| convert::diagnostic(self.encoding, &report.files, d, &uri_of))
                    .collect();
                (document.uri.clone(), diagnostics)
            })
            .collect();
        published.extend(self.closed.drain(..).map(|uri| (uri, Vec::new())));
        self.last = report;
        self.last_settings = settings;
        published
    }

    /// The last lint's source and diagnostics of a document.
    pub(super) fn linted(&self, uri: &Uri) -> Option<(&SourceFile, Vec<&Diagnostic>)> {
        let id = self.document(uri)?.input_id();
        let file = self.last.files.iter().position(|f| f.id == id)?;
        let diagnostics = self
            .last
            .diagnostics
            .iter()
            .filter(|d| d.file == file)
            .collect();
        Some((&self.last.files[file], diagnostics))
    }

    /// Quick fixes for the diagnostics in the range (safe ones preferred), and the action that
    /// applies every safe fix of the document.
    pub(super) fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some((source, diagnostics)) = self.linted(uri) else {
            return Vec::new();
        };
        let wants = |kind: &CodeActionKind| {
            params
                .context
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
        };
        let start = self.encoding.offset(source, params.range.start);
        let end = self.encoding.offset(source, params.range.end);
        let mut actions = Vec::new();
        if wants(&CodeActionKind::QUICKFIX) {
            for d in diagnostics
                .iter()
                .filter(|d| d.range.start <= end && start <= d.range.end)
            {
                let Some(fix) = &d.fix else { continue };
                let edits = fix
                    .edits
                    .iter()
                    .map(|edit| {
                        TextEdit::new(
                            self.encoding.range(source, &edit.range),
                            edit.replacement.clone(),
                        )
                    })
                    .collect();
                let title = fix_title(&source.text, &fix.edits, d.help.as_deref());
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![convert::diagnostic(
                        self.encoding,
                        &self.last.files,
                        d,
                        &|_| None,
                    )]),
                    edit: Some(workspace_edit(uri, edits)),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..CodeAction::default()
                }));
            }
        }
        let fix_all = CodeActionKind::new(FIX_ALL);
        if wants(&fix_all) {
            let settings = self
                .last_settings
                .get(&source.path)
                .cloned()
                .unwrap_or_default();
            let fixed = fix::fix_source(source, &diagnostics, &settings, Applicability::Safe);
            if let Some(fixed) = fixed {
                let whole = self.encoding.range(source, &(0..source.text.len()));
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Apply every safe contactlint fix".into(),
                    kind: Some(fix_all),
                    edit: Some(workspace_edit(uri, vec![TextEdit::new(whole, fixed.text)])),
                    ..CodeAction::default()
                }));
            }
        }
        actions
    }
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(std::iter::once((uri.clone(), edits)).collect()),
        ..WorkspaceEdit::default()
    }
}

/// A quick fix's title, short as editors show it: what its one edit does (`Remove "colums"`,
/// `Change "Cel" to "Cell"`), or the first clause of the help for several edits.
fn fix_title(text: &str, edits: &[Edit], help: Option<&str>) -> String {
    let shown = |part: &str| {
        let part = part.trim_matches(|c: char| c == ',' || c.is_whitespace());
        let name = part
            .strip_prefix('"')
            .and_then(|rest| rest.split('"').next());
        let name = name.unwrap_or_else(|| part.split(['=', ':']).next().unwrap_or(part));
        let name = name.trim();
        match name.chars().count() > 40 {
            true => format!("{}…", name.chars().take(40).collect::<String>()),
            false => name.to_owned(),
        }
    };
    match edits {
        [edit] => {
            let old = text.get(edit.range.clone()).unwrap_or_default();
            match (old.trim().is_empty(), edit.replacement.trim().is_empty()) {
                (false, true) => format!("Remove \"{}\"", shown(old)),
                (true, false) => format!("Add {}", edit.replacement.trim()),
                _ => format!(
                    "Change \"{}\" to \"{}\"",
                    shown(old),
                    shown(&edit.replacement)
                ),
            }
        }
        _ => {
            let help = help.unwrap_or("apply the fix");
            capitalised(help.split(';').next().unwrap_or(help))
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The `file:` URI of an absolute path (bytes outside the unreserved set percent-escaped).
pub(super) fn file_uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    if !text.starts_with('/') {
        return None;
    }
    let mut uri = String::from("file://");
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.parse().ok()
}

/// The file path of a `file:` URI (percent-escapes decoded); `None` for other schemes.
pub(super) fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[index], bytes.get(index + 1), bytes.get(index + 2)) {
            (b'%', Some(&high), Some(&low)) if hex(high).is_some() && hex(low).is_some() => {
                decoded.push((hex(high)? * 16 + hex(low)?) as u8);
                index += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    Some(PathBuf::from(String::from_utf8(decoded).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn fix_titles_say_what_the_edit_does() {
        let text = "{\"name\": \"S\", \"colums\": [], \"x\": \"Cel\"}";
        let edit = |range: std::ops::Range<usize>, replacement: &str| Edit {
            range,
            replacement: replacement.to_owned(),
        };
        let removed = [edit(14..28, "")];
        assert_eq!(fix_title(text, &removed, None), "Remove \"colums\"");
        let changed = [edit(33..38, "\"Cell\"")];
        assert_eq!(
            fix_title(text, &changed, None),
            "Change \"Cel\" to \"Cell\""
        );
        let added = [edit(1..1, "\"type\": \"API\", ")];
        assert_eq!(fix_title(text, &added, None), "Add \"type\": \"API\",");
        let two = [edit(1..1, "a"), edit(2..2, "b")];
        assert_eq!(fix_title(text, &two, Some("do this; then that")), "Do this");
    }

    #[test]
    fn file_uris_become_paths() {
        let uri = Uri::from_str("file:///tmp/my%20lists/sales.json").unwrap();
        assert_eq!(
            file_path(&uri),
            Some(PathBuf::from("/tmp/my lists/sales.json"))
        );
        assert_eq!(
            file_path(&Uri::from_str("untitled:Untitled-1").unwrap()),
            None
        );
    }
}
