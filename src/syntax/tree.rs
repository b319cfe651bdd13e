//! One document model for every syntax: a lean tree of what the text holds, every node with
//! the byte spans of its key and value, built in the one parse of a file ([`Builder`]). The rules
//! of a list see values (`serde_json::Value`) made from it a list at a time
//! ([`Node::materialise`]); the provider's judgement and the facts of the resources that use a
//! list read its nodes in place ([`Readable`]). All speak JSON pointers (RFC 6901);
//! [`Document::resolve`] is the one place that turns a pointer into a span.
//!
//! A node is 28 bytes and holds no text: keys and strings are read from the text, and only those
//! it does not write as they are (an escape, a template, a TOML number) are kept beside it. An
//! exported organisation of 200,000 values is 6 MB of nodes, where the same values as
//! `serde_json::Value`s take 47 MB (docs/performance.md).

mod build;
mod read;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::borrow::Cow;
use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use serde_json::{Map, Number, Value};

pub(super) use build::Builder;

use crate::pointer::{self, Part, push_index, push_key};

pub use read::Readable;

/// A parsed file: its values, where each is written, and what the text leaves open.
#[derive(Debug)]
pub struct Document<'t> {
    /// Borrowed from the source, unless the document outlives it ([`Document::into_owned`]).
    text: Cow<'t, str>,
    /// In the order the parse met them; the root is the first.
    nodes: Vec<Slot>,
    /// The keys the text does not write as they are (an escape, a TOML dotted key...), by node.
    keys: HashMap<u32, Box<str>>,
    /// The scalars the text does not write as they are, by node.
    scalars: HashMap<u32, Value>,
    /// The unknown values that are a plain reference, by node (but those of Terraform's JSON
    /// syntax, read from their string).
    references: HashMap<u32, Reference>,
    /// Objects that repeat a key (TOML reports those as syntax errors).
    pub duplicate_keys: Vec<DuplicateKey>,
    /// The members of each object of [`WIDE`] members or more that repeats no key, by key:
    /// made the first time a pointer is looked up, so that placing the findings of an export
    /// does not scan thousands of siblings for each.
    wide: OnceLock<HashMap<u32, HashMap<Box<str>, u32>>>,
}

/// From how many members an object's members are looked up by key (see `Document::wide`).
const WIDE: usize = 64;

/// One node: where its key and value are written, what it is, and its place in the tree.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: Span,
    /// The whole value, or for a TOML table its `[header]` (empty for the root table), for an
    /// HCL block its header; [`Span::NONE`] for a node no span was recorded for.
    value: Span,
    first: u32,
    next: u32,
    kind: Kind,
    flags: u8,
}

/// No node (a link), or no span.
const NONE: u32 = u32::MAX;

/// The key of a member whose object repeats it later (JSON): its value is replaced, in place.
const SHADOWED: u8 = 1;
/// An object that holds a key twice.
const REPEATS: u8 = 2;
/// A key written as HCL blocks (an array of the blocks' bodies), not as an attribute.
const BLOCKS: u8 = 4;
/// A key the document keeps (the text does not write it as it is).
const KEY_KEPT: u8 = 8;
/// A scalar the document keeps.
const VALUE_KEPT: u8 = 16;
/// An unknown string of Terraform's JSON syntax that is exactly `${REFERENCE}`: the reference
/// is read from it when asked for.
const WRITTEN_REFERENCE: u8 = 32;

/// A byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    const NONE: Span = Span {
        start: NONE,
        end: NONE,
    };

    fn of(range: Option<Range<usize>>) -> Span {
        range.map_or(Span::NONE, |range| Span {
            start: range.start as u32,
            end: range.end as u32,
        })
    }

    fn range(self) -> Option<Range<usize>> {
        (self.start != NONE).then_some(self.start as usize..self.end as usize)
    }
}

/// What a node is. A scalar's value is read from the text unless the document keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Null,
    False,
    True,
    /// A JSON number, read from the text.
    Number,
    String,
    /// A value the document keeps (an HCL or TOML number).
    Scalar,
    Array,
    Object,
    /// A value the text does not fix (a Terraform variable, reference, call or interpolation):
    /// `null`, and no rule may judge it.
    Unknown,
}

