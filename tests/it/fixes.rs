//! Fixes: every fix of every rule fixture applied (as `--fix --unsafe-fixes` would), and what
//! must then hold; random formatting around a fixable mistake; `--fix` and `--diff` end to end.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use contactlint::diagnostic::{Applicability, Diagnostic};
use contactlint::engine::{self, Report};
use contactlint::fix;
use contactlint::settings::Settings;
use contactlint::text::SourceFile;
use proptest::prelude::*;

fn lint(path: &str, text: &str) -> Report {
    engine::lint_one(SourceFile::from_text(path, text), &Settings::default())
}

fn fixed(report: &Report, wanted: Applicability) -> Option<fix::Fixed> {
    let diagnostics: Vec<&Diagnostic> = report.diagnostics.iter().collect();
    fix::fix_source(&report.files[0], &diagnostics, &Settings::default(), wanted)
}

/// How many diagnostics of each rule a report has.
fn rule_counts(report: &Report) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for d in &report.diagnostics {
        *counts.entry(d.rule.id).or_default() += 1;
    }
    counts
}

/// Every bad fixture of every rule.
fn bad_fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut found = Vec::new();
    for rule in fs::read_dir(root).unwrap() {
        for file in fs::read_dir(rule.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap();
            if name.starts_with("bad") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// For every rule fixture with a fix: the fixed text parses, each rule fires no more than before
/// (and a fixed rule less), nothing fixable at that level is left, and fixing again changes
/// nothing. The fixed texts are a snapshot.
#[test]
fn every_fix_of_every_fixture_leaves_a_file_that_parses_with_fewer_findings() {
    let mut snapshot = String::new();
    let mut fixed_files = 0;
    for path in bad_fixtures() {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        let name = name.to_str().unwrap();
        let before = lint(name, &text);
        let Some(result) = fixed(&before, Applicability::Unsafe) else {
            continue;
        };
        fixed_files += 1;
        let source = SourceFile::from_text(name, &result.text);
        assert!(
            source.syntax.parse(&source.text).is_ok(),
            "{name}: the fixed text does not parse:\n{}",
            result.text
        );
        let after = lint(name, &result.text);
        let (counts_before, counts_after) = (rule_counts(&before), rule_counts(&after));
        for (rule, count) in &counts_after {
            assert!(
                counts_before.get(rule).is_some_and(|b| count <= b),
                "{name}: {rule} fires {count} times after fixing, {:?} before:\n{}",
                counts_before.get(rule),
                result.text
            );
        }
        assert!(counts_after.values().sum::<usize>() < counts_before.values().sum::<usize>());
        let left: Vec<&str> = after
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability >= Applicability::Unsafe)
            })
            .map(|d| d.rule.id)
            .collect();
        assert_eq!(left, Vec::<&str>::new(), "{name}: fixable findings left");
        assert_eq!(
            fixed(&after, Applicability::Unsafe),
            None,
            "{name}: a second fix changes it"
        );
        snapshot += &format!("--- {name} ({} fixes)\n{}\n", result.applied, result.text);
    }
    assert_eq!(
        fixed_files, 23,
        "fixtures with fixes (each in the snapshot)"
    );
    insta::assert_snapshot!("fixed_fixtures", snapshot);
}

/// Every fix a rule gives is as sure as the rule declares (what `explain` prints).
#[test]
fn fixes_have_the_applicability_their_rule_declares() {
    let mut seen = 0;
    for path in bad_fixtures() {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        for d in &lint(path.to_str().unwrap(), &text).diagnostics {
            if let Some(fix) = &d.fix {
                assert_eq!(Some(fix.applicability), d.rule.fix, "{}", d.rule.id);
                seen += 1;
            }
        }
    }
    assert!(seen > 20, "only {seen} fixes seen");
}

