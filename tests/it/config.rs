//! contactlint.toml: discovery, every key, precedence, excludes and configuration errors.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common;
use crate::common::run;
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/config-repo")
}

/// (path relative to the fixture repository, rule, severity, line, column) of each diagnostic.
fn findings(dir: &Path, args: &[&str]) -> (i32, Vec<String>) {
    let (code, stdout, stderr) = run(dir, &[args, &["--format", "json"]].concat());
    let report: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout} {stderr}"));
    let found = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap().trim_start_matches("../");
            let start = &d["range"]["start"];
            format!(
                "{path}:{}:{} {}[{}]",
                start["line"],
                start["column"],
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap()
            )
        })
        .collect();
    (code, found)
}

#[test]
fn the_fixture_repository_gives_the_same_diagnostics_however_it_is_checked() {
    let expected = vec![
        "legacy/old.toml:3:1 warning[unknown-field]".to_owned(),
        "lists/huge.json:1:1 error[file-too-large]".to_owned(),
        "lists/sales.json:4:3 error[unknown-field]".to_owned(),
    ];
    let from_root = findings(&repo(), &["check", "."]);
    assert_eq!(from_root, (1, expected.clone()));
    let from_subdirectory = findings(&repo().join("lists"), &["check", ".."]);
    assert_eq!(from_subdirectory, (1, expected.clone()));
    // pre-commit passes every staged .json/.toml file, excluded ones included.
    let files = [
        "legacy/old.toml",
        "lists/broken/bad.json",
        "lists/huge.json",
        "lists/sales.json",
        "other/valid.json",
    ];
    let file_by_file = findings(
        &repo(),
        &[&["check", "--force-exclude"], &files[..]].concat(),
    );
    assert_eq!(file_by_file, (1, expected));
}

#[test]
fn excluded_files_are_checked_when_named_unless_force_exclude() {
    let (_, named) = findings(&repo(), &["check", "lists/broken/bad.json"]);
    assert_eq!(
        named,
        vec!["lists/broken/bad.json:1:38 error[syntax-error]"]
    );
    let (code, forced) = findings(
        &repo(),
        &["check", "--force-exclude", "lists/broken/bad.json"],
    );
    assert_eq!((code, forced), (0, vec![]));
}

#[test]
fn exclude_applies_to_stdin_filenames() {
    let stdin = |name: &str| {
        let args = [
            "check",
            "-",
            "--stdin-filename",
            name,
            "--format",
            "concise",
        ];
        let input = "{\"name\": \"S\", \"type\": \"CSV\"}";
        let (code, stdout, _) =
            common::output(common::contactlint(repo()).args(args).write_stdin(input));
        (code, stdout)
    };
    assert_eq!(
        stdin("lists/broken/new.json"),
        (
            0,
            "No files checked (1 excluded by the configuration).\n".to_owned()
        )
    );
    let (code, stdout) = stdin("lists/new.json");
    assert_eq!(code, 1);
    assert!(
        stdout.contains("lists/new.json:1:23: error[invalid-list-type]"),
        "{stdout}"
    );
}

#[test]
fn include_limits_walking_but_not_named_files() {
    let (_, stdout, _) = run(repo(), &["check", "other", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["files_checked"], 0);
    assert_eq!(report["summary"]["files_excluded"], 1);
    let (_, stdout, _) = run(repo(), &["check", "other/valid.json", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["files_checked"], 1);
}

#[test]
fn warnings_as_errors_and_no_config() {
    // legacy/old.toml has only a warning; the configuration makes warnings fail the run.
    assert_eq!(run(repo(), &["check", "legacy/old.toml"]).0, 1);
    let (code, found) = findings(&repo(), &["check", "--no-config", "legacy/old.toml"]);
    assert_eq!(code, 0);
    assert_eq!(
        found,
        vec![
            "legacy/old.toml:1:1 warning[missing-columns]",
            "legacy/old.toml:3:1 warning[unknown-field]"
        ]
    );
}

#[test]
fn precedence_runs_from_defaults_to_the_command_line() {
    let settings = |args: &[&str]| {
        run(
            repo(),
            &[&["check", "--show-settings", "legacy/old.toml"], args].concat(),
        )
        .1
    };
    let line = |text: &str, rule: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("{rule} ")))
            .unwrap()
            .split_whitespace()
            .skip(1)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let plain = settings(&[]);
    assert_eq!(line(&plain, "syntax-error"), "error default");
    assert_eq!(line(&plain, "missing-columns"), "off [[overrides]] entry 1");
    assert_eq!(
        line(&plain, "unknown-field"),
        "warning [[overrides]] entry 1"
    );
    assert!(plain.contains("max-file-size: 4 KiB"));
    assert!(plain.contains("profile: auto (detected from each file) (configuration)"));
    let sales = run(repo(), &["check", "--show-settings", "lists/sales.json"]).1;
    assert_eq!(
        line(&sales, "unknown-field"),
        "error [rules] in the configuration file"
    );
    let cli = settings(&[
        "--select",
        "missing-columns,unknown-field",
        "--ignore",
        "unknown-field",
    ]);
    assert_eq!(line(&cli, "missing-columns"), "warning --select");
    assert_eq!(line(&cli, "unknown-field"), "off --ignore");
    // A selection never hides a file that cannot be parsed: only `--ignore` or `off` does.
    assert_eq!(line(&cli, "syntax-error"), "error default");
    assert_eq!(line(&cli, "column-name-too-long"), "off --select");
    // A profile chosen on the command line: a rule of another profile cannot fire, and is not
    // shown.
    let api = settings(&["--profile", "api"]);
    assert!(api.contains("profile: api (--profile)"));
    assert!(!api.contains("missing-columns"), "{api}");
    assert_eq!(line(&api, "unknown-field"), "warning [[overrides]] entry 1");
}

