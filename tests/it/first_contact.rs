//! First contact: `check` at the root of an ordinary repository judges exactly its contact lists.
//! `fixtures/first-contact` holds the project files, lookalikes, Genesys objects that are not
//! lists, typo'd lists, broken files and an empty report file that a first run meets.

use std::path::Path;

use crate::common;
use crate::common::run;
use serde_json::Value;

fn repo() -> std::path::PathBuf {
    Path::new(common::REPO).join("fixtures/first-contact")
}

#[test]
fn only_the_lists_are_judged_and_the_summary_counts_the_rest() {
    let (code, stdout, _) = run(repo(), &["check", "--no-config", "--format", "json"]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["files_checked"], 5);
    assert_eq!(report["summary"]["files_skipped"], 18);
    let mut judged: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    judged.dedup();
    assert_eq!(
        judged,
        vec![
            "lists/broken.json",
            "lists/newsletter.json",
            "lists/renewals.toml",
            "lists/scores.json"
        ]
    );
    let (_, concise, _) = run(repo(), &["check", "--no-config", "--format", "concise"]);
    assert!(
        concise.ends_with(
            "Found 5 errors and 4 warnings in 4 files (5 files checked, 18 skipped as not contact \
                lists).\n"
        ),
        "{concise}"
    );
}

#[test]
fn show_files_gives_each_decision_and_its_reason() {
    let (code, stdout, _) = run(repo(), &["check", "--no-config", "--show-files"]);
    assert_eq!(code, 0);
    let expected = "\
skipped     data/dump.json: it cannot be read or parsed, and its text has no key of a contact list
skipped     data/events.json: it cannot be read or parsed, and its text has no key of a contact list
skipped     data/export.json: it cannot be read or parsed, and its text has no key of a contact list
skipped     data/schema.json: it has none of the keys of a contact list
skipped     data/split.json: it has none of the keys of a contact list
skipped     i18n/en.json: it has none of the keys of a contact list
checked     lists/broken.json: it cannot be read or parsed, but its text has keys of a contact list
checked     lists/newsletter.json: its `colums` look like column definitions
checked     lists/renewals.toml: it has `column_names`
checked     lists/sales.json: it has `columnNames`
checked     lists/scores.json: its `columnDataTypeSpecifications` entries name columns
skipped     ops/server.json: it cannot be read or parsed, and its text has no key of a contact list
skipped     ops/values.json: it cannot be read or parsed, and its text has no key of a contact list
skipped     ops/webhook.json: its `type` is \"API\", but `endpoint` is not a key of a contact list
skipped     outbound/campaign.json: it has `contactList`, a key of a campaign or filter
skipped     outbound/filter.json: it has `contactList`, a key of a campaign or filter
skipped     placeholder.json: it cannot be read or parsed, and its text has no key of a contact list
skipped     renovate.json: it cannot be read or parsed, and its text has no key of a contact list
skipped     report.json: it cannot be read or parsed, and its text has no key of a contact list
skipped     web/grid.json: it has none of the keys of a contact list
skipped     web/layout.toml: it has none of the keys of a contact list
skipped     web/package.json: it has none of the keys of a contact list
skipped     web/tsconfig.json: it cannot be read or parsed, and its text has no key of a contact \
list
";
    assert_eq!(stdout, expected);
}

/// `check --format json > report.json`: the shell creates the report empty before the walk finds
/// it, and it must not fail the run.
#[test]
fn an_empty_report_file_does_not_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.json"), "").unwrap();
    let (code, stdout, _) = run(dir.path(), &["check", "--no-config", "--format", "concise"]);
    assert_eq!(code, 0, "{stdout}");
}
