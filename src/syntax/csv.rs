//! CSV contact files, as Genesys Cloud imports them (comma-separated, `"` quoting with `""` for a
//! quote, LF or CRLF line ends, a header row first). A [`Scanner`] reads a file in chunks and never
//! holds it whole: it yields one record at a time with the exact byte span of every field, the
//! physical line where the record starts (counting CRLF, blank lines and newlines inside quoted
//! fields, which the `csv` crate's positions get wrong), blank lines as records of their own, and
//! an unterminated quote at the end of the file.
//!
//! A record is held in the buffer whole up to [`MAX_RECORD`] bytes; a longer one (a 100 MB line)
//! is read through byte by byte and summed up as an [`Oversized`] record, so memory stays flat
//! whatever the file holds.

use std::io::{self, Read};
use std::ops::Range;

use memchr::{memchr, memchr_iter, memchr2};

use super::Layout;

pub const EXTENSIONS: &[&str] = &["csv"];
pub const LAYOUT: Layout = Layout::Contacts;

/// Bytes asked of the reader at a time.
const CHUNK: usize = 256 * 1024;

/// Records up to this many bytes are held whole; no valid contact record comes near it (50
/// columns of 512 characters).
pub const MAX_RECORD: usize = 1 << 20;

/// Bytes of a line kept around a span for showing it (and the most of a span that is shown).
pub const PIECE_CONTEXT: usize = 1024;
pub const PIECE_SPAN: usize = 4096;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One field of a record: its raw span within the record's text (quotes included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub start: u32,
    pub end: u32,
    pub quoted: bool,
}

/// A record held whole.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// File offset of its first byte.
    pub offset: u64,
    /// 0-based physical line where it starts.
    pub line: u64,
    /// Its bytes, without the line end.
    pub text: &'a [u8],
    pub fields: &'a [Field],
    /// A quoted field runs to the end of the file.
    pub unterminated: bool,
    /// The file offset of the first byte that is not UTF-8, if one has been read so far (every
    /// byte of this record has been).
    pub first_invalid: Option<u64>,
}

/// A part of a line kept to show a finding: its bytes (invalid UTF-8 replaced byte for byte,
/// so offsets hold) and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub offset: u64,
    /// 0-based line and column (in Unicode scalar values) of its first byte.
    pub line: u64,
    pub column: u64,
    pub text: String,
}

/// A span of a finding: its file range and the pieces that show it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shown {
    pub range: Range<u64>,
    pub pieces: Vec<Piece>,
}

impl Shown {
    /// The 1-based line where it starts, as editors and spreadsheets number lines.
    pub fn line(&self) -> Option<u64> {
        self.pieces.first().map(|piece| piece.line + 1)
    }
}

impl Record<'_> {
    /// Whether the line is empty (`\r` aside): a blank line, which the `csv` crate skips.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// A field's raw bytes (quotes included).
    pub fn raw(&self, field: &Field) -> &[u8] {
        &self.text[field.start as usize..field.end as usize]
    }

    /// A field's value: quotes removed and `""` made `"`.
    pub fn value(&self, field: &Field) -> std::borrow::Cow<'_, [u8]> {
        unquote(self.raw(field), field.quoted)
    }

    /// The whole record, shown.
    pub fn shown(&self) -> Shown {
        self.show(0..self.text.len())
    }

    /// A field, shown.
    pub fn show_field(&self, field: &Field) -> Shown {
        self.show(field.start as usize..field.end as usize)
    }

    /// A span of the record (offsets within its text), with the pieces of each line it touches.
    /// A span longer than [`PIECE_SPAN`] is shown (and reported) up to there.
    pub fn show(&self, span: Range<usize>) -> Shown {
        let end = span.end.min(span.start + PIECE_SPAN);
        let end = ceil_char_boundary(self.text, end);
        let mut pieces = Vec::new();
        let mut line_start = 0;
        let line_ends = memchr_iter(b'\n', self.text).chain([self.text.len()]);
        for (line, line_end) in (self.line..).zip(line_ends) {
            let touched = line_end >= span.start && line_start <= end;
            if touched {
                pieces.push(self.piece(
                    line,
                    line_start..line_end,
                    span.start.max(line_start),
                    end,
                ));
            }
            if line_start > end {
                break;
            }
            line_start = line_end + 1;
        }
        Shown {
            range: self.offset + span.start as u64..self.offset + end as u64,
            pieces,
        }
    }

    /// The part of one line kept around `from..to`.
    fn piece(&self, line: u64, bounds: Range<usize>, from: usize, to: usize) -> Piece {
        let mut end = bounds.end;
        if self.text[..end].ends_with(b"\r") {
            end -= 1;
        }
        let start = if from - bounds.start > PIECE_CONTEXT {
            floor_char_boundary(self.text, from - PIECE_CONTEXT / 4)
        } else {
            bounds.start
        };
        let end = end
            .min(ceil_char_boundary(
                self.text,
                to.max(from) + PIECE_CONTEXT / 4,
            ))
            .max(start);
        Piece {
            offset: self.offset + start as u64,
            line,
            column: chars(&self.text[bounds.start..start]),
            text: lossy_same_length(&self.text[start..end]),
        }
    }
}