/// A safe fix alone (`--fix`) applies only safe fixes.
#[test]
fn fix_applies_only_safe_fixes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/deprecated-attribute");
    let text = fs::read_to_string(dir.join("bad.tf")).unwrap();
    let before = lint("bad.tf", &text);
    let result = fixed(&before, Applicability::Safe).unwrap();
    assert_eq!(result.applied, 1);
    // The renamed attribute, and its block's `=` aligned again.
    let renamed = text
        .replacen("callable_time_column =", "callable_time_column_name =", 1)
        .replacen(
            "column_name          = \"Cell\"",
            "column_name               = \"Cell\"",
            1,
        )
        .replacen(
            "type                 = \"cell\"",
            "type                      = \"cell\"",
            1,
        );
    assert_eq!(result.text, renamed);
}

/// A list with one fixable mistake, its whitespace chosen at random: (path, text).
fn formatted_list(toml: bool, spaces: &[usize], mistake: usize, crlf: bool) -> (String, String) {
    let ws = |i: usize| " ".repeat(spaces[i % spaces.len()]);
    let nl = if crlf { "\r\n" } else { "\n" };
    let (list_type, column_type, extra) = match mistake {
        0 => ("csv", "PHONE", ""),
        1 => ("CSV_FILE", "phone", ""),
        _ => ("CSV_FILE", "PHONE", "descripton"),
    };
    let text = if toml {
        let extra = match extra {
            "" => String::new(),
            key => format!("{key}{}={}\"x\"{nl}", ws(7), ws(8)),
        };
        format!(
            "# a list{nl}name{}={}\"Sales\"{nl}{extra}type{}={}\"{list_type}\"{}# its \
                type{nl}{nl}[[columns]]{nl}{}name = \"phone\"{nl}{}type{}={}\"{column_type}\"{nl}",
            ws(0),
            ws(1),
            ws(2),
            ws(3),
            ws(4),
            ws(5),
            ws(6),
            ws(7),
            ws(8)
        )
    } else {
        let extra = match extra {
            "" => String::new(),
            key => format!("\"{key}\"{}:{}\"x\",{nl}{}", ws(7), ws(8), ws(0)),
        };
        format!(
            "{{{nl}{}\"name\"{}:{}\"Sales\",{nl}{}{extra}\"type\":{}\"{list_type}\",\
            {nl}{}\"columns\": [{}{{\"name\": \"phone\",{}\"type\":{}\"{column_type}\"}}]\
            {nl}}}{nl}",
            ws(0),
            ws(1),
            ws(2),
            ws(0),
            ws(3),
            ws(0),
            ws(4),
            ws(5),
            ws(6)
        )
    };
    let path = if toml { "list.toml" } else { "list.json" };
    (path.to_owned(), text)
}

proptest! {
    /// After `--fix --unsafe-fixes`, the file differs from the original only inside the spans
    /// the fix edits: every other byte (white space, comments, line ends) is kept.
    #[test]
    fn fixes_change_nothing_outside_their_spans(
        toml in any::<bool>(),
        spaces in prop::collection::vec(0usize..4, 9),
        mistake in 0usize..3,
        crlf in any::<bool>(),
    ) {
        let (path, text) = formatted_list(toml, &spaces, mistake, crlf);
        let before = lint(&path, &text);
        let edits: Vec<_> = before
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| f.edits.clone())
            .collect();
        prop_assert_eq!(edits.len(), 1, "{}", text);
        let result = fixed(&before, Applicability::Unsafe).unwrap();
        let edit = &edits[0];
        let expected = format!(
            "{}{}{}",
            &text[..edit.range.start],
            edit.replacement,
            &text[edit.range.end..]
        );
        prop_assert_eq!(&result.text, &expected);
        prop_assert!(lint(&path, &result.text).diagnostics.is_empty(), "{}", result.text);
    }
}

use crate::common::run as contactlint;

