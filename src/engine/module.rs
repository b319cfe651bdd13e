//! Terraform modules (SPEC §15): a module is one directory, and the resources that use a list
//! are checked against the lists of their directory, whichever file declares them. While a run
//! goes, each Terraform file leaves what it declares ([`FileFacts`]: small, owned) in the
//! [`ModuleIndex`], by directory; at its end every directory where a file of the run uses a list
//! is completed with the Terraform files of the directory the run did not read (read for their
//! facts, never reported), its rules run, and only the files findings point into are parsed
//! again with spans to place them.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::input::{Input, InputId, SettingsFor, read};
use super::place::{About, InLists, Locator, Site, place};
use super::report::Report;
use crate::diagnostic::{Diagnostic, Edit, FileId, FindingFix, Fix};
use crate::model::Admission;
use crate::model::Profile;
use crate::model::outbound::{FileFacts, Module, ModulePlace};
use crate::rules::{ModuleFinding, RULES};
use crate::syntax::{Layout, SpanIndex, Spans, Syntax};
use crate::text::SourceFile;

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
    /// Part of the run: its findings are reported (a file read only for its facts is not).
    reported: bool,
}

impl ModuleIndex {
    /// Keeps what a checked Terraform file declares.
    pub(super) fn add(&mut self, input: &Input, facts: FileFacts, kept: Option<FileId>) {
        let Some(directory) = directory(&input.id) else {
            return;
        };
        let member = Member {
            input: input.clone(),
            facts,
            kept,
            reported: true,
        };
        self.directories.entry(directory).or_default().push(member);
    }

    /// Runs the rules of every module where a file of the run uses a list, and places their
    /// findings in the report.
    pub(super) fn check(self, report: &mut Report, settings_for: &SettingsFor) {
        for (directory, mut members) in self.directories {
            let uses = |m: &Member| m.reported && !m.facts.users.is_empty();
            if !members.iter().any(uses) {
                continue;
            }
            complete(&directory, &mut members, settings_for);
            members.sort_by(|a, b| a.input.display.cmp(&b.input.display));
            let module = Module {
                files: members.iter().map(|m| &m.facts).collect(),
            };
            let mut found: Vec<ModuleFinding> = Vec::new();
            for rule in RULES {
                rule.check_module(&module, &mut found);
            }
            found.retain(|finding| members[finding.target.file].reported);
            if !found.is_empty() {
                place_all(found, &members, report, settings_for);
            }
        }
    }
}

/// The directory a file's module is, or a document's name's directory for one in memory.
fn directory(id: &InputId) -> Option<PathBuf> {
    match id {
        InputId::Path(path) => path.parent().map(Path::to_path_buf),
        InputId::Document(name) => Some(Path::new(name).parent()?.to_path_buf()),
        InputId::Stdin => None,
    }
}

/// Adds the Terraform files of `directory` the run did not read, for their facts.
fn complete(directory: &Path, members: &mut Vec<Member>, settings_for: &SettingsFor) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    let seen: HashSet<InputId> = members.iter().map(|m| m.input.id.clone()).collect();
    let terraform = |path: &Path| {
        let syntax = Syntax::from_name(path);
        syntax.is_some_and(|s| s.layout() == Layout::TerraformResources)
    };
    let mut unseen: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.is_file() && terraform(path))
        .filter(|path| !seen.contains(&InputId::of_path(path)))
        .collect();
    unseen.sort();
    for path in unseen {
        let input = Input::path(&path, false, Admission::Named);
        let Ok(source) = read(&input, &settings_for(&input)) else {
            continue;
        };
        let Ok(document) = source.syntax.parse(&source.text, Spans::Skip) else {
            continue;
        };
        let facts = FileFacts::of(&document, source.syntax);
        members.push(Member {
            input,
            facts,
            kept: None,
            reported: false,
        });
    }
}

/// Places a module's findings: the files they point into are put in the report (read again
/// when the run did not keep them) and parsed with spans.
fn place_all(
    found: Vec<ModuleFinding>,
    members: &[Member],
    report: &mut Report,
    settings_for: &SettingsFor,
) {
    let mut involved: Vec<usize> = found
        .iter()
        .flat_map(|f| std::iter::once(f.target.file).chain(f.labels.iter().map(|l| l.target.file)))
        .collect();
    involved.sort_unstable();
    involved.dedup();
    let mut files: Vec<Option<(FileId, SpanIndex)>> = (0..members.len()).map(|_| None).collect();
    for index in involved {
        let member = &members[index];
        let id = match member.kept {
            Some(id) => id,
            None => match read(&member.input, &settings_for(&member.input)) {
                Ok(source) => {
                    report.files.push(source);
                    report.files.len() - 1
                }
                Err(_) => continue,
            },
        };
        let source = &report.files[id];
        if let Ok(document) = source.syntax.parse(&source.text, Spans::Record) {
            files[index] = Some((id, document.spans));
        }
    }
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
            sources: &report.files,
            own,
        };
        placed.extend(place(finding, &settings, &locator));
    }
    report.diagnostics.extend(placed);
}

/// Places in the files of a module: each member's file in the report and its spans.
struct InModule<'a> {
    files: &'a [Option<(FileId, SpanIndex)>],
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
        let (file, spans) = self.files[member].as_ref()?;
        let site = move |_| Site {
            file: *file,
            spans,
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

    fn about(&self, place: &ModulePlace) -> About {
        About::of_resource(Profile::Terraform, place.pointer.clone())
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
