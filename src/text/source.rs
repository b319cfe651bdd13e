//! Reading inputs: size cap, byte-order mark, UTF-8 check and positions.
//!
//! Everything downstream works in *text offsets* (bytes of the decoded text, BOM excluded).
//! Only machine output converts them back to file offsets with [`SourceFile::file_offset`].

use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::line_index::floor_char_boundary;
use super::{Excerpt, LineColumn, LineIndex};
use crate::syntax::Syntax;

const BOM: &str = "\u{feff}";

/// Why a file's bytes could not become text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// The file is larger than the cap (in bytes); `head` is its start (up to 64 KiB, invalid
    /// UTF-8 replaced), enough to tell whether a walked file looks like a contact list.
    TooLarge { limit: u64, head: String },
    /// Not UTF-8; `offset` is the text offset of the first bad byte.
    InvalidEncoding { offset: usize },
    /// UTF-16 (it starts with a UTF-16 byte-order mark): no text to show, but `decoded` is
    /// enough to tell whether a walked file looks like a contact list.
    Utf16 { decoded: String },
}

/// What an input is, whatever it is shown as: the same file named twice, or named and named by
/// a Terraform resource, has one id, and a run checks it once; the report's files carry it, so
/// that an editor or the page finds its documents by id, never by the display string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InputId {
    /// A file, by its absolute path with `.` and `..` resolved (symbolic links stay as written).
    Path(PathBuf),
    Stdin,
    /// A document held in memory, by its name (an editor's URI).
    Document(String),
}

impl InputId {
    /// The id of the file at `path` (relative to the working directory).
    pub fn of_path(path: &Path) -> InputId {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        InputId::Path(super::lexically_normal(&absolute))
    }
}

/// One input, decoded, with the line index that every position is computed from.
#[derive(Debug)]
pub struct SourceFile {
    /// The input it was read from (a document named by its path until the reader says).
    pub id: InputId,
    /// The path as the user gave it (or as walked), with `/` separators.
    pub path: String,
    pub syntax: Syntax,
    /// The text without its byte-order mark. Invalid UTF-8 is replaced for display only.
    pub text: String,
    /// Length of the byte-order mark that was skipped (0 or 3).
    pub bom_len: usize,
    /// Set when the bytes could not be used as they are.
    pub unreadable: Option<Unreadable>,
    /// Computed on first use: files without diagnostics never need positions.
    lines: OnceLock<LineIndex>,
    /// When the text holds only parts of the file (one per line): where each comes from.
    excerpt: Option<Excerpt>,
}

/// A 1-based line and column (columns count Unicode scalar values) plus the file's byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

impl SourceFile {
    /// Builds a source from bytes already read (at most `limit + 1` of them).
    pub fn from_bytes(path: String, syntax: Syntax, bytes: Vec<u8>, limit: u64) -> SourceFile {
        if bytes.len() as u64 > limit {
            let head = head_of(&bytes);
            let unreadable = Some(Unreadable::TooLarge { limit, head });
            return SourceFile::new(path, syntax, String::new(), 0, unreadable);
        }
        if let Some(decoded) = utf16(&bytes) {
            let unreadable = Some(Unreadable::Utf16 { decoded });
            return SourceFile::new(path, syntax, String::new(), 0, unreadable);
        }
        let bom_len = if bytes.starts_with(BOM.as_bytes()) {
            BOM.len()
        } else {
            0
        };
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                text.drain(..bom_len);
                SourceFile::new(path, syntax, text, bom_len, None)
            }
            Err(error) => {
                let offset = error.utf8_error().valid_up_to() - bom_len;
                let text = String::from_utf8_lossy(&error.as_bytes()[bom_len..]).into_owned();
                let unreadable = Some(Unreadable::InvalidEncoding { offset });
                SourceFile::new(path, syntax, text, bom_len, unreadable)
            }
        }
    }

    /// Reads `path`, never more than `limit + 1` bytes (so FIFOs and devices cannot exhaust memory).
    pub fn read(path: &Path, display: String, limit: u64) -> std::io::Result<SourceFile> {
        let (file, metadata) = open_regular(path)?;
        if metadata.len() > limit {
            let mut start = Vec::new();
            file.take(HEAD as u64).read_to_end(&mut start)?;
            let syntax = Syntax::detect(&display, &start);
            let head = head_of(&start);
            let unreadable = Some(Unreadable::TooLarge { limit, head });
            return Ok(SourceFile::new(
                display,
                syntax,
                String::new(),
                0,
                unreadable,
            ));
        }
        let bytes = read_capped(file, limit, metadata.len())?;
        let syntax = Syntax::detect(&display, &bytes);
        Ok(SourceFile::from_bytes(display, syntax, bytes, limit))
    }

    /// A source that holds `text` as given, without a size cap.
    pub fn from_text(path: impl Into<String>, text: &str) -> SourceFile {
        SourceFile::from_memory(&path.into(), text, u64::MAX)
    }

    /// A source for text held in memory (an editor's document), under the size cap.
    pub fn from_memory(path: &str, text: &str, limit: u64) -> SourceFile {
        let syntax = Syntax::detect(path, text.as_bytes());
        SourceFile::from_bytes(path.to_owned(), syntax, text.as_bytes().to_vec(), limit)
    }

    fn new(
        path: String,
        syntax: Syntax,
        text: String,
        bom_len: usize,
        unreadable: Option<Unreadable>,
    ) -> SourceFile {
        SourceFile {
            id: InputId::Document(path.clone()),
            path,
            syntax,
            text,
            bom_len,
            unreadable,
            lines: OnceLock::new(),
            excerpt: None,
        }
    }

    /// A source that holds parts of a file (`text`, built with `excerpt`), not the file.
    pub fn excerpt(path: String, syntax: Syntax, text: String, excerpt: Excerpt) -> SourceFile {
        let mut source = SourceFile::new(path, syntax, text, 0, None);
        source.excerpt = Some(excerpt);
        source
    }

    /// For a source that holds parts of a file: the 0-based line and column of a text offset in
    /// the file, the column's part within its piece counted by `count`.
    pub fn excerpt_line_column(
        &self,
        offset: usize,
        count: impl Fn(&str) -> usize,
    ) -> Option<LineColumn> {
        let excerpt = self.excerpt.as_ref()?;
        let offset = floor_char_boundary(&self.text, offset);
        let (line, column, _) = excerpt.locate_counting(&self.text, offset, count);
        Some(LineColumn {
            line: line as usize,
            column: column as usize,
        })
    }

    /// The 1-based line number in the file of a 0-based line of the text.
    pub fn line_number(&self, index: usize) -> usize {
        match &self.excerpt {
            Some(excerpt) => excerpt.file_line(index).map_or(index, |l| l as usize) + 1,
            None => index + 1,
        }
    }

    /// The line index of the text.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The byte offset in the file as read for a text offset.
    pub fn file_offset(&self, text_offset: usize) -> usize {
        match &self.excerpt {
            Some(excerpt) => excerpt.file_offset(text_offset),
            None => text_offset + self.bom_len,
        }
    }

    /// 0-based line index of a text offset.
    pub fn line_index(&self, offset: usize) -> usize {
        self.lines().line(&self.text, offset)
    }

    /// Text range of a 0-based line, including its line ending.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        self.lines().line_range(&self.text, line)
    }

    /// Line, column and file offset of a text offset (clamped into the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset);
        if let Some(excerpt) = &self.excerpt {
            let (line, column, offset) = excerpt.locate(&self.text, offset);
            return Position {
                line: line as usize + 1,
                column: column as usize + 1,
                offset: offset as usize,
            };
        }
        let LineColumn { line, column } = self.lines().scalar(&self.text, offset);
        Position {
            line: line + 1,
            column: column + 1,
            offset: self.file_offset(offset),
        }
    }
}

