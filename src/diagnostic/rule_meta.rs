//! What every rule declares about itself. It lives beside the diagnostic model (which points at
//! it) rather than in the rule registry, so that diagnostics never import rules.

use super::{Applicability, Severity};
use crate::model::Profile;

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id, never reused.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Profiles the rule applies to.
    pub profiles: &'static [Profile],
    /// One line for listings and SARIF short descriptions.
    pub summary: &'static str,
    /// The doc comment: what it does, why it matters, a bad and a good example.
    pub docs: &'static str,
    /// Which schema failures the rule may claim, if any.
    pub claims: Option<ClaimTier>,
    /// How sure its fixes are, when it offers any (its documentation says why).
    pub fix: Option<Applicability>,
}

/// How specific a rule's claims on schema failures are. A failure goes to a rule of the most
/// specific tier that claims it; within a tier, no two rules claim the same failure (a test
/// holds them to it), so the registry's order never decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClaimTier {
    /// Failures of one kind at named places (`Required` of `name` at the root).
    Specific,
    /// Every failure of one kind (every `Type` failure).
    Kind,
    /// Any failure at all: the fallback that keeps nothing from being lost.
    Any,
}

impl RuleMeta {
    /// The documentation as a reader sees it (`explain`, hover, SARIF): each example a plain
    /// code block, one per file of a multi-file example, headed by its name.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        // Inside an example; inside one of several files (whose own block is open).
        let (mut inside, mut files, mut file_open) = (false, false, false);
        let close_file = |out: &mut String, file_open: &mut bool| {
            if std::mem::take(file_open) {
                out.push_str("```\n");
            }
        };
        for line in self.documentation_source().lines() {
            match (line.strip_prefix("```"), line.strip_prefix("--- ")) {
                (Some(info), _) if !inside => {
                    inside = true;
                    files = info.split_whitespace().any(|word| word == "files");
                    let language = info.split_whitespace().next().unwrap_or_default();
                    if !files {
                        out.push_str(&format!("```{language}\n"));
                    }
                }
                (Some(_), _) => {
                    inside = false;
                    match std::mem::take(&mut files) {
                        true => close_file(&mut out, &mut file_open),
                        false => out.push_str("```\n"),
                    }
                }
                (None, Some(path)) if files => {
                    close_file(&mut out, &mut file_open);
                    let language = path.rsplit('.').next().unwrap_or_default();
                    out.push_str(&format!("`{path}`:\n```{language}\n"));
                    file_open = true;
                }
                _ => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out.trim_end().to_owned()
    }

    /// The documentation as written: its examples' fences tell the tests how to run them
    /// (`csv files id-column=id`, `--- list.json` before each file's text).
    pub fn documentation_source(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_owned()
    }

    pub fn applies_to(&self, profile: Profile) -> bool {
        self.profiles.contains(&profile)
    }
}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &RuleMeta) -> bool {
        self.id == other.id
    }
}
