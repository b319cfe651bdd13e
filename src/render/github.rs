//! `--format github`: GitHub Actions workflow commands, one annotation per diagnostic, a notice
//! per rule whose findings in a contact file were counted and not listed, and first a notice
//! when there are more annotations than GitHub shows.

use std::io::{self, Write};

use super::{Job, positions};
use crate::diagnostic::Severity;
use crate::engine::Report;

/// Annotations of each kind (error, warning, notice) that GitHub shows for a step.
pub(super) const SHOWN_PER_STEP: usize = 10;

pub(super) fn render(report: &Report, job: &Job, out: &mut dyn Write) -> io::Result<()> {
    if let Some(notice) = not_shown(report) {
        writeln!(out, "::notice title=contactlint::{}", escape_data(&notice))?;
    }
    for d in &report.diagnostics {
        let (start, end) = positions(report, d.file, &d.range);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = escape_property(&job.path(&report.files[d.file].path));
        write!(out, "::{command} file={file},line={},", start.line)?;
        // GitHub refuses columns on an annotation that spans lines.
        if start.line == end.line {
            write!(
                out,
                "col={},endLine={},endColumn={},",
                start.column, end.line, end.column
            )?;
        } else {
            write!(out, "endLine={},", end.line)?;
        }
        let title = escape_property(&format!("contactlint ({})", d.rule.id));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(out, "title={title}::{}", escape_data(&message))?;
    }
    for omitted in &report.omitted {
        let title = escape_property(&format!("contactlint ({})", omitted.rule.id));
        writeln!(
            out,
            "::notice file={},title={title}::{}",
            escape_property(&job.path(&omitted.path)),
            escape_data(&super::omitted_message(omitted))
        )?;
    }
    for error in &report.errors {
        let message = format!("cannot check {}: {}", error.path, error.reason);
        writeln!(
            out,
            "::error file={},title=contactlint::{}",
            escape_property(&job.path(&error.path)),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// What GitHub will not show as annotations, when there is something: it shows the first
/// [`SHOWN_PER_STEP`] errors and warnings of a step (the others stay in the log).
pub(super) fn not_shown(report: &Report) -> Option<String> {
    let count = |severity| {
        let listed = report.diagnostics.iter().filter(|d| d.severity == severity);
        let errors = report.errors.len() * usize::from(severity == Severity::Error);
        listed.count() + errors
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let hidden = |n: usize| n.saturating_sub(SHOWN_PER_STEP);
    if hidden(errors) + hidden(warnings) == 0 {
        return None;
    }
    Some(format!(
        "{errors} error and {warnings} warning annotations: GitHub shows {SHOWN_PER_STEP} of \
         each kind per step, so {} errors and {} warnings are not annotated; every one is in \
         this step's log",
        hidden(errors),
        hidden(warnings)
    ))
}

/// `%`, CR and LF, as in actions/toolkit's `escapeData`.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Data escaping plus `:` and `,`, as in actions/toolkit's `escapeProperty`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(
            escape_data("50% done\r\nnext: a,b"),
            "50%25 done%0D%0Anext: a,b"
        );
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
