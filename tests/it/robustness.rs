//! Hostile inputs: each gets a clear diagnostic or error, never a panic or a hang, and the files
//! checked are never written to. See docs/SECURITY.md.

use std::fs;
use std::path::Path;

use crate::common::run;
use serde_json::Value;

/// The rules reported for one file given as bytes.
fn rules_for(name: &str, bytes: &[u8]) -> Vec<(String, u64, u64)> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", name, "--no-config", "--format", "json"],
    );
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let errors = report["summary"]["errors"].as_u64().unwrap();
    assert_eq!(code, i32::from(errors > 0), "{name}: {stderr}");
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            (
                d["rule"].as_str().unwrap().to_owned(),
                start["line"].as_u64().unwrap(),
                start["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn first_rule(name: &str, bytes: &[u8]) -> (String, u64, u64) {
    rules_for(name, bytes)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{name}: no diagnostic"))
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
    let json = "[".repeat(100_000);
    assert_eq!(first_rule("deep.json", json.as_bytes()).0, "syntax-error");
    let toml = format!("a = {}", "[".repeat(100_000));
    assert_eq!(first_rule("deep.toml", toml.as_bytes()).0, "syntax-error");
    let inline = format!("a = {}", "{b = ".repeat(100_000));
    assert_eq!(
        first_rule("deep-inline.toml", inline.as_bytes()).0,
        "syntax-error"
    );
}

#[test]
fn a_50_mb_single_line_under_a_raised_cap_and_a_file_over_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let description = "x".repeat(50 * 1024 * 1024);
    let columns = r#"[{"name": "p", "type": "PHONE", "required": "no"}]"#;
    let text = format!(
        r#"{{"name": "Big", "type": "CSV_FILE", "description": "{description}", "columns": {}}}"#,
        columns
    );
    fs::write(dir.path().join("big.json"), &text).unwrap();
    fs::write(
        dir.path().join("contactlint.toml"),
        "max-file-size = \"64MiB\"\n",
    )
    .unwrap();
    let (code, stdout, _) = run(dir.path(), &["check", "big.json", "--format", "concise"]);
    assert_eq!(code, 1);
    let column = text.find("\"no\"").unwrap() + 1;
    assert!(
        stdout.starts_with(&format!("big.json:1:{column}: error[wrong-value-type]")),
        "{}",
        &stdout[..200.min(stdout.len())]
    );
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "big.json", "--no-config", "--format", "concise"],
    );
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with(
            "big.json:1:1: error[file-too-large] the file is larger than the size cap of 8 MiB"
        ),
        "{stdout}"
    );
}

#[test]
fn nul_bytes_and_invalid_utf8() {
    assert_eq!(
        first_rule("nul.json", b"{\"name\": \"a\0b\"}"),
        ("syntax-error".into(), 1, 12)
    );
    assert_eq!(
        first_rule("nul.toml", b"name = \"a\0b\""),
        ("syntax-error".into(), 1, 10)
    );
    assert_eq!(
        first_rule("latin1.json", b"{\n  \"name\": \"Caf\xe9\"\n}"),
        ("invalid-encoding".into(), 2, 15)
    );
    assert_eq!(
        first_rule("utf16.json", b"\xff\xfe{\0}\0"),
        ("invalid-encoding".into(), 1, 1)
    );
}

#[test]
fn line_endings_bom_crlf_and_cr_only() {
    let crlf = "\u{feff}{\r\n  \"name\": \"A\",\r\n  \"type\": \"CSV\"\r\n}\r\n";
    assert!(rules_for("crlf.json", crlf.as_bytes()).contains(&("invalid-list-type".into(), 3, 11)));
    // A lone CR is whitespace in JSON but ends no line: positions count it as part of line 1.
    let cr = "{\r  \"name\": \"A\",\r  \"type\": \"CSV\"\r}\r";
    assert!(rules_for("cr.json", cr.as_bytes()).contains(&("invalid-list-type".into(), 1, 28)));
    assert_eq!(
        first_rule("cr.toml", b"name = \"A\"\rtype = \"API\"\r").0,
        "syntax-error"
    );
}