/// What a part of a Terraform text leaves open or writes beyond JSON, by pointers relative to
/// it.
#[derive(Debug, Default)]
pub struct Shape {
    /// Pointers of values the text does not fix (a variable, a reference, a function call, an
    /// interpolated string...): `null` in the value, and no rule may judge them.
    pub unknown: Vec<String>,
    /// Pointers of keys written as HCL blocks (an array of the blocks' bodies), not as attributes.
    pub blocks: Vec<String>,
    /// Of the unknown values, those that are a plain reference (`TYPE.NAME.ATTR`, `var.X`,
    /// `module.M.OUT`), by pointer: written bare, as the only interpolation of a string, or in
    /// Terraform's JSON syntax as a string that is exactly `${...}`. An index, a function or any
    /// other expression is no reference. The value stays `null` and the pointer unknown: only
    /// what resolves the reference may give it a meaning.
    pub references: Vec<(String, Reference)>,
}

/// A reference by attribute names only: `genesyscloud_outbound_contact_list.sales.id` is
/// `["genesyscloud_outbound_contact_list", "sales", "id"]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference(pub Vec<String>);

impl Reference {
    /// The reference written in `${...}` of Terraform's JSON syntax, when it is one: identifiers
    /// joined by dots, nothing else.
    pub fn parse(text: &str) -> Option<Reference> {
        let segments = || text.trim().split('.');
        Reference::is(text).then(|| Reference(segments().map(str::to_owned).collect()))
    }

    /// Whether [`Reference::parse`] reads a reference in the text: two or more identifiers
    /// (a letter or `_`, then letters, digits, `_` and `-`) joined by dots.
    pub fn is(text: &str) -> bool {
        let (mut segments, mut at_start) = (1, true);
        for byte in text.trim().bytes() {
            let fits = match (byte, at_start) {
                (b'.', false) => {
                    segments += 1;
                    at_start = true;
                    continue;
                }
                (b'a'..=b'z' | b'A'..=b'Z' | b'_', _) => true,
                (b'0'..=b'9' | b'-', false) => true,
                _ => false,
            };
            if !fits {
                return false;
            }
            at_start = false;
        }
        segments >= 2 && !at_start
    }
}

/// A key that appears twice in one JSON object; the later value wins, as in `serde_json`.
#[derive(Debug, Clone)]
pub struct DuplicateKey {
    pub pointer: String,
    pub first: Range<usize>,
    pub repeat: Range<usize>,
}

/// Invalid JSON or TOML, at a text range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub range: Range<usize>,
}

/// A node of a document: a value, its key and where they are written.
#[derive(Debug, Clone, Copy)]
pub struct Node<'d> {
    document: &'d Document<'d>,
    id: u32,
}

/// A document without its text: kept beside the text it was parsed from (a file the report
/// keeps), so that places found after the file was checked (the rules of a module) are placed
/// without parsing it again.
#[derive(Debug)]
pub struct Detached {
    text_len: usize,
    nodes: Vec<Slot>,
    keys: HashMap<u32, Box<str>>,
    scalars: HashMap<u32, Value>,
    references: HashMap<u32, Reference>,
    duplicate_keys: Vec<DuplicateKey>,
}

impl Detached {
    /// The document again, over `text`, which must be the text it was parsed from; `None` for
    /// a text of another length (a file changed since).
    pub fn attach(self, text: &str) -> Option<Document<'_>> {
        if text.len() != self.text_len {
            return None;
        }
        Some(Document {
            text: Cow::Borrowed(text),
            nodes: self.nodes,
            keys: self.keys,
            scalars: self.scalars,
            references: self.references,
            duplicate_keys: self.duplicate_keys,
            wide: OnceLock::new(),
        })
    }
}

impl<'t> Document<'t> {
    /// The document without its text, to attach again to the same text later.
    pub fn detach(self) -> Detached {
        Detached {
            text_len: self.text.len(),
            nodes: self.nodes,
            keys: self.keys,
            scalars: self.scalars,
            references: self.references,
            duplicate_keys: self.duplicate_keys,
        }
    }