/// The records of one read, with the buffer they lie in, so that one thread can read the next
/// while another checks these.
#[derive(Debug, Default)]
pub struct Batch {
    bytes: Vec<u8>,
    fields: Vec<Field>,
    items: Vec<Item>,
}

#[derive(Debug)]
enum Item {
    /// A record, and the range of its fields in the batch's `fields`.
    Held(Held, Range<usize>),
    Oversized(Oversized),
}

/// Where a record split in a buffer lies.
#[derive(Debug, Clone)]
struct Held {
    offset: u64,
    line: u64,
    /// Its text's range in the buffer.
    text: Range<usize>,
    unterminated: bool,
    first_invalid: Option<u64>,
}

impl Held {
    fn record<'a>(&self, buffer: &'a [u8], fields: &'a [Field]) -> Record<'a> {
        Record {
            offset: self.offset,
            line: self.line,
            text: &buffer[self.text.clone()],
            fields,
            unterminated: self.unterminated,
            first_invalid: self.first_invalid,
        }
    }
}

impl Batch {
    /// The records of the batch, in file order.
    pub fn records(&self) -> impl Iterator<Item = Scanned<'_>> {
        self.items.iter().map(|item| match item {
            Item::Held(held, fields) => {
                Scanned::Record(held.record(&self.bytes, &self.fields[fields.clone()]))
            }
            Item::Oversized(oversized) => Scanned::Oversized(oversized.clone()),
        })
    }
}

/// What a record longer than [`MAX_RECORD`] was found to hold, read through without holding it.
#[derive(Debug, Default, Clone)]
pub struct Oversized {
    pub offset: u64,
    pub line: u64,
    pub fields: usize,
    /// The start of the record, shown.
    pub start: Option<Shown>,
    /// Fields longer than `long` characters (the first [`KEPT_LONG`] of them, shown), and how
    /// many there are.
    pub long: Vec<(usize, u64, Shown)>,
    pub long_count: usize,
    /// The opening quote of a quoted field that runs to the end of the file, shown.
    pub unterminated: Option<Shown>,
}

/// Long fields of an oversized record kept to show.
pub const KEPT_LONG: usize = 100;

/// What the scanner gives, one at a time.
#[derive(Debug, Clone)]
pub enum Scanned<'a> {
    Record(Record<'a>),
    Oversized(Oversized),
}

/// Streams the records of a CSV file.
pub struct Scanner<R> {
    reader: R,
    buf: Vec<u8>,
    /// The unread part of the buffer.
    start: usize,
    end: usize,
    /// File offset of `buf[0]`.
    base: u64,
    /// 0-based line of `buf[start]`.
    line: u64,
    eof: bool,
    fields: Vec<Field>,
    /// `buf[..checked]` is known to be UTF-8.
    checked: usize,
    invalid: Option<u64>,
    /// Fields longer than this many characters are kept in an oversized record.
    long: u64,
    /// The file starts with a UTF-8 byte-order mark (skipped).
    byte_order_mark: bool,
}

