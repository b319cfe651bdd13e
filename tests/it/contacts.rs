//! Contact files (CSV): positions after CRLF line ends, blank lines and quoted newlines (a
//! property test against positions computed independently), hostile files, pairing from the
//! command line, and the output of findings past the cap.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use contactlint::engine;
use contactlint::render::positions;
use contactlint::settings::Settings;
use proptest::prelude::*;

/// One field as written: quoted or not (a value that needs quotes always is).
fn field() -> impl Strategy<Value = String> {
    let plain = "[a-z0-9 ]{0,6}";
    let special = prop::collection::vec(
        prop_oneof![
            Just(",".to_owned()),
            Just("\"".to_owned()),
            Just("\n".to_owned()),
            Just("\r\n".to_owned()),
            "[a-zé]{1,3}"
        ],
        1..4,
    )
    .prop_map(|parts| parts.concat());
    prop_oneof![
        plain.prop_map(|s| s),
        plain.prop_map(|s| format!("\"{s}\"")),
        special.prop_map(|s| format!("\"{}\"", s.replace('"', "\"\""))),
    ]
}

/// A file as records (each a list of written fields), line ends and whether the last line ends.
fn file() -> impl Strategy<Value = (Vec<Vec<String>>, Vec<bool>, bool)> {
    (1usize..5).prop_flat_map(|header| {
        let row = prop::collection::vec(field(), 1..header + 3);
        (
            prop::collection::vec(row, 2..30),
            prop::collection::vec(any::<bool>(), 30),
            any::<bool>(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Every `csv-field-count` finding is at the physical line where its record starts, counted
    /// here from the bytes written, whatever the quoting and line ends.
    #[test]
    fn field_count_findings_are_at_the_line_where_their_record_starts(
        (records, crlf, last_ends) in file()
    ) {
        let mut text = String::new();
        let mut starts = Vec::new();
        for (i, record) in records.iter().enumerate() {
            starts.push(text.matches('\n').count() + 1);
            text += &record.join(",");
            if i + 1 < records.len() || last_ends {
                text += if crlf[i] { "\r\n" } else { "\n" };
            }
        }
        let width = records[0].len();
        let mut expected: Vec<(u64, usize)> = records
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, r)| r.len() != width && !(r.len() == 1 && r[0].is_empty()))
            .map(|(row, _)| (row as u64, starts[row]))
            .collect();
        expected.sort();
        let settings = Settings::default();
        let report = engine::lint_contact_bytes("c.csv", text.as_bytes(), None, &settings);
        let mut found: Vec<(u64, usize)> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule.id == "csv-field-count")
            .map(|d| (d.row.unwrap(), positions(&report, d.file, &d.range).0.line))
            .collect();
        found.sort();
        prop_assert_eq!(found, expected, "{:?}", text);
    }
}

fn contactlint() -> Command {
    crate::common::contactlint(crate::common::REPO)
}

const LIST: &str = r#"{"name": "Sales", "columnNames": ["id", "phone"],
 "phoneColumns": [{"columnName": "phone", "type": "cell"}]}"#;

#[test]
fn a_named_csv_is_checked_against_the_list_given_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("list.json"), LIST).unwrap();
    fs::write(dir.path().join("c.csv"), "id,Phone\n1,3175550100\n").unwrap();
    let output = contactlint()
        .current_dir(dir.path())
        .args([
            "check",
            "c.csv",
            "--list",
            "list.json",
            "--format",
            "concise",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "c.csv:1:4: error[csv-missing-column] the list list.json has a column \"phone\""
        ),
        "{stdout}"
    );
    // Appending matches columns in any case.
    contactlint()
        .current_dir(dir.path())
        .args(["check", "c.csv", "--list", "list.json", "--append"])
        .assert()
        .success();
    // A list that does not exist stops the run; the help says where a list is named.
    let pairing_help = "help: the list is named by `--list PATH[#ADDRESS]`, or by `list` in the \
        `[[contacts]]` entry of contactlint.toml that pairs this file";
    let stderr = failed_pairing(dir.path(), "nope.json");
    assert!(
        stderr.contains("cannot check nope.json: the list given with --list does not exist"),
        "{stderr}"
    );
    assert!(stderr.contains(pairing_help), "{stderr}");
    // A Terraform file is named with its resource: the error gives the address to write.
    let resource = "resource \"genesyscloud_outbound_contact_list\" \"sales\" {\n  \
        name = \"S\"\n  column_names = [\"Phone\"]\n}\n";
    fs::write(dir.path().join("main.tf"), resource).unwrap();
    let stderr = failed_pairing(dir.path(), "main.tf");
    assert!(
        stderr.contains(
            "--list: name the Terraform resource as \
             main.tf#genesyscloud_outbound_contact_list.sales"
        ),
        "{stderr}"
    );
    assert!(stderr.contains(pairing_help), "{stderr}");
}

