//! Parts of a file too large to hold (a contact file of a million rows), kept for the findings
//! that point into them. The parts become one text, one line each, that renderers read like any
//! other; every position computed in it is the position in the file.

use std::ops::Range;

use crate::syntax::csv::Piece;

/// Where each line of an excerpt's text comes from.
#[derive(Debug, Clone, Default)]
pub struct Excerpt {
    /// In file order (and so in text order).
    segments: Vec<Segment>,
}

#[derive(Debug, Clone)]
struct Segment {
    /// Where it starts in the excerpt's text, and its length.
    text_start: usize,
    len: usize,
    /// File offset, 0-based line and column (in scalar values) of its first byte.
    offset: u64,
    line: u64,
    column: u64,
}

impl Excerpt {
    /// The text of some pieces and where each of its lines comes from. Pieces of one line
    /// that overlap or touch are merged.
    pub fn build(pieces: &mut [Piece]) -> (String, Excerpt) {
        pieces.sort_by_key(|p| p.offset);
        let mut merged: Vec<Piece> = Vec::new();
        for piece in pieces.iter() {
            match merged.last_mut() {
                Some(last)
                    if last.line == piece.line
                        && piece.offset <= last.offset + last.text.len() as u64 =>
                {
                    let overlap = (last.offset + last.text.len() as u64 - piece.offset) as usize;
                    if let Some(rest) = piece.text.get(overlap.min(piece.text.len())..) {
                        last.text.push_str(rest);
                    }
                }
                _ => merged.push(piece.clone()),
            }
        }
        let mut text = String::new();
        let mut segments = Vec::with_capacity(merged.len());
        for piece in merged {
            segments.push(Segment {
                text_start: text.len(),
                len: piece.text.len(),
                offset: piece.offset,
                line: piece.line,
                column: piece.column,
            });
            text.push_str(&piece.text);
            text.push('\n');
        }
        (text, Excerpt { segments })
    }

    /// The text offset of a file offset (clamped to the end of the part it falls after).
    pub fn text_offset(&self, offset: u64) -> usize {
        let index = self.segments.partition_point(|s| s.offset <= offset);
        let Some(segment) = index.checked_sub(1).map(|i| &self.segments[i]) else {
            return 0;
        };
        let within = (offset - segment.offset).min(segment.len as u64) as usize;
        segment.text_start + within
    }

    /// A file range in the excerpt's text.
    pub fn text_range(&self, range: &Range<u64>) -> Range<usize> {
        let start = self.text_offset(range.start);
        start..self.text_offset(range.end).max(start)
    }

    fn segment(&self, text_offset: usize) -> Option<&Segment> {
        let index = self
            .segments
            .partition_point(|s| s.text_start <= text_offset);
        self.segments.get(index.checked_sub(1)?)
    }

    /// 0-based line, column (in Unicode scalar values) and file offset of a text offset.
    pub fn locate(&self, text: &str, text_offset: usize) -> (u64, u64, u64) {
        self.locate_counting(text, text_offset, |s| s.chars().count())
    }

    /// The same, with the column's part within its piece counted by `count` (UTF-16 code units
    /// or bytes, for language clients; the piece's own start column is in scalar values, which
    /// differ only after a character outside the Basic Multilingual Plane on a line cut short).
    pub fn locate_counting(
        &self,
        text: &str,
        text_offset: usize,
        count: impl Fn(&str) -> usize,
    ) -> (u64, u64, u64) {
        let Some(segment) = self.segment(text_offset) else {
            return (0, 0, 0);
        };
        let within = (text_offset - segment.text_start).min(segment.len);
        let before = text
            .get(segment.text_start..segment.text_start + within)
            .map_or(0, |s| count(s) as u64);
        (
            segment.line,
            segment.column + before,
            segment.offset + within as u64,
        )
    }

    /// The file offset of a text offset.
    pub fn file_offset(&self, text_offset: usize) -> usize {
        self.segment(text_offset).map_or(0, |segment| {
            let within = (text_offset - segment.text_start).min(segment.len);
            (segment.offset + within as u64) as usize
        })
    }

    /// The 0-based line in the file of a line of the excerpt's text.
    pub fn file_line(&self, index: usize) -> Option<u64> {
        self.segments.get(index).map(|s| s.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(offset: u64, line: u64, column: u64, text: &str) -> Piece {
        Piece {
            offset,
            line,
            column,
            text: text.into(),
        }
    }

    #[test]
    fn pieces_become_lines_that_keep_their_positions() {
        let mut pieces = vec![
            piece(100, 9, 0, "1,é,3"),
            piece(10, 1, 0, "a,b"),
            piece(102, 9, 2, "é,3,4"),
        ];
        let (text, excerpt) = Excerpt::build(&mut pieces);
        assert_eq!(text, "a,b\n1,é,3,4\n");
        let at = excerpt.text_offset(105);
        assert_eq!(&text[at..at + 1], "3");
        assert_eq!(excerpt.locate(&text, at), (9, 4, 105));
        assert_eq!(excerpt.file_line(1), Some(9));
        assert_eq!(excerpt.text_range(&(11..50)), 1..3);
    }
}
