//! `--format summary`: Markdown for a CI job's page (GitHub's job summary): the counts, the first
//! findings as a table, and, with exact counts, everything the run's other outputs leave out —
//! annotations GitHub does not show, SARIF results cut to GitHub's limits, findings of a contact
//! file counted and not listed — since GitHub shows none of that itself.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::{Job, Options, OutputFormat, github, positions, sarif};
use crate::diagnostic::Severity;
use crate::engine::Report;
use crate::text::thousands;

/// Findings listed in the table (GitHub takes up to 1 MiB of summary per step).
const LISTED: usize = 50;

pub(super) fn render(
    report: &Report,
    options: &Options,
    job: &Job,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (errors, warnings) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
    );
    let files: BTreeSet<&str> = report
        .diagnostics
        .iter()
        .map(|d| report.files[d.file].path.as_str())
        .chain(report.omitted.iter().map(|o| o.path.as_str()))
        .collect();
    writeln!(out, "## contactlint\n")?;
    writeln!(
        out,
        "{} and {} in {} ({} checked).",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(files.len(), "file"),
        thousands(report.files_checked),
    )?;
    if options.warnings_fail && errors == 0 && warnings > 0 {
        writeln!(out, "\nWarnings fail the run (--warnings-as-errors).")?;
    }
    if !report.diagnostics.is_empty() {
        writeln!(
            out,
            "\n| Where | Rule | Severity | Message |\n|---|---|---|---|"
        )?;
        for d in report.diagnostics.iter().take(LISTED) {
            let (start, _) = positions(report, d.file, &d.range);
            let path = job.path(&report.files[d.file].path);
            writeln!(
                out,
                "| `{}:{}` | `{}` | {} | {} |",
                code(&path),
                start.line,
                d.rule.id,
                d.severity,
                cell(&d.message)
            )?;
        }
    }
    let mut notes = Vec::new();
    let unlisted = report.diagnostics.len().saturating_sub(LISTED);
    if unlisted > 0 {
        let rest = &report.diagnostics[LISTED..];
        let of = |severity| rest.iter().filter(|d| d.severity == severity).count();
        notes.push(format!(
            "{} more findings are not in this table ({} and {}).",
            thousands(unlisted),
            plural(of(Severity::Error), "error"),
            plural(of(Severity::Warning), "warning"),
        ));
    }
    for omitted in &report.omitted {
        notes.push(format!(
            "`{}`: {} more `{}` findings ({}) counted, not listed: contactlint lists the first {} \
             of a rule in a contact file.",
            code(&job.path(&omitted.path)),
            thousands(omitted.count),
            omitted.rule.id,
            omitted.severity,
            crate::rules::contact_file::PRINTED_PER_RULE,
        ));
    }
    if job.writes(OutputFormat::Github)
        && let Some(hidden) = github::not_shown(report)
    {
        notes.push(format!("Annotations: {}.", cell(&hidden)));
    }
    if job.writes(OutputFormat::Sarif) {
        let left_out = sarif::left_out(report, job);
        if left_out > 0 {
            notes.push(format!(
                "SARIF: {} results were left out (the least severe) to stay within GitHub code \
                 scanning's limits of {} results and 10 MB gzipped.",
                thousands(left_out),
                thousands(sarif::MAX_RESULTS),
            ));
        }
    }
    for error in &report.errors {
        notes.push(format!(
            "Could not check `{}`: {}",
            code(&job.path(&error.path)),
            cell(&error.reason)
        ));
    }
    if !notes.is_empty() {
        writeln!(out)?;
        for note in notes {
            writeln!(out, "- {note}")?;
        }
    }
    Ok(())
}

/// Text in a table cell: one line, `|` escaped, and no HTML.
fn cell(text: &str) -> String {
    super::escape::one_line(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
}

/// Text in a code span: one line, without backticks or `|`.
fn code(text: &str) -> String {
    super::escape::one_line(text)
        .replace('`', "'")
        .replace('|', "\\|")
}

fn plural(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{} {noun}s", thousands(n)),
    }
}
