//! Strict RFC 8259 JSON, parsed in one pass into a [`Document`] (a text that is not JSON is
//! parsed again by jsonc-parser, for its message).

use std::borrow::Cow;
use std::ops::Range;

use jsonc_parser::ast::{ObjectPropName, Value as AstNode};
use jsonc_parser::common::Range as NodeRange;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
use serde_json::Value;

use super::tree::{Builder, Kind};
use super::{Document, DuplicateKey, Layout, SyntaxError};
use crate::pointer::{push_index, push_key};

pub(super) const LAYOUT: Layout = Layout::WholeDocument;

pub(super) const EXTENSIONS: &[&str] = &["json"];

/// Whether text (after any byte-order mark) opens like a JSON document: `{` or `[` first.
pub(super) fn starts_like_json(text: &[u8]) -> bool {
    matches!(
        text.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// A JSON string literal.
pub(super) fn quote(text: &str) -> String {
    Value::from(text).to_string()
}

/// Every leniency of the parser off: comments, trailing commas, JSON5 forms.
fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

pub(super) fn parse(text: &str) -> Result<Document<'_>, SyntaxError> {
    build(text).map(Builder::finish)
}

/// A JSON text's document, before it is finished (Terraform's JSON syntax reads its strings
/// again). The parse is this module's own, one pass over the bytes; a text it refuses is parsed
/// again by jsonc-parser, whose message says why.
pub(super) fn build(text: &str) -> Result<Builder<'_>, SyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        tree: Builder::new(text)?,
        open: Vec::new(),
        keys: Vec::new(),
    };
    match parser.document() {
        Ok(()) => Ok(parser.tree),
        Err(at) => Err(refusal(text, at)),
    }
}

/// Why a text is not JSON, as jsonc-parser (every leniency off) and the two checks it needs
/// say; `at` is where this module's parser stopped.
fn refusal(text: &str, at: usize) -> SyntaxError {
    let parsed = match parse_to_ast(text, &CollectOptions::default(), &strict()) {
        Ok(parsed) => parsed,
        Err(error) => {
            let range = error.range();
            return SyntaxError {
                message: lowercase_first(&error.kind().to_string()),
                range: range.start..range.end,
            };
        }
    };
    let Some(root) = parsed.value else {
        let end = text.len();
        return SyntaxError {
            message: "expected a JSON value, found nothing".into(),
            range: end..end,
        };
    };
    let mut strings = Vec::new();
    string_ranges(&root, &mut strings);
    let mistake =
        raw_control_character(text, &strings).or_else(|| foreign_white_space(text, &strings));
    let end = text.get(at..).and_then(|rest| rest.chars().next());
    mistake.unwrap_or_else(|| SyntaxError {
        message: "unexpected character".into(),
        range: at..end.map_or(at, |c| at + c.len_utf8()),
    })
}

/// The ranges of a node's string literals (keys and values), in document order.
fn string_ranges(node: &AstNode, out: &mut Vec<NodeRange>) {
    match node {
        AstNode::Object(object) => {
            for property in &object.properties {
                if matches!(property.name, ObjectPropName::String(_)) {
                    out.push(key_range(&property.name));
                }
                string_ranges(&property.value, out);
            }
        }
        AstNode::Array(array) => array.elements.iter().for_each(|e| string_ranges(e, out)),
        AstNode::StringLit(lit) => out.push(lit.range),
        AstNode::NumberLit(_) | AstNode::BooleanLit(_) | AstNode::NullKeyword(_) => {}
    }
}

/// A strict RFC 8259 parser that builds the document as it reads: no syntax tree, no value.
struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    tree: Builder<'t>,
    /// The arrays and objects not closed yet, innermost last.
    open: Vec<Open<'t>>,
    /// The keys of the open objects, each object's after its parent's.
    keys: Vec<Seen<'t>>,
}

/// An array or object not closed yet.
struct Open<'t> {
    id: u32,
    object: bool,
    /// Its members or elements so far.
    count: usize,
    /// Where it sits in its parent (none for the root), for the pointer of a repeated key.
    segment: Option<Segment<'t>>,
    /// Where its keys start in [`Parser::keys`].
    keys: usize,
}

enum Segment<'t> {
    Key(Cow<'t, str>),
    Index(usize),
}

/// A key of an open object: where it is written, and the node of its value.
struct Seen<'t> {
    key: Cow<'t, str>,
    range: Range<usize>,
    node: u32,
}

