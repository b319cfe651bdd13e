//! The human formats: `full` (codespan-reporting code frames) and `concise` (one line each).

use std::collections::BTreeSet;
use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Frame, Label, Severity as FrameSeverity};
use codespan_reporting::term::termcolor::{Ansi, Color, ColorSpec, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::{Options, positions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Report;

pub fn full(report: &Report, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    with_color(options.color, out, |w| {
        let config = Config::default();
        for diagnostic in &report.diagnostics {
            term::emit_to_write_style(w, &config, report, &frame(diagnostic))
                .map_err(io::Error::other)?;
        }
        if options.summary {
            summary(report, w)
        } else {
            Ok(())
        }
    })
}

pub fn concise(report: &Report, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    with_color(options.color, out, |w| {
        for d in &report.diagnostics {
            let (start, _) = positions(report, d.file, &d.range);
            write!(
                w,
                "{}:{}:{}: ",
                report.files[d.file].path, start.line, start.column
            )?;
            w.set_color(severity_color(d.severity).set_bold(true))?;
            write!(w, "{}[{}]", d.severity, d.rule.id)?;
            w.reset()?;
            writeln!(w, " {}", d.message)?;
        }
        if options.summary {
            summary(report, w)
        } else {
            Ok(())
        }
    })
}

fn with_color(
    color: bool,
    out: &mut dyn Write,
    body: impl FnOnce(&mut dyn WriteColor) -> io::Result<()>,
) -> io::Result<()> {
    if color {
        body(&mut Ansi::new(out))
    } else {
        body(&mut NoColor::new(out))
    }
}

fn frame(d: &Diagnostic) -> Frame<usize> {
    let severity = match d.severity {
        Severity::Error => FrameSeverity::Error,
        Severity::Warning => FrameSeverity::Warning,
    };
    let mut labels = vec![Label::primary(d.file, d.range.clone())];
    labels.extend(
        d.labels
            .iter()
            .map(|l| Label::secondary(l.file, l.range.clone()).with_message(&l.message)),
    );
    Frame::new(severity)
        .with_code(d.rule.id)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(d.help.iter().map(|h| format!("help: {h}")).collect())
}

fn severity_color(severity: Severity) -> ColorSpec {
    let mut spec = ColorSpec::new();
    spec.set_fg(Some(match severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
    }));
    spec
}

/// `Found 2 errors and 1 warning in 2 files (14 files checked).` or `All 14 files passed.`
fn summary(report: &Report, w: &mut dyn WriteColor) -> io::Result<()> {
    let checked = report.files_checked;
    if report.diagnostics.is_empty() {
        w.set_color(ColorSpec::new().set_fg(Some(Color::Green)).set_bold(true))?;
        match checked {
            0 => write!(w, "No files checked.")?,
            1 => write!(w, "1 file checked, no problems found.")?,
            n => write!(w, "All {n} files passed.")?,
        }
        w.reset()?;
        return writeln!(w);
    }
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let mut counts = Vec::new();
    if errors > 0 {
        counts.push(plural(errors, "error"));
    }
    if warnings > 0 {
        counts.push(plural(warnings, "warning"));
    }
    let affected: BTreeSet<usize> = report.diagnostics.iter().map(|d| d.file).collect();
    w.set_color(ColorSpec::new().set_bold(true))?;
    write!(
        w,
        "Found {} in {} ({} checked).",
        counts.join(" and "),
        plural(affected.len(), "file"),
        plural(checked, "file")
    )?;
    w.reset()?;
    writeln!(w)
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
