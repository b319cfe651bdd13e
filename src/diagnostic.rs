//! The diagnostic model. Rules produce [`Finding`]s that speak JSON pointers; the engine resolves
//! them into [`Diagnostic`]s that carry text ranges. Renderers only ever see diagnostics.

use std::fmt;
use std::ops::Range;

use crate::document::Part;
use crate::profile::Profile;
use crate::rules::RuleMeta;

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
pub struct FindingLabel {
    pub file: Option<usize>,
    pub target: Target,
    pub message: String,
}

/// What a rule reports, before positions are known.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub target: Target,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<FindingLabel>,
    /// Replace the primary span with a string holding this text.
    pub fix: Option<String>,
}

impl Finding {
    pub fn new(
        rule: &'static RuleMeta,
        pointer: impl Into<String>,
        part: Part,
        message: String,
    ) -> Finding {
        Finding {
            rule,
            target: Target {
                pointer: pointer.into(),
                part,
            },
            message,
            help: None,
            labels: Vec::new(),
            fix: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
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

    /// A did-you-mean: the help line, and a fix that writes the suggestion as a string.
    pub fn suggest(self, suggestion: Option<&str>) -> Finding {
        match suggestion {
            Some(s) => {
                let mut finding = self.help(format!("did you mean \"{s}\"?"));
                finding.fix = Some(s.to_owned());
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

/// A replacement for a span that fixes the diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub range: Range<usize>,
    pub replacement: String,
}

/// A finding with resolved text ranges (offsets into the file's decoded text).
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub file: FileId,
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub profile: Option<Profile>,
    pub message: String,
    pub pointer: Option<String>,
    pub range: Range<usize>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic at a raw range, for problems found before there is a document.
    pub fn at(
        file: FileId,
        rule: &'static RuleMeta,
        range: Range<usize>,
        message: String,
    ) -> Diagnostic {
        Diagnostic {
            file,
            rule,
            severity: rule.severity,
            profile: None,
            message,
            pointer: None,
            range,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }
}

/// A short, single-line rendering of a value for messages (long values are cut).
pub fn show_value(value: &serde_json::Value) -> String {
    const MAX: usize = 40;
    let text = value.to_string();
    if text.chars().count() <= MAX {
        return text;
    }
    let cut: String = text.chars().take(MAX - 1).collect();
    format!("{cut}…")
}