    /// The document with a copy of its text, to keep beside the source it was parsed from.
    pub fn into_owned(self) -> Document<'static> {
        Document {
            text: Cow::Owned(self.text.into_owned()),
            nodes: self.nodes,
            keys: self.keys,
            scalars: self.scalars,
            references: self.references,
            duplicate_keys: self.duplicate_keys,
            wide: self.wide,
        }
    }

    /// The root value (an HCL or TOML file's body is an object).
    pub fn root(&self) -> Node<'_> {
        Node {
            document: self,
            id: 0,
        }
    }

    /// The whole document as one value.
    pub fn value(&self) -> Value {
        self.root().value()
    }

    /// The value at `pointer`, if the document holds one there (a member of an object, the
    /// later when it repeats the key; an element of an array).
    pub fn at(&self, pointer: &str) -> Option<Node<'_>> {
        let mut node = self.root();
        for segment in pointer::segments(pointer) {
            node = node.step(&segment)?;
        }
        Some(node)
    }

    fn slot(&self, id: u32) -> &Slot {
        &self.nodes[id as usize]
    }

    /// The children of a node, in the order they were written.
    fn children(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let link = |id: u32| (id != NONE).then_some(id);
        std::iter::successors(link(self.slot(id).first), move |&child| {
            link(self.slot(child).next)
        })
    }

    /// A node's key as the text means it.
    fn key(&self, id: u32) -> Option<&str> {
        let kept = self.slot(id).flags & KEY_KEPT != 0;
        match kept.then(|| self.keys.get(&id)).flatten() {
            Some(key) => Some(key),
            None => Some(verbatim(&self.text, self.slot(id).key.range()?)),
        }
    }

    /// Whether a node's key is `key`: a key written as it is must be as long (or two quotes
    /// longer), which most keys of an object are not.
    fn key_is(&self, id: u32, key: &str) -> bool {
        let slot = self.slot(id);
        let written = slot.key.range().map_or(0, |range| range.len());
        let kept = slot.flags & KEY_KEPT != 0;
        (kept || written == key.len() || written == key.len() + 2) && self.key(id) == Some(key)
    }

    /// The reference an unknown value is, when it is a plain one.
    fn reference(&self, id: u32) -> Option<Reference> {
        if self.slot(id).flags & WRITTEN_REFERENCE == 0 {
            return self.references.get(&id).cloned();
        }
        let written = match self.kept(id) {
            Some(kept) => kept.as_str()?,
            None => self.written(*self.slot(id)),
        };
        let inner = written.strip_prefix("${")?.strip_suffix('}')?;
        Reference::parse(inner)
    }

    /// The scalar the document keeps for a node, if it keeps one.
    fn kept(&self, id: u32) -> Option<&Value> {
        let kept = self.slot(id).flags & VALUE_KEPT != 0;
        kept.then(|| self.scalars.get(&id)).flatten()
    }

    /// The children of `id` at one segment of a pointer: the element at an index of an array,
    /// every member of that key of anything else (an object may repeat one).
    fn children_at<'s>(&'s self, id: u32, segment: &'s str) -> Vec<u32> {
        if self.slot(id).kind == Kind::Array {
            let index = segment.parse::<usize>().ok();
            let index = index.filter(|index| index.to_string() == segment);
            return index
                .and_then(|index| self.children(id).nth(index))
                .into_iter()
                .collect();
        }
        let mut keyed = self
            .children(id)
            .filter(|&child| self.key_is(child, segment));
        // Only an object that repeats a key has more than one member of it (an export's type
        // holds thousands of members).
        match (self.slot(id).flags & REPEATS, self.wide().get(&id)) {
            (0, Some(members)) => members.get(segment).copied().into_iter().collect(),
            (0, None) => keyed.next().into_iter().collect(),
            _ => keyed.collect(),
        }
    }

    /// The members of the wide objects that repeat no key, by key (made once).
    fn wide(&self) -> &HashMap<u32, HashMap<Box<str>, u32>> {
        self.wide.get_or_init(|| {
            let mut wide = HashMap::new();
            for (id, slot) in (0..).zip(&self.nodes) {
                let object = slot.kind == Kind::Object && slot.flags & REPEATS == 0;
                if !object || self.children(id).nth(WIDE - 1).is_none() {
                    continue;
                }
                let keyed = self
                    .children(id)
                    .filter_map(|child| Some((self.key(child)?, child)));
                let mut members: HashMap<Box<str>, u32> = HashMap::new();
                for (key, child) in keyed {
                    members.entry(key.into()).or_insert(child);
                }
                wide.insert(id, members);
            }
            wide
        })
    }

    /// The node recorded at `pointer`, or at its nearest ancestor that is, and whether it is
    /// the node itself. Of nodes at one pointer (a repeated key), the one written last counts.
    fn slot_at(&self, pointer: &str) -> Option<(&Slot, bool)> {
        let segments: Vec<Cow<str>> = pointer::segments(pointer).collect();
        let latest = |candidates: &[u32]| {
            let spanned = candidates.iter().copied();
            spanned
                .filter(|&id| self.slot(id).value != Span::NONE)
                .max()
        };
        let mut candidates = vec![0];
        let mut best = latest(&candidates).map(|id| (id, 0));
        for (depth, segment) in segments.iter().enumerate() {
            candidates = candidates
                .iter()
                .flat_map(|&id| self.children_at(id, segment))
                .collect();
            if candidates.is_empty() {
                break;
            }
            if let Some(id) = latest(&candidates) {
                best = Some((id, depth + 1));
            }
        }
        best.map(|(id, depth)| (self.slot(id), depth == segments.len()))
    }

    /// The deepest pointer whose key or value covers `offset` (for an editor's hover).
    pub fn pointer_at(&self, offset: usize) -> Option<String> {
        let mut best: Option<(usize, String)> = None;
        let mut pending = vec![(0, String::new(), 0)];
        while let Some((id, pointer, depth)) = pending.pop() {
            let slot = self.slot(id);
            let covers = |span: Span| {
                span.range().is_some_and(|r| r.contains(&offset))
                    || span.range().is_some_and(|r| r.end == offset)
            };
            let better = best
                .as_ref()
                .is_none_or(|(d, p)| (depth, pointer.len()) > (*d, p.len()));
            if (covers(slot.value) || covers(slot.key)) && better {
                best = Some((depth, pointer.clone()));
            }
            for (index, child) in self.children(id).enumerate() {
                let mut at = pointer.clone();
                match (slot.kind, self.key(child)) {
                    (Kind::Array, _) | (_, None) => push_index(&mut at, index),
                    (_, Some(key)) => push_key(&mut at, key),
                }
                pending.push((child, at, depth + 1));
            }
        }
        best.map(|(_, pointer)| pointer)
    }

    /// A node's value, and what it leaves open into `shape`, under the pointer `path` spells
    /// (made a string only for what the shape records: most values are fixed).
    fn build<'s>(&'s self, id: u32, path: &mut Vec<Step<'s>>, shape: &mut Shape) -> Value {
        let slot = *self.slot(id);
        if slot.flags & BLOCKS != 0 {
            shape.blocks.push(spelled(path));
        }
        let scalar = || self.kept(id).cloned();
        match slot.kind {
            Kind::Null => Value::Null,
            Kind::False => Value::Bool(false),
            Kind::True => Value::Bool(true),
            Kind::Number => json_number(self.written(slot)),
            Kind::String => scalar().unwrap_or_else(|| self.written(slot).into()),
            Kind::Scalar => scalar().unwrap_or_default(),
            Kind::Array => {
                let mut items = Vec::with_capacity(self.children(id).count());
                for (index, child) in self.children(id).enumerate() {
                    path.push(Step::Index(index));
                    items.push(self.build(child, path, shape));
                    path.pop();
                }
                Value::Array(items)
            }
            Kind::Object => Value::Object(self.members(id, path, shape)),
            Kind::Unknown => {
                let pointer = spelled(path);
                if let Some(reference) = self.reference(id) {
                    shape.references.push((pointer.clone(), reference));
                }
                shape.unknown.push(pointer);
                // What an object with an unfixed key held before it still counts as written.
                self.members(id, path, shape);
                Value::Null
            }
        }
    }

    /// An object's members: a repeated key keeps its first place and takes the later value.
    fn members<'s>(
        &'s self,
        id: u32,
        path: &mut Vec<Step<'s>>,
        shape: &mut Shape,
    ) -> Map<String, Value> {
        let mut map = Map::with_capacity(self.children(id).count());
        for child in self.children(id) {
            let key = self.key(child).unwrap_or_default();
            path.push(Step::Key(key));
            let value = match self.slot(child).flags & SHADOWED {
                0 => self.build(child, path, shape),
                _ => Value::Null,
            };
            path.pop();
            map.insert(key.to_owned(), value);
        }
        map
    }

    /// A scalar's text as written: a string without its quotes.
    fn written(&self, slot: Slot) -> &str {
        verbatim(&self.text, slot.value.range().unwrap_or_default())
    }
}

