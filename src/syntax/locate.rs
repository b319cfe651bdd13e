//! Where a few pointers of a text are written, for findings placed after the document of their
//! file was dropped (the rules of a module, run once the walk is over). A JSON text is read in
//! one pass that builds nothing but the spans asked for, skipping every value off their paths;
//! the other syntaxes are parsed into their [`Document`].

use std::borrow::Cow;
use std::ops::Range;

use super::tree::SpanIndex;
use super::{Document, Syntax, SyntaxError};
use crate::pointer;

/// The spans of the pointers a file was asked for.
pub enum Located<'t> {
    /// A JSON text's, found in one pass that builds nothing else.
    Found(Found<'t>),
    Parsed(Document<'t>),
}

/// The nodes on the paths of the pointers asked for, each with the spans written last at it.
pub struct Found<'t> {
    text: &'t str,
    /// Node 0 is the root.
    nodes: Vec<Place>,
}

struct Place {
    segment: String,
    children: Vec<usize>,
    key: Option<Range<usize>>,
    value: Option<Range<usize>>,
}

/// Where `pointers` are written in `text` (its ancestors, for a pointer it does not hold).
pub fn locate<'t>(
    syntax: Syntax,
    text: &'t str,
    pointers: &[&str],
) -> Result<Located<'t>, SyntaxError> {
    match syntax {
        Syntax::Json | Syntax::TerraformJson => {
            let refused = || SyntaxError {
                message: "the text no longer parses".into(),
                range: 0..0,
            };
            find(text, pointers).map(Located::Found).ok_or_else(refused)
        }
        Syntax::Toml | Syntax::Terraform | Syntax::Csv => syntax.parse(text).map(Located::Parsed),
    }
}

impl SpanIndex for Located<'_> {
    fn text(&self) -> &str {
        match self {
            Located::Found(found) => found.text,
            Located::Parsed(document) => document.text(),
        }
    }

    fn recorded(&self, pointer: &str) -> Option<(Option<Range<usize>>, Range<usize>, bool)> {
        match self {
            Located::Found(found) => found.recorded(pointer),
            Located::Parsed(document) => document.recorded(pointer),
        }
    }
}

impl Found<'_> {
    fn recorded(&self, pointer: &str) -> Option<(Option<Range<usize>>, Range<usize>, bool)> {
        let segments: Vec<Cow<str>> = pointer::segments(pointer).collect();
        let mut at = 0;
        let mut best = self.nodes[0].value.clone().map(|value| (0, value, 0));
        for (depth, segment) in segments.iter().enumerate() {
            let children = &self.nodes[at].children;
            let Some(&child) = children
                .iter()
                .find(|&&c| self.nodes[c].segment == *segment)
            else {
                break;
            };
            at = child;
            if let Some(value) = self.nodes[at].value.clone() {
                best = Some((at, value, depth + 1));
            }
        }
        let (node, value, depth) = best?;
        Some((self.nodes[node].key.clone(), value, depth == segments.len()))
    }
}

/// The spans of `pointers` in a JSON text, and of their ancestors; `None` when the text is not
/// JSON.
fn find<'t>(text: &'t str, pointers: &[&str]) -> Option<Found<'t>> {
    let mut found = Found {
        text,
        nodes: vec![Place {
            segment: String::new(),
            children: Vec::new(),
            key: None,
            value: None,
        }],
    };
    for pointer in pointers {
        let mut at = 0;
        for segment in pointer::segments(pointer) {
            at = found.child(at, segment.into_owned());
        }
    }
    let mut scan = Scan {
        bytes: text.as_bytes(),
        at: 0,
    };
    scan.white_space();
    scan.value(&mut found, Some(0))?;
    scan.white_space();
    (scan.at == text.len()).then_some(found)
}

impl Found<'_> {
    /// The child of node `at` at `segment`, added if it is not there yet.
    fn child(&mut self, at: usize, segment: String) -> usize {
        let children = &self.nodes[at].children;
        if let Some(&child) = children.iter().find(|&&c| self.nodes[c].segment == segment) {
            return child;
        }
        self.nodes.push(Place {
            segment,
            children: Vec::new(),
            key: None,
            value: None,
        });
        let child = self.nodes.len() - 1;
        self.nodes[at].children.push(child);
        child
    }

    /// The child of node `at` that a member or element is, if the pointers go through it.
    fn on_path(&self, at: Option<usize>, segment: &str) -> Option<usize> {
        let children = &self.nodes[at?].children;
        children
            .iter()
            .copied()
            .find(|&c| self.nodes[c].segment == segment)
    }
}

/// A pass over JSON bytes.
struct Scan<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl<'t> Scan<'t> {
    /// Reads a value; when it is node `place` of the paths, records its span there and reads
    /// into its members or elements, else skips it.
    fn value(&mut self, found: &mut Found, place: Option<usize>) -> Option<()> {
        let Some(place) = place else {
            return self.skip();
        };
        let start = self.at;
        match self.bytes.get(start)? {
            b'{' => self.object(found, place)?,
            b'[' => self.array(found, place)?,
            _ => self.skip()?,
        }
        found.nodes[place].value = Some(start..self.at);
        Some(())
    }

