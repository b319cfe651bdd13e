//! The command line as users run it: exit codes, output, walking and determinism.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use contactlint::syntax::Syntax;

use crate::common;
use crate::common::output as stdout_of;

fn contactlint() -> Command {
    common::contactlint(common::REPO)
}
use serde_json::Value;

/// A definition's `columns` with one phone column.
const PHONE_COLUMN: &str = r#"[{"name": "p", "type": "PHONE"}]"#;

fn json_of(cmd: &mut Command) -> (i32, Value) {
    let (code, stdout, _) = stdout_of(cmd.args(["--format", "json"]));
    (code, serde_json::from_str(&stdout).unwrap())
}

/// Each diagnostic's path and rule, in output order.
fn places(report: &Value) -> Vec<(&str, &str)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["rule"].as_str().unwrap()))
        .collect()
}

#[test]
fn the_shipped_valid_examples_pass() {
    let (code, stdout, stderr) =
        stdout_of(contactlint().args(["check", "fixtures/definition/valid"]));
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(stdout, "No problems found (5 files checked).\n");
}

#[test]
fn the_tutorials_incorrect_payload_lacks_a_type_and_columns() {
    let (code, stdout, _) = stdout_of(
        contactlint()
            .args([
                "check",
                "-",
                "--stdin-filename",
                "bad_payload.json",
                "--format",
                "concise",
            ])
            .write_stdin(r#"{"name": "My List"}"#),
    );
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "bad_payload.json:1:1: warning[missing-columns] the contact list declares no `columns`\n\
         bad_payload.json:1:1: error[missing-list-type] the contact list has no `type` \
         (CSV_FILE or API)\n\
         Found 1 error and 1 warning in 1 file (1 file checked).\n"
    );
}

#[test]
fn walking_reports_only_contact_lists() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("package.json"),
        r#"{"name": "web", "type": "module", "version": "1.0.0"}"#,
    )
    .unwrap();
    fs::write(
        root.join("tsconfig.json"),
        r#"{"compilerOptions": {"strict": true}}"#,
    )
    .unwrap();
    fs::write(
        root.join("Cargo.toml"),
        "[package]\nname = \"x\"\nversion = \"0.1.0\"\n",
    )
    .unwrap();
    fs::write(root.join("notes.txt"), "not checked").unwrap();
    fs::create_dir(root.join("lists")).unwrap();
    let sales = r#"{"name": "Sales", "type": "CSV", "columns": [{"name": "p", "type": "PHONE"}]}"#;
    fs::write(root.join("lists/sales.json"), sales).unwrap();
    // A `type` of "CSV" beside keys a list does not have is an export setting, not a list.
    fs::write(
        root.join("lists/other.json"),
        r#"{"name": "Other", "type": "CSV", "delimiter": ";"}"#,
    )
    .unwrap();
    // A walked file that does not parse is reported only when it still looks like a list.
    fs::write(root.join("lists/broken.toml"), "name = \n").unwrap();
    let broken_list = "columnNames = [\"Cell\"\nname = \"Broken\"\n";
    fs::write(root.join("lists/broken-list.toml"), broken_list).unwrap();
    let (code, report) = json_of(contactlint().current_dir(root).args(["check", "."]));
    assert_eq!(code, 1);
    assert_eq!(report["summary"]["files_checked"], 2);
    assert_eq!(report["summary"]["files_skipped"], 5);
    assert_eq!(
        places(&report),
        vec![
            ("lists/broken-list.toml", "syntax-error"),
            ("lists/sales.json", "invalid-list-type"),
        ]
    );
    // pre-commit names every staged file: `--skip-non-lists` judges them as a walk does.
    let staged = [
        "package.json",
        "tsconfig.json",
        "Cargo.toml",
        "lists/other.json",
        "lists/broken.toml",
        "lists/sales.json",
    ];
    let args = [&["check", "--skip-non-lists"][..], &staged[..]].concat();
    let (code, report) = json_of(contactlint().current_dir(root).args(args));
    assert_eq!(code, 1);
    assert_eq!(report["summary"]["files_checked"], 1);
    assert_eq!(
        places(&report),
        vec![("lists/sales.json", "invalid-list-type")]
    );
}