/// The stderr of `check c.csv --list LIST` in `dir`, a run that must stop (exit code 2).
fn failed_pairing(dir: &std::path::Path, list: &str) -> String {
    let output = contactlint()
        .current_dir(dir)
        .args(["check", "c.csv", "--list", list])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    stderr
}

#[test]
fn walked_csv_files_are_checked_only_when_paired() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("list.json"), LIST).unwrap();
    fs::create_dir(dir.path().join("contacts")).unwrap();
    fs::write(dir.path().join("contacts/sales.csv"), "id,phone\n1,12\n").unwrap();
    fs::write(dir.path().join("other.csv"), "a,a\n").unwrap();
    fs::write(
        dir.path().join("contactlint.toml"),
        "[[contacts]]\nfiles = [\"contacts/*.csv\"]\nlist = \"list.json\"\n",
    )
    .unwrap();
    let output = contactlint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("contacts/sales.csv:2:3: warning[csv-phone-format]"),
        "{stdout}"
    );
    assert!(!stdout.contains("other.csv"), "{stdout}");
}

#[test]
fn a_bad_contacts_entry_is_a_configuration_error_at_its_span() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("contactlint.toml"),
        "[[contacts]]\nfiles = [\"*.csv\"]\nlist = \"missing.json\"\n",
    )
    .unwrap();
    let output = contactlint()
        .current_dir(dir.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("the list missing.json does not exist"),
        "{stderr}"
    );
    assert!(stderr.contains("contactlint.toml:3:8"), "{stderr}");
    // A Terraform list address that names no resource of the file, likewise.
    let list = "resource \"genesyscloud_outbound_contact_list\" \"sales\" {\n  name = \"S\"\n}\n";
    fs::write(dir.path().join("main.tf"), list).unwrap();
    fs::write(
        dir.path().join("contactlint.toml"),
        "[[contacts]]\nfiles = [\"*.csv\"]\n\
         list = \"main.tf#genesyscloud_outbound_contact_list.sale\"\n",
    )
    .unwrap();
    let output = contactlint()
        .current_dir(dir.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let expected = [
        "main.tf declares no contact list genesyscloud_outbound_contact_list.sale",
        "contactlint.toml:3:8",
        "did you mean `main.tf#genesyscloud_outbound_contact_list.sales`?",
    ];
    for part in expected {
        assert!(stderr.contains(part), "{part}: {stderr}");
    }
}

#[test]
fn findings_past_the_cap_are_counted_and_json_carries_the_full_count() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("list.json"), LIST).unwrap();
    let mut csv = String::from("id,phone\n");
    for i in 0..250 {
        csv += &format!("{i},call-me-{i}\n");
    }
    fs::write(dir.path().join("c.csv"), csv).unwrap();
    let run = |format: &str| {
        let output = contactlint()
            .current_dir(dir.path())
            .args(["check", "c.csv", "--list", "list.json", "--format", format])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let concise = run("concise");
    assert_eq!(concise.matches("warning[csv-phone-format]").count(), 100);
    assert!(
        concise.contains("c.csv: ... and 150 more csv-phone-format findings (warning)"),
        "{concise}"
    );
    assert!(concise.contains("Found 250 warnings"), "{concise}");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["summary"]["warnings"], 250);
    assert_eq!(json["omitted"][0]["count"], 150);
    assert_eq!(json["diagnostics"][0]["row"], 1);
    assert_eq!(json["diagnostics"][0]["column_name"], "phone");
}

