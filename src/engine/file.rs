//! The one path of one source: bytes → document → lists → findings → placed diagnostics. A
//! finding's severity is decided in [`place`] and nowhere else, whether it comes from a list, from
//! the file itself (not readable, not parsable) or from a rule across files.

use std::borrow::Cow;
use std::cell::LazyCell;
use std::sync::OnceLock;

use super::facts::ListFacts;
use crate::diagnostic::{
    ClaimTier, Content, Diagnostic, Edit, FileId, Finding, Fix, Label, RuleMeta, Severity, Target,
};
use crate::model::{self, Admission, List, schema};
use crate::rules::{self, Context, RULES, Rule};
use crate::settings::{LevelSource, Settings};
use crate::syntax::{Document, SpanIndex, Spans};
use crate::text::{SourceFile, Unreadable};

/// What linting one source gives.
#[derive(Debug)]
pub(super) enum FileOutcome {
    /// A walked file that holds no contact list, and why.
    Skipped(Cow<'static, str>),
    /// A file that cannot be read or parsed, while the rule that would say so is off.
    NotChecked,
    /// Its diagnostics, and why it was checked.
    Linted(Vec<Diagnostic>, Cow<'static, str>),
}

/// Lints one decoded source. A walked file (`Admission::Walked`) that holds no contact list is
/// skipped; one that cannot be read or parsed is always reported. `keep` receives what its lists
/// leave for the rules across files, while their document is still there.
pub(super) fn lint_file(
    source: &SourceFile,
    settings: &Settings,
    admission: Admission,
    keep: &mut dyn FnMut(&[ListFacts<'_>]),
) -> FileOutcome {
    if admission == Admission::Walked
        && source.unreadable.is_none()
        && !model::may_hold_lists(source.syntax, &source.text)
    {
        return FileOutcome::Skipped("it declares no contact-list resource".into());
    }
    let document = match parse(source, Spans::Skip) {
        Ok(document) => document,
        Err(_) if admission == Admission::Walked && !raw_text_looks_like_list(source) => {
            return FileOutcome::Skipped(
                "it cannot be read or parsed, and its text has no key of a contact list".into(),
            );
        }
        Err(finding) => {
            let no_spans = SpanIndex::default();
            let site = |_| Site {
                file: 0,
                spans: &no_spans,
                list: None,
            };
            let files = std::slice::from_ref(source);
            return match place(*finding, settings, &site, files) {
                Some(diagnostic) => FileOutcome::Linted(vec![diagnostic], why_broken(admission)),
                None => FileOutcome::NotChecked,
            };
        }
    };
    let recognised = model::lists(&document, source.syntax, settings.profile, admission);
    if recognised.is_empty() && admission == Admission::Walked {
        return FileOutcome::Skipped(recognised.reason);
    }
    let lists = recognised.lists();
    let scope = settings.name_scope.as_deref();
    let facts: Vec<ListFacts> = lists
        .iter()
        .map(|list| ListFacts::of(list, scope))
        .collect();
    keep(&facts);
    // Findings are rare: spans are recorded (by parsing again) only when one is placed.
    let spans = LazyCell::new(|| {
        parse(source, Spans::Record)
            .map(|document| document.spans)
            .unwrap_or_default()
    });
    let mut diagnostics = Vec::new();
    for list in &lists {
        let site = |_| Site {
            file: 0,
            spans: &spans,
            list: Some(*list),
        };
        diagnostics.extend(
            findings(*list, settings).into_iter().filter_map(|finding| {
                place(finding, settings, &site, std::slice::from_ref(source))
            }),
        );
    }
    FileOutcome::Linted(diagnostics, recognised.reason)
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
pub(super) fn parse(source: &SourceFile, spans: Spans) -> Result<Document, Box<Finding>> {
    match &source.unreadable {
        Some(Unreadable::TooLarge { limit, .. }) => {
            Err(Box::new(rules::FileTooLarge::finding(*limit)))
        }
        Some(Unreadable::Utf16 { .. }) => Err(Box::new(rules::InvalidEncoding::utf16())),
        Some(Unreadable::InvalidEncoding { offset }) => {
            Err(Box::new(rules::InvalidEncoding::finding(*offset)))
        }
        None => source.syntax.parse(&source.text, spans).map_err(|error| {
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
/// failures resurface under another id), then the checks of the rules that are on.
fn findings(list: List<'_>, settings: &Settings) -> Vec<Finding> {
    let cx = Context { list };
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
    for rule in RULES.iter().filter(applies) {
        if settings.severity(rule.meta()).is_some() {
            rule.check_list(&cx, &mut out);
        }
    }
    // No finding may judge a value the file does not fix.
    out.retain(|finding| list.fixes(&finding.target.pointer));
    out
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

/// Where a finding's pointers land: a file of the report, its spans, and the list the finding's
/// pointers are relative to (`None` for a finding about the file itself).
pub(super) struct Site<'a> {
    pub file: FileId,
    pub spans: &'a SpanIndex,
    pub list: Option<List<'a>>,
}

/// Places a finding at its rule's configured severity, or drops it when the rule is off: the one
/// place where levels apply. `site` gives, for a list of a rule across files (`None`: the
/// finding's own), where its pointers land; a finding about the file itself has no list, and so
/// no profile and no pointer.
pub(super) fn place<'s>(
    finding: Finding,
    settings: &Settings,
    site: &dyn Fn(Option<usize>) -> Site<'s>,
    files: &[SourceFile],
) -> Option<Diagnostic> {
    let severity = severity_of(settings, finding.rule, None)?;
    // A target's pointer in its document: through its list's names (Terraform's), if any.
    let pointer_in = |site: &Site, target: &Target| match site.list {
        Some(list) => list.document_pointer(&target.pointer),
        None => target.pointer.clone(),
    };
    let locate = |list: Option<usize>, target: &Target| {
        let site = site(list);
        let text = &files[site.file].text;
        let range = site
            .spans
            .resolve(text, &pointer_in(&site, target), &target.part);
        (site.file, range)
    };
    let own = site(None).list;
    let speak = |text: &str| match own {
        Some(list) => list.speak(text).into_owned(),
        None => text.to_owned(),
    };
    let (file, range) = locate(None, &finding.target);
    let labels = finding
        .labels
        .iter()
        .map(|label| {
            let (file, range) = locate(label.file, &label.target);
            Label {
                file,
                range,
                message: speak(&label.message),
            }
        })
        .collect();
    // A fix whose edits cannot all be placed (a removal of what is not a plain member) is
    // dropped whole rather than applied in part.
    let fix = finding.fix.and_then(|fix| {
        let edits = fix.edits.iter().map(|edit| {
            let (file, range) = locate(None, &edit.target);
            let source = &files[file];
            Some(match &edit.content {
                Content::Quoted(text) => Edit {
                    range,
                    replacement: source.syntax.quote(text, &edit.target.part),
                },
                Content::Removed => {
                    let site = site(None);
                    let (key, value) = site.spans.member(&pointer_in(&site, &edit.target))?;
                    let range = source.syntax.member_removal(&source.text, &key, &value)?;
                    Edit {
                        range,
                        replacement: String::new(),
                    }
                }
            })
        });
        Some(Fix {
            edits: edits.collect::<Option<_>>()?,
            applicability: fix.applicability,
        })
    });
    Some(Diagnostic {
        file,
        rule: finding.rule,
        severity,
        profile: own.map(|list| list.profile),
        resource: own
            .and_then(|list| list.resource)
            .map(|r| r.address.clone()),
        message: speak(&finding.message),
        pointer: own.map(|list| list.shown_pointer(&finding.target.pointer)),
        range,
        labels,
        help: finding.help.as_deref().map(speak),
        fix,
        row: None,
        column_name: None,
    })
}

/// The severity a finding is reported with, or `None` when its rule is off: the rule's level,
/// unless that is its default and the finding has a severity of its own.
pub(super) fn severity_of(
    settings: &Settings,
    rule: &RuleMeta,
    own: Option<Severity>,
) -> Option<Severity> {
    let level = settings.level(rule);
    let configured = settings.severity(rule)?;
    Some(match (&level.source, own) {
        (LevelSource::Default | LevelSource::Select, Some(own)) => own,
        _ => configured,
    })
}

/// The contact files a Terraform file's resources name in `contacts_filepath` (resolved from
/// the file's directory, `dir`): an input for each that exists, checked against its resource,
/// and a `contacts-file-not-found` diagnostic for each that does not. A path the file does not
/// fix is not judged.
pub(super) fn terraform_contacts(
    source: &SourceFile,
    settings: &Settings,
    dir: &std::path::Path,
) -> (Vec<Diagnostic>, Vec<super::Input>) {
    let (mut diagnostics, mut inputs) = (Vec::new(), Vec::new());
    if source.syntax.layout() != crate::syntax::Layout::TerraformResources
        || !source.text.contains("contacts_filepath")
    {
        return (diagnostics, inputs);
    }
    let Ok(document) = parse(source, Spans::Record) else {
        return (diagnostics, inputs);
    };
    let recognised = model::lists(&document, source.syntax, None, Admission::Named);
    for list in recognised.lists() {
        let Some(resource) = list.resource else {
            continue;
        };
        let written = resource
            .written
            .get("contacts_filepath")
            .and_then(|v| v.as_str());
        let Some(path) = written.filter(|_| list.fixes("/contacts_filepath")) else {
            continue;
        };
        // `${path.module}/x` is `./x`: written without the `.`, as a person would.
        let resolved: std::path::PathBuf = dir
            .join(path)
            .components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect();
        let display = crate::text::shown_path(&resolved);
        if !resolved.exists() {
            let finding = rules::ContactsFileNotFound::finding(&display);
            let site = |_| Site {
                file: 0,
                spans: &document.spans,
                list: Some(list),
            };
            diagnostics.extend(place(
                finding,
                settings,
                &site,
                std::slice::from_ref(source),
            ));
            continue;
        }
        let mut target = crate::model::contacts::Target::of(
            &list,
            format!("{}#{}", source.path, resource.address),
        );
        target.id_column = super::contacts::terraform_id_column(&list);
        inputs.push(super::Input {
            source: super::InputSource::Path(resolved),
            display,
            explicit: false,
            admission: Admission::Named,
            pairing: Some(std::sync::Arc::new(crate::settings::Pairing {
                list: crate::settings::ListRef::Known(std::sync::Arc::new(target)),
                id_column: None,
                mode: crate::model::contacts::Mode::Create,
                origin: format!("{} ({})", source.path, resource.address),
            })),
        });
    }
    (diagnostics, inputs)
}
