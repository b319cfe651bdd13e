//! The engine: from inputs to sorted diagnostics. Reading, parsing, schema validation, rules and
//! pointer resolution happen here; presentation happens in `render`.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, FileId, Finding, Fix, Label, Target};
use crate::document::{self, Document, Part, SpanIndex, Spans};
use crate::profile::Profile;
use crate::rules::{self, Context, ListName, RULES};
use crate::schema;
use crate::settings::Settings;
use crate::source::{self, Format, SourceFile, Unreadable};

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Path(PathBuf),
    Stdin,
}

/// One file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub source: InputSource,
    /// The path shown in output, with `/` separators.
    pub display: String,
    /// Named by the user (always checked) rather than found by walking (checked only if it
    /// looks like a contact list).
    pub explicit: bool,
}

impl Input {
    /// The path used to match configuration globs (`--stdin-filename` for standard input).
    pub fn path(&self) -> &std::path::Path {
        match &self.source {
            InputSource::Path(path) => path,
            InputSource::Stdin => std::path::Path::new(&self.display),
        }
    }
}

/// A problem with the run itself rather than with a file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunError {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for RunError {}

/// Everything a run found.
#[derive(Debug, Default)]
pub struct Report {
    /// The files that diagnostics point into (clean files are not kept); a diagnostic's `file`
    /// indexes this list.
    pub files: Vec<SourceFile>,
    /// Sorted by path, position, then rule.
    pub diagnostics: Vec<Diagnostic>,
    pub files_checked: usize,
    /// Walked files that are not contact lists, or that the configuration leaves out.
    pub files_skipped: usize,
    pub errors: Vec<RunError>,
}