#[test]
fn diff_writes_nothing_and_fix_writes_and_reports_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\n  \"name\": \"Sales\",\n  \"type\": \"csv\",\n  \"columns\": [{\"name\": \
        \"p\", \"type\": \"STRING\"}]\n}\n";
    let path = dir.path().join("sales.json");
    fs::write(&path, text).unwrap();
    let (code, stdout, stderr) = contactlint(dir.path(), &["check", "sales.json", "--diff"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr.trim(),
        "No fixes to apply. 1 more fix is available with --unsafe-fixes."
    );
    let args = ["check", "sales.json", "--diff", "--unsafe-fixes"];
    let (code, stdout, _) = contactlint(dir.path(), &args);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "--- a/sales.json\n+++ b/sales.json\n@@ -1,5 +1,5 @@\n {\n   \"name\": \"Sales\",\n-  \
            \"type\": \"csv\",\n+  \"type\": \"CSV_FILE\",\n   \"columns\": [{\"name\": \"p\", \
                \"type\": \"STRING\"}]\n }\n"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let args = [
        "check",
        "sales.json",
        "--unsafe-fixes",
        "--format",
        "concise",
    ];
    let (code, stdout, _) = contactlint(dir.path(), &args);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "sales.json:1:1: error[no-contact-column] the list has no phone or email column, so no \
            contact can be reached\nFound 2 problems (1 fixed, 1 error remaining) in 1 file \
            (1 file checked).\n"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text.replace("csv", "CSV_FILE")
    );
}

#[test]
fn fix_reads_standard_input_and_prints_the_fixed_text() {
    let output = crate::common::contactlint(crate::common::REPO)
        .args([
            "check",
            "-",
            "--stdin-filename",
            "x.toml",
            "--unsafe-fixes",
            "--no-config",
        ])
        .write_stdin("name = 'S' # kept\ntype = 'api'\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "name = 'S' # kept\ntype = \"API\"\n"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("1 fixed"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_written_is_an_error_and_the_others_are_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let text = "{\"name\": \"S\", \"type\": \"csv\", \"columns\": []}\n";
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("a.json"), text).unwrap();
    fs::write(dir.path().join("b.json"), text).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    let (code, _, stderr) = contactlint(dir.path(), &["check", ".", "--unsafe-fixes"]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    // Root may write anywhere: then both are fixed and the run is clean.
    if fs::read_to_string(locked.join("a.json")).unwrap() == text {
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("not fixed"), "{stderr}");
    }
    assert!(
        fs::read_to_string(dir.path().join("b.json"))
            .unwrap()
            .contains("CSV_FILE")
    );
}

/// A fix that renames an attribute re-aligns the `=` of its block's other one-line attributes as
/// `terraform fmt` does (the expected text is what `terraform fmt` writes), so that CI's
/// `terraform fmt -check` passes right after `--fix`; other blocks are left as written.
#[test]
fn a_terraform_fix_keeps_terraform_fmt_alignment() {
    // The block, its `=` aligned after the longest of its keys (the time column's).
    let list = |time: &str| {
        let width = time.len();
        format!(
            "resource \"genesyscloud_outbound_contact_list\" \"sales\" {{\n  name         = \
             \"Sales\"\n  column_names = [\"Cell\", \"TZ\"]\n  phone_columns {{\n    \
             {:<width$} = \"Cell\"\n    {:<width$} = \"cell\"\n    {time} = \"TZ\"\n  }}\n}}\n",
            "column_name", "type"
        )
    };
    let (before, after) = (
        list("callable_time_column"),
        list("callable_time_column_name"),
    );
    let report = lint("main.tf", &before);
    let fixed = fixed(&report, Applicability::Safe).unwrap();
    assert_eq!(fixed.text, after);
}

/// The Terraform fixtures that are not as `terraform fmt` writes them to begin with, relative to
/// `fixtures/`: a fix cannot be held to make them so, and the test below leaves them out.
const NOT_FMT_CLEAN: &[&str] = &[
    // Not HCL at all.
    "rules/syntax-error/bad.tf",
    // Its first attributes are aligned as if the last (`automatic_time_zone_mapping`) were not
    // in their run.
    "rules/undeclared-column/bad.tf",
    // Rendered from the provider's Go acceptance tests, indented with tabs.
    "terraform/provider/acceptance_basic.tf",
    "terraform/provider/acceptance_data_types.tf",
    "terraform/provider/acceptance_time_zone.tf",
];

/// Every `*.tf` file under `dir`, relative to it, in path order.
fn terraform_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "tf") {
            found.push(path.strip_prefix(dir).unwrap().to_path_buf());
        }
    }
    found.sort();
    found
}

/// Copies the tree `from` into `to`.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        match entry.file_type().unwrap().is_dir() {
            true => copy_tree(&entry.path(), &target),
            false => drop(fs::copy(entry.path(), &target).unwrap()),
        }
    }
}

