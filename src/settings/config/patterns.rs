//! The globs of a configuration file, read as `.gitignore` reads them.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

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
    /// The patterns as written, each with its line; the error of the first that is no glob (by
    /// index), or of the set.
    pub(super) fn new(
        written: Vec<(String, usize)>,
    ) -> Result<Patterns, (Option<usize>, globset::Error)> {
        let mut builder = GlobSetBuilder::new();
        for (index, (pattern, _)) in written.iter().enumerate() {
            for glob in globs(pattern).map_err(|error| (Some(index), error))? {
                builder.add(glob);
            }
        }
        let set = builder.build().map_err(|error| (None, error))?;
        let used = written.iter().map(|_| AtomicBool::new(false)).collect();
        Ok(Patterns { set, written, used })
    }

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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::super::parse;
    use super::*;

    #[test]
    fn globs_read_like_gitignore() {
        let text = "exclude = [\"fixtures/broken/**\", \"*.tmp.json\", \"legacy\",\n  \
            \"lists/old/\", \"never/**\"]";
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
