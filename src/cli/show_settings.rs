//! `check --show-settings`: the effective settings of each path and where each comes from, typed
//! once, serialised for `--format json` and written out for people.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::model::provider::{Choice, Source};
use crate::model::{self, Profile};
use crate::rules;
use crate::settings::config::{CommandLine, Config};
use crate::settings::{Level, ListRef, Pairing};
use crate::syntax::{Layout, Syntax};
use crate::text::{human_size, shown_from_cwd, shown_path};

/// The settings of every path asked about.
pub(super) struct ShowSettings(Vec<PathSettings>);

/// The effective settings of one path (the JSON output's fields, in order).
#[derive(Serialize)]
struct PathSettings {
    path: String,
    configuration: Option<String>,
    profile: Option<&'static str>,
    profile_source: &'static str,
    max_file_size: u64,
    /// `[limits] columns`, and whether the configuration set it.
    max_columns: usize,
    max_columns_configured: bool,
    excluded: bool,
    name_scopes: bool,
    name_scope: Option<String>,
    contacts: Option<ShownPairing>,
    /// For a Terraform file, or when the command line or the configuration sets one: the
    /// provider versions it is judged with.
    providers: Vec<ShownProvider>,
    rules: Vec<ShownLevel>,
}

/// A provider version and where it came from.
#[derive(Serialize)]
struct ShownProvider {
    version: String,
    source: String,
    note: Option<String>,
}

/// A contact file's list, and where the pairing is written.
#[derive(Serialize)]
struct ShownPairing {
    list: String,
    from: String,
    id_column: Option<String>,
    mode: &'static str,
}

#[derive(Serialize)]
struct ShownLevel {
    rule: &'static str,
    level: &'static str,
    source: String,
}

impl ShowSettings {
    /// The settings of `paths` (`.` when none is given).
    pub(super) fn of(
        config: &Config,
        cli: &CommandLine,
        pairing: Option<&Arc<Pairing>>,
        paths: &[PathBuf],
    ) -> ShowSettings {
        let dot = [PathBuf::from(".")];
        let paths = if paths.is_empty() { &dot[..] } else { paths };
        let all = paths.iter();
        ShowSettings(
            all.map(|path| PathSettings::of(config, cli, pairing, path))
                .collect(),
        )
    }

    pub(super) fn write(&self, json: bool, out: &mut dyn Write) -> io::Result<()> {
        if json {
            serde_json::to_writer_pretty(&mut *out, &self.0)?;
            return writeln!(out);
        }
        for (index, shown) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(out)?;
            }
            shown.write(out)?;
        }
        Ok(())
    }
}

impl PathSettings {
    fn of(
        config: &Config,
        cli: &CommandLine,
        pairing: Option<&Arc<Pairing>>,
        path: &Path,
    ) -> PathSettings {
        let settings = config.settings_for(path, cli);
        let contact_file = Syntax::from_name(path).is_some_and(Syntax::holds_contacts);
        let pairing = Pairing::chosen(pairing.filter(|_| contact_file), settings.pairing.as_ref());
        let fixed = Syntax::from_name(path).and_then(model::profile_of_syntax);
        let profile_source = match (fixed, cli.profile, config.profile) {
            (Some(_), _, _) => "the file's syntax",
            (None, Some(_), _) => "--profile",
            (None, None, Some(_)) => "configuration",
            (None, None, None) => "default",
        };
        // Only the rules that can fire on this kind of file (a Terraform file is never judged
        // by definition-only or CSV rules).
        let profile = fixed.or(settings.profile);
        let kinds = match profile {
            Some(profile) => vec![profile],
            None => vec![Profile::Definition, Profile::Api],
        };
        let applies = |id: &str| {
            let profiles = rules::find(id).map_or(&[][..], |rule| rule.meta().profiles);
            kinds.iter().any(|kind| profiles.contains(kind))
        };
        let levels = settings.levels();
        let rules = levels
            .iter()
            .filter(|l| applies(l.rule))
            .map(|level| ShownLevel {
                rule: level.rule,
                level: match level.level {
                    Level::On(severity) => severity.as_str(),
                    Level::Off => "off",
                },
                source: level.source.to_string(),
            });
        PathSettings {
            path: shown_path(path),
            configuration: config.path.as_deref().map(shown_from_cwd),
            profile: profile.map(Profile::as_str),
            profile_source,
            max_file_size: match Syntax::from_name(path).map(Syntax::layout) {
                Some(Layout::TerraformResources) => settings.terraform_max_file_size,
                _ => settings.max_file_size,
            },
            max_columns: settings.max_columns,
            max_columns_configured: config.max_columns.is_some(),
            excluded: config.is_excluded(path),
            name_scopes: config.name_scopes.is_some(),
            name_scope: settings.name_scope.clone(),
            contacts: pairing.map(|pairing| ShownPairing::of(pairing)),
            providers: shown_providers(&settings.providers, fixed == Some(Profile::Terraform)),
            rules: rules.collect(),
        }
    }