impl Report {
    pub fn count(&self, severity: crate::diagnostic::Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Path, position, then rule: the same whatever the thread count.
    fn sort(&mut self) {
        let files = &self.files;
        self.diagnostics.sort_by(|a, b| {
            (&files[a.file].path, a.range.start, a.rule.id, &a.message).cmp(&(
                &files[b.file].path,
                b.range.start,
                b.rule.id,
                &b.message,
            ))
        });
    }
}

/// The result of checking one source.
#[derive(Debug)]
pub enum Outcome {
    /// A walked file that is not a contact list.
    Skipped,
    Checked {
        profile: Option<Profile>,
        diagnostics: Vec<Diagnostic>,
        /// The list's `name`, for rules across files.
        list_name: Option<String>,
    },
}

/// What the run remembers of a checked file: little, unless it has diagnostics.
struct Checked {
    input: usize,
    settings: Arc<Settings>,
    profile: Option<Profile>,
    /// Its index in `Report::files`, when its text is kept.
    kept: Option<FileId>,
    list_name: Option<Box<str>>,
}

/// Below this many inputs, files are checked on the calling thread.
const PARALLEL_FROM: usize = 8;

/// Inputs checked in parallel before their results are merged.
const CHUNK: usize = 2048;

/// Checks all inputs in parallel and returns the diagnostics in a deterministic order.
/// `settings_for` gives each input its settings (see [`crate::config::Resolver`]).
pub fn check(inputs: &[Input], settings_for: &(dyn Fn(&Input) -> Arc<Settings> + Sync)) -> Report {
    let one = |input: &Input| {
        let settings = settings_for(input);
        let result = check_input(input, &settings);
        (settings, result)
    };
    let mut report = Report::default();
    let mut checked = Vec::new();
    // In chunks, so that the results waiting to be merged never grow with the number of files.
    for (chunk_index, chunk) in inputs.chunks(CHUNK).enumerate() {
        // Starting a thread pool costs more than checking a handful of files (an editor's save).
        let results: Vec<(Arc<Settings>, InputResult)> = if chunk.len() < PARALLEL_FROM {
            chunk.iter().map(one).collect()
        } else {
            chunk.par_iter().map(one).collect()
        };
        for (offset, (settings, result)) in results.into_iter().enumerate() {
            let input = chunk_index * CHUNK + offset;
            match result {
                Err(error) => report.errors.push(error),
                Ok((_, Outcome::Skipped)) => report.files_skipped += 1,
                Ok((
                    source,
                    Outcome::Checked {
                        profile,
                        diagnostics,
                        list_name,
                    },
                )) => {
                    let kept = source.map(|source| {
                        report.files.push(source);
                        report.files.len() - 1
                    });
                    if let Some(id) = kept {
                        report
                            .diagnostics
                            .extend(diagnostics.into_iter().map(|d| with_file(d, id)));
                    }
                    let list_name = list_name.map(String::into_boxed_str);
                    checked.push(Checked {
                        input,
                        settings,
                        profile,
                        kept,
                        list_name,
                    });
                }
            }
        }
    }
    report.files_checked = checked.len();
    check_run(inputs, &mut checked, &mut report);
    report.sort();
    report
}

/// Runs the rules that look across files and places their findings, loading (or reading again)
/// the few files they point into.
fn check_run(inputs: &[Input], checked: &mut [Checked], report: &mut Report) {
    let lists: Vec<ListName> = checked
        .iter()
        .enumerate()
        .filter_map(|(file, c)| {
            Some(ListName {
                file,
                profile: c.profile?,
                name: c.list_name.as_deref()?,
            })
        })
        .collect();
    let mut found = Vec::new();
    for rule in RULES {
        rule.check_run(&lists, &mut found);
    }
    let mut spans: HashMap<usize, SpanIndex> = HashMap::new();
    for (file, finding) in found {
        let involved: Vec<usize> = std::iter::once(file)
            .chain(finding.labels.iter().filter_map(|l| l.file))
            .collect();
        // A file that can no longer be read or parsed drops the finding rather than misplace it.
        if !involved
            .iter()
            .all(|&f| load(inputs, &mut checked[f], report, &mut spans, f))
        {
            continue;
        }
        let record = &checked[file];
        let Some(severity) = record.settings.severity(finding.rule) else {
            continue;
        };
        let located = |f: usize| (checked[f].kept.unwrap_or_default(), &spans[&f]);
        let diagnostic = resolve(finding, Some(file), &located, &report.files);
        report.diagnostics.push(Diagnostic {
            severity,
            profile: record.profile,
            ..diagnostic
        });
    }
}

/// Makes sure a checked file's text is in the report and its spans are known.
fn load(
    inputs: &[Input],
    record: &mut Checked,
    report: &mut Report,
    spans: &mut HashMap<usize, SpanIndex>,
    file: usize,
) -> bool {
    if spans.contains_key(&file) {
        return true;
    }
    if record.kept.is_none() {
        let Ok(source) = read(&inputs[record.input], &record.settings) else {
            return false;
        };
        report.files.push(source);
        record.kept = Some(report.files.len() - 1);
    }
    let Some(kept) = record.kept else {
        return false;
    };
    match document::parse(&report.files[kept], Spans::Record) {
        Ok(document) => {
            spans.insert(file, document.spans);
            true
        }
        Err(_) => false,
    }
}

fn with_file(mut diagnostic: Diagnostic, file: FileId) -> Diagnostic {
    diagnostic.file = file;
    for label in &mut diagnostic.labels {
        label.file = file;
    }
    diagnostic
}

/// A read and checked input (its source when worth keeping), or why it could not be read.
type InputResult = Result<(Option<SourceFile>, Outcome), RunError>;

fn read(input: &Input, settings: &Settings) -> Result<SourceFile, RunError> {
    let read = match &input.source {
        InputSource::Stdin => source::read_stdin(input.display.clone(), settings.max_file_size),
        InputSource::Path(path) => {
            SourceFile::read(path, input.display.clone(), settings.max_file_size)
        }
    };
    read.map_err(|e| RunError {
        path: input.display.clone(),
        reason: describe_io(&e),
    })
}

fn check_input(input: &Input, settings: &Settings) -> InputResult {
    let source = read(input, settings)?;
    let outcome = check_source(&source, settings, !input.explicit);
    // A clean file's text is dropped at once, so memory does not grow with the number of files;
    // standard input is kept because it cannot be read twice.
    let keep = match &outcome {
        Outcome::Checked { diagnostics, .. } => {
            !diagnostics.is_empty() || input.source == InputSource::Stdin
        }
        Outcome::Skipped => false,
    };
    Ok((keep.then_some(source), outcome))
}

fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => error.to_string(),
    }
}

/// Checks one in-memory source on its own (no walking, no other files) into a report.
pub fn check_one(source: SourceFile, settings: &Settings) -> Report {
    let mut report = Report {
        files_checked: 1,
        ..Report::default()
    };
    if let Outcome::Checked { diagnostics, .. } = check_source(&source, settings, false) {
        report.diagnostics = diagnostics;
    }
    report.files.push(source);
    report.sort();
    report
}

