//! Rules across files without holding every list name: a run keeps 8 bytes per list (a hash of
//! its name and the input's number), and only the inputs whose hashes repeat are found again
//! (by walking again), read and parsed with spans for the rules to compare.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::run::{Run, SettingsFor, read};
use super::{Discovered, Input, Inputs, Report, list_name, profile_of, resolve};
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
        let Some(severity) = lists[file].settings.severity(finding.rule) else {
            continue;
        };
        for involved in std::iter::once(file).chain(finding.labels.iter().filter_map(|l| l.file)) {
            lists[involved].keep(&mut report.files);
        }
        let list = &lists[file];
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
        let profile = profile_of(&document.value, &settings);
        let name = list_name(&document.value)?.to_owned();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::InputSource;

    #[test]
    fn equal_names_share_a_hash_and_blank_names_have_none() {
        assert_eq!(NameIndex::hash("Sales"), NameIndex::hash(" SALES "));
        assert_ne!(NameIndex::hash("Sales"), NameIndex::hash("Sales EMEA"));
        assert_eq!(NameIndex::hash("  "), None);
    }

    #[test]
    fn only_inputs_sharing_a_hash_come_back() {
        let mut names = NameIndex::default();
        for (hash, number) in [(7 << 40, 3), (9 << 40, 0), (7 << 40, 1), (5 << 40, 2)] {
            names.add(hash, number);
        }
        assert_eq!(names.shared(), vec![1, 3]);
    }

    #[test]
    fn large_input_numbers_take_bits_from_the_hash_and_keep_every_number() {
        let mut names = NameIndex::default();
        names.add(u64::MAX, 5);
        names.add(u64::MAX >> 1, 6);
        names.add(!0xff00_0000, 7);
        names.add(1 << 63, 1 << 30);
        assert_eq!(names.number_bits, 32);
        // 5 and 7 differed only in the bits given up; 6 still differs from both in its top bit.
        assert_eq!(names.shared(), vec![5, 7]);
        let mut names = NameIndex::default();
        names.add(1, 2);
        names.add(2, 1 << 60);
        // No hash bits are left: every list is a candidate, and nothing is lost.
        assert_eq!(names.shared(), vec![2, 1 << 60]);
    }

    /// Named inputs `a.json`, `b.json`, ... holding these lists, with their numbers and name
    /// hashes already in a run (as if they had all been checked clean).
    fn clean_run(dir: &std::path::Path, names: &[&str], hash: u64) -> (Vec<Input>, Run) {
        let mut run = Run::default();
        let inputs = names
            .iter()
            .enumerate()
            .map(|(number, name)| {
                let display = format!("{}.json", char::from(b'a' + number as u8));
                let path = dir.join(&display);
                let list = format!(r#"{{"name": "{name}", "type": "API", "columns": []}}"#);
                std::fs::write(&path, list).unwrap();
                run.names.add(hash, number);
                Input {
                    source: InputSource::Path(path),
                    display,
                    explicit: true,
                }
            })
            .collect();
        (inputs, run)
    }

    fn found(inputs: Vec<Input>, run: Run) -> Vec<(String, &'static str)> {
        let settings = Arc::new(Settings::default());
        let report = check_run(&inputs, &|_| settings.clone(), run);
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
        let (inputs, run) = clean_run(dir.path(), &["List a", "List b"], 42 << 40);
        assert_eq!(found(inputs, run), vec![]);
    }

    #[test]
    fn a_real_shared_name_is_reported_after_walking_again() {
        let dir = tempfile::tempdir().unwrap();
        let hash = NameIndex::hash("Sales").unwrap();
        let (inputs, run) = clean_run(dir.path(), &["Sales", "Other", "sales"], hash);
        let expected = vec![("c.json".to_owned(), "duplicate-list-name")];
        assert_eq!(found(inputs, run), expected);
    }
}