/// The first members of an object are compared with each other as they come; the members of
/// a larger one (an export's 4,000 resources of a type) are compared once it closes, sorted.
const SCANNED_KEYS: usize = 16;

impl<'t> Parser<'t> {
    fn document(&mut self) -> Result<(), usize> {
        self.skip_white_space();
        self.begin(None)?;
        while let Some((object, count)) = self.open.last().map(|open| (open.object, open.count)) {
            self.skip_white_space();
            let close = if object { b'}' } else { b']' };
            if self.bytes.get(self.at) == Some(&close) {
                self.at += 1;
                self.close();
                continue;
            }
            if count > 0 {
                self.expect(b',')?;
                self.skip_white_space();
            }
            let key = match object {
                true => Some(self.key()?),
                false => None,
            };
            self.begin(key)?;
        }
        self.skip_white_space();
        match self.at == self.bytes.len() {
            true => Ok(()),
            false => Err(self.at),
        }
    }

    /// A member's key and its `:`.
    fn key(&mut self) -> Result<(Cow<'t, str>, Range<usize>), usize> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return Err(self.at);
        }
        let start = self.at;
        let key = self.string()?;
        let range = start..self.at;
        self.skip_white_space();
        self.expect(b':')?;
        self.skip_white_space();
        Ok((key, range))
    }

    /// Reads the value that starts here (opens it, for an array or object) as the next member
    /// or element of the innermost open one.
    fn begin(&mut self, key: Option<(Cow<'t, str>, Range<usize>)>) -> Result<(), usize> {
        let start = self.at;
        let kind = match self.bytes.get(start) {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b'"') => Kind::String,
            Some(b't') => self.literal("true", Kind::True)?,
            Some(b'f') => self.literal("false", Kind::False)?,
            Some(b'n') => self.literal("null", Kind::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            _ => return Err(start),
        };
        let decoded = match kind {
            Kind::String => Some(self.string()?),
            Kind::Object | Kind::Array => {
                self.at += 1;
                None
            }
            _ => None,
        };
        let segment = self.open.last_mut().map(|parent| {
            parent.count += 1;
            match &key {
                Some((key, _)) => Segment::Key(key.clone()),
                None => Segment::Index(parent.count - 1),
            }
        });
        let parent = self.open.last().map(|open| open.id);
        let key_range = key.as_ref().map(|(_, range)| range.clone());
        let id = self.tree.add(parent, kind, key_range, Some(start..self.at));
        if let Some(Cow::Owned(text)) = decoded {
            self.tree.string_is(id, &text);
        }
        if let Some((key, range)) = key {
            if let Cow::Owned(key) = &key {
                self.tree.key_is(id, key);
            }
            self.seen(key, range, id);
        }
        if matches!(kind, Kind::Object | Kind::Array) {
            self.open.push(Open {
                id,
                object: kind == Kind::Object,
                count: 0,
                segment,
                keys: self.keys.len(),
            });
        }
        Ok(())
    }

    /// Closes the innermost array or object, whose last byte is the one before `at`: the
    /// keys of a large object are compared now, sorted.
    fn close(&mut self) {
        if let Some(open) = self.open.last() {
            self.tree.end(open.id, self.at);
            if self.keys.len() - open.keys > SCANNED_KEYS {
                self.sorted_repeats();
            }
        }
        if let Some(open) = self.open.pop() {
            self.keys.truncate(open.keys);
        }
    }

    /// Notes a key of the innermost object; in the first members of an object, a repeat is
    /// recorded at once.
    fn seen(&mut self, key: Cow<'t, str>, range: Range<usize>, node: u32) {
        let Some(open) = self.open.last() else {
            return;
        };
        let own = &self.keys[open.keys..];
        let same = |seen: &&Seen| seen.key == key;
        // A key met before has a latest time too: searched for only then.
        if own.len() < SCANNED_KEYS
            && let Some(first) = own.iter().find(same)
            && let Some(latest) = own.iter().rfind(same)
        {
            let (first, shadowed) = (first.range.clone(), latest.node);
            self.repeat(&key, first, range.clone(), shadowed);
        }
        self.keys.push(Seen { key, range, node });
    }

    /// The repeats of the innermost object past its first members, found by sorting its keys.
    fn sorted_repeats(&mut self) {
        let Some(open) = self.open.last() else {
            return;
        };
        let start = open.keys;
        let mut order: Vec<usize> = (start..self.keys.len()).collect();
        order.sort_by(|&a, &b| self.keys[a].key.cmp(&self.keys[b].key).then(a.cmp(&b)));
        let mut repeats = Vec::new();
        for pair in order.windows(2) {
            let (previous, at) = (&self.keys[pair[0]], &self.keys[pair[1]]);
            if previous.key == at.key && pair[1] - start >= SCANNED_KEYS {
                let first = order.partition_point(|&i| self.keys[i].key < at.key);
                repeats.push((pair[1], order[first], previous.node));
            }
        }
        repeats.sort_unstable();
        for (at, first, shadowed) in repeats {
            let (first, at) = (&self.keys[first], &self.keys[at]);
            let (key, first, range) = (at.key.clone(), first.range.clone(), at.range.clone());
            self.repeat(&key, first, range, shadowed);
        }
    }

    /// Records that the innermost object repeats `key`: where first, where again, and the
    /// member it replaces.
    fn repeat(&mut self, key: &str, first: Range<usize>, repeat: Range<usize>, shadowed: u32) {
        let Some(object) = self.open.last().map(|open| open.id) else {
            return;
        };
        self.tree.repeats(object, Some(shadowed));
        let mut pointer = String::new();
        for segment in self.open.iter().filter_map(|open| open.segment.as_ref()) {
            match segment {
                Segment::Key(key) => push_key(&mut pointer, key),
                Segment::Index(index) => push_index(&mut pointer, *index),
            }
        }
        push_key(&mut pointer, key);
        self.tree.duplicate(DuplicateKey {
            pointer,
            first,
            repeat,
        });
    }

    fn skip_white_space(&mut self) {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let white = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
        self.at += rest.iter().position(|b| !white(b)).unwrap_or(rest.len());
    }

    fn expect(&mut self, byte: u8) -> Result<(), usize> {
        match self.bytes.get(self.at) == Some(&byte) {
            true => {
                self.at += 1;
                Ok(())
            }
            false => Err(self.at),
        }
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Result<Kind, usize> {
        match self.bytes[self.at..].starts_with(word.as_bytes()) {
            true => {
                self.at += word.len();
                Ok(kind)
            }
            false => Err(self.at),
        }
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Result<Kind, usize> {
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        match self.bytes.get(self.at) {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.at),
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            self.some_digits()?;
        }
        Ok(Kind::Number)
    }

    fn digits(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
    }

    fn some_digits(&mut self) -> Result<(), usize> {
        let start = self.at;
        self.digits();
        match self.at > start {
            true => Ok(()),
            false => Err(start),
        }
    }

    /// A string literal from its opening quote: borrowed from the text unless it escapes.
    fn string(&mut self) -> Result<Cow<'t, str>, usize> {
        let start = self.at + 1;
        // Short, mostly: a byte at a time beats a vectorised search.
        let rest = self.bytes.get(start..).unwrap_or_default();
        let special = |b: &u8| matches!(b, b'"' | b'\\' | 0..0x20);
        let end = start + rest.iter().position(special).unwrap_or(rest.len());
        match self.bytes.get(end) {
            Some(b'"') => {
                self.at = end + 1;
                Ok(Cow::Borrowed(self.slice(start, end)))
            }
            Some(b'\\') => self.escaped(start, end),
            _ => Err(end),
        }
    }

    /// The text between two offsets that are character boundaries (beside ASCII bytes).
    fn slice(&self, start: usize, end: usize) -> &'t str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// The rest of a string literal that escapes, decoded from `at` (its first backslash).
    fn escaped(&mut self, start: usize, mut at: usize) -> Result<Cow<'t, str>, usize> {
        let mut out = String::from(self.slice(start, at));
        loop {
            let run = at;
            while let Some(byte) = self.bytes.get(at).filter(|b| !matches!(b, b'"' | b'\\')) {
                if *byte < 0x20 {
                    return Err(at);
                }
                at += 1;
            }
            out.push_str(self.slice(run, at));
            match self.bytes.get(at) {
                Some(b'"') => break,
                Some(_) => {
                    let (decoded, after) = self.escape(at).ok_or(at)?;
                    out.push(decoded);
                    at = after;
                }
                None => return Err(at),
            }
        }
        self.at = at + 1;
        Ok(Cow::Owned(out))
    }

    /// The character an escape at `at` stands for, and where it ends.
    fn escape(&self, at: usize) -> Option<(char, usize)> {
        let decoded = match self.bytes.get(at + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode(at),
            _ => return None,
        };
        Some((decoded, at + 2))
    }

    /// A `\uXXXX` escape at `at`; one of a surrogate must be the first half of a pair, as
    /// jsonc-parser requires.
    fn unicode(&self, at: usize) -> Option<(char, usize)> {
        let hex = |from: usize| {
            let digits = self.bytes.get(from..from + 4)?;
            if !digits.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
        };
        let high = hex(at + 2)?;
        if !(0xD800..=0xDBFF).contains(&high) {
            return Some((char::from_u32(high)?, at + 6));
        }
        if self.bytes.get(at + 6..at + 8)? != b"\\u" {
            return None;
        }
        let low = hex(at + 8).filter(|low| (0xDC00..=0xDFFF).contains(low))?;
        let code = (high - 0xD800) * 0x400 + (low - 0xDC00) + 0x10000;
        Some((char::from_u32(code)?, at + 12))
    }
}