/// Whether `terraform fmt -check` finds `file` as it would write it.
fn fmt_clean(file: &Path) -> bool {
    let output = std::process::Command::new("terraform")
        .args(["fmt", "-check", "-no-color"])
        .arg(file)
        .output()
        .unwrap();
    output.status.success()
}

/// `terraform fmt` after every Terraform fix (docs/fixes.md): every Terraform fixture under
/// `fixtures/` that a fix changes, fixed as `check --fix --unsafe-fixes` fixes it (in a copy of
/// the fixtures, never the fixtures themselves), passes `terraform fmt -check`, whether the fix
/// renames or removes an attribute. Only fixtures that pass it before are held to it:
/// `NOT_FMT_CLEAN` names the others, and the test fails when that list is out of date. Needs
/// Terraform, so it is `#[ignore]`d; `.ci/run` checks Terraform is installed and runs it, where
/// a missing `terraform` fails it.
#[test]
#[ignore = "needs Terraform (terraform fmt); .ci/run checks it is installed and runs this"]
fn every_terraform_fix_leaves_the_file_as_terraform_fmt_writes_it() {
    let version = std::process::Command::new("terraform")
        .arg("version")
        .output();
    assert!(
        version.is_ok_and(|o| o.status.success()),
        "terraform is not installed: this test needs `terraform fmt` (Terraform 1.11 or later)"
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("fixtures");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &copy,
    );
    let files = terraform_files(&copy);
    let unclean: Vec<&str> = files
        .iter()
        .filter(|file| !fmt_clean(&copy.join(file)))
        .map(|file| file.to_str().unwrap())
        .collect();
    assert_eq!(
        unclean, NOT_FMT_CLEAN,
        "Terraform fixtures not fmt-clean as written"
    );
    let before: Vec<String> = files
        .iter()
        .map(|file| fs::read_to_string(copy.join(file)).unwrap())
        .collect();
    let args = [
        "check",
        ".",
        "--fix",
        "--unsafe-fixes",
        "--no-config",
        "--quiet",
    ];
    let (code, _, stderr) = contactlint(&copy, &args);
    assert!(code < 2, "{stderr}");
    let mut fixed = 0;
    let mut unformatted = Vec::new();
    for (file, before) in files.iter().zip(&before) {
        let after = fs::read_to_string(copy.join(file)).unwrap();
        if after == *before {
            continue;
        }
        fixed += 1;
        if !fmt_clean(&copy.join(file)) {
            let diff = fix::unified_diff(file.to_str().unwrap(), before, &after);
            unformatted.push(format!("{}:\n{diff}", file.display()));
        }
    }
    assert!(fixed >= 5, "only {fixed} Terraform fixtures have a fix");
    assert!(
        unformatted.is_empty(),
        "not as terraform fmt writes them after their fixes:\n{}",
        unformatted.join("\n")
    );
}

/// The docs' `--diff` example (`docs/fixes.md`, between its `fixes-diff` markers) is the tool's
/// real output: the command on its `$ ` line, run from the repository's root, prints that diff
/// on stdout and its last line on stderr.
#[test]
fn the_docs_diff_is_the_tools_output() {
    let readme = fs::read_to_string(Path::new(crate::common::REPO).join("docs/fixes.md")).unwrap();
    let start = readme
        .find("<!-- fixes-diff:")
        .expect("docs/fixes.md marks its --diff example with <!-- fixes-diff: ... -->");
    let end = readme[start..]
        .find("<!-- fixes-diff: end -->")
        .expect("the example ends with <!-- fixes-diff: end -->");
    let block = &readme[start..start + end];
    let body = block.split_once("```text\n").unwrap().1;
    let body = body.rsplit_once("```\n").unwrap().0;
    let (command, shown) = body.split_once('\n').unwrap();
    let args: Vec<&str> = command
        .strip_prefix("$ contactlint ")
        .expect("the example starts with its command")
        .split(' ')
        .collect();
    let (code, stdout, stderr) = contactlint(crate::common::REPO, &args);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(format!("{stdout}{stderr}"), shown);
}
