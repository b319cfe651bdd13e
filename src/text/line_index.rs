//! Lines and columns of a text: the one place that turns byte offsets into positions, with
//! columns in Unicode scalar values (our output, docs/json-output.md) or in UTF-16 code units (what language
//! server clients count by default).

use std::ops::Range;

/// Where the lines of a text are, counted a block at a time: the line breaks before each block
/// are kept, those inside a block counted when asked. An exported organisation's 400,000 lines
/// cost a few hundred counts (with SIMD), not a search and an entry for every line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// `breaks_before[b]` counts the line breaks (`\n`) of `text[..b * BLOCK]`.
    breaks_before: Vec<usize>,
}

/// How many bytes a block of [`LineIndex`] holds.
const BLOCK: usize = 16 * 1024;

/// A 0-based line and a 0-based column in some unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    /// `\r\n` ends a line like `\n`: the `\r` is the last character of its line.
    pub fn new(text: &str) -> LineIndex {
        let mut breaks_before = Vec::with_capacity(text.len() / BLOCK + 2);
        breaks_before.push(0);
        let mut breaks = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            breaks += memchr::memchr_iter(b'\n', block).count();
            breaks_before.push(breaks);
        }
        LineIndex { breaks_before }
    }

    /// 0-based line of an offset (clamped into the text).
    pub fn line(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let block = offset / BLOCK;
        let inside = &text.as_bytes()[block * BLOCK..offset];
        self.breaks_before[block] + memchr::memchr_iter(b'\n', inside).count()
    }

    /// The offset where a 0-based line starts, when the text has that line.
    fn start(&self, text: &str, line: usize) -> Option<usize> {
        if line == 0 {
            return Some(0);
        }
        // The block of the line's break: the last with fewer breaks before it than `line`.
        let block = self.breaks_before.partition_point(|&before| before < line) - 1;
        let from = block * BLOCK;
        let nth = line - self.breaks_before[block] - 1;
        let at = memchr::memchr_iter(b'\n', text.as_bytes().get(from..)?).nth(nth)?;
        Some(from + at + 1)
    }

    /// Text range of a 0-based line, including its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Option<Range<usize>> {
        let start = self.start(text, line)?;
        let end = memchr::memchr(b'\n', &text.as_bytes()[start..])
            .map_or(text.len(), |at| start + at + 1);
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
        let line = self.line(text, offset);
        let start = memchr::memrchr(b'\n', &text.as_bytes()[..offset]).map_or(0, |at| at + 1);
        let column = width(&text[start..offset]);
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

    /// The lines and columns the index gives are those of every line start, listed: across
    /// blocks, at their edges, for lines longer than a block and at the text's end.
    #[test]
    fn blocks_give_the_lines_a_list_of_starts_gives() {
        let mut text = String::new();
        for line in 0..2_000 {
            let length = [0, 1, 17, 300, BLOCK - 1, BLOCK + 5][line % 6];
            text.push_str(&"x".repeat(length % 700 + (length / BLOCK) * BLOCK));
            text.push_str(if line % 5 == 0 { "\r\n" } else { "\n" });
        }
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        let index = LineIndex::new(&text);
        let offsets = (0..text.len() + 3)
            .step_by(97)
            .chain([BLOCK - 1, BLOCK, BLOCK + 1]);
        for offset in offsets.chain(starts.iter().flat_map(|&s| [s.saturating_sub(1), s])) {
            let line = starts.partition_point(|&start| start <= offset.min(text.len())) - 1;
            assert_eq!(index.line(&text, offset), line, "{offset}");
            let column = offset.min(text.len()) - starts[line];
            assert_eq!(index.scalar(&text, offset), LineColumn { line, column });
        }
        for line in 0..starts.len() + 2 {
            let end = starts.get(line + 1).copied().unwrap_or(text.len());
            let expected = starts.get(line).map(|&start| start..end);
            assert_eq!(index.line_range(&text, line), expected, "{line}");
        }
    }

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
