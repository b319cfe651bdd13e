//! Parsing `contactlint.toml` with spans: every mistake is a [`ConfigError`] at its place.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Config, Override, PairingEntry, Patterns};
use crate::diagnostic::Severity;
use crate::model::contact_file::Mode;
use crate::model::provider::Version;
use crate::model::{Profile, terraform};
use crate::rules;
use crate::settings::{Level, LevelSource, ListRef, Pairing, RuleLevel};
use crate::suggest::did_you_mean;
use crate::syntax::{Layout, Syntax};
use crate::text::shown_from_cwd as shown;

const KEYS: &[&str] = &[
    "profile",
    "include",
    "exclude",
    "warnings-as-errors",
    "max-file-size",
    "provider-version",
    "name-scopes",
    "rules",
    "overrides",
    "contacts",
    "limits",
];
const OVERRIDE_KEYS: &[&str] = &["files", "rules", "provider-version"];
const LIMITS_KEYS: &[&str] = &["columns"];
const CONTACTS_KEYS: &[&str] = &["files", "list", "id-column", "mode"];

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
    pub(super) fn new(
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
            "provider-version" => config.provider_version = Some(parser.version(value)?),
            "name-scopes" => config.name_scopes = Some(parser.patterns(value)?),
            "rules" => config.rules = parser.rule_levels(value, LevelSource::Config)?,
            "overrides" => config.overrides = parser.overrides(value)?,
            "contacts" => config.pairings = parser.pairings(value, &config.root)?,
            "limits" => config.max_columns = parser.limits(value)?,
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
        let mut written = Vec::new();
        for item in items {
            let pattern = self.string(item, "a glob pattern")?;
            let line = self.text[..item.span().start].matches('\n').count() + 1;
            written.push((pattern.to_owned(), line));
        }
        Patterns::new(written).map_err(|(index, error)| match index {
            Some(index) => {
                let pattern = &items[index];
                let shown = self.string(pattern, "a glob pattern").unwrap_or_default();
                let message = format!("invalid glob `{shown}`: {}", error.kind());
                self.error(pattern.span(), &message, None)
            }
            None => self.error(value.span(), &error.to_string(), None),
        })
    }

    /// A provider version, `MAJOR.MINOR.PATCH` (one the table does not cover is judged as the
    /// newest, and says so).
    fn version(&self, value: &Value<'_>) -> Result<String, ConfigError> {
        let text = self.string(value, "provider-version")?;
        match Version::parse(text) {
            Some(_) => Ok(text.trim().to_owned()),
            None => Err(self.error(
                value.span(),
                &format!("`{text}` is not a provider version"),
                Some(format!(
                    "write a release such as \"{}\" (what `.terraform.lock.hcl` records)",
                    Version::newest()
                )),
            )),
        }
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

    /// `[limits]`: `columns`, the most columns a list may have (at least 1).
    fn limits(&self, value: &Value<'_>) -> Result<Option<usize>, ConfigError> {
        let table = value
            .get_ref()
            .as_table()
            .ok_or_else(|| self.error(value.span(), "expected a table: [limits]", None))?;
        let mut columns = None;
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "columns" => {
                    let count = match value.get_ref() {
                        DeValue::Integer(i) => i.as_str().parse::<usize>().ok(),
                        _ => None,
                    };
                    let count = count.filter(|&n| n > 0).ok_or_else(|| {
                        let help = "the documented limit is 50 (the default); an organisation \
                            whose limit was raised may set more";
                        let message = "`columns` must be a whole number of columns, at least 1";
                        self.error(value.span(), message, Some(help.to_owned()))
                    })?;
                    columns = Some(count);
                }
                other => return Err(self.unknown_key(key, other, LIMITS_KEYS)),
            }
        }
        Ok(columns)
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
            let (mut files, mut levels, mut provider_version) = (None, Vec::new(), None);
            for (key, value) in table {
                match key.get_ref().as_ref() {
                    "files" => files = Some(self.patterns(value)?),
                    "rules" => {
                        levels = self.rule_levels(value, LevelSource::Override(index + 1))?
                    }
                    "provider-version" => provider_version = Some(self.version(value)?),
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
                provider_version,
            });
        }
        Ok(out)
    }
}

impl Parser<'_> {
    /// `[[contacts]]` entries: `files`, `list` (a path relative to the configuration, with
    /// `#ADDRESS` for a Terraform resource), `id-column` and `mode`.
    fn pairings(&self, value: &Value<'_>, root: &Path) -> Result<Vec<PairingEntry>, ConfigError> {
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
            let origin = format!("{}:{line}: [[contacts]]", self.path);
            let pairing = Pairing::configured(list, id_column, mode, origin);
            out.push(PairingEntry {
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
        if let Some(address) = address {
            self.address(value, path, &resolved, address)?;
        }
        Ok(ListRef::File {
            display: shown(&resolved),
            path: resolved,
            address: address.map(str::to_owned),
        })
    }

    /// A `list = "main.tf#ADDRESS"` must name a list resource the file declares (a file that
    /// cannot be read or parsed is left to the run, which reports it).
    fn address(
        &self,
        value: &Value<'_>,
        path: &str,
        resolved: &Path,
        address: &str,
    ) -> Result<(), ConfigError> {
        let syntax = Syntax::from_name(resolved);
        let Some(syntax) = syntax.filter(|s| s.layout() == Layout::TerraformResources) else {
            return Ok(());
        };
        let Ok(text) = std::fs::read_to_string(resolved) else {
            return Ok(());
        };
        let Ok(document) = syntax.parse(&text) else {
            return Ok(());
        };
        let resources = terraform::resources(&document, syntax == Syntax::Terraform);
        let declared: Vec<&str> = resources.iter().map(|r| r.address.as_str()).collect();
        if declared.contains(&address) {
            return Ok(());
        }
        let message = format!("{path} declares no contact list {address}");
        let help = match (did_you_mean(address, &declared, &[]), declared.as_slice()) {
            (Some(near), _) => format!("did you mean `{path}#{near}`?"),
            (None, []) => format!("{path} declares no contact-list resource"),
            (None, _) => format!("it declares {}", declared.join(", ")),
        };
        Err(self.error(value.span(), &message, Some(help)))
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
}