#[test]
fn discovery_uses_the_nearest_parent_and_stops_at_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    let outer = dir.path();
    fs::write(
        outer.join("contactlint.toml"),
        "[rules]\nmissing-columns = \"error\"\n",
    )
    .unwrap();
    let list = "{\"name\": \"L\", \"type\": \"API\"}";
    fs::create_dir_all(outer.join("a/b")).unwrap();
    fs::write(outer.join("a/b/l.json"), list).unwrap();
    let (_, found) = findings(&outer.join("a/b"), &["check", "l.json"]);
    assert_eq!(
        found,
        vec!["l.json:1:1 error[missing-columns]"],
        "found from two levels down"
    );
    fs::create_dir_all(outer.join("repo/.git")).unwrap();
    fs::create_dir_all(outer.join("repo/lists")).unwrap();
    fs::write(outer.join("repo/lists/l.json"), list).unwrap();
    let (_, found) = findings(&outer.join("repo/lists"), &["check", "l.json"]);
    assert_eq!(
        found,
        vec!["l.json:1:1 warning[missing-columns]"],
        "not looked for above the repository root"
    );
    fs::write(
        outer.join("repo/contactlint.toml"),
        "[rules]\nmissing-columns = \"off\"\n",
    )
    .unwrap();
    let (_, found) = findings(&outer.join("repo/lists"), &["check", "l.json"]);
    assert_eq!(
        found,
        Vec::<String>::new(),
        "the repository root's own file is used"
    );
    let explicit = outer.join("contactlint.toml");
    let (_, found) = findings(
        &outer.join("repo/lists"),
        &["check", "--config", explicit.to_str().unwrap(), "l.json"],
    );
    assert_eq!(
        found,
        vec!["l.json:1:1 error[missing-columns]"],
        "--config wins"
    );
}

#[test]
fn configuration_errors_point_at_their_span() {
    let cases = [
        (
            "exclud = [\"x/**\"]\n",
            "1:1",
            "unknown key `exclud`",
            Some("did you mean `exclude`?"),
        ),
        (
            "[rules]\nunknown-feild = \"off\"\n",
            "2:1",
            "unknown rule `unknown-feild`",
            Some("did you mean `unknown-field`?"),
        ),
        (
            "[rules]\nunknown-field = \"loud\"\n",
            "2:17",
            "unknown level `loud`",
            None,
        ),
        (
            "include = [\"lists/[\"]\n",
            "1:12",
            "invalid glob `lists/[`",
            None,
        ),
        ("profile = \"apy\"\n", "1:11", "unknown profile `apy`", None),
        (
            "max-file-size = \"8 parsecs\"\n",
            "1:17",
            "expected a size",
            None,
        ),
        (
            "warnings-as-errors = \"yes\"\n",
            "1:22",
            "expected `true` or `false`",
            None,
        ),
        (
            "[[overrides]]\nrules = { unknown-field = \"off\" }\n",
            "1:1",
            "an override needs `files`",
            None,
        ),
        (
            "[[overrides]]\nfiles = [\"a\"]\nrule = {}\n",
            "3:1",
            "unknown key `rule`",
            Some("did you mean `rules`?"),
        ),
        ("profile = \n", "1:11", "string values must be quoted", None),
        (
            "[limits]\ncolumns = 0\n",
            "2:11",
            "`columns` must be a whole number of columns, at least 1",
            Some("the documented limit is 50 (the default)"),
        ),
        (
            "[limits]\ncolumns = \"60\"\n",
            "2:11",
            "`columns` must be a whole number of columns, at least 1",
            None,
        ),
        (
            "[limits]\ncolums = 60\n",
            "2:1",
            "unknown key `colums`",
            Some("did you mean `columns`?"),
        ),
        ("limits = 60\n", "1:10", "expected a table: [limits]", None),
    ];
    for (text, position, message, help) in cases {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("contactlint.toml"), text).unwrap();
        let (code, stdout, stderr) = run(dir.path(), &["check", "--color", "never"]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{text}");
        assert!(
            stderr.contains(&format!("[contactlint.toml:{position}]")),
            "{text}: {stderr}"
        );
        assert!(stderr.contains(message), "{text}: {stderr}");
        if let Some(help) = help {
            assert!(stderr.contains(help), "{text}: {stderr}");
        }
    }
}

