//! The provider table as `build.rs` compiles it from `schemas/provider/genesyscloud.json`:
//! static arrays of integers and one string of names, read through [`Node`].

use super::Version;

/// One resource type or attribute: where its name is in [`NAMES`], its parent and children (as
/// node indices), and its version ranges (as spans of [`RANGES`]).
pub(super) struct RawNode {
    name: (u32, u16),
    parent: u16,
    children: (u16, u16),
    /// Whether the table knows its attributes (a resource type or a block it describes).
    described: bool,
    block: bool,
    present: (u16, u16),
    required: (u16, u16),
    computed: (u16, u16),
    /// The version index from which it is deprecated, or `u16::MAX`.
    deprecated: u16,
    replacement: (u32, u16),
    values: (u16, u16),
}

/// One value of an attribute's enumeration and the ranges it is allowed in.
pub(super) struct RawValue {
    name: (u32, u16),
    present: (u16, u16),
}

include!(concat!(env!("OUT_DIR"), "/provider_table.rs"));

/// Every release the table covers, oldest first.
pub(super) fn versions() -> impl DoubleEndedIterator<Item = Version> + ExactSizeIterator {
    VERSIONS.iter().map(|&packed| Version(packed))
}

/// The index of a release in the table.
pub(super) fn index_of(version: Version) -> Option<usize> {
    VERSIONS.binary_search(&version.0).ok()
}

fn name((start, len): (u32, u16)) -> &'static str {
    &NAMES[start as usize..start as usize + len as usize]
}

/// Version ranges `[since, until)` of the table, as versions (`until`: `None` when still there).
fn ranges((start, len): (u16, u16)) -> impl Iterator<Item = (Version, Option<Version>)> {
    RANGES[start as usize..(start + len) as usize]
        .iter()
        .map(|&(since, until)| {
            let until = VERSIONS.get(until as usize).map(|&packed| Version(packed));
            (Version(VERSIONS[since as usize]), until)
        })
}

fn holds(spans: (u16, u16), version: Version) -> bool {
    let index = match index_of(version) {
        Some(index) => index as u16,
        None => {
            return ranges(spans)
                .any(|(since, until)| since <= version && until.is_none_or(|u| version < u));
        }
    };
    RANGES[spans.0 as usize..(spans.0 + spans.1) as usize]
        .iter()
        .any(|&(since, until)| since <= index && index < until)
}

/// A resource type or an attribute (or block) of one, across every release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node(u16);

impl std::fmt::Debug for RawNode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(name(self.name))
    }
}

impl Node {
    fn raw(self) -> &'static RawNode {
        &NODES[self.0 as usize]
    }

    /// The resource types of the table, described ones first.
    pub fn types() -> impl Iterator<Item = Node> {
        (0..NODES.len() as u16)
            .map(Node)
            .take_while(|node| node.raw().parent == u16::MAX)
    }

    /// The resource type of that name.
    pub fn resource(type_name: &str) -> Option<Node> {
        Node::types().find(|node| node.name() == type_name)
    }

    pub fn name(self) -> &'static str {
        name(self.raw().name)
    }

    /// Whether the table knows what it holds (every described resource; blocks it lists).
    pub fn is_described(self) -> bool {
        self.raw().described
    }

    /// Whether it is written as a block (`phone_columns { ... }`).
    pub fn is_block(self) -> bool {
        self.raw().block
    }

    /// Its attributes and blocks, in the table's (alphabetical) order.
    pub fn children(self) -> impl Iterator<Item = Node> {
        let (first, count) = self.raw().children;
        (first..first + count).map(Node)
    }

    /// The attribute or block of that name, searched in the table's (alphabetical) order.
    pub fn child(self, name: &str) -> Option<Node> {
        let (first, count) = self.raw().children;
        let (mut low, mut high) = (first, first + count);
        while low < high {
            let middle = low + (high - low) / 2;
            match Node(middle).name().cmp(name) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(Node(middle)),
            }
        }
        None
    }

    /// Whether a version has it.
    pub fn exists_in(self, version: Version) -> bool {
        holds(self.raw().present, version)
    }

    /// The first release that has it after `version` (for "needs provider X or newer").
    pub fn next_since(self, version: Version) -> Option<Version> {
        ranges(self.raw().present)
            .map(|(since, _)| since)
            .find(|since| *since > version)
    }

    /// The release that removed it before `version`, when it existed before and not since.
    pub fn removed_before(self, version: Version) -> Option<Version> {
        ranges(self.raw().present)
            .filter_map(|(_, until)| until)
            .filter(|until| *until <= version)
            .last()
    }

    /// Whether it exists at any release of the table.
    pub fn ever_exists(self) -> bool {
        self.raw().present.1 > 0
    }

    /// Whether a version requires it.
    pub fn required_in(self, version: Version) -> bool {
        holds(self.raw().required, version)
    }

    /// Whether a version computes it (read-only: a configuration may not set it).
    pub fn computed_in(self, version: Version) -> bool {
        holds(self.raw().computed, version)
    }

    /// The releases in which it is required, as ranges (for messages).
    pub fn required_ranges(self) -> impl Iterator<Item = (Version, Option<Version>)> {
        ranges(self.raw().required)
    }

    /// Whether a version deprecates it, and what replaces it.
    pub fn deprecated_in(self, version: Version) -> Option<Deprecation> {
        let since = self.raw().deprecated;
        let since = Version(*VERSIONS.get(since as usize)?);
        (since <= version).then(|| Deprecation {
            since,
            replacement: Some(name(self.raw().replacement)).filter(|r| !r.is_empty()),
        })
    }

    /// The values the table knows for it, each with whether `version` allows it; empty when it
    /// knows none (a free value).
    pub fn values(self) -> impl Iterator<Item = EnumValue> {
        let (start, count) = self.raw().values;
        (start..start + count).map(EnumValue)
    }

    /// Its parent: the resource type or block it belongs to.
    pub fn parent(self) -> Option<Node> {
        let parent = self.raw().parent;
        (parent != u16::MAX).then_some(Node(parent))
    }
}

/// What deprecates an attribute in a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deprecation {
    pub since: Version,
    /// The attribute the provider says to use instead.
    pub replacement: Option<&'static str>,
}

/// One value of an attribute's enumeration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnumValue(u16);

impl EnumValue {
    fn raw(self) -> &'static RawValue {
        &VALUES[self.0 as usize]
    }

    pub fn name(self) -> &'static str {
        name(self.raw().name)
    }

    pub fn allowed_in(self, version: Version) -> bool {
        holds(self.raw().present, version)
    }

    /// The first release after `version` that allows it.
    pub fn next_since(self, version: Version) -> Option<Version> {
        ranges(self.raw().present)
            .map(|(since, _)| since)
            .find(|since| *since > version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Node::child`] searches by halves: every node's attributes and blocks are in strictly
    /// increasing order of name, and each is found by its name.
    #[test]
    fn children_are_in_order_and_found_by_name() {
        for node in (0..NODES.len() as u16).map(Node) {
            let names: Vec<&str> = node.children().map(Node::name).collect();
            assert!(names.windows(2).all(|pair| pair[0] < pair[1]), "{names:?}");
            for child in node.children() {
                assert_eq!(node.child(child.name()), Some(child));
            }
            assert_eq!(node.child("~ no such attribute"), None);
        }
    }
}