impl<R: Read> Scanner<R> {
    /// A scanner for a file of about `size` bytes: a small one gets a buffer of its size.
    pub fn with_size(reader: R, long: u64, size: u64) -> Scanner<R> {
        let capacity =
            usize::try_from(size.saturating_add(1)).map_or(CHUNK, |s| s.clamp(64, CHUNK));
        Scanner {
            reader,
            buf: vec![0; capacity],
            start: 0,
            end: 0,
            base: 0,
            line: 0,
            eof: false,
            fields: Vec::new(),
            checked: 0,
            invalid: None,
            long,
            byte_order_mark: false,
        }
    }

    /// The file offset of the first byte that is not UTF-8, once it has been read.
    pub fn first_invalid_byte(&self) -> Option<u64> {
        self.invalid
    }

    /// Fills `batch` (emptied first) with the records the next read gives, without copying
    /// them: the batch takes the buffer they lie in, and the scanner goes on in the buffer the
    /// batch held before (the part of a record the read cut is copied there). `false` when the
    /// file has no more.
    pub fn next_batch(&mut self, batch: &mut Batch) -> io::Result<bool> {
        batch.items.clear();
        batch.fields.clear();
        self.start_file()?;
        loop {
            if self.start == self.end && self.eof {
                self.hand_over(batch);
                return Ok(false);
            }
            if let Some(held) = self.split_next() {
                let fields = batch.fields.len()..batch.fields.len() + self.fields.len();
                batch.fields.extend_from_slice(&self.fields);
                batch.items.push(Item::Held(held, fields));
            } else if !batch.items.is_empty() {
                self.hand_over(batch);
                return Ok(true);
            } else if self.end - self.start > MAX_RECORD {
                batch.items.push(Item::Oversized(self.read_oversized()?));
                return Ok(true);
            } else {
                self.fill()?;
            }
        }
    }

    /// Splits the record at the start of the unread bytes into `self.fields` and goes past it;
    /// `None` when it does not end within them (and the file goes on).
    fn split_next(&mut self) -> Option<Held> {
        let unread = &self.buf[self.start..self.end];
        let Split::Complete {
            text_len,
            next,
            newlines,
            unterminated,
        } = split_record(unread, self.eof, &mut self.fields)
        else {
            return None;
        };
        let held = Held {
            offset: self.base + self.start as u64,
            line: self.line,
            text: self.start..self.start + text_len,
            unterminated,
            first_invalid: self.invalid,
        };
        self.start += next;
        self.line += newlines;
        Some(held)
    }

    /// Gives the batch the buffer its records lie in, and goes on in the batch's old buffer
    /// with the unread bytes.
    fn hand_over(&mut self, batch: &mut Batch) {
        let mut fresh = std::mem::take(&mut batch.bytes);
        if fresh.len() < self.buf.len() {
            fresh.resize(self.buf.len(), 0);
        }
        let unread = self.end - self.start;
        fresh[..unread].copy_from_slice(&self.buf[self.start..self.end]);
        batch.bytes = std::mem::replace(&mut self.buf, fresh);
        self.base += self.start as u64;
        self.checked = self.checked.saturating_sub(self.start);
        self.end = unread;
        self.start = 0;
    }

    /// Skips a byte-order mark at the start of the file.
    fn start_file(&mut self) -> io::Result<()> {
        if self.base == 0 && self.start == 0 && self.end == 0 && !self.eof {
            self.fill()?;
            while self.end < BOM.len() && !self.eof {
                self.fill()?;
            }
            if self.buf[..self.end].starts_with(BOM) {
                self.start = BOM.len();
                self.byte_order_mark = true;
            }
        }
        Ok(())
    }

    /// Whether the file starts with a UTF-8 byte-order mark, which records never include.
    pub fn byte_order_mark(&mut self) -> io::Result<bool> {
        self.start_file()?;
        Ok(self.byte_order_mark)
    }