#[test]
fn a_terraform_resource_checks_the_csv_it_uploads() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("main.tf"),
        r#"resource "genesyscloud_outbound_contact_list" "sales" {
  name              = "Sales"
  column_names      = ["id", "phone"]
  contacts_filepath = "contacts.csv"
  contacts_id_name  = "id"
  phone_columns {
    column_name = "phone"
    type        = "cell"
  }
}
"#,
    )
    .unwrap();
    fs::write(
        dir.path().join("contacts.csv"),
        "ident,phone\n1,3175550100\n",
    )
    .unwrap();
    let output = contactlint()
        .current_dir(dir.path())
        .args(["check", "main.tf", "--format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    // One mistake, one finding: the misspelt id header is neither a missing column nor an
    // extra one.
    assert_eq!(
        stdout,
        "contacts.csv:1:1: error[csv-missing-id-column] the contact id column \"id\" has no \
         header in this file\nFound 1 error in 1 file (2 files checked).\n"
    );
}

/// The list and CSV a public configuration applied live (`antoningar/genesys-cloud-exporter`,
/// `terraform/` at `b0a50c7e`; its state records the upload): a byte-order mark before the id
/// column, which the provider's plan-time check does not look for. Only when the first header
/// is one of `column_names` does the mark lose it.
#[test]
fn a_byte_order_mark_before_a_header_the_provider_does_not_look_for_is_fine() {
    const HEADER: &str = "id,number,ContactCallable,ContactableByVoice,ContactableBySms,\
        ContactableByEmail,ZipCodeAutomaticTimeZone,CallRecordLastAttempt-number,\
        CallRecordLastResult-number,CallRecordLastAgentWrapup-number,SmsLastAttempt-number,\
        SmsLastResult-number,Callable-number,ContactableByVoice-number,ContactableBySms-number,\
        AutomaticTimeZone-number,ContactableByWhatsApp";
    let list = |columns: &str| {
        format!(
            r#"resource "genesyscloud_outbound_contact_list" "contact-list" {{
  name              = "exporter contact list"
  column_names      = [{columns}]
  contacts_filepath = "./contactlist.csv"
  contacts_id_name = "id"
  division_id       = genesyscloud_auth_division.exporter_division.id
  phone_columns {{
    column_name = "number"
    type        = "cell"
  }}
}}
"#
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let csv = format!("\u{feff}{HEADER}\n1,0600000000,1,1,1,1,,,,,,,1,1,1,,1\n");
    fs::write(dir.path().join("contactlist.csv"), csv).unwrap();
    let run = |columns: &str| {
        fs::write(dir.path().join("resource.tf"), list(columns)).unwrap();
        let output = contactlint()
            .current_dir(dir.path())
            .args(["check", ".", "--format", "concise"])
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        stdout
            .lines()
            .filter(|l| !l.contains("warning[csv-extra-column]"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        run(r#""number""#),
        ["Found 15 warnings in 1 file (2 files checked)."]
    );
    assert_eq!(
        run(r#""id", "number""#),
        [
            "contactlist.csv:1:1: error[csv-byte-order-mark] the file starts with a UTF-8 \
             byte-order mark: the Terraform provider's plan-time check keeps it, reads the first \
             header as \"\\uFEFFid\" and reports \"id\" missing",
            "Found 1 error and 15 warnings in 1 file (2 files checked).",
        ]
    );
}

/// Hostile contact files get a clear diagnostic or error, never a panic or a hang.
#[test]
fn hostile_contact_files_get_clear_answers() {
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let output = contactlint()
            .current_dir(dir.path())
            .args(["check", name, "--format", "concise"])
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let (code, out) = check("open.csv", b"\"id,phone\n1,2\n");
    assert_eq!(code, Some(1));
    assert!(
        out.contains("open.csv:1:1: error[csv-unterminated-quote]"),
        "{out}"
    );
    let wide: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
    let (code, out) = check("wide.csv", format!("{}\n", wide.join(",")).as_bytes());
    assert_eq!(code, Some(1));
    assert!(
        out.contains("error[csv-too-many-columns] the file has 100000 columns"),
        "{out}"
    );
    let (code, out) = check("nul.csv", b"id,phone\n1,\0\0\n");
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = check("latin1.csv", b"id,name\n1,Caf\xe9\n");
    assert_eq!(code, Some(1));
    assert!(
        out.contains("latin1.csv:2:6: error[invalid-encoding]"),
        "{out}"
    );
    let (code, out) = check("utf16.csv", b"\xff\xfei\0d\0\n\0");
    assert_eq!(code, Some(1));
    assert!(out.contains("the file is UTF-16"), "{out}");
}

#[test]
fn a_fifo_named_as_the_csv_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("c.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo (coreutils) makes the FIFO"
    );
    let output = contactlint()
        .current_dir(dir.path())
        .args(["check", "c.csv"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not a regular file"), "{stderr}");
    assert!(Path::new(&fifo).exists());
}

/// A file of several megabytes is read on a thread of its own while its rows are checked: the
/// findings are the same as row by row, at the same rows and lines.
#[test]
fn a_large_file_read_in_batches_gives_every_finding_in_place() {
    let mut text = String::from("id,phone\r\n");
    let mut expected = Vec::new();
    let mut line = 2;
    for row in 1..=250_000u64 {
        if row % 1000 == 0 {
            text += &format!("{row},\"31755\n50100\",extra\r\n");
            expected.push((row, line));
            line += 2;
        } else {
            text += &format!("{row},+1 (317) 555-{:04}\r\n", row % 10_000);
            line += 1;
        }
    }
    assert!(text.len() > 4 << 20);
    let report = engine::lint_contact_bytes("big.csv", text.as_bytes(), None, &Settings::default());
    let found: Vec<(u64, usize)> = report
        .diagnostics
        .iter()
        .map(|d| (d.row.unwrap(), positions(&report, d.file, &d.range).0.line))
        .collect();
    assert_eq!(found, expected[..100]);
    assert_eq!(report.omitted[0].count, 150);
}

/// Peak resident memory of a child process, read from `/proc` while it runs (Linux only).
fn peak_rss_kib(mut child: std::process::Child) -> (std::process::ExitStatus, Option<u64>) {
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(status) = fs::read_to_string(&status_path) {
            let hwm = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
            peak = peak.max(hwm);
        }
        if let Some(exit) = child.try_wait().unwrap() {
            return (exit, peak);
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// A single line of 100 MB and a quote opened on the first line and never closed (in a file of
/// 100 MB) get clear diagnostics, with memory that does not grow with the file.
#[test]
fn hundred_megabyte_lines_and_unclosed_quotes_keep_memory_flat() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, head: &[u8], fill: u8| {
        let mut file = std::io::BufWriter::new(fs::File::create(dir.path().join(name)).unwrap());
        file.write_all(head).unwrap();
        let chunk = vec![fill; 1 << 20];
        for _ in 0..100 {
            file.write_all(&chunk).unwrap();
        }
        file.write_all(b"\n2,3175550100\n").unwrap();
    };
    write("long.csv", b"id,phone\n1,", b'7');
    write("open.csv", b"id,phone\n1,\"", b'x');
    for (name, expected) in [
        (
            "long.csv",
            "long.csv:2:3: error[csv-cell-too-long] this phone value has 104857600 characters",
        ),
        ("open.csv", "open.csv:2:3: error[csv-unterminated-quote]"),
    ] {
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_contactlint"))
            .current_dir(dir.path())
            .args(["check", name, "--format", "concise"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stdout_pipe = child.stdout.is_some();
        let (child, output) = {
            let mut child = child;
            let mut stdout = child.stdout.take().unwrap();
            let reader = std::thread::spawn(move || {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut stdout, &mut text).unwrap();
                text
            });
            (child, reader)
        };
        let (status, peak) = peak_rss_kib(child);
        let stdout = output.join().unwrap();
        assert!(stdout_pipe);
        assert_eq!(status.code(), Some(1), "{name}: {stdout}");
        assert!(stdout.contains(expected), "{name}: {stdout}");
        if let Some(peak) = peak {
            assert!(peak < 64 * 1024, "{name}: peak RSS {peak} KiB");
        }
    }
}

/// A contact file named on the command line and also named by a Terraform resource is one
/// input: checked once, against the resource's list, and counted once.
#[test]
fn a_csv_named_and_named_by_a_resource_is_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    let resource = r#"resource "genesyscloud_outbound_contact_list" "sales" {
  name              = "Sales"
  column_names      = ["id", "phone"]
  contacts_filepath = "c.csv"
  contacts_id_name  = "id"

  phone_columns {
    column_name = "phone"
    type        = "cell"
  }
}
"#;
    fs::write(dir.path().join("main.tf"), resource).unwrap();
    fs::write(dir.path().join("c.csv"), "id,phone\n1,3175550100\n2\n").unwrap();
    for named in [
        &["c.csv", "."][..],
        &["./c.csv", "main.tf"],
        &[".", "c.csv"],
    ] {
        let args = [&["check", "--format", "json"][..], named].concat();
        let output = contactlint()
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["summary"]["files_checked"], 2, "{named:?}");
        let found: Vec<(&str, &str, u64)> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let line = d["range"]["start"]["line"].as_u64().unwrap();
                (
                    d["path"].as_str().unwrap(),
                    d["rule"].as_str().unwrap(),
                    line,
                )
            })
            .collect();
        assert_eq!(found, [("c.csv", "csv-field-count", 3)], "{named:?}");
        let shown = contactlint()
            .current_dir(dir.path())
            .args([&["check", "--show-files"][..], named].concat())
            .output()
            .unwrap();
        let shown = String::from_utf8(shown.stdout).unwrap();
        let csv: Vec<&str> = shown.lines().filter(|l| l.contains("c.csv")).collect();
        assert_eq!(
            csv,
            ["checked     c.csv: a contact file paired with the list \
                    main.tf#genesyscloud_outbound_contact_list.sales"],
            "{named:?}"
        );
    }
}

/// A CSV named alone (as pre-commit names a staged file) finds the Terraform list that uploads
/// it in its directory or above, up to the repository's root (docs/inputs/csv.md); with `--skip-non-lists`
/// too (the hook's options), and not from above the root.
#[test]
fn a_csv_named_alone_finds_the_terraform_list_that_uploads_it() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::create_dir_all(repo.join("contacts")).unwrap();
    let resource = |path: &str| {
        format!(
            "resource \"genesyscloud_outbound_contact_list\" \"sales\" {{\n  name              = \
             \"Sales\"\n  column_names      = [\"id\", \"phone\"]\n  contacts_filepath = \
             \"{path}\"\n  contacts_id_name  = \"id\"\n  phone_columns {{\n    column_name = \
             \"phone\"\n    type        = \"cell\"\n  }}\n}}\n"
        )
    };
    fs::write(repo.join("main.tf"), resource("contacts/sales.csv")).unwrap();
    fs::write(
        repo.join("contacts/sales.csv"),
        "id,phone,extra\n1,3175550100,x\n",
    )
    .unwrap();
    let check = |cwd: &Path, args: &[&str]| {
        let output = contactlint()
            .current_dir(cwd)
            .args([&["check", "--format", "concise"][..], args].concat())
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let paired = "contacts/sales.csv:1:10: warning[csv-extra-column] \"extra\" is not a column of \
        the list main.tf#genesyscloud_outbound_contact_list.sales\n";
    for args in [
        &["contacts/sales.csv"][..],
        &["--skip-non-lists", "contacts/sales.csv"],
    ] {
        let stdout = check(&repo, args);
        assert!(stdout.starts_with(paired), "{args:?}: {stdout}");
    }
    // From inside the folder, the list is one directory up.
    let stdout = check(&repo.join("contacts"), &["sales.csv"]);
    assert!(stdout.contains("warning[csv-extra-column]"), "{stdout}");
    // A list above the repository's root is not this repository's.
    fs::remove_file(repo.join("main.tf")).unwrap();
    fs::write(
        dir.path().join("main.tf"),
        resource("repo/contacts/sales.csv"),
    )
    .unwrap();
    let stdout = check(&repo, &["contacts/sales.csv"]);
    assert_eq!(stdout, "No problems found (1 file checked).\n");
}
