//! What a run checks: the profile, which rules are on and at which severity, and the size cap.

use crate::diagnostic::Severity;
use crate::profile::Profile;
use crate::rules::{self, RuleMeta};

/// The default size cap: 8 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// Settings that apply to a file.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `None` detects the profile from each file's content.
    pub profile: Option<Profile>,
    /// When set, only these rules run.
    pub select: Option<Vec<&'static str>>,
    /// These rules never run.
    pub ignore: Vec<&'static str>,
    pub max_file_size: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            profile: None,
            select: None,
            ignore: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

impl Settings {
    /// The severity a rule reports with, or `None` when it is off.
    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        let selected = self.select.as_ref().is_none_or(|s| s.contains(&rule.id));
        (selected && !self.ignore.contains(&rule.id)).then_some(rule.severity)
    }
}

/// Parses a comma-separated list of rule ids; an unknown id is an error with a suggestion.
pub fn parse_rule_list(text: &str) -> Result<Vec<&'static str>, UnknownRule> {
    text.split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| {
            rules::find(id)
                .map(|r| r.meta().id)
                .ok_or_else(|| UnknownRule::new(id))
        })
        .collect()
}

/// A rule id that is not in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule {
    pub id: String,
    pub suggestion: Option<&'static str>,
}

impl UnknownRule {
    pub fn new(id: &str) -> UnknownRule {
        let ids: Vec<&'static str> = rules::RULES.iter().map(|r| r.meta().id).collect();
        UnknownRule {
            id: id.to_owned(),
            suggestion: crate::suggest::did_you_mean(id, &ids, &[]),
        }
    }
}

impl std::fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown rule `{}`", self.id)?;
        if let Some(s) = self.suggestion {
            write!(f, " (did you mean `{s}`?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownRule {}