    /// The next record, or `None` at the end of the file.
    pub fn next_record(&mut self) -> io::Result<Option<Scanned<'_>>> {
        self.start_file()?;
        loop {
            if self.start == self.end && self.eof {
                return Ok(None);
            }
            if let Some(held) = self.split_next() {
                return Ok(Some(Scanned::Record(held.record(&self.buf, &self.fields))));
            }
            if self.end - self.start > MAX_RECORD {
                return self.read_oversized().map(|o| Some(Scanned::Oversized(o)));
            }
            self.fill()?;
        }
    }

    /// Reads more bytes, moving the unread part to the front and growing the buffer when it is
    /// full, and checks them for UTF-8.
    fn fill(&mut self) -> io::Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.base += self.start as u64;
            self.checked = self.checked.saturating_sub(self.start);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        let read = loop {
            match self.reader.read(&mut self.buf[self.end..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        self.end += read;
        self.eof = read == 0;
        self.check_utf8();
        Ok(())
    }

    fn check_utf8(&mut self) {
        if self.invalid.is_some() {
            return;
        }
        match std::str::from_utf8(&self.buf[self.checked..self.end]) {
            Ok(_) => self.checked = self.end,
            Err(error) => {
                let bad = self.checked + error.valid_up_to();
                if error.error_len().is_some() || self.eof {
                    self.invalid = Some(self.base + bad as u64);
                    self.checked = self.end;
                } else {
                    // A character cut by the end of the chunk: checked with the next one.
                    self.checked = bad;
                }
            }
        }
    }

    /// Reads a record too long to hold through to its end, byte by byte, keeping only its
    /// count of fields and lines and the start of each field longer than `self.long`.
    fn read_oversized(&mut self) -> io::Result<Oversized> {
        let offset = self.base + self.start as u64;
        let mut out = Oversized {
            offset,
            line: self.line,
            ..Oversized::default()
        };
        let mut walk = OversizedWalk {
            column: 0,
            field_start: offset,
            field_line: self.line,
            field_column: 0,
            chars: 0,
            quoted: false,
            in_quotes: false,
            after_quote: false,
            head: Vec::new(),
        };
        let mut record_head: Vec<u8> = Vec::new();
        loop {
            if self.start == self.end {
                if self.eof {
                    if walk.in_quotes {
                        out.unterminated = Some(walk.opening_quote());
                    }
                    walk.end_field(self.long, &mut out);
                    break;
                }
                self.fill()?;
                continue;
            }
            let byte = self.buf[self.start];
            let at = self.base + self.start as u64;
            self.start += 1;
            if record_head.len() < PIECE_CONTEXT {
                record_head.push(byte);
            }
            if walk.step(byte, at, &mut self.line, self.long, &mut out) {
                break;
            }
        }
        let head_line = match memchr(b'\n', &record_head) {
            Some(n) => &record_head[..n],
            None => &record_head[..],
        };
        let head = &head_line[..floor_char_boundary(head_line, head_line.len())];
        out.start = Some(Shown {
            range: offset..offset + head.len() as u64,
            pieces: vec![Piece {
                offset,
                line: out.line,
                column: 0,
                text: lossy_same_length(head),
            }],
        });
        Ok(out)
    }
}

/// The state of reading an oversized record byte by byte.
struct OversizedWalk {
    /// Characters since the start of the current line.
    column: u64,
    field_start: u64,
    field_line: u64,
    field_column: u64,
    chars: u64,
    quoted: bool,
    in_quotes: bool,
    /// The previous byte closed a quote (or began a `""`).
    after_quote: bool,
    /// The first bytes of the field, on its first line.
    head: Vec<u8>,
}

impl OversizedWalk {
    /// Takes one byte; `true` at the end of the record (its line end consumed).
    fn step(&mut self, byte: u8, at: u64, line: &mut u64, long: u64, out: &mut Oversized) -> bool {
        let starts_char = (byte as i8) >= -0x40;
        if self.in_quotes {
            if byte == b'"' {
                self.in_quotes = false;
                self.after_quote = true;
            }
        } else if self.after_quote && byte == b'"' {
            // `""` inside a quoted field.
            self.in_quotes = true;
            self.after_quote = false;
        } else {
            self.after_quote = false;
            match byte {
                b',' => {
                    self.end_field(long, out);
                    self.begin_field(at + 1, *line, self.column + 1);
                    self.column += 1;
                    return false;
                }
                b'\n' => {
                    self.end_field(long, out);
                    *line += 1;
                    return true;
                }
                b'"' if self.chars == 0 => {
                    self.quoted = true;
                    self.in_quotes = true;
                }
                _ => {}
            }
        }
        if byte == b'\n' {
            *line += 1;
            self.column = 0;
        } else if starts_char {
            self.column += 1;
        }
        if starts_char && byte != b'\r' {
            self.chars += 1;
        }
        if self.head.len() < PIECE_CONTEXT && self.field_line == *line {
            self.head.push(byte);
        }
        false
    }

    /// The opening quote of the current field, shown.
    fn opening_quote(&self) -> Shown {
        let quote = &self.head[..self.head.len().min(1)];
        Shown {
            range: self.field_start..self.field_start + quote.len() as u64,
            pieces: vec![Piece {
                offset: self.field_start,
                line: self.field_line,
                column: self.field_column,
                text: lossy_same_length(quote),
            }],
        }
    }

    fn begin_field(&mut self, start: u64, line: u64, column: u64) {
        self.field_start = start;
        self.field_line = line;
        self.field_column = column;
        self.chars = 0;
        self.quoted = false;
        self.head.clear();
    }

    fn end_field(&mut self, long: u64, out: &mut Oversized) {
        out.fields += 1;
        let value_chars = self.chars.saturating_sub(if self.quoted { 2 } else { 0 });
        if value_chars > long {
            out.long_count += 1;
            if out.long.len() < KEPT_LONG {
                let head = &self.head[..floor_char_boundary(&self.head, self.head.len())];
                let head = head.strip_suffix(b"\r").unwrap_or(head);
                let shown = Shown {
                    range: self.field_start..self.field_start + head.len() as u64,
                    pieces: vec![Piece {
                        offset: self.field_start,
                        line: self.field_line,
                        column: self.field_column,
                        text: lossy_same_length(head),
                    }],
                };
                out.long.push((out.fields - 1, value_chars, shown));
            }
        }
    }
}

/// How far one record reaches in a buffer.
enum Split {
    /// `text_len`: its bytes without the line end; `next`: where the next record starts.
    Complete {
        text_len: usize,
        next: usize,
        newlines: u64,
        unterminated: bool,
    },
    /// The record does not end within the buffer (and the file goes on).
    NeedMore,
}

/// Splits the record at the start of `bytes` into `fields`. A line without a quote (most
/// lines) is split with vectorised searches; others field by field.
fn split_record(bytes: &[u8], eof: bool, fields: &mut Vec<Field>) -> Split {
    fields.clear();
    // The first line end or quote: a line end first means a line without quotes.
    let first = memchr2(b'\n', b'"', bytes);
    if first.is_none_or(|at| bytes[at] == b'\n') {
        let line_end = first;
        let line = &bytes[..line_end.unwrap_or(bytes.len())];
        {
            let Some(line_end) = line_end.or(eof.then_some(bytes.len())) else {
                return Split::NeedMore;
            };
            let text_len = strip_cr(line);
            let mut start = 0;
            for comma in memchr_iter(b',', &line[..text_len]) {
                fields.push(unquoted(start, comma));
                start = comma + 1;
            }
            fields.push(unquoted(start, text_len));
            return Split::Complete {
                text_len,
                next: (line_end + 1).min(bytes.len()),
                newlines: u64::from(line_end < bytes.len()),
                unterminated: false,
            };
        }
    }
    split_quoted(bytes, eof, fields)
}

fn newlines(bytes: &[u8]) -> u64 {
    memchr_iter(b'\n', bytes).count() as u64
}

fn unquoted(start: usize, end: usize) -> Field {
    Field {
        start: start as u32,
        end: end as u32,
        quoted: false,
    }
}

/// The length of a line without a final `\r`.
fn strip_cr(line: &[u8]) -> usize {
    line.len() - usize::from(line.ends_with(b"\r"))
}

/// Splits a record that holds quotes, field by field.
fn split_quoted(bytes: &[u8], eof: bool, fields: &mut Vec<Field>) -> Split {
    let mut start = 0;
    loop {
        let quoted = bytes.get(start) == Some(&b'"');
        let mut from = start;
        if quoted {
            let mut at = start + 1;
            loop {
                match memchr(b'"', &bytes[at..]) {
                    None if eof => {
                        fields.push(Field {
                            start: start as u32,
                            end: bytes.len() as u32,
                            quoted,
                        });
                        return Split::Complete {
                            text_len: bytes.len(),
                            next: bytes.len(),
                            newlines: newlines(bytes),
                            unterminated: true,
                        };
                    }
                    None => return Split::NeedMore,
                    Some(n) => {
                        let quote = at + n;
                        match bytes.get(quote + 1) {
                            Some(b'"') => at = quote + 2,
                            None if !eof => return Split::NeedMore,
                            _ => {
                                from = quote + 1;
                                break;
                            }
                        }
                    }
                }
            }
        }
        match memchr2(b',', b'\n', &bytes[from..]) {
            Some(n) if bytes[from + n] == b',' => {
                fields.push(Field {
                    start: start as u32,
                    end: (from + n) as u32,
                    quoted,
                });
                start = from + n + 1;
            }
            Some(n) => return last_field(bytes, from + n, from + n + 1, start, quoted, fields),
            None if eof => {
                return last_field(bytes, bytes.len(), bytes.len(), start, quoted, fields);
            }
            None => return Split::NeedMore,
        }
    }
}

/// Ends a record whose last field starts at `start` and whose line ends at `line_end` (a `\n`,
/// or the end of the file); the next record starts at `next`.
fn last_field(
    bytes: &[u8],
    line_end: usize,
    next: usize,
    start: usize,
    quoted: bool,
    fields: &mut Vec<Field>,
) -> Split {
    let text_len = strip_cr(&bytes[..line_end]).max(start);
    fields.push(Field {
        start: start as u32,
        end: text_len as u32,
        quoted,
    });
    Split::Complete {
        text_len,
        next,
        newlines: newlines(&bytes[..next]),
        unterminated: false,
    }
}

/// A field's value from its raw bytes: inside the quotes every `"` is doubled; anything after
/// the closing quote is kept as written (as the `csv` crate does).
pub fn unquote(raw: &[u8], quoted: bool) -> std::borrow::Cow<'_, [u8]> {
    if !quoted {
        return raw.into();
    }
    let last = raw.len().saturating_sub(1);
    if last > 0 && memchr(b'"', &raw[1..]) == Some(last - 1) {
        return raw[1..last].into();
    }
    let mut value = Vec::with_capacity(raw.len());
    let mut at = 1;
    while let Some(n) = memchr(b'"', &raw[at..]) {
        let quote = at + n;
        value.extend_from_slice(&raw[at..quote]);
        if raw.get(quote + 1) == Some(&b'"') {
            value.push(b'"');
            at = quote + 2;
        } else {
            value.extend_from_slice(&raw[quote + 1..]);
            return value.into();
        }
    }
    value.extend_from_slice(&raw[at.min(raw.len())..]);
    value.into()
}