#[test]
fn configuration_errors_are_exact_in_the_library_too() {
    let error = contactlint::settings::config::parse(
        "profile = \"auto\"\n[rules]\nmissing-colums = \"off\"\n",
        "c.toml",
        PathBuf::new(),
    )
    .unwrap_err();
    assert_eq!(error.line_column(), (3, 1));
    assert_eq!(
        error.help.as_deref(),
        Some("did you mean `missing-columns`?")
    );
}

#[test]
fn the_profile_key_forces_a_profile_and_the_flag_wins_over_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("contactlint.toml"), "profile = \"api\"\n").unwrap();
    let list = r#"{"name": "L", "type": "API", "columns": [{"name": "p", "type": "PHONE"}]}"#;
    fs::write(dir.path().join("l.json"), list).unwrap();
    let (_, forced) = findings(dir.path(), &["check", "l.json"]);
    assert!(
        forced.contains(&"l.json:1:1 error[missing-column-names]".to_owned()),
        "{forced:?}"
    );
    let (code, auto) = findings(dir.path(), &["check", "l.json", "--profile", "auto"]);
    assert_eq!((code, auto), (0, vec![]));
}

/// Findings about the file itself (it cannot be read or parsed) take their configured level like
/// every other finding: `warning` reports them as warnings, `off` drops them.
#[test]
fn file_level_rules_take_their_configured_level() {
    let cases: [(&str, &str, &[u8]); 3] = [
        ("syntax-error", "broken.json", b"{\"name\": }"),
        (
            "invalid-encoding",
            "latin1.json",
            b"{\"name\": \"Caf\xe9\"}",
        ),
        ("file-too-large", "large.json", &[b' '; 2048]),
    ];
    for (rule, file, bytes) in cases {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(file), bytes).unwrap();
        for (level, expected) in [
            ("warning", (0, vec![format!("{file}:1:1 warning[{rule}]")])),
            ("off", (0, vec![])),
            ("error", (1, vec![format!("{file}:1:1 error[{rule}]")])),
        ] {
            let config = format!("max-file-size = \"1KiB\"\n[rules]\n{rule} = \"{level}\"\n");
            fs::write(dir.path().join("contactlint.toml"), config).unwrap();
            let (code, mut found) = findings(dir.path(), &["check", file]);
            // Only the line is compared: the encoding and syntax errors sit further along it.
            for finding in &mut found {
                let (place, rest) = finding.split_once(' ').unwrap();
                let line = place.rsplit_once(':').unwrap().0;
                *finding = format!("{line}:1 {rest}");
            }
            assert_eq!((code, found), expected, "{rule} = {level}");
        }
    }
}

