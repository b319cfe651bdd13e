//! Golden output of every format over the same mixed fixtures: JSON and TOML, both profiles,
//! two-span rules, a cross-file label and a non-ASCII line. Review changes with `cargo insta review`.

use std::path::Path;

use contactlint::syntax::Syntax;

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

/// A list that names a column `Mobile` it does not declare: one error, at 2:34.
const BROKEN: &str = "{\"name\": \"Broken\", \"columnNames\": [\"Cell\"],\n \"phoneColumns\": \
    [{\"columnName\": \"Mobile\", \"type\": \"cell\"}]}\n";

/// GitHub and GitLab read the paths of the CI formats from the repository's root, whatever
/// directory the job ran in: run in `repo/sub`, `lists/a.json` is `sub/lists/a.json` in `sarif`,
/// `github`, `gitlab` and `summary`, and `../b.json` is `b.json`; the human formats and JSON keep
/// paths relative to the working directory. Without `.git`, the configuration's directory is
/// the root. (Before: every CI path was relative to `sub`.)
#[test]
fn ci_formats_show_paths_from_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("sub/lists")).unwrap();
    std::fs::write(repo.join("sub/lists/a.json"), BROKEN).unwrap();
    std::fs::write(repo.join("b.json"), BROKEN.replace("Broken", "Other")).unwrap();
    let sub = repo.join("sub");
    let run = |format: &str| {
        let (code, stdout, stderr) =
            common::run(&sub, &["check", "lists", "../b.json", "--format", format]);
        assert_eq!(code, 1, "{stderr}");
        stdout
    };
    let github = run("github");
    assert!(
        github.contains("::error file=sub/lists/a.json,line=2,col=34,")
            && github.contains("::error file=b.json,line=2,col=34,"),
        "{github}"
    );
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, ["b.json", "sub/lists/a.json"]);
    let gitlab: Value = serde_json::from_str(&run("gitlab")).unwrap();
    let paths: Vec<&str> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["b.json", "sub/lists/a.json"]);
    assert!(run("summary").contains("| `sub/lists/a.json:2` |"));
    assert!(run("concise").starts_with("../b.json:2:34: "));
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["diagnostics"][1]["path"], "lists/a.json");

    // No repository: the configuration's directory is the root.
    std::fs::remove_dir(repo.join(".git")).unwrap();
    std::fs::write(repo.join("contactlint.toml"), "").unwrap();
    assert!(run("github").contains("::error file=sub/lists/a.json,"));
}

