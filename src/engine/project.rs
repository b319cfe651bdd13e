//! Rules across files. While a run goes, each list leaves its facts in a [`FactStore`]; at its
//! end the store names the inputs whose facts may matter together, and only those are found
//! again (through the same [`Inputs`]), parsed again, and given to the rules'
//! [`Rule::check_across`](crate::rules::Rule::check_across).

use std::sync::Arc;

use super::facts::FactStore;
use super::file::parse;
use super::input::{Discovered, Input, Inputs, SettingsFor, read};
use super::place::{InLists, Site, place};
use super::report::Report;
use crate::diagnostic::FileId;
use crate::model::terraform::ResourceKind;
use crate::model::vocabulary::NAME;
use crate::model::{self, Admission, List, Recognised};
use crate::pointer::{Part, child};
use crate::rules::{RULES, RunList, RunLists};
use crate::settings::Settings;
use crate::syntax::{Document, SpanIndex, Syntax};
use crate::text::SourceFile;

/// Runs the rules across files over the inputs the store names, and places their findings.
pub(super) fn compare(
    inputs: &dyn Inputs,
    settings_for: &SettingsFor,
    store: &mut dyn FactStore,
    mut report: Report,
    kept: &[(usize, FileId)],
) -> Report {
    let numbers = store.to_compare();
    if numbers.is_empty() {
        return report;
    }
    let mut files: Vec<Compared> = find(inputs, &numbers)
        .filter_map(|(number, input)| {
            let kept = kept
                .binary_search_by_key(&number, |&(n, _)| n)
                .ok()
                .map(|i| kept[i].1);
            Compared::load(input, kept, &report.files, settings_for)
        })
        .collect();
    files.sort_by(|a, b| a.display.cmp(&b.display));
    // Every list of those files, as (file, list within the file), in path order.
    let lists: Vec<(usize, usize)> = files
        .iter()
        .enumerate()
        .flat_map(|(file, compared)| (0..compared.lists.len()).map(move |list| (file, list)))
        .collect();
    let list = |index: usize| &files[lists[index].0].lists[lists[index].1];
    let named: Vec<RunList> = (0..lists.len())
        .filter_map(|index| {
            let (file, list) = (&files[lists[index].0], list(index));
            Some(RunList {
                index,
                name: list.name.as_deref()?,
                scope: file.settings.name_scope.as_deref(),
                template: list.template,
                location: &list.location,
            })
        })
        .collect();
    let run = RunLists::new(named);
    let mut found = Vec::new();
    for rule in RULES {
        rule.check_across(&run, &mut found);
    }
    // The files findings point into move into the report before anything is placed.
    for (index, finding) in &found {
        for involved in std::iter::once(*index).chain(finding.labels.iter().filter_map(|l| l.file))
        {
            files[lists[involved].0].keep(&mut report.files);
        }
    }
    let recognised: Vec<_> = files.iter().map(Compared::recognise).collect();
    let models: Vec<Vec<List>> = recognised.iter().map(|r| r.lists()).collect();
    for (index, finding) in found {
        let locator = InLists {
            site: |other: Option<usize>| {
                let (file, within) = lists[other.unwrap_or(index)];
                Site {
                    file: files[file].kept.unwrap_or_default(),
                    spans: Some(&files[file].document),
                    list: Some(models[file][within]),
                }
            },
            files: &report.files,
        };
        let settings = &files[lists[index].0].settings;
        if let Some(diagnostic) = place(finding, settings, &locator) {
            report.diagnostics.push(diagnostic);
        }
    }
    report
}

/// Walks again for the inputs with these numbers (ascending).
fn find<'a>(
    inputs: &'a dyn Inputs,
    numbers: &'a [usize],
) -> impl Iterator<Item = (usize, Input)> + 'a {
    inputs
        .inputs()
        .filter_map(|found| match found {
            Discovered::Input(input) => Some(input),
            _ => None,
        })
        .enumerate()
        .take(numbers.last().map_or(0, |last| last + 1))
        .filter(|(number, _)| numbers.binary_search(number).is_ok())
}