#[test]
fn gitignored_and_hidden_files_are_not_walked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join(".gitignore"), "generated/\n").unwrap();
    fs::create_dir(root.join("generated")).unwrap();
    fs::create_dir(root.join(".hidden")).unwrap();
    let broken = r#"{"name": "X", "type": "CSV"}"#;
    fs::write(root.join("generated/list.json"), broken).unwrap();
    fs::write(root.join(".hidden/list.json"), broken).unwrap();
    let (code, stdout, _) = stdout_of(contactlint().current_dir(root).args(["check"]));
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "No files checked: no JSON, TOML, Terraform or CSV file under the paths given.\n"
        )
    );
}

#[test]
fn two_files_defining_sales_give_one_duplicate_pointing_into_both() {
    let dir = tempfile::tempdir().unwrap();
    let list = |name: &str| {
        format!(
            r#"{{"name": "{name}", "type": "API", "columns": [{{"name": "p", "type": "PHONE"}}]}}"#
        )
    };
    fs::write(dir.path().join("a.json"), list("Sales")).unwrap();
    fs::write(
        dir.path().join("b.toml"),
        "name = \"SALES\"\ntype = \"API\"\ncolumns = [{name = \"p\", type = \"PHONE\"}]\n",
    )
    .unwrap();
    let (code, report) = json_of(contactlint().current_dir(dir.path()).args(["check", "."]));
    assert_eq!(code, 1);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    let d = &diagnostics[0];
    assert_eq!(
        (d["rule"].as_str(), d["path"].as_str()),
        (Some("duplicate-list-name"), Some("b.toml"))
    );
    assert_eq!(
        d["range"]["start"],
        serde_json::json!({"line": 1, "column": 8, "offset": 7})
    );
    assert_eq!(d["labels"][0]["path"], "a.json");
    assert_eq!(
        d["labels"][0]["range"]["start"],
        serde_json::json!({"line": 1, "column": 10, "offset": 9})
    );
}

#[test]
fn duplicate_names_are_found_across_batches_in_kept_and_clean_files() {
    let dir = tempfile::tempdir().unwrap();
    let list = |name: &str, kind: &str| {
        format!(r#"{{"name": "{name}", "type": "{kind}", "columns": {PHONE_COLUMN}}}"#)
    };
    // More files than the engine checks in one batch, so the three Sales lists are far apart.
    for i in 0..600 {
        let name = format!("List {i}");
        fs::write(dir.path().join(format!("f{i:03}.json")), list(&name, "API")).unwrap();
    }
    fs::write(dir.path().join("a.json"), list("Sales", "API")).unwrap();
    // This one has a finding of its own, so its text is kept; the other two are read again.
    fs::write(dir.path().join("m.json"), list("sales", "CSV")).unwrap();
    fs::write(dir.path().join("z.json"), list(" SALES ", "API")).unwrap();
    let (code, report) = json_of(contactlint().current_dir(dir.path()).args(["check", "."]));
    assert_eq!(code, 1);
    assert_eq!(report["summary"]["files_checked"], 603);
    let found: Vec<(&str, &str, u64, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["range"]["start"]["column"].as_u64().unwrap(),
                d["labels"][0]["path"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("m.json", "duplicate-list-name", 10, "a.json"),
            ("m.json", "invalid-list-type", 27, ""),
            ("z.json", "duplicate-list-name", 10, "a.json"),
        ]
    );
}

#[test]
fn a_path_reached_twice_is_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("lists")).unwrap();
    let bad = r#"{"name": "Sales", "type": "CSV", "columns": [{"name": "p", "type": "PHONE"}]}"#;
    fs::write(root.join("lists/sales.json"), bad).unwrap();
    // Not a contact list: skipped when walked, checked when named.
    fs::write(root.join("lists/other.json"), r#"{"name": "Other"}"#).unwrap();
    let (code, report) = json_of(contactlint().current_dir(root).args([
        "check",
        ".",
        "lists",
        "lists/",
        "./lists/sales.json",
        "lists/sales.json",
        "lists/other.json",
    ]));
    assert_eq!(code, 1);
    assert_eq!(report["summary"]["files_checked"], 2);
    assert_eq!(report["summary"]["files_skipped"], 0);
    assert_eq!(
        places(&report),
        vec![
            ("lists/other.json", "missing-columns"),
            ("lists/other.json", "missing-list-type"),
            ("lists/sales.json", "invalid-list-type"),
        ]
    );
}

