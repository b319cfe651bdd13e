//! The human formats: `full` (codespan-reporting code frames) and `concise` (one line each).

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Frame, Label, Severity as FrameSeverity};
use codespan_reporting::term::termcolor::{Ansi, Color, ColorSpec, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::escape::{self, line_start_path, one_line};
use super::window::Window;
use super::{Options, positions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Report;
use crate::text::thousands;

/// Code frames, written through [`escape::lines`]: a frame shows the file's own lines, which
/// may hold a lone CR or `##[`.
pub(super) fn full(report: &Report, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let mut frames = Vec::new();
    frames_of(report, options, &mut frames)?;
    out.write_all(escape::lines(&String::from_utf8_lossy(&frames)).as_bytes())
}

fn frames_of(report: &Report, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    with_color(options.color, out, |w| {
        let config = Config::default();
        for diagnostic in &report.diagnostics {
            match window(report, diagnostic) {
                Some(window) => {
                    let frame = frame(report, diagnostic, &|_, range| (0, window.map(range)));
                    term::emit_to_write_style(w, &config, &window, &frame)
                }
                None => {
                    let frame = frame(report, diagnostic, &|file, range| (file, range.clone()));
                    term::emit_to_write_style(w, &config, report, &frame)
                }
            }
            .map_err(io::Error::other)?;
        }
        omitted(report, w)?;
        if options.summary {
            summary(report, options, w)
        } else {
            Ok(())
        }
    })
}

pub(super) fn concise(report: &Report, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    with_color(options.color, out, |w| {
        for d in &report.diagnostics {
            let (start, _) = positions(report, d.file, &d.range);
            let path = line_start_path(&report.files[d.file].path);
            write!(w, "{path}:{}:{}: ", start.line, start.column)?;
            w.set_color(severity_color(d.severity).set_bold(true))?;
            write!(w, "{}[{}]", d.severity, d.rule.id)?;
            w.reset()?;
            writeln!(w, " {}", one_line(&d.message))?;
        }
        omitted(report, w)?;
        for error in &report.errors {
            write!(w, "{}: ", line_start_path(&error.path))?;
            w.set_color(severity_color(Severity::Error).set_bold(true))?;
            write!(w, "error")?;
            w.reset()?;
            writeln!(w, " {}", one_line(&error.reason))?;
        }
        if options.summary {
            summary(report, options, w)
        } else {
            Ok(())
        }
    })
}

/// `path: ... and 9,900 more csv-phone-format findings`, for what was counted, not printed.
fn omitted(report: &Report, w: &mut dyn WriteColor) -> io::Result<()> {
    for o in &report.omitted {
        let count = thousands(o.count);
        let noun = if o.count == 1 { "finding" } else { "findings" };
        writeln!(
            w,
            "{}: ... and {count} more {} {noun} ({})",
            line_start_path(&o.path),
            o.rule.id,
            o.severity
        )?;
    }
    Ok(())
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

/// A window on the diagnostic's line when it is long and every span of the diagnostic is on it.
fn window<'r>(report: &'r Report, d: &Diagnostic) -> Option<Window<'r>> {
    if d.labels.iter().any(|l| l.file != d.file) {
        return None;
    }
    let spans: Vec<Range<usize>> = std::iter::once(d.range.clone())
        .chain(d.labels.iter().map(|l| l.range.clone()))
        .collect();
    Window::around(&report.files[d.file], &spans)
}

/// A span's file and range in the file database a frame is emitted with.
type Place<'p> = dyn Fn(usize, &Range<usize>) -> (usize, Range<usize>) + 'p;

/// The code frame of a diagnostic, its spans placed by `place`. A file with no text to show
/// (empty, over the size cap, not UTF-8 text at all) gets its location as a note instead of an
/// empty frame.
fn frame(report: &Report, d: &Diagnostic, place: &Place<'_>) -> Frame<usize> {
    let severity = match d.severity {
        Severity::Error => FrameSeverity::Error,
        Severity::Warning => FrameSeverity::Warning,
    };
    let file = &report.files[d.file];
    if file.text.is_empty() {
        let notes = std::iter::once(format!("in {}", one_line(&file.path)))
            .chain(d.help.iter().map(|h| format!("help: {}", one_line(h))))
            .collect();
        return Frame::new(severity)
            .with_code(d.rule.id)
            .with_message(one_line(&d.message))
            .with_notes(notes);
    }
    let (file, range) = place(d.file, &d.range);
    let mut labels = vec![Label::primary(file, range)];
    labels.extend(d.labels.iter().map(|l| {
        let (file, range) = place(l.file, &l.range);
        Label::secondary(file, range).with_message(one_line(&l.message))
    }));
    let resource = d
        .resource
        .iter()
        .map(|r| format!("in resource {}", one_line(r)));
    let help = d.help.iter().map(|h| format!("help: {}", one_line(h)));
    Frame::new(severity)
        .with_code(d.rule.id)
        .with_message(one_line(&d.message))
        .with_labels(labels)
        .with_notes(resource.chain(help).collect())
}

fn severity_color(severity: Severity) -> ColorSpec {
    let mut spec = ColorSpec::new();
    spec.set_fg(Some(match severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
    }));
    spec
}