/// A file whose lists rules across files compare, parsed again.
struct Compared {
    display: String,
    settings: Arc<Settings>,
    /// Its index in the report's files, once it is there.
    kept: Option<FileId>,
    /// Its text, read again because the run had not kept it.
    read: Option<SourceFile>,
    syntax: Syntax,
    admission: Admission,
    /// Its document, with a copy of its text (the text may move into the report's files).
    document: Document<'static>,
    lists: Vec<ComparedList>,
}

/// What rules across files see of one list, and where it sits.
struct ComparedList {
    name: Option<String>,
    /// A contact-list template, whose names are its own.
    template: bool,
    /// Where its name is written: `path:line`.
    location: String,
}

impl Compared {
    /// A file that can no longer be read or parsed is left out rather than misplace a finding.
    fn load(
        input: Input,
        kept: Option<FileId>,
        files: &[SourceFile],
        settings_for: &SettingsFor,
    ) -> Option<Compared> {
        let settings = settings_for(&input);
        let read = match kept {
            Some(_) => None,
            None => Some(read(&input, &settings).ok()?),
        };
        let source = read.as_ref().or_else(|| kept.map(|id| &files[id]))?;
        let document = parse(source).ok()?.into_owned();
        let lists = model::lists(&document, source.syntax, settings.profile, input.admission)
            .lists()
            .iter()
            .map(|list| {
                let name = list.document_pointer(&child("", NAME));
                let at = document.resolve(&name, &Part::Value);
                ComparedList {
                    name: list.name().map(str::to_owned),
                    template: list
                        .resource
                        .is_some_and(|r| r.kind == ResourceKind::Template),
                    location: format!("{}:{}", source.path, source.position(at.start).line),
                }
            })
            .collect();
        Some(Compared {
            display: input.display,
            settings,
            kept,
            syntax: source.syntax,
            read,
            admission: input.admission,
            document,
            lists,
        })
    }

    /// Its lists again, to place findings through them.
    fn recognise(&self) -> Recognised<'_> {
        let forced = self.settings.profile;
        model::lists(&self.document, self.syntax, forced, self.admission)
    }

    /// Moves the text into the report's files, when a diagnostic points into it.
    fn keep(&mut self, files: &mut Vec<SourceFile>) {
        if let Some(source) = self.read.take() {
            self.kept = Some(files.len());
            files.push(source);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{HashedNames, ListFacts};

    /// Named inputs `a.json`, `b.json`, ... holding these lists, with their numbers and name
    /// hashes already in a run (as if they had all been checked clean).
    fn clean_run(dir: &std::path::Path, names: &[&str], hash: u64) -> (Vec<Input>, HashedNames) {
        let mut store = HashedNames::default();
        let inputs = names
            .iter()
            .enumerate()
            .map(|(number, name)| {
                let display = format!("{}.json", char::from(b'a' + number as u8));
                let path = dir.join(&display);
                let list = format!(r#"{{"name": "{name}", "type": "API", "columns": []}}"#);
                std::fs::write(&path, list).unwrap();
                store.add(hash, number);
                Input {
                    display,
                    ..Input::path(&path, true, crate::model::Admission::Named)
                }
            })
            .collect();
        (inputs, store)
    }

    fn found(inputs: Vec<Input>, mut store: HashedNames) -> Vec<(String, &'static str)> {
        let settings = Arc::new(Settings::default());
        let report = compare(
            &inputs,
            &|_| settings.clone(),
            &mut store,
            Report::default(),
            &[],
        );
        report
            .diagnostics
            .iter()
            .map(|d| (report.files[d.file].path.clone(), d.rule.id))
            .collect()
    }

    #[test]
    fn a_spurious_shared_hash_reports_nothing() {
        let dir = tempfile::tempdir().unwrap();
        // As if two different names had hashed alike.
        let (inputs, store) = clean_run(dir.path(), &["List a", "List b"], 42 << 40);
        assert_eq!(found(inputs, store), vec![]);
    }

    #[test]
    fn a_real_shared_name_is_reported_after_walking_again() {
        let dir = tempfile::tempdir().unwrap();
        let facts = ListFacts {
            name: Some("Sales"),
            scope: None,
        };
        let hash = HashedNames::hash(&facts).unwrap();
        let (inputs, store) = clean_run(dir.path(), &["Sales", "Other", "sales"], hash);
        let expected = vec![("c.json".to_owned(), "duplicate-list-name")];
        assert_eq!(found(inputs, store), expected);
    }
}
