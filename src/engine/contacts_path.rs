//! Where a Terraform list's `contacts_filepath` leads (docs/inputs/terraform.md). Terraform resolves a relative
//! path from the directory it runs in, the root module, not from the module that writes it; so
//! a relative path (or `${path.root}/…`) in a module that the run's local `module` blocks call
//! is resolved from each root that calls it, once the walk has met them, and only then is its
//! CSV paired or reported missing. `${path.module}/…` and absolute paths resolve at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::input::{Input, read};
use crate::diagnostic::Finding;
use crate::model::contact_file::{Mode, Target};
use crate::model::outbound::FileFacts;
use crate::model::{self, Admission, List};
use crate::rules::{ContactsFileNotFound, ResolvedFrom};
use crate::settings::{Pairing, Settings};
use crate::syntax::{PATH_MODULE, PATH_ROOT};
use crate::text::{SourceFile, lexically_normal, shown_from_cwd, shown_path};
use crate::workspace::{Environment, callers, search_root, terraform_files, terraform_files_under};

/// A literal `contacts_filepath`, by what it is relative to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Written<'a> {
    /// `${path.module}/…`, or an absolute path: resolved from the module's directory at once.
    FromModule(&'a str),
    /// A relative path, or `${path.root}/…`: resolved from the roots that call the module.
    FromRoot(&'a str),
    /// A URL the provider downloads (`s3://…`, `https://…`): never a path, its contacts not
    /// checked.
    Remote(&'a str),
}

/// The schemes of a `contacts_filepath` the provider downloads instead of opening a file.
const REMOTE_SCHEMES: [&str; 4] = ["s3://", "s3a://", "http://", "https://"];

impl Written<'_> {
    /// What a literal path is relative to; `None` when it uses `path.module` or `path.root`
    /// other than at its start (nothing a real configuration writes: not judged).
    pub(super) fn of(path: &str) -> Option<Written<'_>> {
        let scheme = |scheme: &&str| {
            let head = path.get(..scheme.len());
            head.is_some_and(|head| head.eq_ignore_ascii_case(scheme))
        };
        if REMOTE_SCHEMES.iter().any(scheme) {
            return Some(Written::Remote(path));
        }
        let after = |prefix: &str| {
            let rest = path.strip_prefix(prefix)?;
            Some(rest.trim_start_matches('/'))
        };
        let written = match (after(PATH_MODULE), after(PATH_ROOT)) {
            (Some(rest), _) => Written::FromModule(rest),
            (None, Some(rest)) => Written::FromRoot(rest),
            (None, None) if Path::new(path).is_absolute() => Written::FromModule(path),
            (None, None) => Written::FromRoot(path),
        };
        let (Written::FromModule(rest) | Written::FromRoot(rest) | Written::Remote(rest)) =
            &written;
        let interpolated = rest.contains(PATH_MODULE) || rest.contains(PATH_ROOT);
        (!interpolated).then_some(written)
    }
}

/// A Terraform list's literal `contacts_filepath`, and the pairing of a contact file with the
/// list; `None` for a list that names none, or a path the file does not fix.
pub(super) fn written_pairing<'l>(
    source: &SourceFile,
    list: &List<'l>,
) -> Option<(Written<'l>, Arc<Pairing>)> {
    let resource = list.resource?;
    let written = resource.written.get("contacts_filepath")?.as_str();
    let path = written.filter(|_| list.fixes("/contacts_filepath"))?;
    Some((Written::of(path)?, pairing(source, list)?))
}

/// The variable a Terraform list's `contacts_filepath` is written as (`var.csv_path`), whose
/// value a module call or a variable file may fix, and the pairing of a contact file with the
/// list.
pub(super) fn variable_pairing(source: &SourceFile, list: &List) -> Option<(String, Arc<Pairing>)> {
    let references = &list.resource?.references;
    let written = references.iter().find(|(at, _)| at == "/contacts_filepath");
    let (_, reference) = written?;
    match reference.0.as_slice() {
        [root, name] if root == "var" => Some((name.clone(), pairing(source, list)?)),
        _ => None,
    }
}

