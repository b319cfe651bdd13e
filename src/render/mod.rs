//! One renderer per output format. Renderers see a [`Report`] only: no renderer knows a rule.
//!
//! Imports the engine's report, the diagnostic model and [`crate::text`] for positions; only
//! SARIF reads the rule catalogue (to describe every rule). Never the parsers or settings.

mod github;
mod gitlab;
mod json;
mod sarif;
mod text;
mod window;

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::files::{Error as FilesError, Files};

use crate::engine::Report;
use crate::text::Position;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum OutputFormat {
    /// Code frames with help lines, then a summary.
    #[default]
    Full,
    /// One line per diagnostic, then a summary.
    Concise,
    /// One JSON document (see `docs/json-output.md`).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// GitLab's Code Quality report (`artifacts:reports:codequality`).
    Gitlab,
}

/// Choices that only human formats use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Colour with ANSI escapes.
    pub color: bool,
    /// End with the summary line.
    pub summary: bool,
    /// Warnings fail the run (`--warnings-as-errors`), which the summary says.
    pub warnings_fail: bool,
}

/// Writes the report in `format`.
pub fn render(
    report: &Report,
    format: OutputFormat,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Full => text::full(report, options, out),
        OutputFormat::Concise => text::concise(report, options, out),
        OutputFormat::Json => json::render(report, out),
        OutputFormat::Sarif => sarif::render(report, out),
        OutputFormat::Github => github::render(report, out),
        OutputFormat::Gitlab => gitlab::render(report, out),
    }
}

/// The start and end positions of a range in a file of the report.
pub fn positions(report: &Report, file: usize, range: &Range<usize>) -> (Position, Position) {
    let source = &report.files[file];
    (source.position(range.start), source.position(range.end))
}

/// The report is its own file database for codespan, so that every line and column comes from
/// [`crate::text::SourceFile`].
impl<'a> Files<'a> for Report {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.files
            .get(id)
            .map(|f| f.path.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.files
            .get(id)
            .map(|f| f.text.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        self.files
            .get(id)
            .map(|f| f.line_index(byte_index))
            .ok_or(FilesError::FileMissing)
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, FilesError> {
        let file = self.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(file.line_number(line_index))
    }

    fn column_number(
        &'a self,
        id: usize,
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let file = self.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(file.position(byte_index).column)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.files.get(id).ok_or(FilesError::FileMissing)?;
        file.line_range(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: file.line_index(file.text.len()),
        })
    }
}
