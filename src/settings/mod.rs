//! What applies to one file: the profile, each rule's level (and why), and the size cap; and
//! where that comes from, `contactlint.toml` ([`config`]).
//!
//! Layers, weakest first: built-in defaults, the configuration file's `[rules]`, the
//! `[[overrides]]` that match the file (later ones win), then `--select` and `--ignore`. The
//! rules about the file itself (`syntax-error`, `invalid-encoding`, `file-too-large`) stay on
//! whatever `--select` says.
//!
//! Never imports `engine`, `walk`, `render` or `cli`.

pub mod config;
mod pairing;
pub mod provider;

pub use pairing::{ListRef, Pairing};

use std::fmt;
use std::sync::Arc;

use crate::diagnostic::{RuleMeta, Severity};
use crate::model::Profile;
use crate::model::provider::Choice;
use crate::rules::{self, RULES};

/// The default size cap: 8 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// The default size cap of a Terraform file: 128 MiB. The provider's exporter writes a whole
/// organisation to one `genesyscloud.tf.json`, tens of megabytes for a real one; a configured
/// `max-file-size` applies to Terraform files too.
pub const DEFAULT_TERRAFORM_MAX_FILE_SIZE: u64 = 128 * 1024 * 1024;

/// Whether a rule runs, and at which severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    On(Severity),
    Off,
}

/// Which layer decided a rule's level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LevelSource {
    Default,
    /// The configuration file's `[rules]`.
    Config,
    /// The n-th `[[overrides]]` entry (1-based).
    Override(usize),
    Select,
    Ignore,
}

impl fmt::Display for LevelSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LevelSource::Default => f.write_str("default"),
            LevelSource::Config => f.write_str("[rules] in the configuration file"),
            LevelSource::Override(n) => write!(f, "[[overrides]] entry {n}"),
            LevelSource::Select => f.write_str("--select"),
            LevelSource::Ignore => f.write_str("--ignore"),
        }
    }
}

/// One rule's level from one layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleLevel {
    pub rule: &'static str,
    pub level: Level,
    pub source: LevelSource,
}

/// `--select` and `--ignore`, which win over every file-based layer.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Option<Vec<&'static str>>,
    pub ignore: Vec<&'static str>,
}

/// Settings that apply to a file.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `None` detects the profile from each file's content.
    pub profile: Option<Profile>,
    /// One entry per rule, in registry order.
    levels: Vec<RuleLevel>,
    pub max_file_size: u64,
    /// The size cap of Terraform files (`.tf`, `.tf.json`).
    pub terraform_max_file_size: u64,
    /// The namespace of list names the file belongs to (`name-scopes`): the directory, relative
    /// to the configuration, of the scope it lies in; `None` is the run's own.
    pub name_scope: Option<String>,
    /// For a contact file: the list it is imported into (`[[contacts]]`, `--list`).
    pub pairing: Option<Arc<Pairing>>,
    /// The most data rows a contact file may have (Genesys Cloud's 1,000,000; lower in tests).
    pub max_rows: u64,
    /// The provider versions a Terraform file is judged with: one, unless the roots that call
    /// its module run different versions.
    pub providers: Vec<Choice>,
    /// The most columns a list (and a contact file) may have: `[limits] columns`.
    pub max_columns: usize,
}

/// Genesys Cloud's limit of contacts in a list.
pub const MAX_CONTACTS: u64 = 1_000_000;

/// The documented limit of columns in a list, the default of `[limits] columns`: an
/// organisation may have more.
pub const MAX_COLUMNS: usize = 50;

impl Default for Settings {
    fn default() -> Settings {
        Settings::layered(None, DEFAULT_MAX_FILE_SIZE, &[], &Selection::default())
    }
}