/// The last line: what was found, and what the run did with every file it met.
fn summary(report: &Report, options: &Options, w: &mut dyn WriteColor) -> io::Result<()> {
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
    let checked = report.files_checked;
    let fixed = report.fixing.map_or(0, |fixing| fixing.applied);
    let mut line = if fixed > 0 && !counts.is_empty() {
        format!(
            "Found {} ({fixed} fixed, {} remaining) in {} ({}).",
            plural(fixed + errors + warnings, "problem"),
            counts.join(" and "),
            plural(affected.len(), "file"),
            what_the_run_did(report, true)
        )
    } else if fixed > 0 {
        format!(
            "Fixed {}; no problems remain ({}).",
            plural(fixed, "problem"),
            what_the_run_did(report, true)
        )
    } else if !counts.is_empty() {
        format!(
            "Found {} in {} ({}).",
            counts.join(" and "),
            plural(affected.len(), "file"),
            what_the_run_did(report, true)
        )
    } else if checked > 0 && report.errors.is_empty() {
        format!("No problems found ({}).", what_the_run_did(report, true))
    } else if checked > 0 {
        // Not "No problems found": the run did not see everything it was given.
        format!(
            "No problems in the files that could be read ({}).",
            what_the_run_did(report, true)
        )
    } else {
        no_files_checked(report)
    };
    match report.more_with_unsafe_fixes() {
        0 => {}
        1 => line.push_str(" 1 more fix is available with --unsafe-fixes."),
        more => line.push_str(&format!(
            " {more} more fixes are available with --unsafe-fixes."
        )),
    }
    if options.warnings_fail && errors == 0 && warnings > 0 {
        line.push_str(" Warnings fail the run (--warnings-as-errors).");
    }
    let color = match (counts.is_empty(), report.errors.is_empty()) {
        (true, true) => ColorSpec::new()
            .set_fg(Some(Color::Green))
            .set_bold(true)
            .clone(),
        _ => ColorSpec::new().set_bold(true).clone(),
    };
    w.set_color(&color)?;
    write!(w, "{line}")?;
    w.reset()?;
    writeln!(w)
}

/// `14 files checked, 41 skipped as not contact lists, 1 path could not be read`.
fn what_the_run_did(report: &Report, with_checked: bool) -> String {
    let mut parts = Vec::new();
    if with_checked {
        parts.push(format!("{} checked", plural(report.files_checked, "file")));
    }
    let not_lists = report.files_skipped - report.files_unpaired;
    if not_lists > 0 {
        parts.push(format!("{not_lists} skipped as not contact lists"));
    }
    if report.files_unpaired > 0 {
        let files = plural(report.files_unpaired, "contact file");
        let them = if report.files_unpaired == 1 {
            "it"
        } else {
            "them"
        };
        parts.push(format!("{files} skipped: nothing pairs {them} with a list"));
    }
    if report.files_excluded > 0 {
        parts.push(format!(
            "{} excluded by the configuration",
            report.files_excluded
        ));
    }
    if report.files_not_checked > 0 {
        parts.push(format!(
            "{} not checked: unreadable or unparsable, with the rule that says so off",
            report.files_not_checked
        ));
    }
    if !report.errors.is_empty() {
        let paths = plural(report.errors.len(), "path");
        parts.push(format!("{paths} could not be read"));
    }
    parts.join(", ")
}

/// Why nothing was checked, and what to do.
fn no_files_checked(report: &Report) -> String {
    let found = report.files_skipped + report.files_excluded + report.files_not_checked;
    let why = what_the_run_did(report, false);
    if report.files_unpaired > 0 && report.files_unpaired == report.files_skipped {
        format!(
            "No files checked ({why}): pair a contact file with its list (`--list`, \
                `[[contacts]]` in contactlint.toml, or a Terraform `contacts_filepath`)."
        )
    } else if report.files_skipped > 0 {
        format!(
            "No files checked ({why}): name a file to check it anyway, or list your lists in \
                `include` in contactlint.toml."
        )
    } else if found > 0 || !report.errors.is_empty() {
        format!("No files checked ({why}).")
    } else {
        "No files checked: no JSON, TOML, Terraform or CSV file under the paths given.".to_owned()
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n))
    }
}
