//! Fixes as lists of edits with an applicability (docs/fixes.md), in two stages like every finding: a
//! rule states its edits against places in the document ([`FindingFix`]); the engine places them
//! in the text ([`Fix`]). Applying them is not done here.

use std::ops::Range;

use super::Target;

/// How sure a fix is to keep what the author meant; ordered from least to most applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Shown, never applied.
    DisplayOnly,
    /// Applied with `--unsafe-fixes`: a guess (a did-you-mean) or a removal.
    Unsafe,
    /// Applied with `--fix`: keeps the meaning the author evidently meant.
    Safe,
}

/// What an edit writes in place of its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// This text as a string literal (or bare key) in the file's own syntax.
    Quoted(String),
    /// Nothing: the member at the target (a `Part::Member`) is removed with its separator.
    Removed,
    /// A plain reference (`genesyscloud_outbound_contact_list.sales.id`, by its names), written
    /// as the file's syntax writes one: bare in HCL, `"${…}"` in Terraform's JSON.
    Reference(Vec<String>),
}

/// One edit as a rule states it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetEdit {
    pub target: Target,
    pub content: Content,
}

/// A fix as a rule states it.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingFix {
    pub edits: Vec<TargetEdit>,
    pub applicability: Applicability,
}

/// An edit of the text: replace `range` (offsets in the decoded text) with `replacement`. An
/// empty range inserts; an empty replacement deletes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// A fix placed in the text; its edits never overlap and are in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Applicability {
    /// How JSON output and `explain` name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

impl Fix {
    /// The edit of a fix that is one replacement, the only kind the output formats show so far.
    pub fn single_edit(&self) -> Option<&Edit> {
        match self.edits.as_slice() {
            [edit] => Some(edit),
            _ => None,
        }
    }
}
