//! `--format json`: one versioned document (see `docs/json-output.md`).

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use super::positions;
use crate::diagnostic::Severity;
use crate::engine::Report;
use crate::model::Profile;
use crate::text::Position;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<Entry<'a>>,
    /// Paths that could not be used at all (the run exits with 2).
    errors: Vec<ErrorEntry<'a>>,
    /// Findings counted but not printed: after 100 of a rule in a contact file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    omitted: Vec<OmittedEntry<'a>>,
    /// The provider version each checked Terraform file was judged with.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    providers: Vec<ProviderEntry>,
}

/// One Terraform file's provider version and where it came from (one entry per version when
/// the roots that run its module run several).
#[derive(Serialize)]
pub(super) struct ProviderEntry {
    pub path: String,
    pub version: String,
    pub source: String,
    /// Why the version asked for is not the one judged with, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The provider entries of a report, in path order.
pub(super) fn provider_entries(report: &Report) -> Vec<ProviderEntry> {
    report
        .providers
        .iter()
        .flat_map(|file| {
            file.choices.iter().map(|choice| ProviderEntry {
                path: file.path.clone(),
                version: choice.version.to_string(),
                source: choice.source.to_string(),
                note: choice.substituted.as_ref().map(ToString::to_string),
            })
        })
        .collect()
}

#[derive(Serialize)]
struct OmittedEntry<'a> {
    path: &'a str,
    rule: &'static str,
    severity: Severity,
    count: usize,
}

#[derive(Serialize)]
struct Summary {
    files_checked: usize,
    files_skipped: usize,
    files_excluded: usize,
    files_not_checked: usize,
    errors: usize,
    warnings: usize,
    /// Fixes applied by this run (`--fix`); 0 otherwise.
    fixed: usize,
}

#[derive(Serialize)]
struct ErrorEntry<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Entry<'a> {
    path: &'a str,
    profile: Option<Profile>,
    /// The Terraform resource, for a list that is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<&'a str>,
    rule: &'static str,
    severity: Severity,
    message: &'a str,
    pointer: Option<&'a str>,
    range: Span,
    labels: Vec<LabelEntry<'a>>,
    help: Option<&'a str>,
    fix: Option<FixEntry<'a>>,
    /// For a finding in a contact file: the 1-based data row, and the cell's column.
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column_name: Option<&'a str>,
}

#[derive(Serialize)]
struct Span {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct LabelEntry<'a> {
    message: &'a str,
    path: &'a str,
    range: Span,
}

/// A fix: its applicability and edits; a fix of one edit also gives it as `range` and
/// `replacement` (the shape of version 1 before fixes could have several edits).
#[derive(Serialize)]
struct FixEntry<'a> {
    applicability: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replacement: Option<&'a str>,
    edits: Vec<EditEntry<'a>>,
}

#[derive(Serialize)]
struct EditEntry<'a> {
    range: Span,
    replacement: &'a str,
}

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let span = |file: usize, range: &Range<usize>| {
        let (start, end) = positions(report, file, range);
        Span { start, end }
    };
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| Entry {
            path: &report.files[d.file].path,
            profile: d.profile,
            resource: d.resource.as_deref(),
            rule: d.rule.id,
            severity: d.severity,
            message: &d.message,
            pointer: d.pointer.as_deref(),
            range: span(d.file, &d.range),
            labels: d
                .labels
                .iter()
                .map(|l| LabelEntry {
                    message: &l.message,
                    path: &report.files[l.file].path,
                    range: span(l.file, &l.range),
                })
                .collect(),
            help: d.help.as_deref(),
            fix: d.fix.as_ref().map(|fix| {
                let single = fix.single_edit();
                FixEntry {
                    applicability: fix.applicability.as_str(),
                    range: single.map(|edit| span(d.file, &edit.range)),
                    replacement: single.map(|edit| edit.replacement.as_str()),
                    edits: fix
                        .edits
                        .iter()
                        .map(|edit| EditEntry {
                            range: span(d.file, &edit.range),
                            replacement: &edit.replacement,
                        })
                        .collect(),
                }
            }),
            row: d.row,
            column_name: d.column_name.as_deref(),
        })
        .collect();
    let document = Document {
        version: 1,
        summary: Summary {
            files_checked: report.files_checked,
            files_skipped: report.files_skipped,
            files_excluded: report.files_excluded,
            files_not_checked: report.files_not_checked,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            fixed: report.fixing.map_or(0, |fixing| fixing.applied),
        },
        diagnostics,
        errors: report
            .errors
            .iter()
            .map(|e| ErrorEntry {
                path: &e.path,
                message: &e.reason,
            })
            .collect(),
        omitted: report
            .omitted
            .iter()
            .map(|o| OmittedEntry {
                path: &o.path,
                rule: o.rule.id,
                severity: o.severity,
                count: o.count,
            })
            .collect(),
        providers: provider_entries(report),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