/// A pull request's list whose column names hold line breaks and `##[`: no human or CI format
/// prints a line GitHub's runner would take as a command (a forged annotation, or
/// `::stop-commands::` hiding the real ones), and a file named like a command is no command
/// either. (Before: `concise` and `full` printed the names raw.)
#[test]
fn no_format_prints_a_workflow_command_from_the_files_it_checks() {
    let dir = tempfile::tempdir().unwrap();
    let forged = "{\"name\": \"F\", \"columnNames\": [\"Cell\", \
        \"a\\n::error file=x.json,line=1::forged\\r::stop-commands::t ##[warning]w\"],\n \
        \"phoneColumns\": [{\"columnName\": \"Cell\\n::add-mask::x\", \"type\": \"cell\"}]}\n";
    std::fs::write(dir.path().join("list.json"), forged).unwrap();
    std::fs::write(dir.path().join("::error::named.json"), BROKEN).unwrap();
    std::fs::write(
        dir.path().join("c.csv"),
        "Cell,\"x\n::warning::csv ##[error]y\"\n1,\"2\r::error::cell\"\n",
    )
    .unwrap();
    for format in ["full", "concise", "github", "summary"] {
        let (code, stdout, _) = common::run(
            dir.path(),
            &[
                "check",
                ".",
                "c.csv",
                "--list",
                "list.json",
                "--format",
                format,
            ],
        );
        assert_eq!(code, 1);
        let commands = common::workflow_commands(&stdout);
        let forged: Vec<&String> = commands
            .iter()
            .filter(|c| {
                let ours = ["::error file=", "::warning file=", "::notice "];
                format != "github" || !ours.iter().any(|start| c.starts_with(start))
            })
            .collect();
        assert!(forged.is_empty(), "{format}: {forged:#?}\n{stdout}");
    }
    let (_, concise, _) = common::run(dir.path(), &["check", ".", "--format", "concise"]);
    assert!(
        concise.contains("./::error::named.json:2:34: error[undeclared-column]"),
        "{concise}"
    );
    assert!(
        concise.contains(r#"names the column "Cell\n::add-mask::x""#),
        "{concise}"
    );
}

/// The GitLab fingerprints of the findings of a list, a Terraform file and a CSV: equal before
/// and after a line is added above every finding (a blank line, a comment, a contact), since
/// GitLab shows an issue whose fingerprint changed as fixed and a new one as introduced. Two
/// alike findings in one file differ by their order. (Before: the line was part of it.)
#[test]
fn gitlab_fingerprints_survive_a_line_added_above_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let list = "{\"name\": \"Sales\", \"columnNames\": [\"Cell\", \"Zip\"],\n \
        \"phoneColumns\": [{\"columnName\": \"Mobile\", \"type\": \"cell\"},\n \
        {\"columnName\": \"Mobile\", \"type\": \"home\"}]}\n";
    let terraform = std::fs::read_to_string(
        std::path::Path::new(common::REPO).join("fixtures/terraform/outbound/main.tf"),
    )
    .unwrap();
    let csv = "Cell,Zip\nnot a phone,1\n555,2\nnot a phone,3\n";
    let write = |above: bool| {
        let (json_top, tf_top, csv_row) = match above {
            true => ("\n", "# a comment\n", "+1 202 555 0100,9\n"),
            false => ("", "", ""),
        };
        std::fs::write(dir.path().join("list.json"), format!("{json_top}{list}")).unwrap();
        std::fs::write(dir.path().join("main.tf"), format!("{tf_top}{terraform}")).unwrap();
        let (header, rows) = csv.split_once('\n').unwrap();
        std::fs::write(
            dir.path().join("c.csv"),
            format!("{header}\n{csv_row}{rows}"),
        )
        .unwrap();
        let args = [
            "check",
            "list.json",
            "main.tf",
            "c.csv",
            "--list",
            "list.json",
            "--format",
            "gitlab",
        ];
        let (_, stdout, _) = common::run(dir.path(), &args);
        let issues: Value = serde_json::from_str(&stdout).unwrap();
        issues
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let key = (
                    i["check_name"].as_str().unwrap(),
                    i["location"]["path"].as_str(),
                );
                (
                    format!("{key:?}"),
                    i["fingerprint"].as_str().unwrap().to_owned(),
                    i["location"]["lines"]["begin"].as_u64(),
                )
            })
            .collect::<Vec<_>>()
    };
    let (before, after) = (write(false), write(true));
    assert!(before.len() > 8, "{before:#?}");
    assert_eq!(before.len(), after.len());
    let fingerprints = |issues: &[(String, String, Option<u64>)]| {
        issues
            .iter()
            .map(|(k, f, _)| (k.clone(), f.clone()))
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(fingerprints(&before), fingerprints(&after));
    assert_eq!(
        fingerprints(&before).len(),
        before.len(),
        "fingerprints are unique"
    );
    // The lines did move.
    let lines = |issues: &[(String, String, Option<u64>)]| {
        issues.iter().map(|(_, _, l)| *l).collect::<Vec<_>>()
    };
    assert_ne!(lines(&before), lines(&after));
}

