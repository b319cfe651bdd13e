//! One renderer per output format. Renderers see a [`Report`] only: no renderer knows a rule, but
//! SARIF, which reads the rule catalogue to describe every rule.
//!
//! Never imports `syntax` (the parsers), `settings`, `server` or `cli`.

mod escape;
mod github;
mod gitlab;
mod json;
mod sarif;
mod summary;
mod text;
mod window;

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;
use std::path::PathBuf;

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
    /// A Markdown summary for a CI job's page (GitHub's job summary): the counts, the first
    /// findings, and what the run's other outputs leave out.
    Summary,
}

impl OutputFormat {
    /// Whether CI systems read it, so that its paths are relative to the repository's root.
    pub fn for_ci(self) -> bool {
        matches!(
            self,
            OutputFormat::Sarif
                | OutputFormat::Github
                | OutputFormat::Gitlab
                | OutputFormat::Summary
        )
    }
}

/// What the CI formats need to know of the run beyond its report: where paths are relative to,
/// and which formats the run writes (the summary says what the others leave out).
#[derive(Debug, Clone, Default)]
pub struct Job {
    /// The working directory and the repository's root (the directory holding `.git`, else
    /// the configuration's, else the working directory); without them, paths stay as shown.
    pub roots: Option<(PathBuf, PathBuf)>,
    /// Every format the run writes: standard output's and each `--output`'s.
    pub formats: Vec<OutputFormat>,
}

impl Job {
    /// A path of the report (as shown, relative to the working directory) as the CI formats
    /// show it: relative to the repository's root.
    fn path<'p>(&self, shown: &'p str) -> Cow<'p, str> {
        match &self.roots {
            Some((working_dir, root)) => {
                Cow::Owned(crate::text::shown_from_root(shown, working_dir, root))
            }
            None => Cow::Borrowed(shown),
        }
    }

    fn writes(&self, format: OutputFormat) -> bool {
        self.formats.contains(&format)
    }
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

/// Writes the report in `format`, its paths as shown.
pub fn render(
    report: &Report,
    format: OutputFormat,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    render_for(report, format, options, &Job::default(), out)
}

/// Writes the report in `format` for a CI job: the CI formats' paths relative to its root.
pub fn render_for(
    report: &Report,
    format: OutputFormat,
    options: &Options,
    job: &Job,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Full => text::full(report, options, out),
        OutputFormat::Concise => text::concise(report, options, out),
        OutputFormat::Json => json::render(report, out),
        OutputFormat::Sarif => sarif::render(report, job, out),
        OutputFormat::Github => github::render(report, job, out),
        OutputFormat::Gitlab => gitlab::render(report, job, out),
        OutputFormat::Summary => summary::render(report, options, job, out),
    }
}

/// The text of a span of a diagnostic's file (for a contact file, of the excerpt kept of it).
fn span_text<'r>(report: &'r Report, file: usize, range: &Range<usize>) -> &'r str {
    report.files[file].text.get(range.clone()).unwrap_or("")
}

/// `... and 9,900 more csv-phone-format findings (warning)`: a rule's findings in a contact file
/// past the first 100, counted and not listed, as one line of the CI formats.
fn omitted_message(omitted: &crate::engine::Omitted) -> String {
    let noun = if omitted.count == 1 {
        "finding"
    } else {
        "findings"
    };
    format!(
        "... and {} more {} {noun} ({}) in this file: contactlint lists the first {} of a rule \
         in a contact file and counts the rest (--format json gives the count)",
        crate::text::thousands(omitted.count),
        omitted.rule.id,
        omitted.severity,
        crate::rules::contact_file::PRINTED_PER_RULE,
    )
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
    type Name = Cow<'a, str>;
    type Source = &'a str;

    /// The path on one line (a file name may hold a line break).
    fn name(&'a self, id: usize) -> Result<Cow<'a, str>, FilesError> {
        self.files
            .get(id)
            .map(|f| escape::one_line(&f.path))
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