#[test]
fn empty_and_whitespace_files() {
    assert_eq!(first_rule("empty.json", b""), ("syntax-error".into(), 1, 1));
    assert_eq!(
        first_rule("blank.json", b"  \n\t\n"),
        ("syntax-error".into(), 3, 1)
    );
    assert!(rules_for("empty.toml", b"").contains(&("missing-name".into(), 1, 1)));
    assert!(rules_for("blank.toml", b"\n\n  \n").contains(&("missing-name".into(), 1, 1)));
}

#[test]
fn top_levels_that_are_not_objects() {
    for (name, text) in [
        ("array.json", "[1, 2]"),
        ("string.json", "\"list\""),
        ("number.json", "42"),
        ("null.json", "null"),
    ] {
        assert_eq!(
            first_rule(name, text.as_bytes()),
            ("wrong-value-type".into(), 1, 1),
            "{name}"
        );
    }
}

#[test]
fn very_long_keys_and_strings() {
    let key = "k".repeat(1_000_000);
    let name = "n".repeat(1_000_000);
    let columns = format!(r#"[{{"name": "{name}", "type": "PHONE"}}]"#);
    let text = format!(r#"{{"name": "Long", "type": "API", "{key}": 1, "columns": {columns}}}"#);
    let rules: Vec<String> = rules_for("long.json", text.as_bytes())
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(rules, vec!["unknown-field", "column-name-too-long"]);
}

#[test]
fn directories_named_like_files_fifos_and_devices_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("x.json")).unwrap();
    // A directory is walked whatever its name, and a walk never takes one for a file.
    let (code, stdout, _) = run(dir.path(), &["check", "x.json", "--no-config"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "No files checked: no JSON, TOML, Terraform or CSV file under the paths given.\n"
        )
    );
    let (code, stdout, _) = run(dir.path(), &["check", ".", "--no-config"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "No files checked: no JSON, TOML, Terraform or CSV file under the paths given.\n"
        )
    );
    let fifo = dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if made {
        let (code, _, stderr) = run(dir.path(), &["check", "pipe.json", "--no-config"]);
        assert_eq!(code, 2);
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
    let (code, _, stderr) = run(dir.path(), &["check", "/dev/zero", "--no-config"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_walked_tree_is_reported_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("lists")).unwrap();
    fs::write(
        dir.path().join("lists/a.json"),
        r#"{"name": "A", "type": "CSV"}"#.replace("}", ", \"columns\": []}"),
    )
    .unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("lists/loop")).unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "lists", "--no-config", "--format", "concise"],
    );
    assert_eq!(code, 2);
    assert!(
        stdout.contains("lists/a.json:1:23: error[invalid-list-type]"),
        "{stdout}"
    );
    assert!(stderr.contains("lists/loop"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_and_the_others_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.json");
    fs::write(&secret, "{}").unwrap();
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&secret).is_ok() {
        return; // running as root: permissions do not apply
    }
    fs::write(
        dir.path().join("ok.json"),
        r#"{"name": "Ok", "type": "API", "columns": [{"name": "p", "type": "PHONE"}]}"#,
    )
    .unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "secret.json", "ok.json", "--no-config"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot check secret.json: permission denied"),
        "{stderr}"
    );
    assert!(stdout.contains("1 file checked"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn stdout_closed_early_exits_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("contactlint");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let script = format!(
        "'{}' check '{}' --format concise | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        bin.display(),
        fixtures.display()
    );
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.is_empty(), "{stderr}");
    let code: i32 = String::from_utf8(output.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // The fixtures hold errors and no path that cannot be read.
    assert_eq!(code, 1);
}

#[test]
fn checked_files_keep_their_bytes_and_modification_times() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    copy_tree(&root, dir.path());
    let before = snapshot(dir.path());
    for format in ["full", "json", "sarif", "github"] {
        run(dir.path(), &["check", ".", "--format", format]);
    }
    assert_eq!(before, snapshot(dir.path()));
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                let modified = entry.metadata().unwrap().modified().unwrap();
                files.push((
                    entry.path().display().to_string(),
                    fs::read(entry.path()).unwrap(),
                    modified,
                ));
            }
        }
    }
    files.sort();
    files
}