#[test]
fn a_missing_path_is_fatal_but_the_other_files_are_still_reported() {
    let (code, stdout, stderr) = stdout_of(contactlint().args([
        "check",
        "no/such/list.json",
        "fixtures/rules/invalid-list-type/bad.json",
        "--format",
        "concise",
    ]));
    assert_eq!(code, 2);
    assert!(
        stdout.contains("bad.json:3:11: error[invalid-list-type]"),
        "{stdout}"
    );
    assert!(
        stderr.contains("cannot check no/such/list.json: no such file or directory"),
        "{stderr}"
    );
    assert!(stderr.contains("help:"), "{stderr}");
}

#[test]
fn output_is_identical_across_runs_and_thread_counts() {
    let run = |threads: &str| {
        stdout_of(
            contactlint()
                .env("RAYON_NUM_THREADS", threads)
                .args(["check", "fixtures", "--color", "always"]),
        )
        .1
    };
    let serial = run("1");
    assert!(serial.contains("duplicate-list-name"));
    assert_eq!(serial, run("1"));
    assert_eq!(serial, run("4"));
}

#[test]
fn positions_handle_bom_crlf_and_non_ascii_text() {
    let text =
        "\u{feff}{\r\n  \"name\": \"Québec\", \"type\": \"CSV\",\r\n  \"columns\": []\r\n}\r\n";
    let (_, report) = json_of(
        contactlint()
            .args(["check", "-", "--stdin-filename", "q.json"])
            .write_stdin(text),
    );
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "invalid-list-type")
        .unwrap();
    // Line 2 is `  "name": "Québec", "type": "CSV",`: the value follows 28 characters, so it is at
    // column 29 and byte 3 (BOM) + 3 (`{\r\n`) + 29 (28 characters, `é` taking two bytes).
    assert_eq!(
        d["range"]["start"],
        serde_json::json!({"line": 2, "column": 29, "offset": 35})
    );
    assert_eq!(
        d["range"]["end"],
        serde_json::json!({"line": 2, "column": 34, "offset": 40})
    );
    assert_eq!(d["fix"]["replacement"], "\"CSV_FILE\"");
}

#[test]
fn select_ignore_and_exit_code_flags() {
    let file = "fixtures/rules/missing-columns/bad.json";
    let code = |args: &[&str]| stdout_of(contactlint().args(["check", file]).args(args)).0;
    assert_eq!(code(&[]), 0, "a warning alone passes");
    assert_eq!(code(&["--warnings-as-errors"]), 1);
    assert_eq!(code(&["--warnings-as-errors", "--exit-zero"]), 0);
    assert_eq!(
        code(&["--warnings-as-errors", "--ignore", "missing-columns"]),
        0
    );
    assert_eq!(
        code(&[
            "--warnings-as-errors",
            "--select",
            "missing-name,unknown-field"
        ]),
        0
    );
    let (code, _, stderr) =
        stdout_of(contactlint().args(["check", file, "--select", "missing-colums"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean `missing-columns`?"),
        "{stderr}"
    );
}

#[test]
fn a_forced_profile_skips_detection() {
    let file = "fixtures/rules/missing-columns/bad.json";
    let (_, report) = json_of(contactlint().args(["check", file, "--profile", "api"]));
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"missing-column-names"), "{rules:?}");
    assert_eq!(report["diagnostics"][0]["profile"], "api");
}

