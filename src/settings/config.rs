//! `contactlint.toml`: discovery, parsing with spans (so every mistake points at its place in the
//! file), and the per-file settings it yields.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{
    DEFAULT_MAX_FILE_SIZE, Level, LevelSource, ListRef, Pairing, RuleLevel, Selection, Settings,
};
use crate::diagnostic::Severity;
use crate::model::Profile;
use crate::model::contacts::Mode;
use crate::rules;
use crate::suggest::did_you_mean;
use crate::syntax::Syntax;
use crate::text::lexically_normal;

/// The configuration file's name.
pub const FILE_NAME: &str = "contactlint.toml";

const KEYS: &[&str] = &[
    "profile",
    "include",
    "exclude",
    "warnings-as-errors",
    "max-file-size",
    "name-scopes",
    "rules",
    "overrides",
    "contacts",
];
const OVERRIDE_KEYS: &[&str] = &["files", "rules"];
const CONTACTS_KEYS: &[&str] = &["files", "list", "id-column", "mode"];

/// A parsed configuration file.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from (`None`: built-in defaults).
    pub path: Option<PathBuf>,
    /// Globs are relative to this directory.
    pub root: PathBuf,
    /// `Some(None)` is an explicit `"auto"`.
    pub profile: Option<Option<Profile>>,
    pub include: Option<Patterns>,
    pub exclude: Option<Patterns>,
    pub warnings_as_errors: Option<bool>,
    pub max_file_size: Option<u64>,
    /// Globs of directories that are namespaces of list names of their own.
    pub name_scopes: Option<Patterns>,
    pub rules: Vec<RuleLevel>,
    pub overrides: Vec<Override>,
    /// `[[contacts]]`: contact files and the list each is imported into.
    pub contacts: Vec<ContactsEntry>,
}

/// A `[[contacts]]` entry: the contact files its globs match, and their list.
#[derive(Debug)]
pub struct ContactsEntry {
    pub files: Patterns,
    pub pairing: Arc<Pairing>,
}

/// What the command line says, which wins over the file.
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    /// `Some(None)` is `--profile auto`.
    pub profile: Option<Option<Profile>>,
    pub selection: Selection,
}