#[cfg(test)]
impl Document<'_> {
    /// Everything the document holds, in an order that does not depend on hashing.
    pub(super) fn fingerprint(&self) -> String {
        fn sorted<V: std::fmt::Debug>(map: &HashMap<u32, V>) -> Vec<(u32, String)> {
            let mut entries: Vec<(u32, String)> =
                map.iter().map(|(id, v)| (*id, format!("{v:?}"))).collect();
            entries.sort_unstable();
            entries
        }
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            self.nodes,
            sorted(&self.keys),
            sorted(&self.scalars),
            sorted(&self.references),
            self.duplicate_keys
        )
    }
}

/// Where the nodes of a text are written: a whole [`Document`], or the few pointers a pass
/// that builds nothing else looked for ([`super::Located`]). [`SpanIndex::resolve`] is the one
/// place that turns a pointer into a span.
pub trait SpanIndex {
    /// The text the spans are in.
    fn text(&self) -> &str;

    /// The key and value spans of the node recorded at `pointer`, or at its nearest recorded
    /// ancestor, and whether it is the node itself.
    fn recorded(&self, pointer: &str) -> Option<(Option<Range<usize>>, Range<usize>, bool)>;

    /// The text range for `part` of the node at `pointer`. An unknown pointer falls back to its
    /// nearest recorded ancestor, so every finding gets a position.
    fn resolve(&self, pointer: &str, part: &Part) -> Range<usize> {
        if let Part::Exact(range) = part {
            return range.clone();
        }
        let Some((key, value, exact)) = self.recorded(pointer) else {
            return 0..0;
        };
        match (part, exact) {
            (Part::Member, true) => match key {
                Some(key) => key.start..value.end.max(key.end),
                None => value,
            },
            (Part::Key, true) => key.unwrap_or(value),
            (Part::Value, true) | (Part::Exact(_), _) => value,
            (Part::Opening, _) | (_, false) => opening(self.text(), &value),
        }
    }

