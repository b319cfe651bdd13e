//! Fixture-driven rule tests.
//!
//! Each rule has a directory `fixtures/rules/<rule-id>/` with `bad*` files that must trigger it
//! and `good*` files that must give no diagnostic at all, in JSON and in TOML. The bad files of a
//! directory are checked together (so cross-file rules work), and the directory's snapshot
//! (`diagnostics.snap`, insta) shows each bad file beside every diagnostic in it, with its rule,
//! range, labels, help and fix. Review a change with `cargo insta review` (or accept all with
//! `INSTA_UPDATE=always cargo test`).

use std::fs;
use std::path::{Path, PathBuf};

use contactlint::engine::{self, Report};
use contactlint::model::provider::{Choice, Source};
use contactlint::render::positions;
use contactlint::rules::RULES;
use contactlint::settings::Settings;
use contactlint::settings::config::{CommandLine, Config};
use contactlint::syntax::{Layout, Syntax};
use contactlint::text::SourceFile;
use contactlint::walk::Walk;

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

fn files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.starts_with(prefix) && Syntax::is_walked(p)
        })
        .collect();
    found.sort();
    found
}

/// A rule's directory may hold a `contactlint.toml` (the size cap of `file-too-large`).
fn config_for(rule: &str) -> Config {
    let path = rules_dir()
        .join(rule)
        .join(contactlint::settings::config::FILE_NAME);
    if path.exists() {
        contactlint::settings::config::load(&path).unwrap()
    } else {
        Config::default()
    }
}

fn check(rule: &str, paths: &[PathBuf]) -> Report {
    // `csv-too-many-rows` lowers the million contacts of a list (`max-rows`) to stay small.
    let max_rows = fs::read_to_string(rules_dir().join(rule).join("max-rows"))
        .ok()
        .map(|n| n.trim().parse::<u64>().unwrap());
    lint_with(&config_for(rule), paths, max_rows)
}