impl Settings {
    /// Applies `layers` (weakest first) over the defaults, then the command-line selection.
    pub fn layered(
        profile: Option<Profile>,
        max_file_size: u64,
        layers: &[&[RuleLevel]],
        selection: &Selection,
    ) -> Settings {
        let levels = RULES
            .iter()
            .map(|rule| {
                let meta = rule.meta();
                let mut current = RuleLevel {
                    rule: meta.id,
                    level: Level::On(meta.severity),
                    source: LevelSource::Default,
                };
                for layer in layers {
                    if let Some(set) = layer.iter().rev().find(|l| l.rule == meta.id) {
                        current = set.clone();
                    }
                }
                if let Some(select) = &selection.select {
                    // A file that cannot be read or parsed is never hidden by a selection: only
                    // an explicit `--ignore` or `off` of that very rule silences it.
                    if !select.contains(&meta.id) && !rules::FILE_RULES.contains(&meta.id) {
                        current = RuleLevel {
                            rule: meta.id,
                            level: Level::Off,
                            source: LevelSource::Select,
                        };
                    } else if current.level == Level::Off {
                        current = RuleLevel {
                            rule: meta.id,
                            level: Level::On(meta.severity),
                            source: LevelSource::Select,
                        };
                    }
                }
                if selection.ignore.contains(&meta.id) {
                    current = RuleLevel {
                        rule: meta.id,
                        level: Level::Off,
                        source: LevelSource::Ignore,
                    };
                }
                current
            })
            .collect();
        Settings {
            profile,
            levels,
            max_file_size,
            terraform_max_file_size: DEFAULT_TERRAFORM_MAX_FILE_SIZE.max(max_file_size),
            name_scope: None,
            pairing: None,
            max_rows: MAX_CONTACTS,
            providers: vec![Choice::newest()],
            max_columns: MAX_COLUMNS,
        }
    }

    /// The severity a rule reports with, or `None` when it is off.
    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        match self.level(rule).level {
            Level::On(severity) => Some(severity),
            Level::Off => None,
        }
    }

    /// The severity a finding is reported with, or `None` when its rule is off: the rule's
    /// level, unless that is its default (or `--select` turned it on) and the finding has a
    /// severity of its own (`own`).
    pub fn severity_of(&self, rule: &RuleMeta, own: Option<Severity>) -> Option<Severity> {
        let configured = self.severity(rule)?;
        Some(match (&self.level(rule).source, own) {
            (LevelSource::Default | LevelSource::Select, Some(own)) => own,
            _ => configured,
        })
    }

    /// A rule's level and the layer that set it.
    pub fn level(&self, rule: &RuleMeta) -> &RuleLevel {
        self.levels
            .iter()
            .find(|l| l.rule == rule.id)
            .expect("every registered rule has a level")
    }

    /// Every rule's level, in registry order.
    pub fn levels(&self) -> &[RuleLevel] {
        &self.levels
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
        let ids: Vec<&'static str> = RULES.iter().map(|r| r.meta().id).collect();
        UnknownRule {
            id: id.to_owned(),
            suggestion: crate::suggest::did_you_mean(id, &ids, &[]),
        }
    }
}

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule `{}`", self.id)?;
        if let Some(s) = self.suggestion {
            write!(f, " (did you mean `{s}`?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownRule {}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(rule: &'static str, level: Level, source: LevelSource) -> RuleLevel {
        RuleLevel {
            rule,
            level,
            source,
        }
    }

    #[test]
    fn later_layers_win_and_the_command_line_wins_last() {
        let config = [level(
            "unknown-field",
            Level::On(Severity::Error),
            LevelSource::Config,
        )];
        let over = [level("unknown-field", Level::Off, LevelSource::Override(1))];
        let meta = &rules::find("unknown-field").unwrap().meta();
        let only_config = Settings::layered(None, 1, &[&config], &Selection::default());
        assert_eq!(only_config.severity(meta), Some(Severity::Error));
        let both = Settings::layered(None, 1, &[&config, &over], &Selection::default());
        assert_eq!(both.level(meta).source, LevelSource::Override(1));
        assert_eq!(both.severity(meta), None);
        let selected = Settings::layered(
            None,
            1,
            &[&config, &over],
            &Selection {
                select: Some(vec!["unknown-field"]),
                ignore: vec![],
            },
        );
        assert_eq!(selected.severity(meta), Some(Severity::Warning));
        let ignored = Settings::layered(
            None,
            1,
            &[&config],
            &Selection {
                select: None,
                ignore: vec!["unknown-field"],
            },
        );
        assert_eq!(ignored.level(meta).source, LevelSource::Ignore);
    }
}