impl Config {
    /// The path relative to the configuration's directory, if it lies inside it.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let absolute = if path.is_absolute() {
            lexically_normal(path)
        } else {
            lexically_normal(&current_dir()?.join(path))
        };
        absolute
            .strip_prefix(&self.root)
            .ok()
            .map(Path::to_path_buf)
    }

    /// Whether `patterns` match the path; the path is only made relative when there are some.
    fn matches(&self, patterns: Option<&Patterns>, path: &Path) -> Option<bool> {
        let patterns = patterns?;
        Some(patterns.matches(&self.relative(path)?))
    }

    /// Whether `exclude` matches the path.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.matches(self.exclude.as_ref(), path) == Some(true)
    }

    /// Whether a walked file passes `include` (everything does when there is none).
    pub fn is_included(&self, path: &Path) -> bool {
        self.include.is_none() || self.matches(self.include.as_ref(), path) == Some(true)
    }

    /// Every pattern of the file that matched no path so far, with the key it belongs to and
    /// its line: after a run over the whole repository, each is a mistake worth a warning.
    pub fn unused_patterns(&self) -> Vec<(&'static str, &str, usize)> {
        let keyed = [
            ("include", self.include.as_ref()),
            ("exclude", self.exclude.as_ref()),
            ("name-scopes", self.name_scopes.as_ref()),
        ];
        let overrides = self
            .overrides
            .iter()
            .map(|o| ("[[overrides]] files", Some(&o.files)));
        let contacts = self
            .contacts
            .iter()
            .map(|c| ("[[contacts]] files", Some(&c.files)));
        let overrides = overrides.chain(contacts);
        keyed
            .into_iter()
            .chain(overrides)
            .filter_map(|(key, patterns)| Some((key, patterns?)))
            .flat_map(|(key, patterns)| {
                patterns.unused().map(move |(text, line)| (key, text, line))
            })
            .collect()
    }

    /// Whether a walk of `directory` covers the whole tree the configuration governs.
    pub fn covered_by(&self, directory: &Path) -> bool {
        let absolute = match directory.is_absolute() {
            true => lexically_normal(directory),
            false => match current_dir() {
                Some(cwd) => lexically_normal(&cwd.join(directory)),
                None => return false,
            },
        };
        self.root.starts_with(&absolute)
    }

    /// The settings for one file: defaults, `[rules]`, matching overrides, then the command line.
    pub fn settings_for(&self, path: &Path, cli: &CommandLine) -> Settings {
        self.settings_with(&self.key(path), cli)
    }

    /// What decides a file's settings: the overrides that match it and its name scope.
    fn key(&self, path: &Path) -> SettingsKey {
        SettingsKey {
            overrides: self.matching_overrides(path),
            name_scope: self.name_scope(path),
            pairing: self.contacts_entry(path),
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
        if self.contacts.is_empty() || Syntax::from_name(path) != Some(Syntax::Csv) {
            return None;
        }
        let relative = self.relative(path)?;
        self.contacts
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

    fn settings_with(&self, key: &SettingsKey, cli: &CommandLine) -> Settings {
        let mut layers: Vec<&[RuleLevel]> = vec![&self.rules];
        layers.extend(
            key.overrides
                .iter()
                .map(|&i| self.overrides[i].rules.as_slice()),
        );
        let profile = cli.profile.or(self.profile).flatten();
        let max_file_size = self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE);
        Settings {
            name_scope: key.name_scope.clone(),
            pairing: key.pairing.map(|i| Arc::clone(&self.contacts[i].pairing)),
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
}

/// Settings for the files of one run: computed once per combination of matching overrides (and
/// name scope) and shared, so that thousands of files cost one `Settings`.
pub struct Resolver<'a> {
    config: &'a Config,
    cli: &'a CommandLine,
    cache: Mutex<HashMap<SettingsKey, Arc<Settings>>>,
}

impl<'a> Resolver<'a> {
    pub fn new(config: &'a Config, cli: &'a CommandLine) -> Resolver<'a> {
        Resolver {
            config,
            cli,
            cache: Mutex::new(HashMap::new()),
        }
    }

    pub fn settings(&self, path: &Path) -> Arc<Settings> {
        let key = self.config.key(path);
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

/// A `[[overrides]]` entry: rule levels for the files its globs match.
#[derive(Debug)]
pub struct Override {
    pub files: Patterns,
    pub rules: Vec<RuleLevel>,
}

/// A set of globs from the configuration file, read as `.gitignore` reads them: a pattern
/// without a slash matches at any depth, a directory matches everything below it, `dir/` is a
/// directory. Each remembers whether it matched anything in the run.
#[derive(Debug)]
pub struct Patterns {
    set: GlobSet,
    /// Each pattern as written and its line in the configuration file.
    written: Vec<(String, usize)>,
    /// Whether each pattern matched a path so far.
    used: Vec<AtomicBool>,
}

/// The globs each configured pattern stands for (see [`Patterns`]).
const GLOBS_PER_PATTERN: usize = 2;

impl Patterns {
    /// Whether `relative` (a path relative to the configuration's directory) matches.
    pub fn matches(&self, relative: &Path) -> bool {
        // Once every pattern has matched something, nothing is left to record: the cheaper
        // test serves every other walked file.
        if self.used.iter().all(|used| used.load(Ordering::Relaxed)) {
            return self.set.is_match(relative);
        }
        self.mark_used(self.set.matches(relative))
    }

    /// Whether `relative` is a path a pattern names itself, not one below it: for patterns of
    /// directories (`name-scopes`).
    pub fn names(&self, relative: &Path) -> bool {
        let mut matched = self.set.matches(relative);
        matched.retain(|glob| glob % GLOBS_PER_PATTERN == 0);
        self.mark_used(matched)
    }

    /// Remembers the patterns these globs come from as used; whether there were any.
    fn mark_used(&self, globs: Vec<usize>) -> bool {
        for glob in &globs {
            self.used[glob / GLOBS_PER_PATTERN].store(true, Ordering::Relaxed);
        }
        !globs.is_empty()
    }

    /// The patterns (as written, with their line) that matched no path so far.
    pub fn unused(&self) -> impl Iterator<Item = (&str, usize)> {
        self.written
            .iter()
            .zip(&self.used)
            .filter(|(_, used)| !used.load(Ordering::Relaxed))
            .map(|((text, line), _)| (text.as_str(), *line))
    }
}

/// A mistake in a configuration file, at its span.
#[derive(Debug)]
pub struct ConfigError {
    pub path: String,
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
    source: Box<miette::NamedSource<String>>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid configuration in {}: {}",
            self.path, self.message
        )
    }
}