/// A value as a CSV field: quoted (with `"` doubled) when it holds a comma, a quote, a line end
/// or surrounding spaces.
pub fn quote(text: &str) -> String {
    let plain = !text.contains([',', '"', '\n', '\r']) && text.trim() == text;
    if plain {
        text.to_owned()
    } else {
        format!("\"{}\"", text.replace('"', "\"\""))
    }
}

/// Unicode scalar values in UTF-8 bytes (invalid bytes count one each).
pub fn chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| (**b as i8) >= -0x40).count() as u64
}

/// The text of bytes with every byte that is not part of valid UTF-8 replaced by `?`, so that
/// byte offsets into it stay those of the bytes.
pub fn lossy_same_length(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        out.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    out
}

fn floor_char_boundary(bytes: &[u8], mut at: usize) -> usize {
    at = at.min(bytes.len());
    while at > 0 && at < bytes.len() && (bytes[at] as i8) < -0x40 {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(bytes: &[u8], mut at: usize) -> usize {
    at = at.min(bytes.len());
    while at < bytes.len() && (bytes[at] as i8) < -0x40 {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record as (line, offset, values, unterminated), read in chunks of `chunk` bytes.
    fn records(input: &[u8], chunk: usize) -> Vec<(u64, u64, Vec<String>, bool)> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut scanner = Scanner::with_size(Trickle(input, chunk), 512, CHUNK as u64);
        let mut out = Vec::new();
        while let Some(scanned) = scanner.next_record().unwrap() {
            let Scanned::Record(record) = scanned else {
                panic!("oversized")
            };
            let values = record
                .fields
                .iter()
                .map(|f| String::from_utf8_lossy(&record.value(f)).into_owned())
                .collect();
            out.push((record.line, record.offset, values, record.unterminated));
        }
        out
    }

    fn v(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn crlf_blank_lines_and_quoted_newlines_keep_their_lines() {
        let input = b"\xEF\xBB\xBF\"id\",phone\r\n1,\"a\r\nb\"\r\n\r\n2,\"x\"\"y\"\n";
        for chunk in [1, 2, 3, 7, 1000] {
            assert_eq!(
                records(input, chunk),
                vec![
                    (0, 3, v(&["id", "phone"]), false),
                    (1, 15, v(&["1", "a\r\nb"]), false),
                    (3, 25, v(&[""]), false),
                    (4, 27, v(&["2", "x\"y"]), false),
                ],
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn an_unterminated_quote_runs_to_the_end() {
        assert_eq!(
            records(b"a,b\n1,\"open\n2,3\n", 4),
            vec![
                (0, 0, v(&["a", "b"]), false),
                (1, 4, v(&["1", "open\n2,3\n"]), true)
            ]
        );
    }

    #[test]
    fn the_last_line_needs_no_line_end() {
        assert_eq!(
            records(b"a\r\n1\r", 2),
            vec![(0, 0, v(&["a"]), false), (1, 3, v(&["1"]), false)]
        );
    }

    #[test]
    fn shown_spans_know_their_lines_and_columns() {
        let input = "h\n\"é\nxé\",yz\n".as_bytes();
        let mut scanner = Scanner::with_size(input, 512, CHUNK as u64);
        scanner.next_record().unwrap();
        let Some(Scanned::Record(record)) = scanner.next_record().unwrap() else {
            panic!()
        };
        let shown = record.show_field(&record.fields[1]);
        assert_eq!(shown.range, 2 + 9..2 + 11);
        assert_eq!(
            shown.pieces,
            vec![Piece {
                offset: 2 + 4,
                line: 2,
                column: 0,
                text: "xé\",yz".into()
            }]
        );
        let whole = record.shown();
        assert_eq!(whole.pieces.len(), 2);
        assert_eq!(whole.pieces[0].line, 1);
    }

    #[test]
    fn an_oversized_record_is_read_through() {
        let mut input = b"a,b\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 3 * MAX_RECORD));
        input.extend(b",1,\"q\"\n2,3\n");
        let mut scanner = Scanner::with_size(&input[..], 512, CHUNK as u64);
        scanner.next_record().unwrap();
        let Some(Scanned::Oversized(o)) = scanner.next_record().unwrap() else {
            panic!()
        };
        assert_eq!((o.offset, o.line, o.fields, o.long_count), (4, 1, 3, 1));
        assert_eq!(o.long[0].0, 0);
        assert_eq!(o.long[0].1, 3 * MAX_RECORD as u64);
        let Some(Scanned::Record(next)) = scanner.next_record().unwrap() else {
            panic!()
        };
        assert_eq!(next.line, 2);
        assert_eq!(next.text, b"2,3");
    }

    #[test]
    fn the_first_bad_byte_is_found_across_chunks() {
        let mut input = vec![b'a'; CHUNK - 1];
        input.extend("é".as_bytes());
        input.extend(b"\xff\n");
        let mut scanner = Scanner::with_size(&input[..], 512, CHUNK as u64);
        while scanner.next_record().unwrap().is_some() {}
        assert_eq!(scanner.first_invalid_byte(), Some(CHUNK as u64 + 1));
    }
}
