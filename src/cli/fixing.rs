//! `--fix`, `--unsafe-fixes` and `--diff`: each file of a report is fixed (`crate::fix`) and
//! written, or its diff printed, or — for standard input — its fixed text printed; the caller
//! then checks again, so that the report is of what remains.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::engine::Report;
use crate::fix::{self, FixError};
use crate::settings::Settings;

/// What the command line asked of fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Request {
    /// Print a diff instead of writing.
    pub diff: bool,
    /// The least sure fixes to apply.
    pub wanted: Applicability,
}

impl Request {
    /// `--fix` applies safe fixes, `--unsafe-fixes` unsafe ones too (and implies `--fix`),
    /// `--diff` shows either instead of writing.
    pub(super) fn of(fix: bool, unsafe_fixes: bool, diff: bool) -> Option<Request> {
        let wanted = match unsafe_fixes {
            true => Applicability::Unsafe,
            false => Applicability::Safe,
        };
        (fix || unsafe_fixes || diff).then_some(Request { diff, wanted })
    }
}

/// What fixing a report did.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// Fixes applied (or, with `--diff`, that would be).
    pub applied: usize,
    /// Files changed (or that would be).
    pub files: usize,
    /// Files that could not be written.
    pub errors: Vec<FixError>,
    /// The unified diff of every change, with `--diff`.
    pub diff: String,
    /// The fixed text of each file of the report, by its index, when `keep_text` was asked.
    pub texts: Vec<(usize, String)>,
}

/// Fixes every file of `report` as `request` asks. Files are written unless `--diff` or
/// `keep_text` (standard input, whose fixed text the caller prints).
pub(super) fn fix_report(
    request: Request,
    report: &Report,
    settings_for: &dyn Fn(&Path) -> Arc<Settings>,
    keep_text: bool,
) -> Outcome {
    let mut outcome = Outcome::default();
    for (index, source) in report.files.iter().enumerate() {
        let diagnostics: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.file == index)
            .collect();
        let settings = settings_for(Path::new(&source.path));
        let Some(fixed) = fix::fix_source(source, &diagnostics, &settings, request.wanted) else {
            continue;
        };
        outcome.applied += fixed.applied;
        outcome.files += 1;
        if request.diff {
            outcome.diff += &fix::unified_diff(&source.path, &source.text, &fixed.text);
        } else if keep_text {
            outcome.texts.push((index, fixed.text));
        } else {
            let bom = &"\u{feff}".as_bytes()[..source.bom_len];
            let checked = [bom, source.text.as_bytes()].concat();
            let written = [bom, fixed.text.as_bytes()].concat();
            if let Err(error) = fix::write_fixed(Path::new(&source.path), &checked, &written) {
                outcome.applied -= fixed.applied;
                outcome.files -= 1;
                outcome.errors.push(error);
            }
        }
    }
    outcome
}

/// `--diff`'s summary, on stderr: what would change.
pub(super) fn write_diff_summary(
    outcome: &Outcome,
    more: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let fixes = |n: usize| {
        if n == 1 {
            "1 fix".to_owned()
        } else {
            format!("{n} fixes")
        }
    };
    let files = if outcome.files == 1 {
        "1 file".to_owned()
    } else {
        format!("{} files", outcome.files)
    };
    match outcome.applied {
        0 => write!(out, "No fixes to apply.")?,
        n => write!(out, "Would apply {} to {files}.", fixes(n))?,
    }
    if more > 0 {
        let more = match more {
            1 => "1 more fix is".to_owned(),
            n => format!("{n} more fixes are"),
        };
        write!(out, " {more} available with --unsafe-fixes.")?;
    }
    writeln!(out)
}