impl std::error::Error for ConfigError {}

impl miette::Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("contactlint::config"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source.as_ref())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let label = miette::LabeledSpan::at(self.span.clone(), "here");
        Some(Box::new(std::iter::once(label)))
    }
}

impl ConfigError {
    fn new(
        path: &str,
        text: &str,
        span: Range<usize>,
        message: &str,
        help: Option<String>,
    ) -> ConfigError {
        let source = Box::new(miette::NamedSource::new(path, text.to_owned()));
        ConfigError {
            path: path.to_owned(),
            span,
            message: message.to_owned(),
            help,
            source,
        }
    }

    /// 1-based line and column of the error, as editors show them.
    pub fn line_column(&self) -> (usize, usize) {
        let text = self.source.inner();
        let before = &text[..self.span.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, column)
    }
}

/// The configuration file for a run started in `start`: the one in `start` or its nearest parent,
/// not looking above the repository root (the first directory holding `.git`).
pub fn discover(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Reads and checks a configuration file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let shown = shown(path);
    let text = std::fs::read_to_string(path).map_err(|e| {
        let help = Some("check the path given to --config".into());
        ConfigError::new(&shown, "", 0..0, &format!("cannot read it: {e}"), help)
    })?;
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root =
        lexically_normal(&std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf()));
    let mut config = parse(&text, &shown, root)?;
    config.path = Some(path.to_path_buf());
    Ok(config)
}

/// Parses configuration text; `root` is the directory globs are relative to.
pub fn parse(text: &str, path: &str, root: PathBuf) -> Result<Config, ConfigError> {
    let parser = Parser { text, path };
    let table = DeTable::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim();
        // toml says "duplicate key"; which one is at the span.
        let named = match (message, text.get(span.clone())) {
            ("duplicate key", Some(key)) if !key.trim().is_empty() => {
                format!("duplicate key `{}`", key.trim())
            }
            _ => message.to_owned(),
        };
        parser.error(span, &named, None)
    })?;
    let mut config = Config {
        root,
        ..Config::default()
    };
    for (key, value) in table.get_ref() {
        match key.get_ref().as_ref() {
            "profile" => config.profile = Some(parser.profile(value)?),
            "include" => config.include = Some(parser.patterns(value)?),
            "exclude" => config.exclude = Some(parser.patterns(value)?),
            "warnings-as-errors" => config.warnings_as_errors = Some(parser.boolean(value)?),
            "max-file-size" => config.max_file_size = Some(parser.size(value)?),
            "name-scopes" => config.name_scopes = Some(parser.patterns(value)?),
            "rules" => config.rules = parser.rule_levels(value, LevelSource::Config)?,
            "overrides" => config.overrides = parser.overrides(value)?,
            "contacts" => config.contacts = parser.contacts(value, &config.root)?,
            other if rules::find(other).is_some() => {
                let help = format!("rule levels go under [rules]:\n[rules]\n{other} = \"...\"");
                let message = format!("`{other}` is a rule");
                return Err(parser.error(key.span(), &message, Some(help)));
            }
            other => return Err(parser.unknown_key(key, other, KEYS)),
        }
    }
    Ok(config)
}