    fn object(&mut self, found: &mut Found, place: usize) -> Option<()> {
        self.at += 1;
        self.white_space();
        if self.eat(b'}') {
            return Some(());
        }
        loop {
            let start = self.at;
            let key = self.string()?;
            let key_range = start..self.at;
            self.white_space();
            self.expect(b':')?;
            self.white_space();
            let member = found.on_path(Some(place), &key);
            self.value(found, member)?;
            if let Some(member) = member {
                found.nodes[member].key = Some(key_range);
            }
            self.white_space();
            if self.eat(b'}') {
                return Some(());
            }
            self.expect(b',')?;
            self.white_space();
        }
    }

    fn array(&mut self, found: &mut Found, place: usize) -> Option<()> {
        self.at += 1;
        self.white_space();
        if self.eat(b']') {
            return Some(());
        }
        for index in 0.. {
            let element = found.on_path(Some(place), &index.to_string());
            self.value(found, element)?;
            if let Some(element) = element {
                found.nodes[element].key = None;
            }
            self.white_space();
            if self.eat(b']') {
                break;
            }
            self.expect(b',')?;
            self.white_space();
        }
        Some(())
    }

    /// Skips a value: an array or object to its closing bracket (only its own kind counted:
    /// the others nest within it; strings read over), a number or literal to the next
    /// delimiter.
    fn skip(&mut self) -> Option<()> {
        let (open, close) = match self.bytes.get(self.at)? {
            b'"' => return self.skip_string().map(drop),
            b'{' => (b'{', b'}'),
            b'[' => (b'[', b']'),
            _ => {
                let delimiter = |b: &u8| b",}] \t\n\r".contains(b);
                while self.bytes.get(self.at).is_some_and(|b| !delimiter(b)) {
                    self.at += 1;
                }
                return Some(());
            }
        };
        let mut depth = 0usize;
        loop {
            self.at += memchr::memchr3(b'"', open, close, self.bytes.get(self.at..)?)?;
            match self.bytes[self.at] {
                b'"' => {
                    self.skip_string()?;
                    continue;
                }
                byte if byte == open => depth += 1,
                _ => depth = depth.checked_sub(1)?,
            }
            self.at += 1;
            if depth == 0 {
                return Some(());
            }
        }
    }

    /// A string literal from its opening quote, decoded.
    fn string(&mut self) -> Option<Cow<'t, str>> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        let start = self.at;
        let escaped = self.skip_string()?;
        let bytes: &'t [u8] = self.bytes;
        let literal = std::str::from_utf8(&bytes[start..self.at]).ok()?;
        match escaped {
            false => Some(Cow::Borrowed(&literal[1..literal.len() - 1])),
            true => serde_json::from_str::<String>(literal).ok().map(Cow::Owned),
        }
    }

    /// Skips a string literal from its opening quote; whether it escapes.
    fn skip_string(&mut self) -> Option<bool> {
        let mut at = self.at + 1;
        let mut escaped = false;
        loop {
            at += memchr::memchr2(b'"', b'\\', self.bytes.get(at..)?)?;
            if self.bytes[at] == b'"' {
                self.at = at + 1;
                return Some(escaped);
            }
            escaped = true;
            at += 2;
        }
    }

    fn white_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let there = self.bytes.get(self.at) == Some(&byte);
        self.at += usize::from(there);
        there
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pointer::Part;

    /// Every pointer of a few texts, and a few that are not there, found as the document finds
    /// them, in every part.
    #[test]
    fn a_text_that_is_not_json_locates_nothing() {
        for text in [
            "{\"a\": \"x\\",
            "{\"a\": [1, {\"b\": 2]",
            "[1] 2",
            "{\"a\" 1}",
        ] {
            assert!(locate(Syntax::Json, text, &["/a/0"]).is_err(), "{text}");
        }
    }

    #[test]
    fn spans_found_in_passing_are_the_document_spans() {
        let texts = [
            r#"{"a": [1, {"b": "x\"}", "c": [[], {}]}], "d": {"e": null, "e": {"f": 2}}}"#,
            " [ {\"k\" : true} , \"\\u0041\" , -1.5e3 ] ",
            r#"{"resource": {"t": {"n": {"name": "${var.x}", "cols": ["A"]}}}}"#,
        ];
        let pointers = [
            "",
            "/a",
            "/a/0",
            "/a/1",
            "/a/1/b",
            "/a/1/c/1",
            "/a/1/z",
            "/d",
            "/d/e",
            "/d/e/f",
            "/0",
            "/0/k",
            "/1",
            "/2",
            "/3",
            "/resource/t/n/name",
            "/resource/t/n/cols/0",
            "/resource/t/x/name",
        ];
        for text in texts {
            let document = Syntax::Json.parse(text).unwrap();
            let located = locate(Syntax::Json, text, &pointers).unwrap();
            for pointer in pointers {
                for part in [Part::Key, Part::Value, Part::Opening, Part::Member] {
                    let (want, got) = (
                        document.resolve(pointer, &part),
                        located.resolve(pointer, &part),
                    );
                    assert_eq!(got, want, "{text} {pointer} {part:?}");
                }
                assert_eq!(located.member(pointer), document.member(pointer));
            }
        }
    }
}