    /// For people.
    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "Settings for {}", self.path)?;
        let configuration = self.configuration.as_deref();
        let configuration = configuration.unwrap_or("none (built-in defaults)");
        writeln!(out, "  configuration: {configuration}")?;
        let profile = self.profile.unwrap_or("auto (detected from each file)");
        writeln!(out, "  profile: {profile} ({})", self.profile_source)?;
        writeln!(out, "  max-file-size: {}", human_size(self.max_file_size))?;
        let source = match self.max_columns_configured {
            true => "configuration",
            false => "default, the documented limit",
        };
        writeln!(out, "  [limits] columns: {} ({source})", self.max_columns)?;
        let excluded = match self.excluded {
            true => "yes (by `exclude`; named files are still checked unless --force-exclude)",
            false => "no",
        };
        writeln!(out, "  excluded: {excluded}")?;
        if self.name_scopes {
            let scope = self.name_scope.as_deref().unwrap_or("none (the run's own)");
            writeln!(out, "  name scope: {scope}")?;
        }
        if let Some(pairing) = &self.contacts {
            let id = pairing.id_column.as_deref().unwrap_or("none");
            let (list, from, mode) = (&pairing.list, &pairing.from, pairing.mode);
            writeln!(
                out,
                "  list: {list} (from {from}); id column: {id}; mode: {mode}"
            )?;
        }
        for provider in &self.providers {
            let (version, source) = (&provider.version, &provider.source);
            writeln!(out, "  provider version: {version} ({source})")?;
            if let Some(note) = &provider.note {
                writeln!(out, "    {note}")?;
            }
        }
        writeln!(out, "  rules:")?;
        for rule in &self.rules {
            let (id, level, source) = (rule.rule, rule.level, &rule.source);
            writeln!(out, "    {id:<36} {level:<8} {source}")?;
        }
        Ok(())
    }
}

/// The provider versions of a path: always for a Terraform file, and for any other path only
/// when the command line or the configuration names one (a directory's modules each have
/// their own).
fn shown_providers(choices: &[Choice], terraform: bool) -> Vec<ShownProvider> {
    let chosen = |choice: &&Choice| terraform || choice.source != Source::Newest;
    choices
        .iter()
        .filter(chosen)
        .map(|choice| ShownProvider {
            version: choice.version.to_string(),
            source: choice.source.to_string(),
            note: choice.substituted.as_ref().map(ToString::to_string),
        })
        .collect()
}

impl ShownPairing {
    fn of(pairing: &Pairing) -> ShownPairing {
        let list = match &pairing.list {
            ListRef::File {
                display,
                address: Some(address),
                ..
            } => format!("{display}#{address}"),
            ListRef::File { display, .. } => display.clone(),
            ListRef::Known(target) => target.label.clone(),
        };
        ShownPairing {
            list,
            from: pairing.origin.clone(),
            id_column: pairing.id_column.clone(),
            mode: pairing.mode.as_str(),
        }
    }
}