struct Parser<'a> {
    text: &'a str,
    path: &'a str,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Parser<'_> {
    fn error(&self, span: Range<usize>, message: &str, help: Option<String>) -> ConfigError {
        ConfigError::new(self.path, self.text, span, message, help)
    }

    fn unknown_key(
        &self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        name: &str,
        known: &[&str],
    ) -> ConfigError {
        let help = match did_you_mean(name, known, &[]) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the known keys are {}", known.join(", ")),
        };
        self.error(key.span(), &format!("unknown key `{name}`"), Some(help))
    }

    fn string<'v>(&self, value: &'v Value<'_>, what: &str) -> Result<&'v str, ConfigError> {
        value
            .get_ref()
            .as_str()
            .ok_or_else(|| self.error(value.span(), &format!("{what} must be a string"), None))
    }

    fn boolean(&self, value: &Value<'_>) -> Result<bool, ConfigError> {
        value
            .get_ref()
            .as_bool()
            .ok_or_else(|| self.error(value.span(), "expected `true` or `false`", None))
    }

    fn profile(&self, value: &Value<'_>) -> Result<Option<Profile>, ConfigError> {
        match self.string(value, "profile")?.to_ascii_lowercase().as_str() {
            "auto" => Ok(None),
            other => other.parse().map(Some).map_err(|_| {
                self.error(
                    value.span(),
                    &format!("unknown profile `{other}`"),
                    Some("use \"auto\", \"definition\" or \"api\"".into()),
                )
            }),
        }
    }

    fn patterns(&self, value: &Value<'_>) -> Result<Patterns, ConfigError> {
        let items = value
            .get_ref()
            .as_array()
            .ok_or_else(|| self.error(value.span(), "expected an array of glob patterns", None))?;
        let mut builder = GlobSetBuilder::new();
        let mut written = Vec::new();
        for item in items {
            let pattern = self.string(item, "a glob pattern")?;
            for glob in globs(pattern).map_err(|e| {
                self.error(
                    item.span(),
                    &format!("invalid glob `{pattern}`: {}", e.kind()),
                    None,
                )
            })? {
                builder.add(glob);
            }
            let line = self.text[..item.span().start].matches('\n').count() + 1;
            written.push((pattern.to_owned(), line));
        }
        let set = builder
            .build()
            .map_err(|e| self.error(value.span(), &e.to_string(), None))?;
        let used = written.iter().map(|_| AtomicBool::new(false)).collect();
        Ok(Patterns { set, written, used })
    }

    fn size(&self, value: &Value<'_>) -> Result<u64, ConfigError> {
        let bad = || {
            self.error(
                value.span(),
                "expected a size such as 8MiB, 512KiB or a number of bytes",
                None,
            )
        };
        let size = match value.get_ref() {
            DeValue::Integer(i) => i.as_str().parse::<u64>().map_err(|_| bad()),
            DeValue::String(s) => parse_size(s).ok_or_else(bad),
            _ => Err(bad()),
        }?;
        if size == 0 {
            let help = Some("a cap of 0 refuses every file; use a size such as \"8MiB\"".into());
            return Err(self.error(value.span(), "max-file-size cannot be 0", help));
        }
        Ok(size)
    }

    fn rule_levels(
        &self,
        value: &Value<'_>,
        source: LevelSource,
    ) -> Result<Vec<RuleLevel>, ConfigError> {
        let table = value
            .get_ref()
            .as_table()
            .ok_or_else(|| self.error(value.span(), "expected a table of rule = level", None))?;
        let ids: Vec<&str> = rules::RULES.iter().map(|r| r.meta().id).collect();
        let mut out = Vec::new();
        for (key, level) in table {
            let name = key.get_ref().as_ref();
            let Some(rule) = rules::find(name) else {
                let help = did_you_mean(name, &ids, &[]).map_or_else(
                    || "`contactlint rules` lists every rule id".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                );
                return Err(self.error(key.span(), &format!("unknown rule `{name}`"), Some(help)));
            };
            let level = match self.string(level, "a rule level")? {
                "error" => Level::On(Severity::Error),
                "warning" => Level::On(Severity::Warning),
                "off" => Level::Off,
                other => {
                    let help = Some("use \"error\", \"warning\" or \"off\"".to_owned());
                    return Err(self.error(
                        level.span(),
                        &format!("unknown level `{other}`"),
                        help,
                    ));
                }
            };
            out.push(RuleLevel {
                rule: rule.meta().id,
                level,
                source: source.clone(),
            });
        }
        Ok(out)
    }

    fn overrides(&self, value: &Value<'_>) -> Result<Vec<Override>, ConfigError> {
        let items = value
            .get_ref()
            .as_array()
            .ok_or_else(|| self.error(value.span(), "expected [[overrides]] tables", None))?;
        let mut out = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let table = item.get_ref().as_table().ok_or_else(|| {
                self.error(
                    item.span(),
                    "expected a table with `files` and `rules`",
                    None,
                )
            })?;
            let (mut files, mut levels) = (None, Vec::new());
            for (key, value) in table {
                match key.get_ref().as_ref() {
                    "files" => files = Some(self.patterns(value)?),
                    "rules" => {
                        levels = self.rule_levels(value, LevelSource::Override(index + 1))?
                    }
                    other => return Err(self.unknown_key(key, other, OVERRIDE_KEYS)),
                }
            }
            let files = files.ok_or_else(|| {
                self.error(
                    item.span(),
                    "an override needs `files`",
                    Some("add files = [\"glob\", ...]".into()),
                )
            })?;
            out.push(Override {
                files,
                rules: levels,
            });
        }
        Ok(out)
    }
}

