//! The documentation (the README and the site's pages in `docs/`) held to the code: the rule
//! pages are what the rule registry gives (`docs/gen_rule_pages.py` run against this build), the
//! configuration page names every key the configuration parser knows, and an output shown for a
//! shipped fixture is what the command prints. The site's links and anchors are checked by
//! `mkdocs build --strict`, which `.ci/run` runs.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{REPO, run};

/// The README and every Markdown page of `docs/`, at any depth.
pub(crate) fn markdown_pages() -> Vec<PathBuf> {
    let mut pages = vec![Path::new(REPO).join("README.md")];
    let mut folders = vec![Path::new(REPO).join("docs")];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            match path.extension() {
                None if path.is_dir() => folders.push(path),
                Some(extension) if extension == "md" => pages.push(path),
                _ => {}
            }
        }
    }
    pages.sort();
    pages
}

/// The Markdown files of a directory, by name.
fn markdown_files(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// Where a committed page and the generated one part: the first line that differs, or which one
/// is missing.
fn difference(name: &str, committed: Option<&String>, generated: Option<&String>) -> String {
    let (Some(committed), Some(generated)) = (committed, generated) else {
        return match committed {
            Some(_) => format!("docs/rules/{name}: no rule gives this page any more"),
            None => format!("docs/rules/{name}: missing"),
        };
    };
    let (mut old, mut new) = (committed.lines(), generated.lines());
    for number in 1.. {
        match (old.next(), new.next()) {
            (None, None) => break,
            (old, new) if old != new => {
                let (old, new) = (
                    old.unwrap_or("(end of page)"),
                    new.unwrap_or("(end of page)"),
                );
                return format!(
                    "docs/rules/{name}, line {number}:\n  committed: {old}\n  generated: {new}"
                );
            }
            _ => {}
        }
    }
    format!("docs/rules/{name}: line ends differ")
}

/// Every rule's page and the index, generated from this build's `rules --format json` and
/// `explain`, equal the pages checked in: a rule's documentation, summary, severity, profiles or
/// fix changed without its page fails here.
#[test]
fn the_rule_pages_are_what_the_registry_gives() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new("python3")
        .arg(Path::new(REPO).join("docs/gen_rule_pages.py"))
        .args(["--binary", env!("CARGO_BIN_EXE_contactlint"), "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let generated = markdown_files(dir.path());
    let committed = markdown_files(&Path::new(REPO).join("docs/rules"));
    assert_eq!(generated.len(), contactlint::rules::RULES.len() + 1);
    let names: BTreeSet<&String> = generated.keys().chain(committed.keys()).collect();
    let stale: Vec<String> = names
        .into_iter()
        .filter(|name| committed.get(*name) != generated.get(*name))
        .map(|name| difference(name, committed.get(name), generated.get(name)))
        .collect();
    assert!(
        stale.is_empty(),
        "the rule pages disagree with the rule registry; run `python3 docs/gen_rule_pages.py` \
         and commit docs/rules/:\n{}",
        stale.join("\n")
    );
}

/// The keys a table of `contactlint.toml` may hold, as the parser's error for an unknown key
/// lists them (`the known keys are profile, include, ...`). `table` is written before the key.
fn known_keys(table: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(
        dir.path().join("contactlint.toml"),
        format!("{table}qqqqqqqqqqqqqqqq = 1\n"),
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 2, "{stderr}");
    let words: Vec<&str> = stderr.split_whitespace().collect();
    let words = words.join(" ");
    let listed = words
        .split("the known keys are ")
        .nth(1)
        .unwrap_or_else(|| panic!("no list of keys in {stderr}"));
    let mut keys = Vec::new();
    for word in listed.split(' ') {
        keys.push(word.trim_end_matches(',').to_owned());
        if !word.ends_with(',') {
            break;
        }
    }
    keys
}

/// The keys `docs/configuration.md` describes under `heading`: its `- **`key`**` items.
fn documented_keys(heading: &str) -> Vec<String> {
    let page = fs::read_to_string(Path::new(REPO).join("docs/configuration.md")).unwrap();
    let start = page
        .find(&format!("\n### {heading}\n"))
        .unwrap_or_else(|| panic!("docs/configuration.md has no heading {heading}"));
    let section = &page[start + 1..];
    let section = &section[..section[4..]
        .find("\n#")
        .map_or(section.len(), |end| end + 4)];
    section
        .lines()
        .filter_map(|line| line.strip_prefix("- **`"))
        .filter_map(|line| line.split_once('`'))
        .map(|(key, _)| key.to_owned())
        .collect()
}

/// The configuration page describes every key the parser takes, in the parser's order, at the
/// top level and in `[[overrides]]` and `[[contacts]]` entries, and no other.
#[test]
fn the_configuration_page_names_every_key_the_parser_knows() {
    for (heading, table) in [
        ("Top level", ""),
        ("`[[overrides]]`", "[[overrides]]\nfiles = [\"lists\"]\n"),
        ("`[[contacts]]`", "[[contacts]]\nfiles = [\"lists\"]\n"),
    ] {
        let known = known_keys(table);
        assert!(known.len() > 1, "{heading}: {known:?}");
        assert_eq!(
            documented_keys(heading),
            known,
            "docs/configuration.md, {heading}"
        );
    }
}

/// A `text` block that starts with `$ contactlint ...` on a shipped fixture (and runs no other
/// command) shows what that command prints on stdout, run from the repository's root. The
/// `--diff` example of `docs/fixes.md` (after a `fixes-diff` marker) shows stderr's last line
/// too, and `tests/it/fixes.rs` holds it.
#[test]
fn the_outputs_shown_for_shipped_fixtures_are_what_contactlint_prints() {
    let mut shown = 0;
    for page in markdown_pages() {
        let text = fs::read_to_string(&page).unwrap();
        for (before, block) in text.split("```text\n").zip(text.split("```text\n").skip(1)) {
            if before.trim_end().ends_with("-->") && before.contains("<!-- fixes-diff:") {
                continue;
            }
            let block = block.split("```").next().unwrap();
            let (command, expected) = block.split_once('\n').unwrap_or((block, ""));
            let Some(arguments) = command.strip_prefix("$ contactlint ") else {
                continue;
            };
            let arguments: Vec<&str> = arguments.split_whitespace().collect();
            let on_fixtures = arguments.iter().any(|a| a.starts_with("fixtures/"));
            if !on_fixtures || expected.lines().any(|line| line.starts_with("$ ")) {
                continue;
            }
            let (_, stdout, _) = run(REPO, &arguments);
            assert_eq!(
                stdout,
                expected,
                "{}: `{command}` prints something else now; show its output",
                page.display()
            );
            shown += 1;
        }
    }
    assert!(
        shown >= 4,
        "only {shown} outputs of shipped fixtures are shown"
    );
}