/// The pairing of the contact file a Terraform list uploads with the list.
fn pairing(source: &SourceFile, list: &List) -> Option<Arc<Pairing>> {
    let resource = list.resource?;
    let label = format!("{}#{}", source.path, resource.address);
    let target = Target {
        uploaded_by_provider: true,
        ..Target::of(list, label)
    };
    let origin = format!("{} ({})", source.path, resource.address);
    Some(Arc::new(Pairing::of_target(
        target,
        None,
        Mode::Create,
        origin,
    )))
}

/// The pairings of a contact file named alone (as pre-commit names a staged file, or an editor
/// opens one): the Terraform lists of its repository (from the nearest directory holding `.git`
/// or `contactlint.toml`, its own without either) whose `contacts_filepath` resolves to it, as
/// Terraform resolves it — from the module's directory (`${path.module}/…`), or from the roots
/// that call the module and, for a file in a directory above the CSV, from any directory between
/// them. Only files whose text names the CSV are parsed.
pub(super) fn pairings_of(
    csv: &Path,
    settings: &Settings,
    env: &dyn Environment,
) -> Vec<Arc<Pairing>> {
    let (Some(name), Some(start)) = (csv.file_name().and_then(|n| n.to_str()), csv.parent()) else {
        return Vec::new();
    };
    let top = search_root(start, env);
    let between: Vec<&Path> = start
        .ancestors()
        .take_while(|dir| dir.starts_with(&top))
        .collect();
    let callers = callers(env, &top);
    let mut found = Vec::new();
    for path in terraform_files_under(&top, env) {
        let dir = path.parent().unwrap_or(Path::new(""));
        let input = Input {
            display: shown_from_cwd(&path),
            ..Input::path(&path, false, Admission::Named)
        };
        let Ok(source) = read(&input, settings) else {
            continue;
        };
        if !source.text.contains(name) {
            continue;
        }
        let Ok(document) = source.syntax.parse(&source.text) else {
            continue;
        };
        // Whether a path written in this file's directory names the CSV.
        let names_csv = |written: Written| {
            let (bases, relative): (Vec<PathBuf>, _) = match written {
                Written::FromModule(relative) => (vec![dir.to_path_buf()], relative),
                Written::FromRoot(relative) => {
                    let above = between.iter().skip_while(|d| **d != dir);
                    let roots = callers.roots(dir).into_iter();
                    let bases = above.map(|d| d.to_path_buf()).chain(roots).collect();
                    (bases, relative)
                }
                Written::Remote(_) => return false,
            };
            let named = |base: &PathBuf| lexically_normal(&base.join(relative)) == csv;
            bases.iter().any(named)
        };
        let recognised = model::lists(&document, source.syntax, None, Admission::Named);
        for list in recognised.lists() {
            let written = written_pairing(&source, &list);
            found.extend(
                written
                    .filter(|(w, _)| names_csv(*w))
                    .map(|(_, pairing)| pairing),
            );
        }
        // A module call that passes the path to a list's `contacts_filepath = var.NAME`.
        for call in FileFacts::of(&document, source.syntax).calls {
            let passed = call.literals.iter().filter_map(|(name, literal)| {
                let written = Written::of(literal.value.as_str()?)?;
                names_csv(written).then_some(name)
            });
            for variable in passed {
                let module = lexically_normal(&dir.join(&call.source));
                found.extend(variable_pairings(&module, variable, settings, env));
            }
        }
    }
    found
}

/// The pairings of the lists of the module in `directory` whose `contacts_filepath` is
/// `var.NAME`, for `variable`.
fn variable_pairings(
    directory: &Path,
    variable: &str,
    settings: &Settings,
    env: &dyn Environment,
) -> Vec<Arc<Pairing>> {
    let mut found = Vec::new();
    for path in terraform_files(directory, env) {
        let input = Input::path(&path, false, Admission::Named);
        let Ok(source) = read(&input, settings) else {
            continue;
        };
        let Ok(document) = source.syntax.parse(&source.text) else {
            continue;
        };
        let recognised = model::lists(&document, source.syntax, None, Admission::Named);
        for list in recognised.lists() {
            let pairing = variable_pairing(&source, &list);
            let pairing = pairing.filter(|(name, _)| name == variable);
            found.extend(pairing.map(|(_, pairing)| pairing));
        }
    }
    found
}

