//! The one path of one source: bytes → document (one parse, which records where everything is
//! written) → lists → findings → placed diagnostics (placed by [`super::place`], where levels
//! apply); a Terraform file a resource at a time. A Terraform resource's contact file is paired
//! here, from the same parse, or left for [`super::contacts_path`] to resolve.

use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;

use super::contacts_path::{
    Deferred, RootPath, Written, in_module, variable_pairing, written_pairing,
};
use super::facts::ListFacts;
use super::input::{Input, read};
use super::place::{InLists, InResource, Site, place};
use super::report::{Checked, KeptDocument, Outcome};
use crate::diagnostic::{ClaimTier, Diagnostic, FileId, Finding};
use crate::model::outbound::{self, FileFacts};
use crate::model::provider::{Choice, Declared};
use crate::model::terraform::{self, Declaration};
use crate::model::{self, Admission, List, Profile, schema};
use crate::parallel;
use crate::rules::{self, Context, InFile, RULES, ResourceContext, Rule};
use crate::settings::{Level, Settings};
use crate::syntax::{Document, Layout, Syntax};
use crate::text::{SourceFile, Unreadable};
use crate::workspace::Environment;

/// Lints one decoded source. A walked file (`Admission::Walked`) that holds no contact list is
/// skipped; one that cannot be read or parsed is always reported. `keep` receives what its lists
/// leave for the rules across files. A file read from a directory (`around`) pairs the contact
/// files its resources name (the source is not kept: the caller decides). The file is parsed
/// once: its document records where everything is written, for the findings to be placed.
pub(super) fn lint_file(
    source: &SourceFile,
    settings: &Settings,
    admission: Admission,
    around: Option<Around<'_>>,
    keep: &mut dyn FnMut(&[ListFacts<'_>]),
) -> Outcome {
    if admission == Admission::Walked
        && source.unreadable.is_none()
        && !model::may_hold_lists(source.syntax, &source.text)
    {
        return Outcome::Skipped("it declares no contact-list resource".into());
    }
    let document = match parse(source) {
        Ok(document) => document,
        Err(_) if admission == Admission::Walked && !raw_text_looks_like_list(source) => {
            return Outcome::Skipped(
                "it cannot be read or parsed, and its text has no key of a contact list".into(),
            );
        }
        Err(finding) => {
            let locator = InLists {
                site: |_| Site {
                    file: 0,
                    spans: None,
                    list: None,
                },
                files: std::slice::from_ref(source),
            };
            return match place(*finding, settings, &locator) {
                Some(diagnostic) => Outcome::Checked(Box::new(Checked {
                    diagnostics: vec![diagnostic],
                    reason: why_broken(admission),
                    ..Checked::default()
                })),
                None => Outcome::NotChecked,
            };
        }
    };
    let file = File {
        source,
        document: &document,
        settings,
        around,
        on: rules_on(settings),
    };
    let mut outcome = match source.syntax.layout() {
        Layout::TerraformResources => file.terraform(admission, keep),
        Layout::WholeDocument | Layout::Contacts => file.whole(admission, keep),
    };
    // An exported organisation's module findings are placed from this parse, not another.
    if let Outcome::Checked(checked) = &mut outcome
        && checked
            .module
            .as_ref()
            .is_some_and(|facts| facts.resources() >= PARALLEL_FROM)
    {
        let spans = document.detach();
        checked.document = Some(KeptDocument {
            spans,
            source: None,
        });
    }
    outcome
}

/// How many resources of a file are read in one run.
const RUN: usize = 256;

/// From how many resources a file's runs are spread over the pool (an exported organisation):
/// below, starting the pool costs more than it gives.
const PARALLEL_FROM: usize = 2 * RUN;

/// What a run of resources gives: the facts and list names they leave, their diagnostics and
/// pairings (in `checked`), in order.
#[derive(Default)]
struct Run {
    facts: FileFacts,
    names: Vec<Option<String>>,
    checked: Checked,
}

/// A parsed file being linted.
struct File<'a> {
    source: &'a SourceFile,
    document: &'a Document<'a>,
    settings: &'a Settings,
    around: Option<Around<'a>>,
    /// The rules its settings turn on (an export checks thousands of resources with them).
    on: Vec<&'static dyn Rule>,
}

impl File<'_> {
    /// A file that is one list (JSON, TOML), or none.
    fn whole(&self, admission: Admission, keep: &mut dyn FnMut(&[ListFacts<'_>])) -> Outcome {
        let settings = self.settings;
        let recognised = model::lists(
            self.document,
            self.source.syntax,
            settings.profile,
            admission,
        );
        if recognised.is_empty() && admission == Admission::Walked {
            return Outcome::Skipped(recognised.reason);
        }
        let lists = recognised.lists();
        let scope = settings.name_scope.as_deref();
        let facts: Vec<ListFacts> = lists
            .iter()
            .map(|list| ListFacts::of(list, scope))
            .collect();
        keep(&facts);
        let mut checked = Checked {
            reason: recognised.reason.clone(),
            ..Checked::default()
        };
        for list in &lists {
            self.check_list(*list, &mut checked);
        }
        Outcome::Checked(Box::new(checked))
    }

    /// A Terraform file, a resource at a time: each is judged against the provider and left as
    /// facts, reading its body in place; a list's body is made a value for the list's rules,
    /// then dropped, so that an exported organisation costs the memory of its document and its
    /// facts. The resources of
    /// a large file are read in runs spread over the pool.
    fn terraform(&self, admission: Admission, keep: &mut dyn FnMut(&[ListFacts<'_>])) -> Outcome {
        let declarations = terraform::declarations(self.document);
        let outbound: Vec<&Declaration> = declarations.iter().filter(|d| d.is_outbound()).collect();
        let types: Vec<&str> = outbound.iter().map(|d| d.type_name).collect();
        let work: Vec<(&Declaration, InFile)> =
            outbound.into_iter().zip(InFile::all(&types)).collect();
        let runs: Vec<&[(&Declaration, InFile)]> = work.chunks(RUN).collect();
        let read = |run: &&[(&Declaration, InFile)]| self.resources(run);
        let runs = match work.len() >= PARALLEL_FROM {
            true => parallel::map(&runs, read),
            false => runs.iter().map(read).collect(),
        };
        let mut facts = FileFacts::of_modules(self.document);
        let mut names: Vec<Option<String>> = Vec::new();
        let mut checked = Checked::default();
        for run in runs {
            facts.lists.extend(run.facts.lists);
            facts.users.extend(run.facts.users);
            names.extend(run.names);
            checked.diagnostics.extend(run.checked.diagnostics);
            checked.paired.extend(run.checked.paired);
            checked.root_paths.extend(run.checked.root_paths);
            checked.reason.to_mut().push_str(&run.checked.reason);
        }
        let lists = facts.lists.len();
        let empty = lists == 0 && facts.users.is_empty() && facts.calls.is_empty();
        if empty && admission == Admission::Walked {
            return Outcome::Skipped(model::resources_reason(admission, lists));
        }
        let scope = self.settings.name_scope.as_deref();
        let names: Vec<ListFacts> = names
            .iter()
            .map(|name| ListFacts {
                name: name.as_deref(),
                scope,
            })
            .collect();
        keep(&names);
        let reason = match (admission.reason(), facts.declarations()) {
            (Some(why), Some(declared)) => format!("{why}; {declared}").into(),
            (None, Some(declared)) => declared.into(),
            (_, None) => model::resources_reason(admission, lists),
        };
        let providers = &self.settings.providers;
        let judged_with: Vec<String> = providers.iter().map(Choice::describe).collect();
        let judged_with = judged_with.join(" and ");
        // The notes its lists left (contacts the provider downloads) follow the reason.
        let notes = std::mem::take(&mut checked.reason);
        checked.reason = format!("{reason}{notes}; judged with provider {judged_with}").into();
        checked.providers = providers.clone();
        checked.module = Some(facts).filter(|facts| !facts.is_empty());
        Outcome::Checked(Box::new(checked))
    }

    /// A run of a Terraform file's outbound resources, each with its standing among those of
    /// its type, read one at a time.
    fn resources(&self, run: &[(&Declaration, InFile)]) -> Run {
        let blocks_distinct = self.source.syntax == Syntax::Terraform;
        let mut out = Run::default();
        for &(declaration, in_file) in run {
            // The provider's judgement and the facts of a resource that uses a list read its
            // body where it is written; only a list's is made a value, for the list's rules.
            if let Some(declared) = Declared::of(declaration, blocks_distinct) {
                self.judge(&declared, in_file, &mut out.checked);
            }
            let Some(kind) = declaration.list_kind() else {
                out.facts.users.extend(outbound::user(declaration));
                continue;
            };
            let written = declaration.read();
            let resource =
                terraform::map(kind, declaration, written, self.document, blocks_distinct);
            out.facts.add_list(&resource);
            out.names.push(resource.list().name().map(str::to_owned));
            self.check_list(resource.list(), &mut out.checked);
        }
        out
    }

    /// A list's findings, placed, and the contact file its resource names paired (or not
    /// found).
    fn check_list(&self, list: List<'_>, checked: &mut Checked) {
        let (source, settings) = (self.source, self.settings);
        let mut found = findings(list, &self.on, settings);
        let locator = InLists {
            site: |_| Site {
                file: 0,
                spans: Some(self.document),
                list: Some(list),
            },
            files: std::slice::from_ref(source),
        };
        match self
            .around
            .and_then(|around| contacts_path(source, &list, around))
        {
            Some(ContactsPath::Paired(input)) => checked.paired.push(input),
            Some(ContactsPath::NotFound(not_found)) => found.push(not_found),
            Some(ContactsPath::FromRoot(path)) => checked.root_paths.push(path),
            Some(ContactsPath::Remote(url)) => {
                let address = list.resource.map_or("", |r| &r.address);
                let note = format!(
                    "; {address} uploads contacts from {url}, which the provider downloads: \
                    not checked"
                );
                checked.reason.to_mut().push_str(&note);
            }
            None => {}
        }
        let placed = found
            .into_iter()
            .filter_map(|f| place(f, settings, &locator));
        checked.diagnostics.extend(placed);
    }

    /// What the rules that judge a resource against the provider find in one outbound resource,
    /// at each version the file is judged with, placed.
    fn judge(&self, declared: &Declared, in_file: InFile, checked: &mut Checked) {
        let settings = self.settings;
        let by_version = settings.providers.iter().map(|choice| {
            let located = resource_findings(declared, in_file, choice, &self.on);
            let locator = InResource {
                inner: InLists {
                    site: |_| Site {
                        file: 0,
                        spans: Some(self.document),
                        list: None,
                    },
                    files: std::slice::from_ref(self.source),
                },
                address: &declared.address,
                base: &declared.base,
            };
            let placed = located
                .into_iter()
                .filter_map(|f| place(f, settings, &locator));
            (choice, placed.collect())
        });
        checked
            .diagnostics
            .extend(merge_versions(by_version.collect()));
    }
}

/// What the rules that judge a resource against the provider find in one outbound resource, at
/// one version.
fn resource_findings(
    declared: &Declared,
    in_file: InFile,
    choice: &Choice,
    on: &[&'static dyn Rule],
) -> Vec<Finding> {
    let judged = declared.judge(choice.version);
    let cx = ResourceContext {
        declared,
        judged: &judged,
        provider: choice,
        in_file,
    };
    let mut out = Vec::new();
    for rule in on
        .iter()
        .filter(|rule| rule.meta().applies_to(Profile::Terraform))
    {
        rule.check_resource(&cx, &mut out);
    }
    out
}

/// The diagnostics of a file judged at several provider versions (roots that run different
/// ones): one of each that every version gives, and the others saying which version gave them.
fn merge_versions(by_version: Vec<(&Choice, Vec<Diagnostic>)>) -> Vec<Diagnostic> {
    if by_version.len() < 2 {
        return by_version
            .into_iter()
            .flat_map(|(_, found)| found)
            .collect();
    }
    let same = |a: &Diagnostic, b: &Diagnostic| {
        a.rule.id == b.rule.id && a.range == b.range && a.message == b.message
    };
    let mut out: Vec<Diagnostic> = Vec::new();
    for (index, (choice, found)) in by_version.iter().enumerate() {
        for diagnostic in found {
            let everywhere = by_version
                .iter()
                .all(|(_, other)| other.iter().any(|d| same(d, diagnostic)));
            if everywhere {
                if index == 0 {
                    out.push(diagnostic.clone());
                }
                continue;
            }
            let mut diagnostic = diagnostic.clone();
            diagnostic.message = format!(
                "{} (with provider {}, {})",
                diagnostic.message, choice.version, choice.source
            );
            out.push(diagnostic);
        }
    }
    out
}

/// Why a file that cannot be read or parsed is reported.
fn why_broken(admission: Admission) -> Cow<'static, str> {
    match admission.reason() {
        Some(reason) => reason.into(),
        None => "it cannot be read or parsed, but its text has keys of a contact list".into(),
    }
}

/// Whether a file that cannot be read whole or parsed still looks like a contact list, and is
/// worth reporting although it was only walked.
fn raw_text_looks_like_list(source: &SourceFile) -> bool {
    match &source.unreadable {
        Some(Unreadable::TooLarge { head, .. }) => model::text_looks_like_list(source.syntax, head),
        Some(Unreadable::Utf16 { decoded }) => model::text_looks_like_list(source.syntax, decoded),
        _ => model::text_looks_like_list(source.syntax, &source.text),
    }
}

/// The document of a source, or the finding that says why there is none.
pub(super) fn parse(source: &SourceFile) -> Result<Document<'_>, Box<Finding>> {
    match &source.unreadable {
        Some(Unreadable::TooLarge { limit, .. }) => {
            Err(Box::new(rules::FileTooLarge::finding(*limit)))
        }
        Some(Unreadable::Utf16 { .. }) => Err(Box::new(rules::InvalidEncoding::utf16())),
        Some(Unreadable::InvalidEncoding { offset }) => {
            Err(Box::new(rules::InvalidEncoding::finding(*offset)))
        }
        None => source.syntax.parse(&source.text).map_err(|error| {
            Box::new(rules::SyntaxError::finding(
                source.syntax.name(),
                &error.message,
                error.range,
            ))
        }),
    }
}

/// A list's findings, whatever their level: schema failures each go to the most specific rule
/// that claims them (whether or not that rule is on, so that turning a rule off never lets its
/// failures resurface under another id), then the checks of the rules that are on (`on`).
fn findings(list: List<'_>, on: &[&'static dyn Rule], settings: &Settings) -> Vec<Finding> {
    let cx = Context {
        list,
        max_columns: settings.max_columns,
    };
    let applies = |rule: &&&dyn Rule| rule.meta().applies_to(list.profile);
    let mut out: Vec<Finding> = schema::failures(list.profile, list.value)
        .iter()
        .filter(|failure| list.fixes(&failure.pointer))
        .filter_map(|failure| {
            claimants()
                .iter()
                .filter(applies)
                .find_map(|rule| rule.claim(failure, &cx))
        })
        .collect();
    for rule in on.iter().filter(applies) {
        rule.check_list(&cx, &mut out);
    }
    // No finding may judge a value the file does not fix.
    out.retain(|finding| list.fixes(&finding.target.pointer));
    out
}

/// The rules a file's settings turn on. Its levels are in registry order: each is read beside
/// its rule, not looked for.
fn rules_on(settings: &Settings) -> Vec<&'static dyn Rule> {
    let levels = settings.levels();
    let on = RULES.iter().enumerate().filter(|(at, rule)| {
        match levels.get(*at).filter(|level| level.rule == rule.meta().id) {
            Some(level) => matches!(level.level, Level::On(_)),
            None => settings.severity(rule.meta()).is_some(),
        }
    });
    on.map(|(_, rule)| *rule).collect()
}

/// The rules that claim schema failures, most specific tier first.
fn claimants() -> &'static [&'static dyn Rule] {
    static CLAIMANTS: OnceLock<Vec<&'static dyn Rule>> = OnceLock::new();
    CLAIMANTS.get_or_init(|| {
        let mut claimants: Vec<(ClaimTier, &'static dyn Rule)> = RULES
            .iter()
            .filter_map(|rule| Some((rule.meta().claims?, *rule)))
            .collect();
        claimants.sort_by_key(|(tier, _)| *tier);
        claimants.into_iter().map(|(_, rule)| rule).collect()
    })
}

/// Where a Terraform resource's `contacts_filepath` leads, as far as its file can tell.
enum ContactsPath {
    /// An input checked against the resource.
    Paired(Input),
    NotFound(Finding),
    /// To resolve from the roots of its module once the walk is over.
    FromRoot(RootPath),
    /// A URL the provider downloads, as written: not checked.
    Remote(String),
}

/// Where a file sits, for the contact files its resources name: its directory, and the run's
/// environment, which says what exists there.
#[derive(Clone, Copy)]
pub(super) struct Around<'a> {
    pub dir: &'a Path,
    pub env: &'a dyn Environment,
}