/// The text of bytes that start with a UTF-16 byte-order mark (either byte order).
fn utf16(bytes: &[u8]) -> Option<String> {
    let little_endian = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// How much of a file over the size cap is kept to sniff it.
const HEAD: usize = 64 * 1024;

/// The start of a file over the cap, as text.
fn head_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD)]).into_owned()
}

/// Reads at most `limit + 1` bytes (one more tells that the cap is exceeded). With the expected
/// size reserved, a small file takes one read and one more to see its end.
fn read_capped(reader: impl Read, limit: u64, expected: u64) -> std::io::Result<Vec<u8>> {
    let reserve = expected.min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(reserve).unwrap_or(0));
    crate::memory::prefer_huge_pages(&mut bytes);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens `path` for reading when it is a regular file. A FIFO without a writer would block
/// forever and a device never ends: only regular files are read by path (standard input is `-`).
pub fn open_regular(path: &Path) -> std::io::Result<(std::fs::File, std::fs::Metadata)> {
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a directory",
        ));
    }
    if !metadata.is_file() {
        return Err(std::io::Error::other(
            "not a regular file (a FIFO, socket or device); use - to read standard input",
        ));
    }
    Ok((std::fs::File::open(path)?, metadata))
}

/// The bytes of standard input, at most `limit + 1` of them.
pub fn stdin_bytes(limit: u64) -> std::io::Result<Vec<u8>> {
    read_capped(std::io::stdin().lock(), limit, 0)
}

/// Reads standard input under the same cap as files.
pub fn read_stdin(display: String, limit: u64) -> std::io::Result<SourceFile> {
    let bytes = stdin_bytes(limit)?;
    let syntax = Syntax::detect(&display, &bytes);
    Ok(SourceFile::from_bytes(display, syntax, bytes, limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_scalar_values_and_skip_the_bom() {
        let source = SourceFile::from_text("a.json", "\u{feff}{\r\n  \"é\": 1\n}");
        assert_eq!(source.bom_len, 3);
        let one = source.text.find('1').unwrap();
        assert_eq!(
            source.position(one),
            Position {
                line: 2,
                column: 8,
                offset: one + 3
            }
        );
        assert_eq!(
            source.position(0),
            Position {
                line: 1,
                column: 1,
                offset: 3
            }
        );
    }

    #[test]
    fn invalid_utf8_reports_the_first_bad_byte() {
        let bytes = b"{\"a\": \"x\xffy\"}".to_vec();
        let source = SourceFile::from_bytes("a.json".into(), Syntax::Json, bytes, 100);
        assert_eq!(
            source.unreadable,
            Some(Unreadable::InvalidEncoding { offset: 8 })
        );
    }

    #[test]
    fn the_cap_counts_bytes() {
        let source = SourceFile::from_bytes("a.json".into(), Syntax::Json, vec![b' '; 11], 10);
        let head = " ".repeat(11);
        assert_eq!(
            source.unreadable,
            Some(Unreadable::TooLarge { limit: 10, head })
        );
    }
}