#[test]
fn explain_prints_the_rule_documentation() {
    let (code, stdout, _) = stdout_of(contactlint().args(["explain", "invalid-list-type"]));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# invalid-list-type\n"));
    assert!(stdout.contains("## Why it matters"));
    assert!(stdout.contains("--ignore invalid-list-type"));
    let (code, _, stderr) = stdout_of(contactlint().args(["explain", "invalid-list-typ"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `invalid-list-type`?"));
}

#[test]
fn schema_prints_the_embedded_schema() {
    let (code, stdout, _) = stdout_of(contactlint().args(["schema", "definition"]));
    assert_eq!(code, 0);
    let on_disk = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/definition.schema.json"),
    )
    .unwrap();
    assert_eq!(stdout, on_disk);
}

/// The rule index of the documentation site (`docs/rules/index.md`, generated: see
/// `tests/it/docs.rs`) lists every rule of the registry with its severity and profiles.
#[test]
fn the_rule_index_matches_the_registry() {
    let index =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules/index.md"))
            .unwrap();
    let documented: Vec<String> = index
        .lines()
        .filter_map(|l| l.strip_prefix("| [`"))
        .filter_map(|l| l.split_once('`'))
        .map(|(id, rest)| {
            let cells: Vec<&str> = rest.split('|').map(str::trim).collect();
            format!("{id} {} {}", cells[2], cells[1])
        })
        .collect();
    let registry: Vec<String> = contactlint::rules::RULES
        .iter()
        .map(|r| {
            let m = r.meta();
            let profiles: Vec<&str> = m.profiles.iter().map(|p| p.as_str()).collect();
            format!("{} {} {}", m.id, m.severity, profiles.join(", "))
        })
        .collect();
    assert_eq!(documented, registry);
}

/// A path that cannot be used is in the summary and in every format, not only on stderr.
#[test]
fn run_errors_are_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let list = concat!(
        r#"{"name": "S", "columnNames": ["Cell"], "#,
        r#""phoneColumns": [{"columnName": "Cell", "type": "cell"}]}"#
    );
    fs::write(dir.path().join("sales.json"), list).unwrap();
    let check = |format: &str| {
        let args = [
            "check",
            "sales.json",
            "missing.json",
            "--no-config",
            "--format",
            format,
        ];
        stdout_of(contactlint().current_dir(dir.path()).args(args))
    };
    let (code, concise, stderr) = check("concise");
    assert_eq!(code, 2);
    assert_eq!(
        concise,
        "missing.json: error no such file or directory\n\
         No problems in the files that could be read (1 file checked, 1 path could not be \
         read).\n"
    );
    assert!(stderr.contains("cannot check missing.json"), "{stderr}");
    let (_, github, _) = check("github");
    assert_eq!(
        github,
        "::error file=missing.json,title=contactlint::cannot check missing.json: no such file or \
            directory\n"
    );
    let (_, json, _) = check("json");
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        json["errors"],
        serde_json::json!([{"path": "missing.json", "message": "no such file or directory"}])
    );
    let (_, sarif, _) = check("sarif");
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["message"]["text"],
        "cannot check missing.json: no such file or directory"
    );
}

#[test]
fn the_summary_says_what_was_skipped_and_why_nothing_was_checked() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("package.json"), r#"{"name": "web"}"#).unwrap();
    fs::write(dir.path().join("tsconfig.json"), "{\n  // comment\n}\n").unwrap();
    let (code, stdout, _) = stdout_of(
        contactlint()
            .current_dir(dir.path())
            .args(["check", "--no-config"]),
    );
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "No files checked (2 skipped as not contact lists): name a file to check it anyway, or \
            list your lists in `include` in contactlint.toml.\n"
    );
    let list = r#"{"name": "S", "type": "CSV_FILE", "columns": [{"name": "p", "type": "PHONE"}]}"#;
    fs::write(dir.path().join("sales.json"), list).unwrap();
    let (_, stdout, _) = stdout_of(
        contactlint()
            .current_dir(dir.path())
            .args(["check", "--no-config"]),
    );
    assert_eq!(
        stdout,
        "No problems found (1 file checked, 2 skipped as not contact lists).\n"
    );
}

#[test]
fn warnings_as_errors_says_it_failed_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let list = r#"{"name": "S", "type": "CSV_FILE"}"#;
    fs::write(dir.path().join("sales.json"), list).unwrap();
    let args = [
        "check",
        "sales.json",
        "--no-config",
        "--format",
        "concise",
        "--warnings-as-errors",
    ];
    let (code, stdout, _) = stdout_of(contactlint().current_dir(dir.path()).args(args));
    assert_eq!(code, 1);
    assert!(
        stdout.ends_with(
            "Found 1 warning in 1 file (1 file checked). Warnings fail the run \
                (--warnings-as-errors).\n"
        ),
        "{stdout}"
    );
}