/// The contact file a Terraform resource names in `contacts_filepath` (a file read from the
/// directory `around`); `None` for a list that names none, or a path the configuration does
/// not fix (a variable is resolved after the walk, from the values its module is given).
fn contacts_path(source: &SourceFile, list: &List, around: Around) -> Option<ContactsPath> {
    let Around { dir, env } = around;
    let root_path = |written, pairing| {
        Some(ContactsPath::FromRoot(RootPath {
            module: dir.to_path_buf(),
            written,
            pairing,
            address: list.resource?.address.clone(),
        }))
    };
    let Some((written, pairing)) = written_pairing(source, list) else {
        let (variable, pairing) = variable_pairing(source, list)?;
        return root_path(Deferred::Variable(variable), pairing);
    };
    Some(match written {
        Written::FromRoot(relative) => {
            return root_path(Deferred::Relative(relative.to_owned()), pairing);
        }
        Written::FromModule(relative) => match in_module(dir, relative, &pairing, env) {
            Ok(input) => ContactsPath::Paired(input),
            Err(not_found) => ContactsPath::NotFound(*not_found),
        },
        Written::Remote(url) => ContactsPath::Remote(url.to_owned()),
    })
}

/// Places a finding about a Terraform list that was found after its file was checked (a
/// `contacts_filepath` that no root holds): only then is the file read (unless the report kept
/// it) and parsed again. Its diagnostic points into `files`.
pub(super) fn place_later(
    input: &Input,
    kept: Option<FileId>,
    address: &str,
    finding: Finding,
    settings: &Settings,
    files: &mut Vec<SourceFile>,
) -> Option<Diagnostic> {
    let read_now = match kept {
        Some(_) => None,
        None => Some(read(input, settings).ok()?),
    };
    let source = read_now.as_ref().or_else(|| kept.map(|id| &files[id]))?;
    let document = parse(source).ok()?;
    let recognised = model::lists(&document, source.syntax, settings.profile, input.admission);
    let lists = recognised.lists();
    let list = lists
        .iter()
        .find(|list| list.resource.is_some_and(|r| r.address == address))?;
    let locator = InLists {
        site: |_| Site {
            file: 0,
            spans: Some(&document),
            list: Some(*list),
        },
        files: std::slice::from_ref(source),
    };
    let mut diagnostic = place(finding, settings, &locator)?;
    diagnostic.file = match (kept, read_now) {
        (Some(id), _) => id,
        (None, Some(source)) => {
            files.push(source);
            files.len() - 1
        }
        (None, None) => return None,
    };
    Some(diagnostic)
}