/// One run writes every output a CI job needs (`--output FORMAT=PATH`, repeated), each the
/// same as a run of its own with `--format`; a malformed one is refused before the run.
#[test]
fn one_run_writes_every_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.json"), BROKEN).unwrap();
    let formats = ["json", "sarif", "gitlab", "summary", "concise", "full"];
    let mut args = vec![
        "check".to_owned(),
        "broken.json".into(),
        "--format".into(),
        "github".into(),
    ];
    for format in formats {
        args.push("--output".into());
        args.push(format!("{format}=out.{format}"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, github, stderr) = common::run(dir.path(), &args);
    assert_eq!((code, stderr.as_str()), (1, ""));
    let (_, alone, _) = common::run(dir.path(), &["check", "broken.json", "--format", "github"]);
    assert_eq!(github, alone);
    for format in formats {
        let written = std::fs::read_to_string(dir.path().join(format!("out.{format}"))).unwrap();
        let (_, alone, _) = common::run(dir.path(), &["check", "broken.json", "--format", format]);
        // The summary knows the run's other outputs: here only what github leaves out, nothing.
        assert_eq!(written, alone, "{format}");
    }
    for (bad, says) in [
        ("sarif", "expected FORMAT=PATH"),
        ("xml=a.xml", "unknown format 'xml'"),
        ("sarif=", "no file after 'sarif='"),
    ] {
        let (code, _, stderr) = common::run(dir.path(), &["check", "--output", bad]);
        assert_eq!(code, 2);
        assert!(stderr.contains(says), "{bad}: {stderr}");
    }
    let (code, _, stderr) = common::run(
        dir.path(),
        &["check", "--output", "json=no/such/dir/a.json"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such/dir/a.json"), "{stderr}");
}

/// After 100 findings of a rule in a contact file the rest are counted; the CI formats carry
/// them as one note-level result per rule and file that gives the count (SARIF `note`, GitLab
/// `info`, a GitHub notice), and the summary tells it. (Before: they vanished from all three.)
#[test]
fn capped_contact_findings_are_one_note_in_the_ci_formats() {
    let dir = tempfile::tempdir().unwrap();
    let list = "{\"name\": \"S\", \"columnNames\": [\"Cell\"],\n \
        \"phoneColumns\": [{\"columnName\": \"Cell\", \"type\": \"cell\"}]}\n";
    std::fs::write(dir.path().join("list.json"), list).unwrap();
    let rows = "not a phone\n".repeat(130);
    std::fs::write(dir.path().join("c.csv"), format!("Cell\n{rows}")).unwrap();
    let run = |format: &str| {
        let args = ["check", "c.csv", "--list", "list.json", "--format", format];
        common::run(dir.path(), &args).1
    };
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let notes: Vec<&Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] == "note")
        .collect();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!(notes[0]["ruleId"], "csv-phone-format");
    assert_eq!(notes[0]["properties"]["omittedCount"], 30);
    let text = notes[0]["message"]["text"].as_str().unwrap();
    assert!(
        text.starts_with("... and 30 more csv-phone-format findings (warning)"),
        "{text}"
    );
    let gitlab: Value = serde_json::from_str(&run("gitlab")).unwrap();
    let info: Vec<&Value> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["severity"] == "info")
        .collect();
    assert_eq!(info.len(), 1);
    assert_eq!(info[0]["location"]["path"], "c.csv");
    let github = run("github");
    let notices: Vec<&str> = github
        .lines()
        .filter(|l| l.starts_with("::notice "))
        .collect();
    assert_eq!(notices.len(), 2, "{github}");
    assert!(
        notices[0].starts_with("::notice title=contactlint::0 error and 100 warning annotations"),
        "{github}"
    );
    assert!(
        notices[1].starts_with(
            "::notice file=c.csv,title=contactlint (csv-phone-format)::... and 30 more"
        ),
        "{github}"
    );
    let summary = run("summary");
    assert!(
        summary.contains("0 errors and 130 warnings in 1 file (1 checked)."),
        "{summary}"
    );
    assert!(
        summary.contains("- `c.csv`: 30 more `csv-phone-format` findings (warning) counted"),
        "{summary}"
    );
    assert!(
        summary.contains("- 50 more findings are not in this table (0 errors and 50 warnings).")
    );
}

/// Every SARIF result of a Terraform file has a logical location: its resource (a campaign's or
/// a rule set's too, from the pointer), else its module. (Before: only a list's findings.)
#[test]
fn every_terraform_finding_has_a_logical_location_in_sarif() {
    let paths = ["fixtures/terraform", "fixtures/provider-tags"];
    let (_, stdout, _) = run(&[&["check"][..], &paths, &["--format", "sarif"]].concat());
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let terraform: Vec<&Value> = results
        .iter()
        .filter(|r| {
            let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            Syntax::from_name(Path::new(uri)).is_some_and(Syntax::is_terraform)
        })
        .collect();
    assert!(terraform.len() > 20);
    for result in &terraform {
        let logical = &result["locations"][0]["logicalLocations"][0];
        assert!(logical["fullyQualifiedName"].is_string(), "{result:#}");
    }
    assert!(terraform.iter().any(|r| {
        r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
            == "genesyscloud_outbound_digitalruleset.test_ruleset_sample"
    }));
}