/// Lints named paths with a configuration (and a lower limit of contacts, when given).
fn lint_with(config: &Config, paths: &[PathBuf], max_rows: Option<u64>) -> Report {
    let walk = Walk::new(paths, config);
    let cli = CommandLine::default();
    let resolver = contactlint::settings::config::Resolver::new(config, &cli);
    let report = engine::lint_inputs(&walk, &|input| {
        let mut settings = Settings::clone(&resolver.settings(input.glob_path()));
        settings.max_rows = max_rows.unwrap_or(settings.max_rows);
        std::sync::Arc::new(settings)
    });
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

/// Every diagnostic with its full range, labels, help and fix, paths relative to `dir`.
fn describe(report: &Report, dir: &Path) -> String {
    described(report, dir)
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}

/// Each diagnostic described, with the file it is in (relative to `dir`).
fn described(report: &Report, dir: &Path) -> Vec<(String, String)> {
    let prefix = format!("{}/", dir.display());
    let name = |file: usize| {
        report.files[file]
            .path
            .trim_start_matches(&prefix)
            .to_owned()
    };
    let span = |file: usize, range: &std::ops::Range<usize>| {
        let (s, e) = positions(report, file, range);
        format!("{}:{}-{}:{}", s.line, s.column, e.line, e.column)
    };
    let mut all = Vec::new();
    for d in &report.diagnostics {
        let (file, message) = (name(d.file), d.message.replace(&prefix, ""));
        let at = span(d.file, &d.range);
        let mut out = format!("{file}:{at}: {}[{}] {message}\n", d.severity, d.rule.id);
        for label in &d.labels {
            let (file, at) = (name(label.file), span(label.file, &label.range));
            out += &format!("    label {file}:{at}: {}\n", label.message);
        }
        if let Some(help) = &d.help {
            out += &format!("    help: {help}\n");
        }
        for edit in d.fix.iter().flat_map(|fix| {
            let applicability = fix.applicability.as_str();
            fix.edits.iter().map(move |edit| (applicability, edit))
        }) {
            let (applicability, edit) = edit;
            let replacement = match edit.replacement.as_str() {
                "" => "(delete)",
                text => text,
            };
            let at = span(d.file, &edit.range);
            out += &format!("    fix ({applicability}) {at}: {replacement}\n");
        }
        all.push((file, out));
    }
    all
}

/// What a rule's snapshot shows: each bad file, its lines numbered (long ones cut), then the
/// diagnostics in it.
fn snapshot(report: &Report, dir: &Path, bad: &[PathBuf]) -> String {
    const WIDE: usize = 160;
    let described = described(report, dir);
    let mut out = String::new();
    for path in bad {
        let file = path.file_name().unwrap().to_str().unwrap();
        let bytes = fs::read(path).unwrap();
        out += &format!("# {file}\n");
        for (number, line) in String::from_utf8_lossy(&bytes).lines().enumerate() {
            let mut shown: String = line.chars().take(WIDE).collect();
            if line.chars().count() > WIDE {
                shown.push('…');
            }
            out += &format!("{:>4} │ {shown}\n", number + 1);
        }
        out += "\n";
        for (_, text) in described.iter().filter(|(of, _)| of == file) {
            out += text;
        }
        out += "\n";
    }
    out
}

/// The rules of docs/inputs/terraform.md that Terraform has besides its own, each with `.tf` fixtures.
const TERRAFORM_ALSO: &[&str] = &[
    "unknown-field",
    "missing-field",
    "duplicate-list-name",
    "syntax-error",
];

/// The extensions a rule's fixtures must cover: every syntax of one list per file (JSON, TOML)
/// for the rules of the definition and api profiles, HCL's (`.tf`) for Terraform's own rules
/// and those docs/inputs/terraform.md names, every contact file's for the rules of contact files.
fn required_extensions(rule: &contactlint::diagnostic::RuleMeta) -> Vec<String> {
    use contactlint::model::Profile;
    let laid_out = |layout: Layout| {
        let syntaxes = Syntax::ALL.iter().filter(move |s| s.layout() == layout);
        syntaxes.flat_map(|syntax| syntax.extensions())
    };
    let mut extensions: Vec<&str> = Vec::new();
    if rule.applies_to(Profile::Definition) || rule.applies_to(Profile::Api) {
        extensions.extend(laid_out(Layout::WholeDocument));
    }
    if rule.profiles == [Profile::Terraform] || TERRAFORM_ALSO.contains(&rule.id) {
        extensions.extend(Syntax::Terraform.extensions());
    }
    if rule.applies_to(Profile::ContactFile) {
        extensions.extend(laid_out(Layout::Contacts));
    }
    extensions.iter().map(|e| format!(".{e}")).collect()
}

#[test]
fn every_rule_has_fixtures_both_ways_in_each_of_its_syntaxes() {
    for rule in RULES.iter().map(|r| r.meta()) {
        let dir = rules_dir().join(rule.id);
        for prefix in ["bad", "good"] {
            let found = files(&dir, prefix);
            for extension in required_extensions(rule) {
                assert!(
                    found
                        .iter()
                        .any(|p| p.to_str().unwrap().ends_with(&extension)),
                    "{}: no {prefix}*{extension} fixture in {}",
                    rule.id,
                    dir.display()
                );
            }
        }
    }
}

/// TOML refuses repeated keys while parsing, so there `duplicate-key` gives way to `syntax-error`.
fn triggered_instead(rule: &str, path: &str) -> &'static str {
    match rule {
        "duplicate-key" if path.ends_with(".toml") => "syntax-error",
        _ => "",
    }
}

#[test]
fn bad_fixtures_trigger_their_rule_exactly_as_the_snapshot_shows() {
    let mut differ = Vec::new();
    for rule in RULES.iter().map(|r| r.meta()) {
        let dir = rules_dir().join(rule.id);
        let bad = files(&dir, "bad");
        let report = check(rule.id, &bad);
        // Every bad file, not only those the report kept: a clean one is dropped from it.
        for path in bad.iter().map(|p| p.to_str().unwrap()) {
            let wanted = Some(triggered_instead(rule.id, path))
                .filter(|r| !r.is_empty())
                .unwrap_or(rule.id);
            let points_here = |file_id: usize| report.files[file_id].path == path;
            let triggered = report.diagnostics.iter().any(|d| {
                d.rule.id == wanted
                    && (points_here(d.file) || d.labels.iter().any(|l| points_here(l.file)))
            });
            assert!(triggered, "{path} does not trigger {wanted}");
        }
        let shown = snapshot(&report, &dir, &bad);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(&dir);
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_description(format!("the bad fixtures of {}", rule.id));
        // Every rule is compared, and all that differ are named, not only the first.
        let compared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!("diagnostics", shown));
        }));
        if compared.is_err() {
            differ.push(rule.id);
        }
    }
    assert!(differ.is_empty(), "snapshots differ: {differ:?}");
}