/// `--select` never hides a file that cannot be parsed; `--ignore` of that very rule does, and the
/// summary then says the file was not checked.
#[test]
fn selection_never_hides_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("broken.json"), r#"{"name": "S",}"#).unwrap();
    let run = |extra: &[&str]| {
        let args = [
            &["check", "broken.json", "--no-config", "--format", "concise"][..],
            extra,
        ]
        .concat();
        stdout_of(contactlint().current_dir(dir.path()).args(args))
    };
    let (code, stdout, _) = run(&["--select", "unknown-field"]);
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("broken.json:1:13: error[syntax-error]"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["--ignore", "syntax-error"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "No files checked (1 not checked: unreadable or unparsable, with the rule that says so \
            off).\n"
    );
}

#[test]
fn select_and_ignore_repeat_and_profile_takes_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let list = r#"{"name": "S", "type": "CSV", "colums": []}"#;
    fs::write(dir.path().join("s.json"), list).unwrap();
    let rules = |extra: &[&str]| {
        let args = [
            &["check", "s.json", "--no-config", "--format", "json"][..],
            extra,
        ]
        .concat();
        let (_, stdout, stderr) = stdout_of(contactlint().current_dir(dir.path()).args(args));
        let report: Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        let mut rules: Vec<String> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_owned())
            .collect();
        rules.sort();
        rules
    };
    let selected = rules(&[
        "--select",
        "unknown-field",
        "--select",
        "invalid-list-type,missing-columns",
    ]);
    assert_eq!(
        selected,
        vec!["invalid-list-type", "missing-columns", "unknown-field"]
    );
    let ignored = rules(&["--ignore", "unknown-field", "--ignore", "missing-columns"]);
    assert_eq!(ignored, vec!["invalid-list-type"]);
    assert_eq!(
        rules(&["--profile", "API", "--select", "missing-column-names"]),
        vec!["missing-column-names"]
    );
}

/// `--color` governs stderr too: `always` colours it in a pipe, `never` never does.
#[test]
fn color_flags_govern_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let stderr_of = |color: &str| {
        let args = ["check", "missing.json", "--no-config", "--color", color];
        stdout_of(contactlint().current_dir(dir.path()).args(args)).2
    };
    assert!(stderr_of("always").contains('\u{1b}'));
    let plain = stderr_of("never");
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    assert!(plain.contains("cannot check missing.json"), "{plain}");
}

/// A symbolic link to nothing in a walked tree is skipped with a note, not a failed run; named
/// on the command line, it is still an error.
#[cfg(unix)]
#[test]
fn a_dangling_link_in_a_walk_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("nowhere.json", dir.path().join("dangling.json")).unwrap();
    let list = concat!(
        r#"{"name": "S", "columnNames": ["C"], "#,
        r#""phoneColumns": [{"columnName": "C", "type": "cell"}]}"#
    );
    fs::write(dir.path().join("sales.json"), list).unwrap();
    let walk = ["check", ".", "--no-config", "--format", "concise"];
    let (code, stdout, stderr) = stdout_of(contactlint().current_dir(dir.path()).args(walk));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        stderr,
        "note: skipped dangling.json: a symbolic link to nothing\n"
    );
    let named = ["check", "dangling.json", "--no-config"];
    let (code, _, _) = stdout_of(contactlint().current_dir(dir.path()).args(named));
    assert_eq!(code, 2);
}

/// A minified body is one long line: each frame shows a window around its span, marked `…`,
/// with the file's own line and column.
#[test]
fn frames_on_a_long_line_show_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let columns: Vec<String> = (0..60).map(|i| format!("\"column {i}\"")).collect();
    let body = format!(
        concat!(
            r#"{{"name":"Minified","columnNames":["Cell",{}],"#,
            r#""phoneColumns":[{{"columnName":"Cel","type":"cell"}}]}}"#
        ),
        columns.join(",")
    );
    fs::write(dir.path().join("min.json"), &body).unwrap();
    let args = ["check", "min.json", "--no-config", "--color", "never"];
    let (code, stdout, _) = stdout_of(contactlint().current_dir(dir.path()).args(args));
    assert_eq!(code, 1);
    let column = body.find("\"Cel\"").unwrap() + 1;
    assert!(
        stdout.contains(&format!("┌─ min.json:1:{column}\n")),
        "{stdout}"
    );
    let frame_line = stdout
        .lines()
        .find(|l| l.starts_with("1 │") && l.contains("\"Cel\""))
        .unwrap();
    assert!(frame_line.starts_with("1 │ …"), "{frame_line}");
    // Every frame (this one, and too-many-columns' long span) stays short.
    for line in stdout.lines().filter(|l| l.starts_with("1 │")) {
        assert!(line.chars().count() <= 170, "{line}");
    }
}

