//! A Terraform resource of the provider as written, judged against the table at one version:
//! each attribute and block it writes, and where each stands in that version (known, not yet
//! there, removed, never there). The walk stops at what the version lacks, so that a block the
//! version does not have yet is one finding, not one per attribute inside it.

use std::ops::Range;

use super::{Node, Version};
use crate::pointer;
use crate::syntax::{self, DYNAMIC, META_ARGUMENTS};

/// A value of a resource where it is written: a node of its document, read in place.
pub type WrittenValue<'d> = syntax::Node<'d>;

/// A `genesyscloud_outbound_*` resource of a document, as written.
#[derive(Debug)]
pub struct Declared<'d> {
    pub type_name: &'d str,
    /// `genesyscloud_outbound_campaign.sales`.
    pub address: String,
    /// The pointer of the resource's body in its document.
    pub base: String,
    /// Its body where it is written (an object), read in place: its keys written as blocks
    /// and the values it leaves open are the document's.
    pub written: WrittenValue<'d>,
    /// Whether blocks and arguments are written differently (HCL), so that one written as the
    /// other is a mistake.
    pub blocks_distinct: bool,
}

/// Where a written attribute, block or resource type stands in one version of the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The version has it.
    Known,
    /// A later release brings it.
    NotYet(Version),
    /// A release up to the version removed it.
    Removed(Version),
    /// No release of the table has it.
    Never,
}

/// One attribute or block a resource writes.
#[derive(Debug)]
pub struct WrittenItem<'d> {
    /// Where its Terraform pointer (relative to the resource) is in [`Judged::pointer`]'s text.
    pointer: Range<usize>,
    pub name: &'d str,
    pub value: WrittenValue<'d>,
    /// Its entry in the table, when the table has one.
    pub node: Option<Node>,
    /// The resource type or block it is in.
    pub owner: Node,
    /// The block it is in (`phone_columns`), `None` at the resource's top level.
    pub block: Option<&'static str>,
    pub standing: Standing,
    /// Whether it is written as a block.
    pub as_block: bool,
}

/// A written resource's type and attributes, judged at one version.
#[derive(Debug)]
pub struct Judged<'d> {
    /// The resource type's entry, when the table has one.
    pub type_node: Option<Node>,
    pub type_standing: Standing,
    /// Every attribute and block written, in order, not looking inside what the version
    /// lacks; empty when the type itself is not there (or not described).
    pub items: Vec<WrittenItem<'d>>,
    /// The items' pointers, one after another: one string for a resource, not one for each
    /// of the hundred thousand attributes of an export.
    pointers: String,
}

impl Judged<'_> {
    /// An item's Terraform pointer, relative to the resource.
    pub fn pointer(&self, item: &WrittenItem) -> &str {
        &self.pointers[item.pointer.clone()]
    }
}

/// Where a node stands in a version.
pub fn standing(node: Option<Node>, version: Version) -> Standing {
    let Some(node) = node.filter(|node| node.ever_exists()) else {
        return Standing::Never;
    };
    if node.exists_in(version) {
        return Standing::Known;
    }
    match (node.next_since(version), node.removed_before(version)) {
        (Some(since), _) => Standing::NotYet(since),
        (None, Some(removed)) => Standing::Removed(removed),
        (None, None) => Standing::Never,
    }
}

impl<'d> Declared<'d> {
    /// The resource judged at a version.
    pub fn judge(&self, version: Version) -> Judged<'d> {
        let type_node = Node::resource(self.type_name);
        let type_standing = standing(type_node, version);
        let mut judged = Judged {
            type_node,
            type_standing,
            items: Vec::new(),
            pointers: String::new(),
        };
        if let Some(node) =
            type_node.filter(|n| n.is_described() && type_standing == Standing::Known)
        {
            let at = &mut String::new();
            self.collect(self.written, at, node, None, version, &mut judged);
        }
        judged
    }

    /// Adds the attributes and blocks `written` (at Terraform pointer `at`) holds to `judged`,
    /// each block's own before it.
    fn collect(
        &self,
        written: WrittenValue<'d>,
        at: &mut String,
        owner: Node,
        block: Option<&'static str>,
        version: Version,
        judged: &mut Judged<'d>,
    ) {
        for (name, value) in written.members() {
            if name == DYNAMIC || (block.is_none() && META_ARGUMENTS.contains(&name)) {
                continue;
            }
            let len = at.len();
            pointer::push_key(at, name);
            let start = judged.pointers.len();
            judged.pointers.push_str(at);
            let pointer = start..judged.pointers.len();
            let node = owner.child(name);
            let standing = standing(node, version);
            let as_block = value.is_blocks();
            if let Some(node) = node.filter(|n| standing == Standing::Known && n.is_described()) {
                self.each_block(value, at, &mut |at, entry| {
                    self.collect(entry, at, node, Some(node.name()), version, judged);
                });
            }
            judged.items.push(WrittenItem {
                pointer,
                name,
                value,
                node,
                owner,
                block,
                standing,
                as_block,
            });
            at.truncate(len);
        }
    }

    /// The blocks a block attribute's value (at Terraform pointer `at`) writes, with their
    /// pointers: each object of an array, or in Terraform's JSON syntax one object for a single
    /// block.
    pub fn block_entries(
        &self,
        value: WrittenValue<'d>,
        at: &str,
    ) -> Vec<(String, WrittenValue<'d>)> {
        let mut entries = Vec::new();
        self.each_block(value, &mut at.to_owned(), &mut |at, entry| {
            entries.push((at.clone(), entry));
        });
        entries
    }

    /// Calls `visit` with each block of [`Declared::block_entries`], `at` grown to its pointer.
    fn each_block(
        &self,
        value: WrittenValue<'d>,
        at: &mut String,
        visit: &mut dyn FnMut(&mut String, WrittenValue<'d>),
    ) {
        if value.is_object() {
            if !self.blocks_distinct {
                visit(at, value);
            }
            return;
        }
        let len = at.len();
        for (index, item) in value.items().enumerate() {
            if item.is_object() {
                pointer::push_index(at, index);
                visit(at, item);
                at.truncate(len);
            }
        }
    }

    /// Whether the file fixes the value at a Terraform pointer (relative).
    pub fn fixes(&self, at: &str) -> bool {
        self.written.fixes(at)
    }
}