#[test]
fn good_fixtures_are_clean() {
    for rule in RULES.iter().map(|r| r.meta()) {
        let dir = rules_dir().join(rule.id);
        let report = check(rule.id, &files(&dir, "good"));
        assert!(
            report.diagnostics.is_empty(),
            "{}: good fixtures report:\n{}",
            rule.id,
            describe(&report, &dir)
        );
    }
}

/// The examples in each rule's documentation (what `explain` prints) behave as they claim.
#[test]
fn documentation_examples_are_true() {
    for rule in RULES.iter().map(|r| r.meta()) {
        let docs = rule.documentation_source();
        let blocks = code_blocks(&docs);
        assert_eq!(
            blocks.len(),
            2,
            "{}: docs need a bad and a good example",
            rule.id
        );
        for ((info, code), should_trigger) in blocks.iter().zip([true, false]) {
            let rules = example_rules(info, code);
            let triggered = rules.contains(&rule.id);
            assert_eq!(triggered, should_trigger, "{}: example {code:?}", rule.id);
            if !should_trigger {
                assert!(
                    rules.is_empty(),
                    "{}: the good example reports {rules:?}",
                    rule.id
                );
            }
        }
    }
}

/// The rules an example triggers. Its info string is the syntax, then what the example needs:
/// `latin1` (the text saved as Latin-1), `max-file-size:N` (a size cap), `provider:V` (the
/// provider version a Terraform example is judged with), `max-rows:N` (a lower
/// limit of contacts), or `files` (several files, each after a `--- PATH` line, checked
/// together; a CSV among them is paired with `list.json`, its id column named by
/// `id-column:NAME`), or `bom` (its CSV files start with a UTF-8 byte-order mark).
fn example_rules(info: &str, code: &str) -> Vec<&'static str> {
    if info.starts_with("csv") || info.contains("on-disk") {
        return disk_example_rules(info, code);
    }
    use contactlint::engine::Input;
    use contactlint::model::Admission;
    use contactlint::syntax::Syntax;
    use contactlint::text::SourceFile;

    let mut words = info.split_whitespace();
    let language = words.next().unwrap_or_default();
    let mut settings = Settings::default();
    let mut bytes = code.as_bytes().to_vec();
    let mut files = Vec::new();
    for word in words {
        match word.split_once(':') {
            Some(("max-file-size", size)) => settings.max_file_size = size.parse().unwrap(),
            Some(("provider", version)) => {
                settings.providers = vec![Choice::written(version, Source::CommandLine)];
            }
            _ if word == "latin1" => {
                bytes = code.chars().map(|c| u8::try_from(c).unwrap()).collect();
            }
            _ if word == "files" => {
                for part in code.split("--- ").filter(|p| !p.trim().is_empty()) {
                    let (path, text) = part.split_once('\n').unwrap();
                    files.push((path.trim().to_owned(), text.to_owned()));
                }
            }
            _ => panic!("unknown example attribute {word}"),
        }
    }
    let report = if files.is_empty() {
        let name = format!("example.{language}");
        let syntax = Syntax::detect(&name, &bytes);
        let source = SourceFile::from_bytes(name, syntax, bytes, settings.max_file_size);
        engine::lint_one(source, &settings)
    } else {
        let inputs: Vec<Input> = files
            .into_iter()
            .map(|(display, text)| Input::memory(display, text.into(), Admission::Named))
            .collect();
        let settings = std::sync::Arc::new(settings);
        engine::lint_inputs(&inputs, &|_| settings.clone())
    };
    report.diagnostics.iter().map(|d| d.rule.id).collect()
}