/// A file with no text to show (empty, over the cap, UTF-16) gets no empty code frame.
#[test]
fn files_without_text_get_no_empty_frame() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.json"), "").unwrap();
    fs::write(dir.path().join("utf16.json"), b"\xff\xfe{\x00}\x00").unwrap();
    let args = [
        "check",
        "empty.json",
        "utf16.json",
        "--no-config",
        "--color",
        "never",
    ];
    let (code, stdout, _) = stdout_of(contactlint().current_dir(dir.path()).args(args));
    assert_eq!(code, 1);
    assert!(!stdout.contains(" │"), "{stdout}");
    assert!(stdout.contains(" = in empty.json\n"), "{stdout}");
    assert!(
        stdout.contains("error[invalid-encoding]: the file is UTF-16; save it as UTF-8\n"),
        "{stdout}"
    );
    assert!(!stdout.contains('\0'), "{stdout:?}");
}

/// A run that could not read every path it was given does not say "No problems found", and the
/// help after a missing path names every kind of file a directory is walked for.
#[test]
fn a_run_with_unreadable_paths_does_not_say_no_problems_found() {
    let dir = tempfile::tempdir().unwrap();
    let list = r#"{"name": "S", "columnNames": ["c"],
        "phoneColumns": [{"columnName": "c", "type": "cell"}]}"#;
    fs::write(dir.path().join("ok.json"), list).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_contactlint"))
        .current_dir(dir.path())
        .args(["check", "ok.json", "missing.json", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        "missing.json: error no such file or directory\nNo problems in the files that could be \
         read (1 file checked, 1 path could not be read).\n"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "  × cannot check missing.json: no such file or directory\n  help: check the path; \
             directories are walked for *.json, *.toml, "
        ),
        "{stderr}"
    );
    for extension in Syntax::ALL.iter().flat_map(|syntax| syntax.extensions()) {
        assert!(
            stderr.contains(&format!(" *.{extension}")),
            "{extension}: {stderr}"
        );
    }
    assert!(stderr.ends_with(" and *.csv files\n\n"), "{stderr}");
}

/// A path where a command is expected gets a tip; Terraform piped in without
/// `--stdin-filename` is read as Terraform (a labelled block is no TOML).
#[test]
fn newcomer_mistakes_get_tips_and_piped_terraform_is_recognised() {
    for path in [".", "lists/x.json"] {
        let (code, _, stderr) = stdout_of(contactlint().arg(path));
        assert_eq!(code, 2);
        let tip = format!("tip: to check it, run `contactlint check {path}`");
        assert!(stderr.contains(&tip), "{stderr}");
    }
    let list = "resource \"genesyscloud_outbound_contact_list\" \"s\" {\n  name = \"S\"\n  \
        column_names = [\"Cell\"]\n  phone_columns {\n    column_name = \"Cel\"\n    type = \
        \"cell\"\n  }\n}\n";
    let (code, stdout, _) = stdout_of(
        contactlint()
            .args(["check", "-", "--format", "concise"])
            .write_stdin(list),
    );
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("-:5:19: error[undeclared-column]"),
        "{stdout}"
    );
}

/// `rules` keeps its columns aligned: every summary starts at the same column.
#[test]
fn rules_keeps_its_columns_aligned() {
    let (_, json, _) = stdout_of(contactlint().args(["rules", "--format", "json"]));
    let rules: Value = serde_json::from_str(&json).unwrap();
    let (_, text, _) = stdout_of(contactlint().arg("rules"));
    let starts: std::collections::BTreeSet<usize> = rules
        .as_array()
        .unwrap()
        .iter()
        .zip(text.lines())
        .map(|(rule, line)| line.rfind(rule["summary"].as_str().unwrap()).unwrap())
        .collect();
    assert_eq!(starts.len(), 1, "{text}");
}