fn key_range(name: &ObjectPropName) -> NodeRange {
    match name {
        ObjectPropName::String(lit) => lit.range,
        ObjectPropName::Word(lit) => lit.range,
    }
}

/// RFC 8259 forbids unescaped control characters (U+0000 to U+001F) in strings, which
/// jsonc-parser lets through.
fn raw_control_character(text: &str, strings: &[NodeRange]) -> Option<SyntaxError> {
    strings.iter().find_map(|range| {
        let at = text.as_bytes()[range.start..range.end]
            .iter()
            .position(|b| *b < 0x20)?
            + range.start;
        let message = format!(
            "control character U+{:04X} must be escaped in a string",
            text.as_bytes()[at]
        );
        Some(SyntaxError {
            message,
            range: at..at + 1,
        })
    })
}

/// RFC 8259's white space is space, tab, line feed and carriage return; jsonc-parser also skips
/// the others (a form feed, a no-break space), which the API's parser refuses. Between string
/// literals (in document order) every other byte is a token, so any white space there is this.
fn foreign_white_space(text: &str, strings: &[NodeRange]) -> Option<SyntaxError> {
    let mut gaps = std::iter::once(0)
        .chain(strings.iter().map(|range| range.end))
        .zip(strings.iter().map(|range| range.start).chain([text.len()]));
    gaps.find_map(|(start, end)| {
        let (at, found) = text[start..end]
            .char_indices()
            .find(|(_, c)| c.is_whitespace() && !matches!(c, ' ' | '\t' | '\n' | '\r'))?;
        let at = start + at;
        Some(SyntaxError {
            message: format!(
                "U+{:04X} is not JSON white space (only space, tab, line feed and carriage \
                 return are)",
                u32::from(found)
            ),
            range: at..at + found.len_utf8(),
        })
    })
}