impl Parser<'_> {
    /// `[[contacts]]` entries: `files`, `list` (a path relative to the configuration, with
    /// `#ADDRESS` for a Terraform resource), `id-column` and `mode`.
    fn contacts(&self, value: &Value<'_>, root: &Path) -> Result<Vec<ContactsEntry>, ConfigError> {
        let items = value
            .get_ref()
            .as_array()
            .ok_or_else(|| self.error(value.span(), "expected [[contacts]] tables", None))?;
        let mut out = Vec::new();
        for item in items {
            let table = item.get_ref().as_table().ok_or_else(|| {
                self.error(
                    item.span(),
                    "expected a table with `files` and `list`",
                    None,
                )
            })?;
            let (mut files, mut list, mut id_column, mut mode) = (None, None, None, Mode::Create);
            for (key, value) in table {
                match key.get_ref().as_ref() {
                    "files" => files = Some(self.patterns(value)?),
                    "list" => list = Some(self.list(value, root)?),
                    "id-column" => id_column = Some(self.string(value, "id-column")?.to_owned()),
                    "mode" => mode = self.mode(value)?,
                    other => return Err(self.unknown_key(key, other, CONTACTS_KEYS)),
                }
            }
            let missing = |key: &str, example: &str| {
                self.error(
                    item.span(),
                    &format!("a [[contacts]] entry needs `{key}`"),
                    Some(format!("add {key} = {example}")),
                )
            };
            let files = files.ok_or_else(|| missing("files", "[\"contacts/*.csv\"]"))?;
            let list = list.ok_or_else(|| missing("list", "\"lists/sales.json\""))?;
            let line = self.text[..item.span().start].matches('\n').count() + 1;
            let pairing = Pairing {
                list,
                id_column,
                mode,
                origin: format!("{}:{line}: [[contacts]]", self.path),
            };
            out.push(ContactsEntry {
                files,
                pairing: Arc::new(pairing),
            });
        }
        Ok(out)
    }

    fn list(&self, value: &Value<'_>, root: &Path) -> Result<ListRef, ConfigError> {
        let text = self.string(value, "list")?;
        let (path, address) = split_address(text);
        if path.is_empty() {
            return Err(self.error(value.span(), "`list` names no file", None));
        }
        let resolved = root.join(path);
        if !resolved.exists() {
            let message = format!("the list {path} does not exist");
            let help = "`list` is relative to the configuration file's directory".to_owned();
            return Err(self.error(value.span(), &message, Some(help)));
        }
        Ok(ListRef::File {
            display: shown(&resolved),
            path: resolved,
            address: address.map(str::to_owned),
        })
    }

    fn mode(&self, value: &Value<'_>) -> Result<Mode, ConfigError> {
        match self.string(value, "mode")? {
            "create" => Ok(Mode::Create),
            "append" => Ok(Mode::Append),
            other => Err(self.error(
                value.span(),
                &format!("unknown mode `{other}`"),
                Some("use \"create\" (a new list, or Terraform's upload) or \"append\"".into()),
            )),
        }
    }
}

