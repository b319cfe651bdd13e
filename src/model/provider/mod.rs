//! The Genesys Cloud Terraform provider across its releases: which versions the table covers
//! (`table.rs`, compiled from `schemas/provider/genesyscloud.json`), what each outbound resource
//! type has at each of them, the version constraints Terraform writes (`constraint.rs`), and the
//! version a configuration is judged with and where it came from ([`Choice`]).

mod constraint;
mod table;
mod written;

use std::fmt;

pub use constraint::{Constraint, ConstraintError};
pub use table::{Deprecation, EnumValue, Node};
pub use written::{Declared, Judged, Standing, WrittenItem, WrittenValue, standing};

/// The registry address of the provider, without its host: `registry.terraform.io/…` and
/// OpenTofu's `registry.opentofu.org/…` both end with it.
pub const PROVIDER_ADDRESS: &str = "mypurecloud/genesyscloud";

/// A release of the provider, `MAJOR.MINOR.PATCH`, packed so that it orders as versions do.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(u32);

impl Version {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Version {
        Version((major << 20) | (minor << 10) | patch)
    }

    /// `1.55.0` (or `v1.55.0`); `None` for anything else, a pre-release included.
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim();
        let text = text.strip_prefix('v').unwrap_or(text);
        let mut parts = text.split('.');
        let mut number = || -> Option<u32> {
            let part = parts.next()?;
            let all_digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            all_digits.then(|| part.parse().ok()).flatten()
        };
        let (major, minor, patch) = (number()?, number()?, number()?);
        let fits = major < 1024 && minor < 1024 && patch < 1024;
        (fits && parts.next().is_none()).then(|| Version::new(major, minor, patch))
    }

    pub fn major(self) -> u32 {
        self.0 >> 20
    }

    pub fn minor(self) -> u32 {
        (self.0 >> 10) & 1023
    }

    pub fn patch(self) -> u32 {
        self.0 & 1023
    }

    /// Every release the table covers, oldest first.
    pub fn releases() -> impl DoubleEndedIterator<Item = Version> + ExactSizeIterator {
        table::versions()
    }

    /// The newest release the table covers.
    pub fn newest() -> Version {
        Version::releases()
            .next_back()
            .expect("the table covers releases")
    }

    /// Whether the table covers this release.
    pub fn is_known(self) -> bool {
        table::index_of(self).is_some()
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major(), self.minor(), self.patch())
    }
}

impl fmt::Debug for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The provider version a configuration is judged with, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Choice {
    /// A release of the table.
    pub version: Version,
    pub source: Source,
    /// Why the version asked for is not the one judged with, when it is not.
    pub substituted: Option<Substitution>,
}

/// Where a provider version came from, first found wins.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// `--provider-version`.
    CommandLine,
    /// `provider-version` in the configuration file (its path as shown).
    Config(String),
    /// `provider-version` in the n-th `[[overrides]]` entry of the configuration file.
    Override(String, usize),
    /// The editor's setting (`contactlint.providerVersion`).
    Editor,
    /// The browser page's select.
    Page,
    /// The `.terraform.lock.hcl` of a root module (its path as shown).
    LockFile(String),
    /// The newest release that satisfies the `required_providers` constraints (as written, and
    /// the file of the first).
    Constraints { written: String, file: String },
    /// Nothing says: the newest release of the table.
    Newest,
}

/// Why a configuration is judged with the newest release instead of the one it asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Substitution {
    /// A release the table does not cover (a development build calls itself `0.1.0`; a release
    /// newer than the table).
    OutsideTable(String),
    /// A provider from another source than the registry's (a local build).
    OtherSource(String),
    /// Constraints that no release of the table satisfies.
    Unsatisfiable(String),
}

impl Choice {
    /// The newest release, because nothing says otherwise.
    pub fn newest() -> Choice {
        Choice {
            version: Version::newest(),
            source: Source::Newest,
            substituted: None,
        }
    }