/// Checks one decoded source. With `require_contact_list`, a file that parses but does not look
/// like a contact list is skipped (a file that does not parse is always reported).
pub fn check_source(
    source: &SourceFile,
    settings: &Settings,
    require_contact_list: bool,
) -> Outcome {
    let early = |rule: &'static rules::RuleMeta, range, message| Outcome::Checked {
        profile: settings.profile,
        diagnostics: settings
            .severity(rule)
            .map(|_| Diagnostic::at(0, rule, range, message))
            .into_iter()
            .collect(),
        list_name: None,
    };
    match &source.unreadable {
        Some(Unreadable::TooLarge { limit }) => {
            let message = format!(
                "the file is larger than the size cap of {}",
                human_size(*limit)
            );
            return early(&rules::FileTooLarge::META, 0..0, message);
        }
        Some(Unreadable::InvalidEncoding { offset }) => {
            let message = "the file is not valid UTF-8".to_owned();
            return early(&rules::InvalidEncoding::META, *offset..*offset, message);
        }
        None => {}
    }
    let document = match document::parse(source, Spans::Skip) {
        Ok(document) => document,
        Err(error) => {
            let syntax = match source.format {
                Format::Json => "JSON",
                Format::Toml => "TOML",
            };
            let message = format!("invalid {syntax}: {}", error.message);
            return early(&rules::SyntaxError::META, error.range, message);
        }
    };
    if require_contact_list && !looks_like_contact_list(&document.value) {
        return Outcome::Skipped;
    }
    let profile = settings
        .profile
        .unwrap_or_else(|| Profile::detect(&document.value));
    let findings = findings(&document, profile, settings);
    let list_name = document
        .value
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let diagnostics = if findings.is_empty() {
        Vec::new()
    } else {
        // Findings are rare: only now are the spans worth recording.
        let spans = document::parse(source, Spans::Record)
            .map(|d| d.spans)
            .unwrap_or_default();
        let files = std::slice::from_ref(source);
        findings
            .into_iter()
            .map(|finding| {
                let severity = settings
                    .severity(finding.rule)
                    .unwrap_or(finding.rule.severity);
                let diagnostic = resolve(finding, None, &|_| (0, &spans), files);
                Diagnostic {
                    severity,
                    profile: Some(profile),
                    ..diagnostic
                }
            })
            .collect()
    };
    Outcome::Checked {
        profile: Some(profile),
        diagnostics,
        list_name,
    }
}

/// Schema failures go to the first rule that claims them, whether or not that rule is enabled,
/// so that turning a rule off never lets its failures resurface under another id.
fn findings(document: &Document, profile: Profile, settings: &Settings) -> Vec<Finding> {
    let cx = Context { document, profile };
    let applicable = || RULES.iter().filter(|r| r.meta().applies_to(profile));
    let mut out: Vec<Finding> = schema::failures(profile, &document.value)
        .iter()
        .filter_map(|failure| applicable().find_map(|r| r.claim(failure, &cx)))
        .collect();
    for rule in applicable().filter(|r| settings.severity(r.meta()).is_some()) {
        rule.check(&cx, &mut out);
    }
    out.retain(|f| settings.severity(f.rule).is_some());
    out
}

/// Places a finding. `locate` gives, for a file (`None`: the finding's own), its index in
/// `files` and its spans.
fn resolve<'a>(
    finding: Finding,
    file: Option<usize>,
    locate: &dyn Fn(usize) -> (FileId, &'a SpanIndex),
    files: &[SourceFile],
) -> Diagnostic {
    let span = |file: Option<usize>, target: &Target| {
        let (id, spans) = locate(file.unwrap_or(0));
        (
            id,
            spans.resolve(&files[id].text, &target.pointer, &target.part),
        )
    };
    let (id, range) = span(file, &finding.target);
    let labels = finding
        .labels
        .iter()
        .map(|label| {
            let (label_file, range) = span(label.file.or(file), &label.target);
            Label {
                file: label_file,
                range,
                message: label.message.clone(),
            }
        })
        .collect();
    let fix = finding.fix.map(|text| Fix {
        range: range.clone(),
        replacement: quote(&text, files[id].format, &finding.target.part),
    });
    Diagnostic {
        file: id,
        rule: finding.rule,
        severity: finding.rule.severity,
        profile: None,
        message: finding.message,
        pointer: Some(finding.target.pointer),
        range,
        labels,
        help: finding.help,
        fix,
    }
}

/// A string literal in the file's own syntax: JSON strings are valid TOML basic strings, and
/// TOML keys stay bare when they can.
fn quote(text: &str, format: Format, part: &Part) -> String {
    let bare = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if format == Format::Toml && *part == Part::Key && bare {
        return text.to_owned();
    }
    Value::from(text).to_string()
}

/// Fields that mark a walked JSON or TOML file as a contact list.
const CONTACT_LIST_FIELDS: [&str; 6] = [
    "columns",
    "contacts",
    "columnNames",
    "phoneColumns",
    "emailColumns",
    "whatsAppColumns",
];

/// Whether a walked file is a contact list rather than some other JSON or TOML file.
pub fn looks_like_contact_list(value: &Value) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    CONTACT_LIST_FIELDS.iter().any(|f| object.contains_key(*f))
        || object
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("CSV_FILE") || t.eq_ignore_ascii_case("API"))
}

/// `8 MiB`, `512 KiB` or `100 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if bytes >= size && bytes.is_multiple_of(size) {
            return format!("{} {unit}", bytes / size);
        }
    }
    format!("{bytes} bytes")
}
