//! The engine: from inputs to sorted diagnostics. Reading, parsing, schema validation, rules and
//! pointer resolution happen here; presentation happens in `render`.

use std::fmt;
use std::path::PathBuf;

use rayon::prelude::*;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Finding, Fix};
use crate::document::{self, Document, Part};
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
    /// The checked files; a diagnostic's `file` indexes this list.
    pub files: Vec<SourceFile>,
    /// Sorted by path, position, then rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Walked files that are not contact lists.
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
}

/// The result of checking one source.
#[derive(Debug)]
pub enum Outcome {
    /// A walked file that is not a contact list.
    Skipped,
    Checked {
        diagnostics: Vec<Diagnostic>,
        list_name: Option<ListName>,
    },
}

/// Checks all inputs in parallel and returns the diagnostics in a deterministic order.
/// `settings_for` gives each input its settings (see [`crate::config::Config::settings_for`]).
pub fn check(inputs: &[Input], settings_for: &(dyn Fn(&Input) -> Settings + Sync)) -> Report {
    let results: Vec<(Settings, InputResult)> = inputs
        .par_iter()
        .map(|input| {
            let settings = settings_for(input);
            let result = check_input(input, &settings);
            (settings, result)
        })
        .collect();
    let mut report = Report::default();
    let mut lists = Vec::new();
    let mut file_settings = Vec::new();
    for (settings, result) in results {
        match result {
            Err(error) => report.errors.push(error),
            Ok((_, Outcome::Skipped)) => report.files_skipped += 1,
            Ok((
                source,
                Outcome::Checked {
                    diagnostics,
                    list_name,
                },
            )) => {
                let id = report.files.len();
                report
                    .diagnostics
                    .extend(diagnostics.into_iter().map(|d| with_file(d, id)));
                lists.extend(list_name.map(|l| ListName { file: id, ..l }));
                report.files.push(source);
                file_settings.push(settings);
            }
        }
    }
    let mut across = Vec::new();
    for rule in RULES {
        rule.check_run(&lists, &mut across);
    }
    report
        .diagnostics
        .extend(across.into_iter().filter_map(|mut d| {
            d.severity = file_settings[d.file].severity(d.rule)?;
            Some(d)
        }));
    sort(&mut report.diagnostics);
    report
}

/// Path (files are in path order), position, then rule: the same whatever the thread count.
fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.file, a.range.start, a.rule.id, &a.message).cmp(&(
            b.file,
            b.range.start,
            b.rule.id,
            &b.message,
        ))
    });
}

fn with_file(mut diagnostic: Diagnostic, file: usize) -> Diagnostic {
    diagnostic.file = file;
    for label in &mut diagnostic.labels {
        label.file = file;
    }
    diagnostic
}

/// A read and checked input, or why it could not be read.
type InputResult = Result<(SourceFile, Outcome), RunError>;

fn check_input(input: &Input, settings: &Settings) -> InputResult {
    let read = match &input.source {
        InputSource::Stdin => source::read_stdin(input.display.clone(), settings.max_file_size),
        InputSource::Path(path) => {
            SourceFile::read(path, input.display.clone(), settings.max_file_size)
        }
    };
    let source = read.map_err(|e| RunError {
        path: input.display.clone(),
        reason: describe_io(&e),
    })?;
    let outcome = check_source(&source, settings, !input.explicit);
    Ok((source, outcome))
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
    let mut report = Report::default();
    if let Outcome::Checked { diagnostics, .. } = check_source(&source, settings, false) {
        report.diagnostics = diagnostics;
        sort(&mut report.diagnostics);
    }
    report.files.push(source);
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
        diagnostics: enabled(settings, rule)
            .then(|| Diagnostic::at(0, rule, range, message))
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
    let document = match document::parse(source) {
        Ok(document) => document,
        Err(error) => {
            let syntax = match source.format {
                Format::Json => "JSON",
                Format::Toml => "TOML",
            };
            return early(
                &rules::SyntaxError::META,
                error.range,
                format!("invalid {syntax}: {}", error.message),
            );
        }
    };
    if require_contact_list && !looks_like_contact_list(&document.value) {
        return Outcome::Skipped;
    }
    let profile = settings
        .profile
        .unwrap_or_else(|| Profile::detect(&document.value));
    let findings = findings(&document, profile, settings);
    let diagnostics = findings
        .into_iter()
        .map(|f| resolve(f, source, &document, profile, settings))
        .collect();
    Outcome::Checked {
        diagnostics,
        list_name: list_name(source, &document, profile),
    }
}

fn enabled(settings: &Settings, rule: &rules::RuleMeta) -> bool {
    settings.severity(rule).is_some()
}

/// Schema failures go to the first rule that claims them, whether or not that rule is enabled,
/// so that turning a rule off never lets its failures resurface under another id.
fn findings(document: &Document, profile: Profile, settings: &Settings) -> Vec<Finding> {
    let cx = Context { document, profile };
    let applicable: Vec<_> = RULES
        .iter()
        .filter(|r| r.meta().applies_to(profile))
        .collect();
    let mut out: Vec<Finding> = schema::failures(profile, &document.value)
        .iter()
        .filter_map(|failure| applicable.iter().find_map(|r| r.claim(failure, &cx)))
        .collect();
    for rule in applicable.iter().filter(|r| enabled(settings, r.meta())) {
        rule.check(&cx, &mut out);
    }
    out.retain(|f| enabled(settings, f.rule));
    out
}

fn resolve(
    finding: Finding,
    source: &SourceFile,
    document: &Document,
    profile: Profile,
    settings: &Settings,
) -> Diagnostic {
    let span = |target: &crate::diagnostic::Target| {
        document
            .spans
            .resolve(&source.text, &target.pointer, &target.part)
    };
    let range = span(&finding.target);
    let fix = finding.fix.map(|text| Fix {
        range: range.clone(),
        replacement: quote(&text, source.format, &finding.target.part),
    });
    Diagnostic {
        file: 0,
        rule: finding.rule,
        severity: settings
            .severity(finding.rule)
            .unwrap_or(finding.rule.severity),
        profile: Some(profile),
        message: finding.message,
        pointer: Some(finding.target.pointer.clone()),
        labels: finding
            .labels
            .iter()
            .map(|(target, message)| crate::diagnostic::Label {
                file: 0,
                range: span(target),
                message: message.clone(),
            })
            .collect(),
        range,
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

fn list_name(source: &SourceFile, document: &Document, profile: Profile) -> Option<ListName> {
    let name = document.value.get("name")?.as_str()?;
    let range = document.spans.resolve(&source.text, "/name", &Part::Value);
    Some(ListName {
        file: 0,
        profile,
        name: name.to_owned(),
        range,
    })
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
