//! The settings of each file: the layers of the configuration that match it, then the command
//! line; computed once per combination and shared.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::{CommandLine, Config};
use crate::model::provider::{Choice, Source};
use crate::settings::provider::Discovery;
use crate::settings::{
    DEFAULT_MAX_FILE_SIZE, DEFAULT_TERRAFORM_MAX_FILE_SIZE, MAX_COLUMNS, RuleLevel, Settings,
};
use crate::syntax::{Layout, Syntax};
use crate::text::shown_from_cwd as shown;
use crate::workspace::{Disk, Environment};

impl Config {
    /// The settings for one file: defaults, `[rules]`, matching overrides, then the command line.
    pub fn settings_for(&self, path: &Path, cli: &CommandLine) -> Settings {
        let mut key = self.key(path);
        key.providers = self.providers(path, &key, cli, (&Discovery::default(), &Disk));
        self.settings_with(&key, cli)
    }

    /// What decides a file's settings: the overrides that match it and its name scope.
    fn key(&self, path: &Path) -> SettingsKey {
        SettingsKey {
            overrides: self.matching_overrides(path),
            name_scope: self.name_scope(path),
            pairing: self.contacts_entry(path),
            providers: Vec::new(),
        }
    }

    /// The innermost directory holding `path` that a `name-scopes` glob matches, relative to the
    /// configuration's directory with `/` separators.
    pub fn name_scope(&self, path: &Path) -> Option<String> {
        let scopes = self.name_scopes.as_ref()?;
        let relative = self.relative(path)?;
        relative
            .ancestors()
            .skip(1)
            .take_while(|directory| !directory.as_os_str().is_empty())
            .find(|directory| scopes.names(directory))
            .map(crate::text::shown_path)
    }

    /// The first `[[contacts]]` entry that pairs a contact file with its list.
    fn contacts_entry(&self, path: &Path) -> Option<usize> {
        if self.pairings.is_empty() || !Syntax::from_name(path).is_some_and(Syntax::holds_contacts)
        {
            return None;
        }
        let relative = self.relative(path)?;
        self.pairings
            .iter()
            .position(|c| c.files.matches(&relative))
    }

    /// Indices of the `[[overrides]]` whose globs match the path.
    fn matching_overrides(&self, path: &Path) -> Vec<usize> {
        let Some(relative) = self.relative(path).filter(|_| !self.overrides.is_empty()) else {
            return Vec::new();
        };
        (0..self.overrides.len())
            .filter(|&i| self.overrides[i].files.matches(&relative))
            .collect()
    }

    /// The provider versions a file is judged with, first found wins: the command line,
    /// the last matching `[[overrides]]` entry, the file's `provider-version`, then (for a
    /// Terraform file) its module's roots on disk.
    fn providers(
        &self,
        path: &Path,
        key: &SettingsKey,
        cli: &CommandLine,
        (discovery, env): (&Discovery, &dyn Environment),
    ) -> Vec<Choice> {
        if let Some(choice) = &cli.provider {
            return vec![choice.clone()];
        }
        let shown = || self.path.as_deref().map(shown).unwrap_or_default();
        let overridden = key.overrides.iter().rev().find_map(|&i| {
            let version = self.overrides[i].provider_version.as_deref()?;
            Some(Choice::written(version, Source::Override(shown(), i + 1)))
        });
        if let Some(choice) = overridden {
            return vec![choice];
        }
        if let Some(version) = &self.provider_version {
            return vec![Choice::written(version, Source::Config(shown()))];
        }
        let terraform = Syntax::from_name(path)
            .is_some_and(|syntax| syntax.layout() == Layout::TerraformResources);
        let directory = self
            .absolute(path)
            .and_then(|absolute| absolute.parent().map(Path::to_path_buf));
        match directory {
            Some(directory) if terraform => discovery.choices(&directory, env),
            _ => vec![Choice::newest()],
        }
    }

    fn settings_with(&self, key: &SettingsKey, cli: &CommandLine) -> Settings {
        let mut layers: Vec<&[RuleLevel]> = vec![&self.rules];
        layers.extend(
            key.overrides
                .iter()
                .map(|&i| self.overrides[i].rules.as_slice()),
        );
        let profile = cli.profile.or(self.profile).flatten();
        let max_file_size = self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE);
        let terraform = self
            .max_file_size
            .unwrap_or(DEFAULT_TERRAFORM_MAX_FILE_SIZE);
        Settings {
            terraform_max_file_size: terraform,
            max_columns: self.max_columns.unwrap_or(MAX_COLUMNS),
            name_scope: key.name_scope.clone(),
            pairing: key.pairing.map(|i| Arc::clone(&self.pairings[i].pairing)),
            providers: key.providers.clone(),
            ..Settings::layered(profile, max_file_size, &layers, &cli.selection)
        }
    }
}

/// What makes two files' settings differ.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct SettingsKey {
    /// Indices of the `[[overrides]]` that match.
    overrides: Vec<usize>,
    name_scope: Option<String>,
    /// The `[[contacts]]` entry that pairs it.
    pairing: Option<usize>,
    /// The provider versions it is judged with.
    providers: Vec<Choice>,
}

/// Settings for the files of one run: computed once per combination of matching overrides (and
/// name scope) and shared, so that thousands of files cost one `Settings`.
pub struct Resolver<'a> {
    config: &'a Config,
    cli: &'a CommandLine,
    cache: Mutex<HashMap<SettingsKey, Arc<Settings>>>,
    discovery: Discovery,
    /// How lock files and `required_providers` are read.
    environment: &'a dyn Environment,
}

impl<'a> Resolver<'a> {
    pub fn new(config: &'a Config, cli: &'a CommandLine) -> Resolver<'a> {
        Resolver {
            config,
            cli,
            cache: Mutex::new(HashMap::new()),
            discovery: Discovery::default(),
            environment: &Disk,
        }
    }

    /// The same, reading the files around the inputs through `environment` (the run's, so
    /// that what it finds once serves the engine too).
    pub fn with_environment(mut self, environment: &'a dyn Environment) -> Resolver<'a> {
        self.environment = environment;
        self
    }

    pub fn settings(&self, path: &Path) -> Arc<Settings> {
        let mut key = self.config.key(path);
        let discovery = (&self.discovery, self.environment);
        key.providers = self.config.providers(path, &key, self.cli, discovery);
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let settings = cache
            .entry(key)
            .or_insert_with_key(|key| Arc::new(self.config.settings_with(key, self.cli)));
        Arc::clone(settings)
    }
}