    /// A version as written somewhere: judged as itself when the table covers it, else as the
    /// newest, saying so.
    pub fn written(text: &str, source: Source) -> Choice {
        match Version::parse(text).filter(|v| v.is_known()) {
            Some(version) => Choice {
                version,
                source,
                substituted: None,
            },
            None => Choice {
                version: Version::newest(),
                source,
                substituted: Some(Substitution::OutsideTable(text.trim().to_owned())),
            },
        }
    }

    /// How messages name the selection: "the lock file environments/prod/.terraform.lock.hcl
    /// selects 1.55.0".
    pub fn selects(&self) -> String {
        match self.source {
            Source::Newest => format!(
                "with no lock file or version constraint, contactlint judges with {}, the newest \
                 release it knows",
                self.version
            ),
            _ => format!("{} selects {}", self.source, self.version),
        }
    }

    /// What to do about something that needs release `since` or newer.
    pub fn upgrade_help(&self, since: Version) -> String {
        match &self.source {
            Source::LockFile(_) | Source::Constraints { .. } | Source::Newest => format!(
                "allow provider {since} or newer in `required_providers` and run `terraform init \
                 -upgrade`, or remove it"
            ),
            Source::CommandLine
            | Source::Config(_)
            | Source::Override(..)
            | Source::Editor
            | Source::Page => {
                format!(
                    "remove it, or upgrade the provider to {since} or newer and judge with that \
                     version ({})",
                    self.source
                )
            }
        }
    }

    /// What `--show-settings` and `--show-files` print: "1.55.0 (the lock file …)", with the
    /// substitution when there is one.
    pub fn describe(&self) -> String {
        let mut text = format!("{} ({})", self.version, self.source);
        if let Some(substituted) = &self.substituted {
            text.push_str(&format!(": {substituted}"));
        }
        text
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::CommandLine => f.write_str("--provider-version"),
            Source::Config(path) => write!(f, "provider-version in {path}"),
            Source::Override(path, n) => {
                write!(f, "provider-version in [[overrides]] entry {n} of {path}")
            }
            Source::Editor => f.write_str("the editor's provider version"),
            Source::Page => f.write_str("the page's provider version"),
            Source::LockFile(path) => write!(f, "the lock file {path}"),
            Source::Constraints { written, file } => {
                write!(f, "the newest release satisfying \"{written}\" ({file})")
            }
            Source::Newest => f.write_str(
                "the newest release contactlint knows: no lock file or version constraint",
            ),
        }
    }
}

impl fmt::Display for Substitution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let newest = Version::newest();
        match self {
            Substitution::OutsideTable(asked) => write!(
                f,
                "{asked} is not a release contactlint knows (it knows 1.0.0 to {newest}); \
                 judged as {newest}"
            ),
            Substitution::OtherSource(address) => write!(
                f,
                "the provider comes from {address}, not the registry; judged as {newest}"
            ),
            Substitution::Unsatisfiable(written) => write!(
                f,
                "no release contactlint knows satisfies \"{written}\"; judged as {newest}"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_order_and_print() {
        let v = Version::parse("1.55.0").unwrap();
        assert_eq!(v.to_string(), "1.55.0");
        assert_eq!(Version::parse("v1.12.40").unwrap(), Version::new(1, 12, 40));
        assert!(Version::parse("1.55.0") < Version::parse("1.100.0"));
        assert!(Version::parse("1.9.9") < Version::parse("1.10.0"));
        for bad in ["1.55", "1.55.0-beta", "1..0", "", "a.b.c", "1.020.9.1"] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_version_outside_the_table_is_judged_as_the_newest_and_says_so() {
        let choice = Choice::written("0.1.0", Source::LockFile("x".into()));
        assert_eq!(choice.version, Version::newest());
        assert!(
            choice
                .describe()
                .contains("0.1.0 is not a release contactlint knows")
        );
        let known = Choice::written("1.55.0", Source::CommandLine);
        assert_eq!(known.version, Version::new(1, 55, 0));
        assert_eq!(known.substituted, None);
    }
}