/// The contact file a path relative to a module's directory names (`${path.module}/…`, or an
/// absolute path), paired, when `env` says it exists; the finding when there is none.
pub(super) fn in_module(
    module: &Path,
    relative: &str,
    pairing: &Arc<Pairing>,
    env: &dyn Environment,
) -> Result<Input, Box<Finding>> {
    let resolved = lexically_normal(&module.join(relative));
    match env.exists(&resolved) {
        true => Ok(paired(&resolved, pairing)),
        false => Err(Box::new(ContactsFileNotFound::finding(
            &[shown_path(&resolved)],
            ResolvedFrom::Module,
        ))),
    }
}

/// A contact file named by a resource, paired with it: an input checked against it (an
/// absolute path is shown from the working directory).
pub(super) fn paired(path: &Path, pairing: &Arc<Pairing>) -> Input {
    let mut input = Input::path(path, false, Admission::Named);
    if path.is_absolute() {
        input.display = shown_from_cwd(path);
    }
    input.pairing = Some(pairing.clone());
    input
}

/// A `contacts_filepath` to resolve from the roots of its module once the walk is over.
#[derive(Debug)]
pub(super) struct RootPath {
    /// The module's directory, as the path of the file that writes it gives it.
    pub module: PathBuf,
    pub written: Deferred,
    pub pairing: Arc<Pairing>,
    /// The resource that writes it (`genesyscloud_outbound_contact_list.sales`), where its
    /// finding is placed when no root holds the file.
    pub address: String,
}

/// What a `contacts_filepath` resolved after the walk is written as.
#[derive(Debug)]
pub(super) enum Deferred {
    /// A relative path, without `${path.root}/`.
    Relative(String),
    /// `var.NAME`: the path is the literal the module's calls (or a root's variable files)
    /// give it.
    Variable(String),
}

impl RootPath {
    /// The contact files `relative` names from `roots`, the directories Terraform may run in
    /// that reach `module` (its module, or the one a variable's value is written in) through
    /// these `callers` (`module.lists in main.tf`); from its module's
    /// own directory when there is no caller. Its finding, to place in its resource, when none
    /// exists.
    pub(super) fn resolve(
        &self,
        module: &Path,
        relative: &str,
        roots: &[PathBuf],
        callers: &[String],
        env: &dyn Environment,
    ) -> Result<Vec<Input>, Box<Finding>> {
        let from_module = || lexically_normal(&module.join(relative));
        let candidates: Vec<PathBuf> = match callers {
            [] => vec![from_module()],
            _ => roots
                .iter()
                .map(|root| lexically_normal(&root.join(relative)))
                .collect(),
        };
        let found: Vec<Input> = candidates
            .iter()
            .filter(|path| env.exists(path))
            .map(|path| paired(path, &self.pairing))
            .collect();
        if !found.is_empty() {
            return Ok(found);
        }
        let finding = match callers {
            [] => ContactsFileNotFound::finding(
                &[shown_from_cwd(&from_module())],
                ResolvedFrom::OwnDirectory,
            ),
            callers => {
                let looked: Vec<String> = candidates.iter().map(|p| shown_from_cwd(p)).collect();
                let beside = from_module();
                let beside = env.exists(&beside).then(|| shown_path(&beside));
                let from = ResolvedFrom::Roots {
                    calls: callers,
                    written: relative,
                    beside: beside.as_deref(),
                };
                ContactsFileNotFound::finding(&looked, from)
            }
        };
        Err(Box::new(finding))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_module_or_to_the_root() {
        let of = Written::of;
        assert_eq!(
            of("${path.module}/c.csv"),
            Some(Written::FromModule("c.csv"))
        );
        assert_eq!(of("/data/c.csv"), Some(Written::FromModule("/data/c.csv")));
        assert_eq!(of("${path.root}/c.csv"), Some(Written::FromRoot("c.csv")));
        assert_eq!(of("./c.csv"), Some(Written::FromRoot("./c.csv")));
        assert_eq!(of("c/${path.module}.csv"), None);
        for url in [
            "s3://b/c.csv",
            "s3a://b/c.csv",
            "http://h/c.csv",
            "HTTPS://h/c.csv",
        ] {
            assert_eq!(of(url), Some(Written::Remote(url)));
        }
        assert_eq!(of("s3/c.csv"), Some(Written::FromRoot("s3/c.csv")));
    }
}