    /// The key and value spans of the member at exactly `pointer`, when it has a key.
    fn member(&self, pointer: &str) -> Option<(Range<usize>, Range<usize>)> {
        match self.recorded(pointer)? {
            (key, value, true) => Some((key?, value)),
            (_, _, false) => None,
        }
    }
}

impl SpanIndex for Document<'_> {
    fn text(&self) -> &str {
        &self.text
    }

    fn recorded(&self, pointer: &str) -> Option<(Option<Range<usize>>, Range<usize>, bool)> {
        let (slot, exact) = self.slot_at(pointer)?;
        Some((slot.key.range(), slot.value.range()?, exact))
    }
}

impl<'d> Node<'d> {
    fn slot(self) -> &'d Slot {
        self.document.slot(self.id)
    }

    fn at(self, id: u32) -> Node<'d> {
        Node {
            document: self.document,
            id,
        }
    }

    pub fn is_object(self) -> bool {
        self.slot().kind == Kind::Object
    }

    pub fn is_array(self) -> bool {
        self.slot().kind == Kind::Array
    }

    /// Whether the text writes `null`.
    pub fn is_null(self) -> bool {
        self.slot().kind == Kind::Null
    }

    /// Whether it is a key written as HCL blocks (an array of the blocks' bodies), not as an
    /// attribute.
    pub fn is_blocks(self) -> bool {
        self.slot().flags & BLOCKS != 0
    }

    /// Whether the text leaves the value open (`null` in the value).
    pub fn is_unknown(self) -> bool {
        self.slot().kind == Kind::Unknown
    }

    /// The value at one segment of a pointer: an array's element, an object's member.
    fn step(self, segment: &str) -> Option<Node<'d>> {
        match self.is_array() {
            true => {
                let index = segment.parse::<usize>().ok();
                let index = index.filter(|index| index.to_string() == segment)?;
                self.document
                    .children(self.id)
                    .nth(index)
                    .map(|id| self.at(id))
            }
            false => self.get(segment),
        }
    }

    /// Whether the text fixes the value at `relative` (a pointer from this node): no value on
    /// the way to it, nor it, is left open. A place the text does not write is fixed (absent).
    pub fn fixes(self, relative: &str) -> bool {
        let mut node = self;
        for segment in pointer::segments(relative) {
            if node.is_unknown() {
                return false;
            }
            match node.step(&segment) {
                Some(next) => node = next,
                None => return true,
            }
        }
        !node.is_unknown()
    }

    /// The member of an object at `key` (the later, when the object repeats it).
    pub fn get(self, key: &str) -> Option<Node<'d>> {
        if !self.is_object() {
            return None;
        }
        let document = self.document;
        let mut found = document
            .children(self.id)
            .filter(|&c| document.key_is(c, key));
        // Only an object that repeats a key has a later one to look for.
        let id = match self.slot().flags & REPEATS {
            0 => found.next(),
            _ => found.last(),
        };
        id.map(|id| self.at(id))
    }

    /// An object's members in order, each key once (at its first place, with its later value);
    /// nothing for anything else. Read where they are written, but those of an object that
    /// repeats a key.
    pub fn members(self) -> impl Iterator<Item = (&'d str, Node<'d>)> + 'd {
        let repeats = self.slot().flags & REPEATS != 0;
        let written = (self.is_object() && !repeats).then(|| self.written_members());
        let once = (self.is_object() && repeats).then(|| self.members_once());
        written
            .into_iter()
            .flatten()
            .chain(once.into_iter().flatten())
    }

    /// An object's members as written, a repeated key each time.
    fn written_members(self) -> impl Iterator<Item = (&'d str, Node<'d>)> + 'd {
        let document = self.document;
        let children = document.children(self.id);
        children.map(move |child| (document.key(child).unwrap_or_default(), self.at(child)))
    }

    /// The members of an object that repeats a key, each key once.
    fn members_once(self) -> Vec<(&'d str, Node<'d>)> {
        let mut members: Vec<(&'d str, Node<'d>)> = self.written_members().collect();
        let mut last: HashMap<&str, Node<'d>> = HashMap::new();
        for (key, node) in &members {
            last.insert(key, *node);
        }
        let mut seen = HashSet::new();
        members.retain(|(key, _)| seen.insert(*key));
        for (key, node) in &mut members {
            *node = last[key];
        }
        members
    }

    /// An array's elements; nothing for anything else.
    pub fn items(self) -> impl Iterator<Item = Node<'d>> + 'd {
        let children = self.is_array().then(|| self.document.children(self.id));
        children.into_iter().flatten().map(move |id| self.at(id))
    }

    /// The string the node is, when it is one.
    pub fn as_str(self) -> Option<&'d str> {
        let slot = *self.slot();
        let kept = self.document.kept(self.id);
        match slot.kind {
            Kind::String => Some(kept.map_or_else(
                || self.document.written(slot),
                |v| v.as_str().unwrap_or_default(),
            )),
            Kind::Scalar => kept.and_then(Value::as_str),
            // A JSON number beyond `f64` stays a string.
            Kind::Number => {
                let text = self.document.written(slot);
                Number::from_str(text).is_err().then_some(text)
            }
            _ => None,
        }
    }

    /// The reference an unknown value is, when it is a plain one.
    pub fn reference(self) -> Option<Reference> {
        self.document.reference(self.id)
    }

    /// The node's value.
    pub fn value(self) -> Value {
        self.materialise().0
    }

    /// The node's value, and what it leaves open, by pointers relative to it.
    pub fn materialise(self) -> (Value, Shape) {
        let mut shape = Shape::default();
        let value = self.document.build(self.id, &mut Vec::new(), &mut shape);
        (value, shape)
    }
}

