//! Building a [`Document`] in one parse: each syntax adds nodes as it meets them, with their
//! spans, and says what the text does not write as it is.

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;
use std::sync::OnceLock;

use serde_json::Value;

use super::{
    BLOCKS, Document, DuplicateKey, KEY_KEPT, Kind, NONE, REPEATS, Reference, SHADOWED, Slot, Span,
    SyntaxError, VALUE_KEPT, WRITTEN_REFERENCE, verbatim,
};

/// A document being built; node 0 is the root.
pub(in crate::syntax) struct Builder<'t> {
    document: Document<'t>,
    /// The last child of each node, to add the next one after it.
    last: Vec<u32>,
}

impl<'t> Builder<'t> {
    /// A builder for `text`, whose offsets must fit the nodes' 32 bits.
    pub(in crate::syntax) fn new(text: &'t str) -> Result<Builder<'t>, SyntaxError> {
        if u32::try_from(text.len()).is_err() {
            return Err(SyntaxError {
                message: "a file of 4 GiB or more cannot be parsed".into(),
                range: 0..0,
            });
        }
        // Room for more nodes than any text holds (one in 30 bytes in an export), so that the
        // nodes are not copied as they grow: pages never written to cost no memory.
        let room = text.len() / 16;
        let (mut nodes, mut last) = (Vec::with_capacity(room), Vec::with_capacity(room));
        crate::memory::prefer_huge_pages(&mut nodes);
        crate::memory::prefer_huge_pages(&mut last);
        Ok(Builder {
            document: Document {
                text: text.into(),
                nodes,
                keys: HashMap::new(),
                scalars: HashMap::new(),
                references: HashMap::new(),
                duplicate_keys: Vec::new(),
                wide: OnceLock::new(),
            },
            last,
        })
    }

    /// Adds a node as the last child of `parent` (`None` for the root), with its key span and
    /// value span (`None`: not recorded); returns its id.
    pub(in crate::syntax) fn add(
        &mut self,
        parent: Option<u32>,
        kind: Kind,
        key: Option<Range<usize>>,
        value: Option<Range<usize>>,
    ) -> u32 {
        let id = self.document.nodes.len() as u32;
        self.document.nodes.push(Slot {
            key: Span::of(key),
            value: Span::of(value),
            first: NONE,
            next: NONE,
            kind,
            flags: 0,
        });
        self.last.push(NONE);
        if let Some(parent) = parent {
            match self.last[parent as usize] {
                NONE => self.document.nodes[parent as usize].first = id,
                previous => self.document.nodes[previous as usize].next = id,
            }
            self.last[parent as usize] = id;
        }
        id
    }

    /// Records the key a node's key span means, when the text does not write it as it is.
    pub(in crate::syntax) fn key_is(&mut self, id: u32, key: &str) {
        let span = self.document.slot(id).key.range().unwrap_or_default();
        let slot = &mut self.document.nodes[id as usize];
        match verbatim(&self.document.text, span) == key {
            true => slot.flags &= !KEY_KEPT,
            false => {
                slot.flags |= KEY_KEPT;
                self.document.keys.insert(id, key.into());
            }
        }
    }

    /// Records the string a string node means, when the text does not write it as it is.
    pub(in crate::syntax) fn string_is(&mut self, id: u32, text: &str) {
        let span = self.document.slot(id).value.range().unwrap_or_default();
        match verbatim(&self.document.text, span) == text {
            true => self.document.nodes[id as usize].flags &= !VALUE_KEPT,
            false => self.scalar_is(id, text.into()),
        }
    }

    /// Keeps a scalar's value (a node of kind [`Kind::Scalar`]).
    pub(in crate::syntax) fn scalar_is(&mut self, id: u32, value: Value) {
        self.document.nodes[id as usize].flags |= VALUE_KEPT;
        self.document.scalars.insert(id, value);
    }

    /// The value a string node means (after [`Builder::string_is`]).
    pub(in crate::syntax) fn string(&self, id: u32) -> &str {
        match self.document.kept(id).and_then(Value::as_str) {
            Some(kept) => kept,
            None => {
                let span = self.document.slot(id).value.range().unwrap_or_default();
                verbatim(&self.document.text, span)
            }
        }
    }

    /// Records spans again: a later block of the same labels says where the node is.
    pub(in crate::syntax) fn respan(&mut self, id: u32, key: Range<usize>, value: Range<usize>) {
        let slot = &mut self.document.nodes[id as usize];
        (slot.key, slot.value) = (Span::of(Some(key)), Span::of(Some(value)));
    }

    /// Where a value written between two known offsets ends (a container, once closed).
    pub(in crate::syntax) fn end(&mut self, id: u32, end: usize) {
        self.document.nodes[id as usize].value.end = end as u32;
    }

    /// How many nodes there are (their ids are `0..len`).
    pub(in crate::syntax) fn len(&self) -> u32 {
        self.document.nodes.len() as u32
    }

    pub(in crate::syntax) fn kind(&self, id: u32) -> Kind {
        self.document.slot(id).kind
    }

    pub(in crate::syntax) fn set_kind(&mut self, id: u32, kind: Kind) {
        self.document.nodes[id as usize].kind = kind;
    }

    /// Marks a node's key as written with HCL blocks.
    pub(in crate::syntax) fn blocks(&mut self, id: u32) {
        self.document.nodes[id as usize].flags |= BLOCKS;
    }

    pub(in crate::syntax) fn is_blocks(&self, id: u32) -> bool {
        self.document.slot(id).flags & BLOCKS != 0
    }

    /// Marks that `object` holds a key twice; `shadowed`, the earlier member (JSON), no longer
    /// counts.
    pub(in crate::syntax) fn repeats(&mut self, object: u32, shadowed: Option<u32>) {
        self.document.nodes[object as usize].flags |= REPEATS;
        if let Some(shadowed) = shadowed {
            self.document.nodes[shadowed as usize].flags |= SHADOWED;
        }
    }

    /// Makes a string node of Terraform's JSON syntax an unknown value that is the reference it
    /// writes (`${TYPE.NAME.ATTR}`).
    pub(in crate::syntax) fn written_reference(&mut self, id: u32) {
        self.set_kind(id, Kind::Unknown);
        self.document.nodes[id as usize].flags |= WRITTEN_REFERENCE;
    }

    /// Makes a node an unknown value, and the reference it is when it is a plain one.
    pub(in crate::syntax) fn unknown(&mut self, id: u32, reference: Option<Reference>) {
        self.set_kind(id, Kind::Unknown);
        if let Some(reference) = reference {
            self.document.references.insert(id, reference);
        }
    }

    /// A node's key as the text means it.
    pub(in crate::syntax) fn key(&self, id: u32) -> Option<&str> {
        self.document.key(id)
    }

    /// The last child of `parent` with that key.
    pub(in crate::syntax) fn child(&self, parent: u32, key: &str) -> Option<u32> {
        let children = self.document.children(parent);
        children
            .filter(|&c| self.document.key(c) == Some(key))
            .last()
    }

    /// The children of a node, in order.
    pub(in crate::syntax) fn children(&self, id: u32) -> Vec<u32> {
        self.document.children(id).collect()
    }

    pub(in crate::syntax) fn duplicate(&mut self, duplicate: DuplicateKey) {
        self.document.duplicate_keys.push(duplicate);
    }

    pub(in crate::syntax) fn finish(mut self) -> Document<'t> {
        self.document.nodes.shrink_to_fit();
        self.document
    }
}