/// `main.tf#genesyscloud_outbound_contact_list.sales` as the path and the resource's address.
pub fn split_address(text: &str) -> (&str, Option<&str>) {
    match text.rsplit_once('#') {
        Some((path, address)) if !address.is_empty() => (path, Some(address)),
        _ => (text, None),
    }
}

/// A path as shown to people: relative to the current directory when it lies inside it.
pub fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let relative = cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok());
    crate::text::shown_path(relative.unwrap_or(path))
}

/// The working directory, asked once: it does not change during a run, and walked files are
/// made absolute by the thousand.
fn current_dir() -> Option<&'static Path> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    CWD.get_or_init(|| std::env::current_dir().ok()).as_deref()
}

/// The globs a configured pattern stands for, relative to the configuration's directory, as
/// `.gitignore` reads it: the path itself and everything below it; anywhere in the tree unless
/// the pattern has a slash before its end. `*` stays within one directory.
fn globs(pattern: &str) -> Result<[Glob; GLOBS_PER_PATTERN], globset::Error> {
    let pattern = pattern.trim_start_matches("./");
    let anchored = pattern.starts_with('/');
    let pattern = pattern.trim_matches('/');
    let base = if anchored || pattern.contains('/') {
        pattern.to_owned()
    } else {
        format!("**/{pattern}")
    };
    let glob = |text: &str| GlobBuilder::new(text).literal_separator(true).build();
    Ok([glob(&base)?, glob(&format!("{base}/**"))?])
}

/// `8MiB`, `512 KiB`, `1MB`, `100` (bytes).
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        _ => return None,
    };
    number.checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("8MiB"), Some(8 << 20));
        assert_eq!(parse_size("512 KiB"), Some(512 << 10));
        assert_eq!(parse_size("2MB"), Some(2_000_000));
        assert_eq!(parse_size("100"), Some(100));
        assert_eq!(parse_size("8 parsecs"), None);
    }

    #[test]
    fn globs_read_like_gitignore() {
        let text = "exclude = [\"fixtures/broken/**\", \"*.tmp.json\", \"legacy\",\n  \"lists/old/\", \"never/**\"]";
        let config = parse(text, "c.toml", PathBuf::new()).unwrap();
        let exclude = config.exclude.unwrap();
        assert!(exclude.matches(Path::new("fixtures/broken/a/b.json")));
        assert!(!exclude.matches(Path::new("other/fixtures/broken/b.json")));
        // No slash: at any depth; `*` stays within one directory.
        assert!(exclude.matches(Path::new("x.tmp.json")));
        assert!(exclude.matches(Path::new("lists/x.tmp.json")));
        assert!(!exclude.matches(Path::new("x.tmp/a.json")));
        // A bare directory name, or `dir/`: everything below it.
        assert!(exclude.matches(Path::new("legacy/a.json")));
        assert!(exclude.matches(Path::new("lists/legacy/a/b.json")));
        assert!(exclude.matches(Path::new("lists/old/a.json")));
        assert!(!exclude.matches(Path::new("old/a.json")));
        let unused: Vec<(&str, usize)> = exclude.unused().collect();
        assert_eq!(unused, vec![("never/**", 2)]);
    }
}
