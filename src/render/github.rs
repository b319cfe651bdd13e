//! `--format github`: GitHub Actions workflow commands, one annotation per diagnostic.

use std::io::{self, Write};

use super::positions;
use crate::diagnostic::Severity;
use crate::engine::Report;

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        let (start, end) = positions(report, d.file, &d.range);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = escape_property(&report.files[d.file].path);
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
    for error in &report.errors {
        let message = format!("cannot check {}: {}", error.path, error.reason);
        writeln!(
            out,
            "::error file={},title=contactlint::{}",
            escape_property(&error.path),
            escape_data(&message)
        )?;
    }
    Ok(())
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
