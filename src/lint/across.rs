//! Rules across files without holding every list name: a run keeps 8 bytes per list (a hash of
//! its name and the input's number), and only the inputs whose hashes repeat are found again
//! (by walking again), read and parsed with spans for the rules to compare.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::run::{Run, SettingsFor, read};
use super::{Discovered, Input, Inputs, Report, resolve};
use crate::diagnostic::{Diagnostic, FileId};
use crate::document::{self, SpanIndex, Spans};
use crate::profile::Profile;
use crate::rules::{ListName, RULES, same_name_key};
use crate::settings::Settings;
use crate::source::SourceFile;

/// The list names of a run, one `u64` each: the low `number_bits` hold the input's number and
/// the rest the top bits of the name's hash. Equal names always share a hash; a shared hash
/// only costs reading two files again.
#[derive(Debug)]
pub(super) struct NameIndex {
    entries: Vec<u64>,
    number_bits: u32,
}

impl Default for NameIndex {
    /// Room for 16 million inputs and a 40-bit hash (one chance in 200 of a spurious pair at
    /// 100,000 lists); more inputs take bits from the hash.
    fn default() -> Self {
        NameIndex {
            entries: Vec::new(),
            number_bits: 24,
        }
    }
}

impl NameIndex {
    /// The hash of a list name as rules compare it; `None` for a blank name.
    pub fn hash(name: &str) -> Option<u64> {
        let key = same_name_key(name);
        if key.is_empty() {
            return None;
        }
        let mut hasher = DefaultHasher::new();
        key.hash(&mut hasher);
        Some(hasher.finish())
    }

    pub fn add(&mut self, hash: u64, number: usize) {
        let number = number as u64;
        while number.checked_shr(self.number_bits).unwrap_or(0) != 0 {
            self.widen();
        }
        self.entries.push((hash & !self.mask()) | number);
    }

    fn mask(&self) -> u64 {
        u64::MAX.checked_shr(64 - self.number_bits).unwrap_or(0)
    }

    /// Makes room for larger input numbers by giving up 8 bits of every hash.
    fn widen(&mut self) {
        let old = self.mask();
        self.number_bits += 8;
        let new = self.mask();
        for entry in &mut self.entries {
            *entry = (*entry & !new) | (*entry & old);
        }
    }

    /// The numbers of the inputs whose hash another input shares, ascending.
    fn shared(mut self) -> Vec<usize> {
        self.entries.sort_unstable();
        let (bits, mask) = (self.number_bits, self.mask());
        let hash = |entry: &u64| entry.checked_shr(bits).unwrap_or(0);
        let mut shared: Vec<usize> = self
            .entries
            .chunk_by(|a, b| hash(a) == hash(b))
            .filter(|group| group.len() > 1)
            .flatten()
            .map(|entry| (entry & mask) as usize)
            .collect();
        shared.sort_unstable();
        shared
    }
}

/// Runs the rules that look across files over the lists whose names may repeat, and places
/// their findings.
pub(super) fn check_run(inputs: &dyn Inputs, settings_for: &SettingsFor, run: Run) -> Report {
    let Run {
        mut report,
        names,
        kept,
    } = run;
    let shared = names.shared();
    if shared.is_empty() {
        return report;
    }
    let mut lists: Vec<List> = find(inputs, &shared)
        .filter_map(|(number, input)| {
            let kept = kept
                .binary_search_by_key(&number, |&(n, _)| n)
                .ok()
                .map(|i| kept[i].1);
            List::load(input, kept, &report.files, settings_for)
        })
        .collect();
    lists.sort_by(|a, b| a.display.cmp(&b.display));
    let names: Vec<ListName> = lists
        .iter()
        .enumerate()
        .map(|(file, list)| ListName {
            file,
            profile: list.profile,
            name: &list.name,
        })
        .collect();
    let mut found = Vec::new();
    for rule in RULES {
        rule.check_run(&names, &mut found);
    }
    for (file, finding) in found {
        for involved in std::iter::once(file).chain(finding.labels.iter().filter_map(|l| l.file))
        {
            lists[involved].keep(&mut report.files);
        }
        let list = &lists[file];
        let Some(severity) = list.settings.severity(finding.rule) else {
            continue;
        };
        let locate = |f: usize| (lists[f].kept.unwrap_or_default(), &lists[f].spans);
        let diagnostic = resolve(finding, Some(file), &locate, &report.files);
        report.diagnostics.push(Diagnostic {
            severity,
            profile: Some(list.profile),
            ..diagnostic
        });
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

/// A list whose name may repeat, parsed with spans.
struct List {
    display: String,
    settings: Arc<Settings>,
    /// Its index in the report's files, once it is there.
    kept: Option<FileId>,
    /// Its text, read again because the run had not kept it.
    read: Option<SourceFile>,
    spans: SpanIndex,
    profile: Profile,
    name: String,
}

impl List {
    /// A file that can no longer be read or parsed, or has lost its name, is left out rather
    /// than misplace a finding.
    fn load(
        input: Input,
        kept: Option<FileId>,
        files: &[SourceFile],
        settings_for: &SettingsFor,
    ) -> Option<List> {
        let settings = settings_for(&input);
        let read = match kept {
            Some(_) => None,
            None => Some(read(&input, &settings).ok()?),
        };
        let source = read.as_ref().or_else(|| kept.map(|id| &files[id]))?;
        let document = document::parse(source, Spans::Record).ok()?;
        let profile = settings
            .profile
            .unwrap_or_else(|| Profile::detect(&document.value));
        let name = document.value.get("name")?.as_str()?.to_owned();
        Some(List {
            display: input.display,
            settings,
            kept,
            read,
            spans: document.spans,
            profile,
            name,
        })
    }

    /// Moves the text into the report's files, when a diagnostic points into it.
    fn keep(&mut self, files: &mut Vec<SourceFile>) {
        if let Some(source) = self.read.take() {
            self.kept = Some(files.len());
            files.push(source);
        }
    }
}
