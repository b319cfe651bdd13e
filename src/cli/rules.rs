//! `rules` and `explain`: the rule catalogue.

use std::io::{self, Write};

use super::{Fatal, ListFormat, print};
use crate::diagnostic::{Applicability, RuleMeta};
use crate::rules::{self, RULES};
use crate::settings::UnknownRule;

pub(super) fn list_rules(format: ListFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ListFormat::Text => {
            let profiles = |rule: &RuleMeta| {
                let names: Vec<&str> = rule.profiles.iter().map(|p| p.as_str()).collect();
                names.join(",")
            };
            // Columns as wide as their widest entry, so that they stay aligned.
            let rules: Vec<&RuleMeta> = RULES.iter().map(|r| r.meta()).collect();
            let id_width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            let profiles_width = rules.iter().map(|r| profiles(r).len()).max().unwrap_or(0);
            for rule in rules {
                let (id, severity, summary) = (rule.id, rule.severity.as_str(), rule.summary);
                let profiles = profiles(rule);
                writeln!(
                    out,
                    "{id:<id_width$} {severity:<8} {profiles:<profiles_width$} {summary}"
                )?;
            }
            writeln!(
                out,
                "\nTurn a rule off with `--ignore RULE`, or in contactlint.toml under [rules]: \
                    RULE = \"off\"."
            )
        }
        ListFormat::Json => {
            let list: Vec<_> = RULES
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "id": m.id, "severity": m.severity, "profiles": m.profiles,
                        "summary": m.summary, "docs": m.documentation(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)
        }
    }
}

pub(super) fn explain(id: &str) -> Result<u8, Fatal> {
    let rule = rules::find(id)
        .ok_or_else(|| Fatal::UnknownRule(UnknownRule::new(id)))?
        .meta();
    let profiles: Vec<&str> = rule.profiles.iter().map(|p| p.as_str()).collect();
    print(|out| {
        writeln!(out, "# {}\n", rule.id)?;
        let fix = match rule.fix {
            Some(Applicability::Safe) => "safe (applied by `--fix`)",
            Some(_) => "unsafe (applied by `--fix --unsafe-fixes`)",
            None => "none",
        };
        writeln!(
            out,
            "Severity: {} · Profiles: {} · Fix: {fix}\n",
            rule.severity,
            profiles.join(", ")
        )?;
        writeln!(out, "{}\n", rule.documentation())?;
        writeln!(
            out,
            "Turn it off for one run with `--ignore {id}`, or in contactlint.toml:\n\n    \
                [rules]\n    {id} = \"off\"",
            id = rule.id
        )
    })
}