/// A CSV example (or one marked `on-disk`, whose files must be on disk), checked from a
/// directory of its files with a configuration that pairs a CSV with `list.json` (when there
/// is one).
fn disk_example_rules(info: &str, code: &str) -> Vec<&'static str> {
    let dir = tempfile::tempdir().unwrap();
    let language = info.split_whitespace().next().unwrap_or_default();
    let mut files = Vec::new();
    let (mut id_column, mut max_rows, mut bom) = (None, None, false);
    for word in info.split_whitespace().skip(1) {
        match word.split_once(':') {
            Some(("id-column", name)) => id_column = Some(name.to_owned()),
            Some(("max-rows", n)) => max_rows = Some(n.parse::<u64>().unwrap()),
            _ if word == "on-disk" => {}
            _ if word == "bom" => bom = true,
            _ if word == "files" => {
                for part in code.split("--- ").filter(|p| !p.trim().is_empty()) {
                    let (path, text) = part.split_once('\n').unwrap();
                    files.push((path.trim().to_owned(), text.to_owned()));
                }
            }
            _ => panic!("unknown example attribute {word}"),
        }
    }
    if files.is_empty() {
        files.push((format!("example.{language}"), code.to_owned()));
    }
    let mut config = String::new();
    if files.iter().any(|(path, _)| path == "list.json") {
        config += "[[contacts]]\nfiles = [\"*.csv\"]\nlist = \"list.json\"\n";
        if let Some(id) = &id_column {
            config += &format!("id-column = \"{id}\"\n");
        }
    }
    fs::write(dir.path().join("contactlint.toml"), config).unwrap();
    let mut csv = Vec::new();
    for (path, text) in &files {
        let mark = match bom && path.ends_with(".csv") {
            true => "\u{feff}",
            false => "",
        };
        fs::write(dir.path().join(path), format!("{mark}{text}")).unwrap();
        if path != "list.json" {
            csv.push(dir.path().join(path));
        }
    }
    let config = contactlint::settings::config::load(&dir.path().join("contactlint.toml")).unwrap();
    let report = lint_with(&config, &csv, max_rows);
    report.diagnostics.iter().map(|d| d.rule.id).collect()
}

fn code_blocks(docs: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in docs.lines() {
        match (line.strip_prefix("```"), current.take()) {
            (Some(language), None) => current = Some((language.to_owned(), String::new())),
            (Some(_), Some(block)) => blocks.push(block),
            (None, Some((language, mut code))) => {
                code.push_str(line);
                code.push('\n');
                current = Some((language, code));
            }
            (None, None) => {}
        }
    }
    blocks
}

/// Which rule explains a schema failure is decided by the rules' declared claim tiers, never by
/// the registry's order: on every fixture, no two rules of one tier claim the same failure, and
/// the `Any` tier claims every failure.
#[test]
fn no_two_rules_of_one_tier_claim_the_same_schema_failure() {
    use contactlint::diagnostic::ClaimTier;
    use contactlint::model::{self, Admission, schema};
    use contactlint::rules::Context;

    let mut failures_seen = 0;
    let mut paths = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    while let Some(path) = paths.pop() {
        if path.is_dir() {
            paths.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let source = SourceFile::from_text(path.display().to_string(), &text);
        let Ok(document) = source.syntax.parse(&source.text) else {
            continue;
        };
        let recognised = model::lists(&document, source.syntax, None, Admission::Named);
        for list in recognised.lists() {
            let cx = Context {
                list,
                max_columns: contactlint::settings::MAX_COLUMNS,
            };
            for failure in schema::failures(list.profile, list.value) {
                failures_seen += 1;
                for tier in [ClaimTier::Specific, ClaimTier::Kind, ClaimTier::Any] {
                    let claimants: Vec<&str> = RULES
                        .iter()
                        .filter(|r| r.meta().claims == Some(tier))
                        .filter(|r| r.meta().applies_to(list.profile))
                        .filter(|r| r.claim(&failure, &cx).is_some())
                        .map(|r| r.meta().id)
                        .collect();
                    assert!(
                        claimants.len() <= 1,
                        "{}: {failure:?} is claimed by {claimants:?}",
                        path.display()
                    );
                    if tier == ClaimTier::Any {
                        assert_eq!(claimants.len(), 1, "{}: {failure:?}", path.display());
                    }
                }
            }
        }
    }
    assert!(
        failures_seen > 50,
        "only {failures_seen} schema failures seen"
    );
}

/// What `explain`, hover and SARIF show: plain examples, without the fence attributes and file
/// markers that tell the tests how to run them.
#[test]
fn documentation_shows_plain_examples() {
    for rule in RULES.iter().map(|r| r.meta()) {
        let docs = rule.documentation();
        for line in docs.lines() {
            assert!(!line.starts_with("--- "), "{}: {line}", rule.id);
            if let Some(info) = line.strip_prefix("```") {
                assert!(!info.contains(' '), "{}: {line}", rule.id);
            }
        }
        let fences = docs.lines().filter(|l| l.starts_with("```")).count();
        assert_eq!(fences % 2, 0, "{}: unbalanced fences", rule.id);
    }
}