/// One step of a pointer being walked.
#[derive(Clone, Copy)]
enum Step<'s> {
    Key(&'s str),
    Index(usize),
}

/// The pointer a path spells.
fn spelled(path: &[Step<'_>]) -> String {
    let mut pointer = String::new();
    for step in path {
        match step {
            Step::Key(key) => push_key(&mut pointer, key),
            Step::Index(index) => push_index(&mut pointer, *index),
        }
    }
    pointer
}

/// The text of a key or scalar as written: without the quotes of a quoted one.
fn verbatim(text: &str, span: Range<usize>) -> &str {
    let written = &text[span];
    let quoted = |q: char| written.len() >= 2 && written.starts_with(q) && written.ends_with(q);
    match quoted('"') || quoted('\'') {
        true => &written[1..written.len() - 1],
        false => written,
    }
}

/// A JSON number; one beyond `f64` stays as its text so that nothing is silently changed.
fn json_number(text: &str) -> Value {
    Number::from_str(text).map_or_else(|_| Value::String(text.to_owned()), Value::Number)
}

/// The range that removing a `key = value` (or `"key": value`) member takes, `separator` being
/// `=` or `:`: the member and the comma after it (or before it, for the last of a list), or its
/// whole line when it stands alone on it. `None` when the node is not such a member (a TOML
/// table or an HCL block, whose value span is only a header).
pub(super) fn member_removal(
    text: &str,
    key: &Range<usize>,
    value: &Range<usize>,
    separator: char,
) -> Option<Range<usize>> {
    let between = text.get(key.end..value.start)?;
    if between.trim() != separator.to_string() || value.end > text.len() {
        return None;
    }
    let after = &text[value.end..];
    let spaces_after = after.len() - after.trim_start_matches([' ', '\t']).len();
    if after[spaces_after..].starts_with(',') {
        let rest = &after[spaces_after + 1..];
        let blank = rest.len() - rest.trim_start().len();
        return Some(key.start..value.end + spaces_after + 1 + blank);
    }
    let before = &text[..key.start];
    let trimmed = before.trim_end();
    if trimmed.ends_with(',') {
        return Some(trimmed.len() - 1..value.end);
    }
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = after.find('\n').map_or(text.len(), |i| value.end + i + 1);
    let alone = before[line_start..].trim().is_empty()
        && matches!(
            after[..line_end - value.end].trim().chars().next(),
            None | Some('#')
        );
    Some(if alone {
        line_start..line_end
    } else {
        key.start..value.end
    })
}

/// The `{` of an inline object, else the span as it is (a TOML header, or empty for the root).
fn opening(text: &str, value: &Range<usize>) -> Range<usize> {
    match text.as_bytes().get(value.start) {
        Some(b'{') if !value.is_empty() => value.start..value.start + 1,
        _ => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Syntax;

    fn doc<'t>(path: &str, text: &'t str) -> Document<'t> {
        Syntax::detect(path, text.as_bytes()).parse(text).unwrap()
    }

    fn slice<'a>(text: &'a str, doc: &Document, pointer: &str, part: Part) -> &'a str {
        &text[doc.resolve(pointer, &part)]
    }

    /// The members of a wide object are found by key as those of a narrow one: a key written
    /// with an escape, the first of a key repeated (placed at the later), one absent.
    #[test]
    fn wide_objects_place_their_members_by_key() {
        for members in [WIDE - 1, WIDE, 5 * WIDE] {
            let mut text = String::from("{\"wide\": {");
            for at in 0..members {
                text.push_str(&format!("\"k{at}\": {at}, "));
            }
            text.push_str("\"e\\u0073c\": \"escaped\", \"x\": {\"deep\": true}}}");
            let doc = doc("a.json", &text);
            let last = members - 1;
            assert_eq!(
                slice(&text, &doc, &format!("/wide/k{last}"), Part::Value),
                last.to_string()
            );
            assert_eq!(slice(&text, &doc, "/wide/esc", Part::Value), "\"escaped\"");
            assert_eq!(slice(&text, &doc, "/wide/x/deep", Part::Key), "\"deep\"");
            assert_eq!(slice(&text, &doc, "/wide/missing", Part::Key), "{");
        }
        let repeated = format!(
            "{{{}\"k1\": \"again\"}}",
            (0..WIDE)
                .map(|at| format!("\"k{at}\": {at}, "))
                .collect::<String>()
        );
        let doc = doc("a.json", &repeated);
        assert_eq!(slice(&repeated, &doc, "/k1", Part::Value), "\"again\"");
    }

    #[test]
    fn references_are_identifiers_joined_by_dots() {
        for (text, is) in [
            ("a.b", true),
            (" var.x-1 ", true),
            ("_a.b2.c", true),
            ("a", false),
            ("a.", false),
            (".a", false),
            ("a..b", false),
            ("a.1b", false),
            ("a.b[0]", false),
            ("a .b", false),
            ("", false),
        ] {
            assert_eq!(Reference::is(text), is, "{text}");
            assert_eq!(Reference::parse(text).is_some(), is, "{text}");
        }
        let segments = Reference::parse(" var.x ").map(|r| r.0);
        assert_eq!(segments, Some(vec!["var".to_owned(), "x".to_owned()]));
    }

    #[test]
    fn json_spans_cover_keys_values_and_openings() {
        let text = r#"{"name": "A", "columns": [{"name": "p", "type": "PHONE"}]}"#;
        let d = doc("a.json", text);
        assert_eq!(slice(text, &d, "/name", Part::Key), "\"name\"");
        assert_eq!(slice(text, &d, "/name", Part::Value), "\"A\"");
        assert_eq!(slice(text, &d, "/columns/0", Part::Opening), "{");
        assert_eq!(slice(text, &d, "/columns/0/type", Part::Value), "\"PHONE\"");
        assert_eq!(slice(text, &d, "", Part::Opening), "{");
        assert_eq!(d.value()["columns"][0]["type"], "PHONE");
    }

    /// Reading a node in place says what its value made from it says: the same members, the
    /// same blocks, the same values left open.
    #[test]
    fn a_node_read_in_place_agrees_with_its_value() {
        let text = r#"
resource "t" "n" {
  quoted = "q"
  open   = var.x
  nested = { "inner" = local.y, fixed = 1 }
  block { a = "b" }
  block { a = upper("c") }
}"#;
        let d = doc("a.tf", text);
        let body = d.at("/resource/t/n").unwrap();
        let (value, shape) = body.materialise();
        let keys: Vec<&str> = body.members().map(|(key, _)| key).collect();
        let made: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, made);
        assert_eq!(body.get("quoted").and_then(Node::as_str), Some("q"));
        let nested = body.get("nested").unwrap();
        assert!(nested.get("inner").unwrap().is_unknown());
        assert!(body.get("block").unwrap().is_blocks());
        assert_eq!(shape.blocks, ["/block"]);
        let relative = [
            "/open",
            "/nested/inner",
            "/nested/fixed",
            "/block/0/a",
            "/block/1/a",
        ];
        for pointer in relative
            .into_iter()
            .chain(["/block/1/a/deeper", "/absent", ""])
        {
            let open = shape
                .unknown
                .iter()
                .any(|unknown| pointer == unknown || pointer::is_under(pointer, unknown));
            assert_eq!(body.fixes(pointer), !open, "{pointer}");
        }
        assert_eq!(
            body.get("open").and_then(Node::reference).unwrap().0,
            ["var", "x"]
        );
    }

    #[test]
    fn json_duplicate_keys_keep_the_last_value_and_both_spans() {
        let text = r#"{"name": "A", "name": "B"}"#;
        let d = doc("a.json", text);
        assert_eq!(d.value()["name"], "B");
        let dup = &d.duplicate_keys[0];
        assert_eq!((&text[dup.first.clone()], dup.first.start), ("\"name\"", 1));
        assert_eq!(
            (&text[dup.repeat.clone()], dup.repeat.start),
            ("\"name\"", 14)
        );
        assert_eq!(slice(text, &d, "/name", Part::Value), "\"B\"");
    }

    #[test]
    fn toml_spans_for_tables_arrays_of_tables_dotted_keys_and_inline_tables() {
        let text = "name = \"A\"\nmeta.owner = \"x\"\n\n[[columns]]\nname = \"p\"\ntype = \
            \"PHONE\"\n\n[[columns]]\n{}\n";
        let text = text.replace("{}\n", "name = 'e'\ntype = { a = 1 }\n");
        let d = doc("a.toml", &text);
        assert_eq!(slice(&text, &d, "/name", Part::Key), "name");
        assert_eq!(slice(&text, &d, "/name", Part::Value), "\"A\"");
        assert_eq!(slice(&text, &d, "/meta/owner", Part::Key), "owner");
        assert_eq!(slice(&text, &d, "/columns/1/name", Part::Value), "'e'");
        assert_eq!(slice(&text, &d, "/columns/1/type", Part::Opening), "{");
        assert_eq!(slice(&text, &d, "/columns/0", Part::Opening), "[[columns]]");
        assert_eq!(d.resolve("", &Part::Opening), 0..0);
    }

    fn removed(path: &str, text: &str, pointer: &str) -> String {
        let d = doc(path, text);
        let (key, value) = d.member(pointer).unwrap();
        let syntax = Syntax::detect(path, text.as_bytes());
        let range = syntax.member_removal(text, &key, &value).unwrap();
        format!("{}{}", &text[..range.start], &text[range.end..])
    }

    #[test]
    fn removing_a_member_keeps_the_rest_valid_and_formatted() {
        let json = "{\n  \"a\": 1,\n  \"b\": [2],\n  \"c\": 3\n}\n";
        assert_eq!(
            removed("x.json", json, "/a"),
            "{\n  \"b\": [2],\n  \"c\": 3\n}\n"
        );
        assert_eq!(
            removed("x.json", json, "/c"),
            "{\n  \"a\": 1,\n  \"b\": [2]\n}\n"
        );
        let toml = "name = 'x' # the name\nid = 3\n\n[[columns]]\nname = 'p'\n";
        assert_eq!(
            removed("x.toml", toml, "/name"),
            "id = 3\n\n[[columns]]\nname = 'p'\n"
        );
        let inline = "t = { a = 1, b = 2 }\n";
        assert_eq!(removed("x.toml", inline, "/t/b"), "t = { a = 1 }\n");
        let hcl = "resource \"a\" \"b\" {\n  id   = 1\n  name = \"x\"\n  c {\n  }\n}\n";
        assert_eq!(
            removed("x.tf", hcl, "/resource/a/b/id"),
            "resource \"a\" \"b\" {\n  name = \"x\"\n  c {\n  }\n}\n"
        );
        let d = doc("x.tf", hcl);
        let (key, value) = d.member("/resource/a/b/c/0").unwrap();
        assert_eq!(Syntax::Terraform.member_removal(hcl, &key, &value), None);
    }

    #[test]
    fn unknown_pointers_fall_back_to_the_nearest_ancestor_opening() {
        let text = r#"{"columns": [{"name": "p"}]}"#;
        let d = doc("a.json", text);
        assert_eq!(slice(text, &d, "/columns/0/type", Part::Value), "{");
    }
}