/// jsonc-parser's messages are sentences; ours continue one (`invalid JSON: expected comma`).
fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_json5_and_jsonc_leniencies() {
        for bad in [
            "[\"a\tb\"]",
            "{\"a\u{0}\": 1}",
            "{\"a\": 1,}",
            "{// c\n}",
            "{a: 1}",
            "{'a': 1}",
            "[0x1]",
            "[+1]",
            "[.5]",
            "[NaN]",
            "[1,\u{c}2]",
            "{\"a\":\u{a0}1}",
            "",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} must be a syntax error");
        }
    }

    #[test]
    fn repeated_keys_of_small_and_large_objects_keep_the_later_value_at_the_first_place() {
        let members: Vec<String> = (0..20).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!(
            "{{\"a\": [{{\"x\": 1, \"x\": 2}}], {}, \"k3\": \"again\", \"k18\": 0, \"k3\": 3}}",
            members.join(", ")
        );
        let document = parse(&text).unwrap();
        let value = document.value();
        assert_eq!(value["a"][0]["x"], 2);
        assert_eq!(
            (value["k3"].clone(), value["k18"].clone()),
            (3.into(), 0.into())
        );
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys[..5], ["a", "k0", "k1", "k2", "k3"]);
        let repeats: Vec<(&str, &str)> = document
            .duplicate_keys
            .iter()
            .map(|d| (d.pointer.as_str(), &text[d.repeat.clone()]))
            .collect();
        let expected = [
            ("/a/0/x", "\"x\""),
            ("/k3", "\"k3\""),
            ("/k18", "\"k18\""),
            ("/k3", "\"k3\""),
        ];
        assert_eq!(repeats, expected);
        let first = &document.duplicate_keys[3].first;
        assert_eq!(&text[first.start - 2..first.end], ", \"k3\"");
    }

    #[test]
    fn syntax_errors_keep_their_position() {
        let error = parse("{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!(error.range.start, 10);
    }
}
