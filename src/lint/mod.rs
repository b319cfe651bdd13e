//! The engine: from inputs to sorted diagnostics. Reading, parsing, schema validation, rules and
//! pointer resolution happen here; presentation happens in `render`.

mod across;
mod run;

use std::fmt;
use std::path::PathBuf;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, FileId, Finding, Fix, Label, Target};
use crate::document::{self, Document, Part, SpanIndex, Spans};
use crate::profile::Profile;
use crate::rules::{self, Context, RULES};
use crate::schema;
use crate::settings::Settings;
use crate::source::{Format, SourceFile, Unreadable};

pub use run::{SettingsFor, check};

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

/// What walking the paths of a run meets, one item at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discovered {
    Input(Input),
    /// A path that cannot be used.
    Error(RunError),
    /// A file the configuration leaves out.
    Excluded,
}

/// The inputs of a run. [`check`] goes through them once, and a second time only to fetch the
/// few files a rule across files points into, so each call must yield the same items in the same
/// order.
pub trait Inputs: Sync {
    fn inputs(&self) -> Box<dyn Iterator<Item = Discovered> + Send + '_>;
}

impl Inputs for Vec<Input> {
    fn inputs(&self) -> Box<dyn Iterator<Item = Discovered> + Send + '_> {
        Box::new(self.iter().cloned().map(Discovered::Input))
    }
}

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

    /// Puts files, diagnostics (path, position, then rule) and errors (path) in an order that
    /// does not depend on the file system or the thread count.
    fn finish(&mut self) {
        let mut numbered: Vec<(FileId, SourceFile)> = self.files.drain(..).enumerate().collect();
        numbered.sort_by(|(_, a), (_, b)| a.path.cmp(&b.path));
        let mut new_id = vec![0; numbered.len()];
        for (new, (old, _)) in numbered.iter().enumerate() {
            new_id[*old] = new;
        }
        self.files = numbered.into_iter().map(|(_, file)| file).collect();
        for diagnostic in &mut self.diagnostics {
            diagnostic.file = new_id[diagnostic.file];
            for label in &mut diagnostic.labels {
                label.file = new_id[label.file];
            }
        }
        let files = &self.files;
        self.diagnostics.sort_by(|a, b| {
            (&files[a.file].path, a.range.start, a.rule.id, &a.message).cmp(&(
                &files[b.file].path,
                b.range.start,
                b.rule.id,
                &b.message,
            ))
        });
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

/// The result of checking one source.
#[derive(Debug)]
pub enum Outcome {
    /// A walked file that is not a contact list.
    Skipped,
    Checked {
        diagnostics: Vec<Diagnostic>,
        /// The list's `name`, for rules across files.
        list_name: Option<String>,
    },
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
    report.finish();
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
    let profile = profile_of(&document.value, settings);
    let findings = findings(&document, profile, settings);
    let list_name = list_name(&document.value).map(str::to_owned);
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
        diagnostics,
        list_name,
    }
}

/// The profile a document is checked in: the one configured, or else the one detected.
fn profile_of(value: &Value, settings: &Settings) -> Profile {
    settings.profile.unwrap_or_else(|| Profile::detect(value))
}

/// The list's `name`, which rules across files compare.
fn list_name(value: &Value) -> Option<&str> {
    value.get("name").and_then(Value::as_str)
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
