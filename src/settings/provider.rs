//! Which provider version a Terraform module runs with, found as `terraform init` would find
//! it when nothing on the command line or in `contactlint.toml` says: the lock file of the root
//! module that calls it (`.terraform.lock.hcl`), else the newest release that the
//! `required_providers` constraints of that root and of every module it calls allow, else the
//! newest release of the table.
//!
//! A module's roots are found by a search of the repository for the local `module` blocks that
//! call its directory (every `.tf`/`.tf.json` whose text holds `module` and `source`, parsed only
//! then), once per run and search root, so that a child module staged alone is judged with the
//! version of the root that runs it. Reads the file system; results are cached per directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::Value;

use crate::model::provider::{Choice, Constraint, PROVIDER_ADDRESS, Source, Substitution, Version};
use crate::text::shown_from_cwd;
use crate::workspace::{
    Callers, Environment, blocks_of, callers, objects, search_root, terraform_files,
};

/// The lock file `terraform init` writes in a root module.
pub const LOCK_FILE: &str = ".terraform.lock.hcl";

/// The registries whose `mypurecloud/genesyscloud` is the provider the table describes.
const REGISTRIES: [&str; 2] = ["registry.terraform.io", "registry.opentofu.org"];

/// The provider versions of the directories of one run, found on disk and cached.
#[derive(Default)]
pub struct Discovery {
    by_directory: Mutex<HashMap<PathBuf, Vec<Choice>>>,
}

impl Discovery {
    /// The versions a module (an absolute directory) is judged with: one per distinct version
    /// of the roots that run it.
    pub fn choices(&self, directory: &Path, env: &dyn Environment) -> Vec<Choice> {
        let cached = self.lock_cache().get(directory).cloned();
        if let Some(choices) = cached {
            return choices;
        }
        let choices = self.find(directory, env);
        self.lock_cache()
            .insert(directory.to_path_buf(), choices.clone());
        choices
    }

    fn lock_cache(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Vec<Choice>>> {
        self.by_directory
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn find(&self, directory: &Path, env: &dyn Environment) -> Vec<Choice> {
        // A lock file means `terraform init` ran here: a root, whoever else calls it.
        if let Some(choice) = lock_file_choice(directory, env) {
            return vec![choice];
        }
        let calls = callers(env, &search_root(directory, env));
        let mut choices: Vec<Choice> = Vec::new();
        for root in calls.roots(directory) {
            let choice = lock_file_choice(&root, env)
                .unwrap_or_else(|| constraints_choice(&calls.reached_from(&root), &calls, env));
            if !choices.iter().any(|c| c.version == choice.version) {
                choices.push(choice);
            }
        }
        choices
    }
}

/// The provider address without its registry host, and whether the host is a registry whose
/// `mypurecloud/genesyscloud` the table describes.
fn is_registry_provider(address: &str) -> Option<bool> {
    let address = address.trim().to_ascii_lowercase();
    if !address.ends_with(PROVIDER_ADDRESS) {
        return None;
    }
    let host = address[..address.len() - PROVIDER_ADDRESS.len()].trim_end_matches('/');
    Some(host.is_empty() || REGISTRIES.contains(&host))
}

/// The version a root module's lock file records for the provider.
fn lock_file_choice(directory: &Path, env: &dyn Environment) -> Option<Choice> {
    let path = directory.join(LOCK_FILE);
    let providers = blocks_of(
        &path,
        &|text| text.contains("genesyscloud"),
        "provider",
        env,
    )?;
    let source = Source::LockFile(shown_from_cwd(&path));
    let providers = objects(Some(&providers));
    let (address, block) = providers
        .flat_map(|named| named.iter())
        .find(|(address, _)| is_registry_provider(address).is_some())?;
    let version = objects(Some(block)).find_map(|b| b.get("version")?.as_str())?;
    let mut choice = Choice::written(version, source);
    if is_registry_provider(address) == Some(false) {
        choice.version = Version::newest();
        choice.substituted = Some(Substitution::OtherSource(address.clone()));
    }
    Some(choice)
}

/// The newest release every `required_providers` constraint of these modules allows.
fn constraints_choice(modules: &[PathBuf], calls: &Callers, env: &dyn Environment) -> Choice {
    let mut written: Vec<(String, String)> = Vec::new();
    let mut other_source = None;
    for (file, entry) in modules
        .iter()
        .flat_map(|m| required_provider_entries(m, calls, env))
    {
        let source = entry.get("source").and_then(Value::as_str);
        if let Some(source) = source
            && is_registry_provider(source) == Some(false)
        {
            other_source = Some(source.to_owned());
        }
        if let Some(version) = entry.get("version").and_then(Value::as_str) {
            written.push((version.to_owned(), shown_from_cwd(&file)));
        }
    }
    let Some((first, file)) = written.first().cloned() else {
        let mut choice = Choice::newest();
        choice.substituted = other_source.map(Substitution::OtherSource);
        return choice;
    };
    let all = written
        .iter()
        .map(|(text, _)| text.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let source = Source::Constraints {
        written: all.clone(),
        file,
    };
    let parsed: Option<Vec<Constraint>> = written
        .iter()
        .map(|(text, _)| Constraint::parse(text).ok())
        .collect();
    let newest = parsed
        .as_ref()
        .and_then(|c| Constraint::newest_allowed(c.iter()));
    match (other_source, newest) {
        (Some(address), _) => Choice {
            version: Version::newest(),
            source,
            substituted: Some(Substitution::OtherSource(address)),
        },
        (None, Some(version)) => Choice {
            version,
            source,
            substituted: None,
        },
        (None, None) => Choice {
            version: Version::newest(),
            source,
            substituted: Some(Substitution::Unsatisfiable(if parsed.is_some() {
                all
            } else {
                first
            })),
        },
    }
}

/// The `required_providers` entries for the provider in a module's files, with their file.
fn required_provider_entries(
    directory: &Path,
    calls: &Callers,
    env: &dyn Environment,
) -> Vec<(PathBuf, serde_json::Map<String, Value>)> {
    let mut out = Vec::new();
    let requiring = |text: &str| text.contains("required_providers");
    let files = calls.requiring_providers(directory);
    let files = files.unwrap_or_else(|| terraform_files(directory, env));
    for file in files {
        let Some(blocks) = blocks_of(&file, &requiring, "terraform", env) else {
            continue;
        };
        let blocks = objects(Some(&blocks));
        let required = blocks.flat_map(|t| objects(t.get("required_providers")));
        for providers in required {
            for (name, entry) in providers {
                let Some(entry) = entry.as_object() else {
                    continue;
                };
                let source = entry.get("source").and_then(Value::as_str);
                let ours = match source {
                    Some(source) => source.to_ascii_lowercase().ends_with("/genesyscloud"),
                    None => name == "genesyscloud",
                };
                if ours {
                    out.push((file.clone(), entry.clone()));
                }
            }
        }
    }
    out
}