/// `name-scopes`: every directory a glob matches is a namespace of list names of its own; files
/// outside any scope share the run's.
#[test]
fn name_scopes_keep_per_environment_copies_apart() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/name-scopes");
    let scoped = findings(&dir, &["check"]);
    let expected =
        vec!["environments/prod/lists/sales.toml:1:8 error[duplicate-list-name]".to_owned()];
    assert_eq!(scoped, (1, expected));
    let (_, stdout, _) = run(&dir, &["check", "--format", "concise"]);
    assert!(
        stdout.contains("already used by environments/prod/legacy/sales-copy.json:2\n"),
        "{stdout}"
    );
    let unscoped = findings(&dir, &["check", "--no-config"]);
    let expected = vec![
        "environments/prod/legacy/sales-copy.json:2:11 error[duplicate-list-name]".to_owned(),
        "environments/prod/lists/sales.toml:1:8 error[duplicate-list-name]".to_owned(),
        "shared/sales.json:2:11 error[duplicate-list-name]".to_owned(),
    ];
    assert_eq!(unscoped, (1, expected));
    let (_, settings, _) = run(
        &dir,
        &[
            "check",
            "--show-settings",
            "environments/prod/lists/sales.toml",
        ],
    );
    assert!(
        settings.contains("  name scope: environments/prod\n"),
        "{settings}"
    );
    let (_, settings, _) = run(&dir, &["check", "--show-settings", "shared/sales.json"]);
    assert!(
        settings.contains("  name scope: none (the run's own)\n"),
        "{settings}"
    );
}

/// Globs as `.gitignore` reads them, and a warning for a pattern that matches nothing.
#[test]
fn globs_read_like_gitignore_and_unused_patterns_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let list = concat!(
        r#"{"name": "N", "columnNames": ["Cell"], "#,
        r#""phoneColumns": [{"columnName": "Cell", "type": "cell"}]}"#
    );
    for (path, name) in [
        ("legacy/a.json", "A"),
        ("lists/legacy/b.json", "B"),
        ("lists/c.json", "C"),
    ] {
        fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        fs::write(
            root.join(path),
            list.replace("\"N\"", &format!("\"{name}\"")),
        )
        .unwrap();
    }
    let checked = |config: &str| {
        fs::write(root.join("contactlint.toml"), config).unwrap();
        let (_, stdout, stderr) = run(root, &["check", "--show-files"]);
        let checked: Vec<String> = stdout
            .lines()
            .filter(|l| l.starts_with("checked"))
            .map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap()
                    .trim_end_matches(':')
                    .to_owned()
            })
            .collect();
        (checked, stderr)
    };
    let all = ["legacy/a.json", "lists/c.json", "lists/legacy/b.json"]
        .map(String::from)
        .to_vec();
    assert_eq!(checked("exclude = [\"legacy\"]\n").0, vec!["lists/c.json"]);
    assert_eq!(checked("exclude = [\"legacy/\"]\n").0, vec!["lists/c.json"]);
    assert_eq!(
        checked("exclude = [\"lists/legacy\"]\n").0,
        vec!["legacy/a.json", "lists/c.json"]
    );
    assert_eq!(
        checked("include = [\"lists\"]\n").0,
        vec!["lists/c.json", "lists/legacy/b.json"]
    );
    assert_eq!(checked("include = [\"*.json\"]\n").0, all);
    fs::write(
        root.join("contactlint.toml"),
        "include = [\"lists/\"]\nexclude = [\n  \"old/**\",\n]\n",
    )
    .unwrap();
    let (code, _, stderr) = run(root, &["check"]);
    assert_eq!(code, 0);
    assert_eq!(
        stderr,
        "warning: the exclude pattern \"old/**\" (contactlint.toml:3) matched no file\n"
    );
    // Named files (pre-commit) never meet `include`: no warning about it then.
    let (_, _, stderr) = run(root, &["check", "lists/c.json"]);
    assert_eq!(stderr, "");
}

#[test]
fn configuration_habits_get_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let error = |text: &str| {
        fs::write(dir.path().join("contactlint.toml"), text).unwrap();
        let (code, _, stderr) = run(dir.path(), &["check", "--color", "never"]);
        assert_eq!(code, 2, "{stderr}");
        stderr
    };
    let stderr = error("unknown-field = \"off\"\n");
    assert!(stderr.contains("`unknown-field` is a rule"), "{stderr}");
    assert!(stderr.contains("rule levels go under [rules]"), "{stderr}");
    let stderr = error("profile = \"api\"\nprofile = \"auto\"\n");
    assert!(stderr.contains("duplicate key `profile`"), "{stderr}");
    let stderr = error("max-file-size = 0\n");
    assert!(stderr.contains("max-file-size cannot be 0"), "{stderr}");
    fs::write(dir.path().join("contactlint.toml"), "profile = \"API\"\n").unwrap();
    let (_, settings, _) = run(dir.path(), &["check", "--show-settings", "x.json"]);
    assert!(
        settings.contains("profile: api (configuration)"),
        "{settings}"
    );
}

