//! Lines and columns of a text: the one place that turns byte offsets into positions, with
//! columns in Unicode scalar values (our output, docs/json-output.md) or in UTF-16 code units (what language
//! server clients count by default).

use std::ops::Range;

/// The start offset of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 0-based line and a 0-based column in some unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    /// `\r\n` ends a line like `\n`: the `\r` is the last character of its line.
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// 0-based line of an offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// Text range of a 0-based line, including its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(line)?;
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        Some(start..end)
    }

    /// Line and column in Unicode scalar values of an offset (clamped to a character boundary
    /// inside the text).
    pub fn scalar(&self, text: &str, offset: usize) -> LineColumn {
        self.column_in(text, offset, |s| s.chars().count())
    }

    /// Line and column in UTF-16 code units of an offset.
    pub fn utf16(&self, text: &str, offset: usize) -> LineColumn {
        self.column_in(text, offset, |s| s.encode_utf16().count())
    }

    /// The offset of a line and UTF-16 column; past the end of its line it is the line's end
    /// (before its line ending), as the protocol asks.
    pub fn offset_of_utf16(&self, text: &str, position: LineColumn) -> usize {
        let Some(range) = self.line_range(text, position.line) else {
            return text.len();
        };
        let line = text[range.clone()].trim_end_matches(['\n', '\r']);
        let mut units = 0;
        for (at, c) in line.char_indices() {
            if units >= position.column {
                return range.start + at;
            }
            units += c.len_utf16();
        }
        range.start + line.len()
    }

    fn column_in(&self, text: &str, offset: usize, width: impl Fn(&str) -> usize) -> LineColumn {
        let offset = floor_char_boundary(text, offset);
        let line = self.line(offset);
        let column = width(&text[self.starts[line]..offset]);
        LineColumn { line, column }
    }
}

/// The largest character boundary at or before `offset`, inside the text.
pub(super) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_scalar_values_and_utf16_units() {
        let text = "ab\r\n\"é😀\": 1\n";
        let index = LineIndex::new(text);
        let one = text.find('1').unwrap();
        assert_eq!(index.scalar(text, one), LineColumn { line: 1, column: 6 });
        assert_eq!(index.utf16(text, one), LineColumn { line: 1, column: 7 });
        assert_eq!(index.offset_of_utf16(text, index.utf16(text, one)), one);
    }

    #[test]
    fn offsets_clamp_into_the_text_and_its_lines() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.scalar(text, 99), LineColumn { line: 1, column: 2 });
        let past_end = LineColumn { line: 0, column: 9 };
        assert_eq!(index.offset_of_utf16(text, past_end), 2);
        let past_last = LineColumn { line: 7, column: 0 };
        assert_eq!(index.offset_of_utf16(text, past_last), text.len());
        assert_eq!(index.line_range(text, 1), Some(4..6));
    }
}
