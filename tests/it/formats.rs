//! Golden output of every format over the same mixed fixtures: JSON and TOML, both profiles,
//! two-span rules, a cross-file label and a non-ASCII line. Review changes with `cargo insta review`.

use crate::common;

fn run(args: &[&str]) -> (i32, String, String) {
    common::run(common::REPO, args)
}

use serde_json::Value;

fn mixed(format: &str) -> String {
    let (code, stdout, stderr) = run(&["check", "fixtures/mixed", "--format", format]);
    assert_eq!((code, stderr.as_str()), (1, ""));
    stdout
}

#[test]
fn full() {
    insta::assert_snapshot!(mixed("full"));
}

#[test]
fn concise() {
    insta::assert_snapshot!(mixed("concise"));
}

#[test]
fn json() {
    insta::assert_snapshot!(mixed("json"));
}

#[test]
fn sarif() {
    let sarif = mixed("sarif").replace(env!("CARGO_PKG_VERSION"), "[version]");
    insta::assert_snapshot!(sarif);
}

#[test]
fn github() {
    insta::assert_snapshot!(mixed("github"));
}

fn output_schema() -> jsonschema::Validator {
    let text = include_str!("../../docs/json-output.schema.json");
    let schema: Value = serde_json::from_str(text).unwrap();
    jsonschema::draft202012::options()
        .offline()
        .build(&schema)
        .unwrap()
}

#[test]
fn json_output_follows_its_documented_schema() {
    let validator = output_schema();
    let csv = "fixtures/rules/csv-field-count/bad.csv";
    let list = "fixtures/rules/csv-field-count/list.json";
    let cases: [&[&str]; 4] = [
        &["fixtures"],
        &["fixtures/mixed"],
        &["fixtures/rules/syntax-error"],
        &[csv, "--list", list, "--id-column", "id"],
    ];
    for target in cases {
        let args = [&["check", "--format", "json"], target].concat();
        let (_, stdout, _) = run(&args);
        let document: Value = serde_json::from_str(&stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{target:?}: {errors:?}");
        assert!(!document["diagnostics"].as_array().unwrap().is_empty());
    }
}

#[test]
fn machine_formats_print_only_their_document() {
    let validator = output_schema();
    let cases: [&[&str]; 3] = [
        &["check", "fixtures/definition/valid"],
        &[
            "check",
            "no/such/dir",
            "fixtures/rules/missing-columns/bad.json",
        ],
        &["check", "fixtures/definition/valid/does-not-exist.json"],
    ];
    for args in cases {
        let (_, stdout, _) = run(&[args, &["--format", "json"]].concat());
        let document: Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {stdout}"));
        assert!(validator.is_valid(&document), "{args:?}");
        let (_, stdout, _) = run(&[args, &["--format", "sarif"]].concat());
        let log: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(log["version"], "2.1.0");
        let (_, stdout, _) = run(&[args, &["--format", "gitlab"]].concat());
        let issues: Value = serde_json::from_str(&stdout).unwrap();
        assert!(issues.is_array(), "{args:?}");
        let (_, stdout, _) = run(&[args, &["--format", "github"]].concat());
        assert!(
            stdout
                .lines()
                .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
            "{stdout}"
        );
    }
}

#[test]
fn github_annotations_drop_columns_on_spans_that_cross_lines() {
    let (_, stdout, _) = run(&[
        "check",
        "fixtures/rules/too-many-columns/bad.json",
        "--format",
        "github",
    ]);
    assert_eq!(
        stdout,
        "::error file=fixtures/rules/too-many-columns/bad.json,line=4,endLine=56,\
         title=contactlint (too-many-columns)::the list has 51 columns, over the limit of 50\
         %0Ahelp: keep at most 50 columns, splitting the data across lists if needed; an \
         organisation whose limit is higher says so in contactlint.toml: `[limits] columns = N`\n"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (_, piped, _) = run(&["check", "fixtures/mixed"]);
    assert!(!piped.contains('\u{1b}'));
    let (_, forced, _) = run(&["check", "fixtures/mixed", "--color", "always"]);
    assert!(forced.contains("\u{1b}["));
}

/// GitHub code scanning refuses a run with more than 25,000 results: past that, SARIF keeps the
/// errors first, cuts the rest, and says so in a notification (never a file GitHub rejects).
#[test]
fn sarif_stays_within_githubs_limit_of_results() {
    let dir = tempfile::tempdir().unwrap();
    // A list with a warning, first in path order; then 251 contact files of 100 bad rows each.
    let list = r#"{"name": "S", "columnNames": ["c"], "colour": 1,
        "phoneColumns": [{"columnName": "c", "type": "cell"}]}"#;
    std::fs::write(dir.path().join("a.json"), list).unwrap();
    let rows = format!("a,b\n{}", "1\n".repeat(100));
    let mut args = vec![
        "check".to_owned(),
        "--format".to_owned(),
        "sarif".to_owned(),
    ];
    args.push("a.json".to_owned());
    for i in 0..251 {
        let name = format!("c{i:03}.csv");
        std::fs::write(dir.path().join(&name), &rows).unwrap();
        args.push(name);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, _) = common::run(dir.path(), &args);
    assert_eq!(code, 1);
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 25_000);
    assert!(results.iter().all(|r| r["level"] == "error"));
    let notification = &run["invocations"][0]["toolExecutionNotifications"][0];
    let text = notification["message"]["text"].as_str().unwrap();
    assert!(
        text.starts_with("101 of 25101 results were left out"),
        "{text}"
    );
}

/// `--format gitlab` writes GitLab's Code Quality report: it follows the schema written from
/// GitLab's documentation, every fingerprint is unique (GitLab keeps one issue per fingerprint),
/// and a path that could not be read is an issue too.
#[test]
fn gitlab_code_quality_follows_gitlabs_documented_format() {
    let text = include_str!("../../docs/gitlab-codequality.schema.json");
    let schema: Value = serde_json::from_str(text).unwrap();
    let validator = jsonschema::draft202012::options()
        .offline()
        .build(&schema)
        .unwrap();
    let (code, stdout, _) = run(&["check", "fixtures", "missing.json", "--format", "gitlab"]);
    assert_eq!(code, 2);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let issues = report.as_array().unwrap();
    assert!(issues.len() > 100);
    let fingerprints: std::collections::BTreeSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), issues.len());
    let unread = issues
        .iter()
        .find(|i| i["location"]["path"] == "missing.json")
        .unwrap();
    assert_eq!(unread["severity"], "critical");
}
