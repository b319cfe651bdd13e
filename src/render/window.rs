//! A window on a long line, for code frames: a minified body is one line of kilobytes, and a
//! frame that prints it whole for every finding buries the finding. The window keeps the spans
//! with some context, marks what it cuts with `…`, and still reports the line and columns of the
//! file (codespan asks this file database for them).

use std::ops::Range;

use codespan_reporting::files::{Error as FilesError, Files};

use crate::text::SourceFile;

/// Lines longer than this many bytes are shown through a window.
pub(super) const LONG_LINE: usize = 160;

/// Characters of context kept on each side of the spans.
const CONTEXT: usize = 40;

/// Characters of the spans themselves kept at most; a longer span is cut, its start shown.
const SPANS: usize = 80;

const CUT: &str = "…";

/// One line of a file, cut down to the part around some spans.
pub(super) struct Window<'a> {
    file: &'a SourceFile,
    /// The window's text: the kept part of the line, with `…` where it was cut.
    text: String,
    /// The kept part of the file's text, and how long the leading `…` is.
    start: usize,
    end: usize,
    prefix: usize,
    /// 0-based line of the file.
    line: usize,
}

impl<'a> Window<'a> {
    /// A window on the line of `spans` when they all lie on one line longer than [`LONG_LINE`].
    pub(super) fn around(file: &'a SourceFile, spans: &[Range<usize>]) -> Option<Window<'a>> {
        let line = file.line_index(spans.first()?.start);
        let range = file.line_range(line)?;
        let on_line = |span: &Range<usize>| range.contains(&span.start) && span.end <= range.end;
        if range.len() <= LONG_LINE || !spans.iter().all(on_line) {
            return None;
        }
        let text = &file.text;
        let first = spans.iter().map(|s| s.start).min()?;
        let last = spans.iter().map(|s| s.end).max()?;
        let start = back(text, first, CONTEXT).max(range.start);
        let end = forward(text, last, CONTEXT)
            .min(forward(text, first, SPANS + CONTEXT))
            .min(trimmed_end(text, &range));
        let prefix = if start > range.start { CUT } else { "" };
        let suffix = if end < trimmed_end(text, &range) {
            CUT
        } else {
            ""
        };
        Some(Window {
            file,
            text: format!("{prefix}{}{suffix}", &text[start..end]),
            start,
            end,
            prefix: prefix.len(),
            line,
        })
    }

    /// A span of the file as a span of the window (cut to what the window shows).
    pub(super) fn map(&self, span: &Range<usize>) -> Range<usize> {
        let at = |offset: usize| offset.clamp(self.start, self.end) - self.start + self.prefix;
        at(span.start)..at(span.end)
    }
}

/// The offset `chars` characters before `offset` (or the text's start).
fn back(text: &str, offset: usize, chars: usize) -> usize {
    text[..offset]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(at, _)| at)
}

/// The offset `chars` characters after `offset` (or the text's end).
fn forward(text: &str, offset: usize, chars: usize) -> usize {
    text[offset..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| offset + at)
}

/// The end of a line without its line ending.
fn trimmed_end(text: &str, line: &Range<usize>) -> usize {
    line.start + text[line.clone()].trim_end_matches(['\n', '\r']).len()
}

/// The window is a file database of one file and one line, which reports the file's name, line
/// number and columns.
impl<'w> Files<'w> for Window<'_> {
    type FileId = usize;
    type Name = std::borrow::Cow<'w, str>;
    type Source = &'w str;

    fn name(&'w self, _: usize) -> Result<Self::Name, FilesError> {
        Ok(super::escape::one_line(&self.file.path))
    }

    fn source(&'w self, _: usize) -> Result<&'w str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'w self, _: usize, _: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'w self, _: usize, _: usize) -> Result<usize, FilesError> {
        Ok(self.file.line_number(self.line))
    }

    fn column_number(&'w self, _: usize, _: usize, index: usize) -> Result<usize, FilesError> {
        let in_window = index.saturating_sub(self.prefix) + self.start;
        Ok(self.file.position(in_window).column)
    }

    fn line_range(&'w self, _: usize, line: usize) -> Result<Range<usize>, FilesError> {
        match line {
            0 => Ok(0..self.text.len()),
            _ => Err(FilesError::LineTooLarge {
                given: line,
                max: 0,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every span on a long line of multibyte text, at every character boundary, gives a window
    /// that holds the span's text and reports the span's own column.
    #[test]
    fn windows_keep_their_spans_whole_and_their_columns() {
        let line: String = (0..120)
            .map(|i| if i % 3 == 0 { "é" } else { "ab" })
            .collect();
        let text = format!("{{\n\"{line}\"\n}}\n");
        let file = SourceFile::from_text("w.json", &text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        let line_range = file.line_range(1).unwrap();
        let inside: Vec<usize> = bounds
            .iter()
            .copied()
            .filter(|b| line_range.contains(b))
            .collect();
        for (i, &start) in inside.iter().enumerate().step_by(7) {
            for &end in inside[i..].iter().step_by(11).take(12) {
                let span = start..end;
                let window = Window::around(&file, std::slice::from_ref(&span)).expect("long");
                let mapped = window.map(&span);
                let shown = &window.text[mapped.clone()];
                assert!(text[start..end].starts_with(shown), "{start}..{end}");
                let column = window.column_number(0, 0, mapped.start).unwrap();
                assert_eq!(column, file.position(start).column);
            }
        }
    }
}