#[test]
fn show_settings_takes_several_paths_and_json() {
    let (code, stdout, _) = run(
        repo(),
        &[
            "check",
            "--show-settings",
            "lists/sales.json",
            "legacy/old.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0);
    let shown: Value = serde_json::from_str(&stdout).unwrap();
    let level = |index: usize, rule: &str| {
        shown[index]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["rule"] == rule)
            .map(|r| {
                (
                    r["level"].as_str().unwrap().to_owned(),
                    r["source"].as_str().unwrap().to_owned(),
                )
            })
            .unwrap()
    };
    assert_eq!(shown[0]["path"], "lists/sales.json");
    assert_eq!(shown[0]["max_file_size"], 4096);
    assert_eq!(
        level(0, "unknown-field"),
        ("error".into(), "[rules] in the configuration file".into())
    );
    assert_eq!(shown[1]["path"], "legacy/old.toml");
    assert_eq!(
        level(1, "unknown-field"),
        ("warning".into(), "[[overrides]] entry 1".into())
    );
    let (_, text, _) = run(
        repo(),
        &[
            "check",
            "--show-settings",
            "lists/sales.json",
            "legacy/old.toml",
        ],
    );
    assert_eq!(text.matches("Settings for ").count(), 2);
}

/// The limit of columns is a setting, `[limits] columns` (50 by default, the documented limit),
/// for a list and for its CSV: a live organisation holds lists of 54 columns (the shape of
/// `fixtures/rules/too-many-columns/bad-54-columns.tf`). The help names the setting, and
/// `--show-settings` shows it with where it comes from.
#[test]
fn the_limit_of_columns_is_a_setting() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rules/too-many-columns/bad-54-columns.tf");
    let list = fs::read_to_string(fixture).unwrap().replace(
        "  name         = \"TT_LP7\"\n",
        "  name         = \"TT_LP7\"\n  contacts_filepath = \"contacts.csv\"\n  \
         contacts_id_name = \"ID\"\n",
    );
    fs::write(dir.path().join("main.tf"), &list).unwrap();
    let start = list.find("[\"ID\"").unwrap();
    let columns: Vec<&str> = list[start + 1..list[start..].find(']').unwrap() + start]
        .split(", ")
        .map(|c| c.trim_matches('"'))
        .collect();
    assert_eq!(columns.len(), 54);
    let mut row = vec![""; 54];
    (row[0], row[7]) = ("1", "0312345678");
    let csv = format!("{}\n{}\n", columns.join(","), row.join(","));
    fs::write(dir.path().join("contacts.csv"), &csv).unwrap();
    // The 51st header, one past its comma.
    let past_50 = columns[..50].join(",").chars().count() + 2;
    let check = |config: &str| {
        fs::write(dir.path().join("contactlint.toml"), config).unwrap();
        let (_, stdout, stderr) = run(dir.path(), &["check", "--format", "concise"]);
        assert_eq!(stderr, "");
        stdout
    };
    assert_eq!(
        check(""),
        format!(
            "contacts.csv:1:{past_50}: error[csv-too-many-columns] the file has 54 columns, over \
             the limit of 50: Genesys Cloud refuses more (CONTACT_COLUMNS_LIMIT_EXCEEDED)\n\
             main.tf:6:18: error[too-many-columns] the list has 54 columns, over the limit of \
             50\n\
             Found 2 errors in 2 files (2 files checked, 1 skipped as not contact lists).\n"
        )
    );
    assert_eq!(
        check("[limits]\ncolumns = 54\n"),
        "No problems found (2 files checked, 1 skipped as not contact lists).\n"
    );
    let at_53 = check("[limits]\ncolumns = 53\n");
    assert!(at_53.contains(
        "main.tf:6:18: error[too-many-columns] the list has 54 columns, \
        over the limit of 53\n"
    ));
    assert!(at_53.contains("contacts.csv:1:"), "{at_53}");
    let (_, json, _) = run(dir.path(), &["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&json).unwrap();
    let helps: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["help"].as_str().unwrap())
        .collect();
    assert_eq!(helps.len(), 2);
    assert!(
        helps.iter().all(|h| h.contains("`[limits] columns = N`")),
        "{helps:?}"
    );
    let (_, shown, _) = run(dir.path(), &["check", "--show-settings", "main.tf"]);
    assert!(
        shown.contains("  [limits] columns: 53 (configuration)\n"),
        "{shown}"
    );
    fs::remove_file(dir.path().join("contactlint.toml")).unwrap();
    let (_, shown, _) = run(
        dir.path(),
        &["check", "--show-settings", "--format", "json"],
    );
    let shown: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown[0]["max_columns"], 50);
    assert_eq!(shown[0]["max_columns_configured"], false);
}
