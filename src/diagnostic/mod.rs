//! The diagnostic model. Rules produce [`Finding`]s that speak JSON pointers; the engine places
//! them into [`Diagnostic`]s that carry text ranges. Renderers only ever see diagnostics.
//!
//! Owns: severities, rule metadata, findings, diagnostics and fixes. Never imports `rules`,
//! `syntax` (the parsers), `engine`, `render` or `cli`.

mod fix;
mod rule_meta;

use std::fmt;
use std::ops::Range;

pub use fix::{Applicability, Content, Edit, FindingFix, Fix, TargetEdit};
pub use rule_meta::{ClaimTier, RuleMeta};

use crate::model::Profile;
use crate::pointer::Part;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A location in a parsed document: a pointer and which part of its node.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub pointer: String,
    pub part: Part,
}

/// A secondary place of a finding; `file` is another file of the run (`None`: the same file).
#[derive(Debug, Clone)]
pub struct FindingLabel<At = Target> {
    pub file: Option<usize>,
    pub target: At,
    pub message: String,
}

/// What a rule reports, before positions are known. `At` is how it names places: a [`Target`]
/// (a pointer in a list) for list rules, or a span of a streamed contact file for theirs; the
/// engine's locator for that kind turns it into a text range.
#[derive(Debug, Clone)]
pub struct Finding<At = Target> {
    pub rule: &'static RuleMeta,
    /// The finding's own severity, used while its rule's level is the default (a case-only
    /// duplicate header is a warning of an error rule).
    pub severity: Option<Severity>,
    pub target: At,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<FindingLabel<At>>,
    pub fix: Option<FindingFix>,
}

impl<At> Finding<At> {
    /// A finding of `rule` at a place, with its message.
    pub fn at(rule: &'static RuleMeta, target: impl Into<At>, message: String) -> Finding<At> {
        Finding {
            rule,
            severity: None,
            target: target.into(),
            message,
            help: None,
            labels: Vec::new(),
            fix: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Finding<At> {
        self.help = Some(help.into());
        self
    }
}

impl Finding {
    pub fn new(
        rule: &'static RuleMeta,
        pointer: impl Into<String>,
        part: Part,
        message: String,
    ) -> Finding {
        let target = Target {
            pointer: pointer.into(),
            part,
        };
        Finding::at(rule, target, message)
    }

    /// A secondary place in the same file.
    pub fn label(
        self,
        pointer: impl Into<String>,
        part: Part,
        message: impl Into<String>,
    ) -> Finding {
        self.label_in(None, pointer, part, message)
    }

    /// A secondary place, in another file of the run when `file` is set.
    pub fn label_in(
        mut self,
        file: Option<usize>,
        pointer: impl Into<String>,
        part: Part,
        message: impl Into<String>,
    ) -> Finding {
        let target = Target {
            pointer: pointer.into(),
            part,
        };
        self.labels.push(FindingLabel {
            file,
            target,
            message: message.into(),
        });
        self
    }

    /// An unsafe fix that removes the member at the primary place (key and value).
    pub fn removal(mut self) -> Finding {
        let target = Target {
            pointer: self.target.pointer.clone(),
            part: Part::Member,
        };
        self.fix = Some(FindingFix {
            edits: vec![TargetEdit {
                target,
                content: Content::Removed,
            }],
            applicability: Applicability::Unsafe,
        });
        self
    }

    /// A did-you-mean: the help line, and an unsafe fix (a guess) that writes the suggestion
    /// at the primary place.
    pub fn suggest(self, suggestion: Option<&str>) -> Finding {
        match suggestion {
            Some(s) => {
                let mut finding = self.help(format!("did you mean \"{s}\"?"));
                finding.fix = Some(FindingFix {
                    edits: vec![TargetEdit {
                        target: finding.target.clone(),
                        content: Content::Quoted(s.to_owned()),
                    }],
                    applicability: Applicability::Unsafe,
                });
                finding
            }
            None => self,
        }
    }
}

/// Index of a file in a run's list of checked files.
pub type FileId = usize;

/// A secondary span, possibly in another file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub range: Range<usize>,
    pub message: String,
}

/// A finding placed in the text (offsets into the file's decoded text), at its configured
/// severity.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub file: FileId,
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub profile: Option<Profile>,
    /// The Terraform resource the diagnostic is about (`genesyscloud_outbound_contact_list.x`).
    pub resource: Option<String>,
    pub message: String,
    pub pointer: Option<String>,
    pub range: Range<usize>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// For a finding in a contact file: its 1-based data row, and the header of its cell.
    pub row: Option<u64>,
    pub column_name: Option<String>,
}

/// A short, single-line rendering of a value for messages (long values are cut).
pub fn show_value(value: &serde_json::Value) -> String {
    const MAX: usize = 40;
    let text = value.to_string();
    if text.chars().count() <= MAX {
        return text;
    }
    match value {
        // A cut string keeps its closing quote: `"xxxx…"`.
        serde_json::Value::String(s) => {
            let cut: String = s.chars().take(MAX - 3).collect();
            let quoted = serde_json::Value::from(cut).to_string();
            format!("{}…\"", &quoted[..quoted.len() - 1])
        }
        _ => {
            let cut: String = text.chars().take(MAX - 1).collect();
            format!("{cut}…")
        }
    }
}
