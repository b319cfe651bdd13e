//! Terraform: values the file does not fix never cause a finding, the provider's own
//! configurations check without an error, and hostile HCL gets a clear diagnostic.

use std::ops::Range;
use std::path::Path;

use contactlint::engine::{self, Report};
use contactlint::settings::Settings;
use contactlint::syntax::Syntax;
use contactlint::text::SourceFile;
use proptest::prelude::*;

fn check(name: &str, text: &str) -> Report {
    let bytes = text.as_bytes().to_vec();
    let syntax = Syntax::detect(name, &bytes);
    let settings = Settings::default();
    let source = SourceFile::from_bytes(name.to_owned(), syntax, bytes, settings.max_file_size);
    engine::lint_one(source, &settings)
}

/// One argument or block of a generated resource: its name and the literal values it may take
/// (valid and invalid ones alike, so that rules fire).
struct Slot {
    block: Option<&'static str>,
    name: &'static str,
    values: &'static [&'static str],
}

const fn arg(name: &'static str, values: &'static [&'static str]) -> Slot {
    Slot {
        block: None,
        name,
        values,
    }
}

const fn nested(block: &'static str, name: &'static str, values: &'static [&'static str]) -> Slot {
    Slot {
        block: Some(block),
        name,
        values,
    }
}

const SLOTS: &[Slot] = &[
    arg("name", &["\"Sales\"", "\"\"", "\"  \""]),
    arg("automatic_time_zone_mapping", &["true", "false"]),
    arg("zip_code_column_name", &["\"Zip\"", "\"Zap\"", "\"\""]),
    arg("preview_mode_column_name", &["\"Cell\"", "\"Cel\""]),
    arg("preview_mode_accepted_values", &["[\"yes\"]", "[]"]),
    arg(
        "attempt_limit_id",
        &["\"not-a-uuid\"", "\"505e2b6a-6e22-4f5a-8b1e-6a1d2b7c9f30\""],
    ),
    arg(
        "division_id",
        &["\"x\"", "\"505e2b6a-6e22-4f5a-8b1e-6a1d2b7c9f30\""],
    ),
    arg("trim_whitespace", &["true", "\"yes\""]),
    nested(
        "phone_columns",
        "column_name",
        &["\"Cell\"", "\"Cel\"", "\"\""],
    ),
    nested("phone_columns", "type", &["\"cell\"", "\"\""]),
    nested(
        "phone_columns",
        "callable_time_column",
        &["\"Zip\"", "\"Tz\""],
    ),
    nested(
        "phone_columns",
        "callable_time_column_name",
        &["\"Zip\"", "\"Zap\""],
    ),
    nested("email_columns", "column_name", &["\"Email\"", "\"Mail\""]),
    nested("email_columns", "type", &["\"work\""]),
    nested(
        "email_columns",
        "contactable_time_column_name",
        &["\"Zip\""],
    ),
    nested(
        "column_data_type_specifications",
        "column_name",
        &["\"Cell\"", "\"Zap\""],
    ),
    nested(
        "column_data_type_specifications",
        "column_data_type",
        &["\"TEXT\"", "\"NUMERIC\"", "\"NUMBER\""],
    ),
    nested("column_data_type_specifications", "min", &["5", "0"]),
    nested("column_data_type_specifications", "max", &["2", "10"]),
    nested(
        "column_data_type_specifications",
        "max_length",
        &["10", "-1"],
    ),
];

/// Column names a list may declare; element values of `column_names`.
const COLUMNS: &[&str] = &[
    "\"Cell\"",
    "\"Zip\"",
    "\"Email\"",
    "\"Cell\"",
    "\"inin-outbound-id\"",
];

/// Expressions whose value nobody knows before `apply`.
const UNKNOWNS: &[&str] = &[
    "var.value",
    "local.settings.value",
    "genesyscloud_outbound_attempt_limit.limit.id",
    "\"Zip${var.suffix}\"",
    "lower(var.value)",
    "var.flag ? \"Cell\" : \"Zip\"",
    "[for c in var.columns : c]",
    "data.genesyscloud_auth_division_home.home.id",
];

/// What to do with one slot: leave it out, or write value `value`, replaced by unknown
/// `unknown` when set.
#[derive(Debug, Clone)]
struct Choice {
    present: bool,
    value: usize,
    unknown: Option<usize>,
}

fn choice() -> impl Strategy<Value = Choice> {
    (
        any::<bool>(),
        0usize..4,
        prop::option::weighted(0.3, 0usize..UNKNOWNS.len()),
    )
        .prop_map(|(present, value, unknown)| Choice {
            present,
            value,
            unknown,
        })
}

/// Writes the resource, with unknowns (`with_unknowns`) or with the literal values they stand
/// for, and returns the byte ranges of the unknowns written. Blocks of a type that is made
/// `dynamic` are written as one `dynamic` block instead.
fn render(
    slots: &[Choice],
    columns: &[(usize, Option<usize>)],
    dynamic: Option<usize>,
    with_unknowns: bool,
) -> (String, Vec<Range<usize>>) {
    let mut text = String::from("resource \"genesyscloud_outbound_contact_list\" \"gen\" {\n");
    let mut unknown = Vec::new();
    let write_value = |text: &mut String,
                       unknown: &mut Vec<Range<usize>>,
                       literal: &str,
                       replaced: Option<usize>| {
        match replaced.filter(|_| with_unknowns) {
            Some(u) => {
                let start = text.len();
                text.push_str(UNKNOWNS[u]);
                unknown.push(start..text.len());
            }
            None => text.push_str(literal),
        }
    };
    text.push_str("  column_names = [");
    for (i, (column, replaced)) in columns.iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        write_value(
            &mut text,
            &mut unknown,
            COLUMNS[*column % COLUMNS.len()],
            *replaced,
        );
    }
    text.push_str("]\n");
    let blocks = [
        "phone_columns",
        "email_columns",
        "column_data_type_specifications",
    ];
    for (slot, choice) in SLOTS.iter().zip(slots).filter(|(s, _)| s.block.is_none()) {
        if choice.present {
            text.push_str(&format!("  {} = ", slot.name));
            let literal = slot.values[choice.value % slot.values.len()];
            write_value(&mut text, &mut unknown, literal, choice.unknown);
            text.push('\n');
        }
    }
    for (index, block) in blocks.iter().enumerate() {
        let made_dynamic = with_unknowns && dynamic == Some(index);
        if made_dynamic {
            let start = text.len();
            text.push_str(&format!(
                "  dynamic \"{block}\" {{\n    for_each = var.items\n    content {{\n      \
                    column_name = {block}.value\n    }}\n  }}\n"
            ));
            unknown.push(start..text.len());
            continue;
        }
        text.push_str(&format!("  {block} {{\n"));
        for (slot, choice) in SLOTS
            .iter()
            .zip(slots)
            .filter(|(s, _)| s.block == Some(block))
        {
            if choice.present {
                text.push_str(&format!("    {} = ", slot.name));
                let literal = slot.values[choice.value % slot.values.len()];
                write_value(&mut text, &mut unknown, literal, choice.unknown);
                text.push('\n');
            }
        }
        text.push_str("  }\n");
    }
    text.push_str("}\n");
    (text, unknown)
}

/// Rules that report a list once, at the first of the places at fault (with labels at the
/// rest): an unknown in front moves the anchor, not the problem, so they compare per list.
const ONCE_PER_LIST: &[&str] = &["system-column-name"];

/// Each finding as (rule, pointer).
fn findings(report: &Report) -> Vec<(String, String)> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let pointer = match ONCE_PER_LIST.contains(&d.rule.id) {
                true => String::new(),
                false => d.pointer.clone().unwrap_or_default(),
            };
            (d.rule.id.to_owned(), pointer)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// An unknown could stand for the very value it replaced: every finding with unknowns must
    /// also be a finding of that concrete resource, and none may point into an unknown.
    #[test]
    fn unknown_values_never_cause_a_finding(
        slots in prop::collection::vec(choice(), SLOTS.len()),
        columns in prop::collection::vec(
            (0usize..COLUMNS.len(), prop::option::weighted(0.2, 0usize..UNKNOWNS.len())),
            0..4,
        ),
        dynamic in prop::option::weighted(0.2, 0usize..3),
    ) {
        let (concrete, _) = render(&slots, &columns, dynamic, false);
        let (with_unknowns, unknown_ranges) = render(&slots, &columns, dynamic, true);
        let expected = check("main.tf", &concrete);
        let report = check("main.tf", &with_unknowns);
        prop_assert!(
            report.diagnostics.iter().all(|d| d.rule.id != "syntax-error"),
            "{with_unknowns}"
        );
        let known = findings(&expected);
        for (d, finding) in report.diagnostics.iter().zip(findings(&report)) {
            prop_assert!(
                known.contains(&finding),
                "{finding:?} comes from an unknown:\n{with_unknowns}\nconcrete:\n{concrete}"
            );
            for unknown in &unknown_ranges {
                let overlaps = d.range.start < unknown.end && unknown.start < d.range.end;
                prop_assert!(!overlaps, "{finding:?} points into \
                    {:?}", &with_unknowns[unknown.clone()]);
            }
        }
    }
}

#[test]
fn the_providers_own_configurations_check_without_an_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/terraform/provider");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let report = check(path.to_str().unwrap(), &text);
        let errors: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == contactlint::diagnostic::Severity::Error)
            .map(|d| format!("{} {}", d.rule.id, d.message))
            .collect();
        assert_eq!(errors, Vec::<String>::new(), "{}", path.display());
        assert_eq!(report.files_checked, 1);
        checked += 1;
    }
    assert_eq!(checked, 5);
}

#[test]
fn terraform_json_templates_are_unknown() {
    let text = r#"{"resource": {"genesyscloud_outbound_contact_list": {"sales": {
        "name": "Sales", "column_names": ["${var.first}", "Cell"],
        "zip_code_column_name": "${var.zip}",
        "phone_columns": [{"column_name": "${var.phone}", "type": "cell"}]
    }}}}"#;
    let report = check("main.tf.json", text);
    assert_eq!(findings(&report), vec![]);
}

/// The diagnostics of bytes checked as `main.tf` under a size cap, as (rule, message).
fn hostile(bytes: Vec<u8>, max_file_size: u64) -> Vec<(&'static str, String)> {
    let mut settings = Settings::default();
    settings.max_file_size = max_file_size;
    let source = SourceFile::from_bytes("main.tf".into(), Syntax::Terraform, bytes, max_file_size);
    let report = engine::lint_one(source, &settings);
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.id, d.message.clone()))
        .collect()
}

const RESOURCE: &str = "resource \"genesyscloud_outbound_contact_list\" \"x\" {\n";

#[test]
fn deep_nesting_is_a_syntax_error_not_a_crash() {
    let depth = 100_000;
    let blocks = format!(
        "{RESOURCE}{}{}}}\n",
        "a {\n".repeat(depth),
        "}\n".repeat(depth)
    );
    let brackets = format!(
        "{RESOURCE}x = {}{}\n}}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    for text in [blocks, brackets] {
        let found = hostile(text.into_bytes(), 8 << 20);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "syntax-error");
        assert!(found[0].1.starts_with("invalid HCL: "), "{found:?}");
    }
}

#[test]
fn a_20_mib_heredoc_is_too_large_and_a_large_one_under_the_cap_is_checked() {
    let heredoc = |size: usize| {
        let mut text = format!("{RESOURCE}  name = <<EOT\n");
        text.push_str(&"x".repeat(size));
        text.push_str("\nEOT\n  column_names = [\"Cell\"]\n}\n");
        text.into_bytes()
    };
    let found = hostile(heredoc(20 << 20), 8 << 20);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "file-too-large");
    // Under the cap, the heredoc is read (its value left unknown) and the list is checked.
    let found = hostile(heredoc(2 << 20), 8 << 20);
    let rules: Vec<&str> = found.iter().map(|(rule, _)| *rule).collect();
    assert_eq!(rules, ["no-contact-column"]);
}

#[test]
fn invalid_utf8_in_a_string_is_an_encoding_error_at_its_byte() {
    let mut bytes = format!("{RESOURCE}  name = \"Sales ").into_bytes();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xff\"\n}\n");
    let settings = Settings::default();
    let source = SourceFile::from_bytes("main.tf".into(), Syntax::Terraform, bytes, 8 << 20);
    let report = engine::lint_one(source, &settings);
    let found: Vec<(&str, usize)> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule.id, d.range.start))
        .collect();
    assert_eq!(found, [("invalid-encoding", offset)]);
}

/// Runs the binary in `dir` and returns its exit code and standard output.
fn contactlint(dir: &Path, args: &[&str]) -> (i32, String) {
    let (code, stdout, _) = crate::common::run(dir, args);
    (code, stdout)
}

#[test]
fn walks_check_only_terraform_files_that_declare_a_contact_list() {
    let dir = tempfile::tempdir().unwrap();
    let infra = "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n";
    std::fs::write(dir.path().join("infra.tf"), infra).unwrap();
    let list = format!(
        "{RESOURCE}  name = \"Sales\"\n  column_names = [\"Cell\"]\n  phone_columns {{\n    \
            column_name = \"Cel\"\n    type = \"cell\"\n  }}\n}}\n"
    );
    std::fs::write(dir.path().join("lists.tf"), list).unwrap();
    let (code, stdout) = contactlint(
        dir.path(),
        &["check", ".", "--no-config", "--format", "json"],
    );
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["summary"]["files_checked"], 1);
    assert_eq!(json["summary"]["files_skipped"], 1);
    let finding = &json["diagnostics"][0];
    assert_eq!(finding["path"], "lists.tf");
    assert_eq!(finding["profile"], "terraform");
    assert_eq!(finding["resource"], "genesyscloud_outbound_contact_list.x");
    assert_eq!(finding["rule"], "undeclared-column");
    assert_eq!(finding["pointer"], "/phone_columns/0/column_name");
    assert_eq!(finding["range"]["start"]["line"], 5);
    // Named, a Terraform file without a contact list passes.
    let (code, stdout) = contactlint(dir.path(), &["check", "infra.tf", "--no-config"]);
    assert_eq!(
        (code, stdout.trim()),
        (0, "No problems found (1 file checked).")
    );
}

#[test]
fn show_settings_names_the_terraform_profile() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "check",
        "--show-settings",
        "main.tf",
        "--format",
        "json",
        "--no-config",
    ];
    let (code, stdout) = contactlint(dir.path(), &args);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json[0]["profile"], "terraform", "{json}");
    assert_eq!(json[0]["profile_source"], "the file's syntax");
    // Only the rules that can fire on a Terraform file.
    let rules: Vec<&str> = json[0]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    for shown in ["column-not-in-list", "unknown-field", "syntax-error"] {
        assert!(rules.contains(&shown), "{shown} missing: {rules:?}");
    }
    for hidden in ["missing-list-type", "csv-field-count", "csv-delimiter"] {
        assert!(!rules.contains(&hidden), "{hidden} shown: {rules:?}");
    }
}

#[test]
fn terraform_json_may_write_blocks_as_arrays_of_objects() {
    let text = r#"{"resource": [{"genesyscloud_outbound_contact_list": {"sales": [{
        "name": "Sales", "column_names": ["Cell"],
        "phone_columns": [{"column_name": "Cel", "type": "cell"}]
    }]}}]}"#;
    let report = check("main.tf.json", text);
    let found: Vec<(&str, Option<&str>, usize)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.id,
                d.pointer.as_deref(),
                report.files[0].position(d.range.start).line,
            )
        })
        .collect();
    assert_eq!(
        found,
        [("undeclared-column", Some("/phone_columns/0/column_name"), 3)]
    );
    assert_eq!(
        report.diagnostics[0].resource.as_deref(),
        Some("genesyscloud_outbound_contact_list.sales")
    );
}

/// Every block attribute of both list resources, in Terraform's JSON syntax, written as one
/// object for a single block (`-single`) and as an array of one (`-arrays`): one block names an
/// undeclared column each, and the template's data-type block has no `max_length`. Both ways
/// give the same findings, at the same values, with an index in the pointer only where the file
/// writes one; none once the mistakes are mended.
#[test]
fn terraform_json_writes_a_single_block_as_one_object_or_an_array_of_one() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/terraform/json-single-blocks");
    let blocks = [
        ("phone_columns", "Cel", "Cell"),
        ("email_columns", "Emial", "Email"),
        ("whats_app_columns", "Whatsapp", "WhatsApp"),
        ("column_data_type_specifications", "age", "Age"),
    ];
    for (resource, way, index) in [
        ("list", "single", ""),
        ("list", "arrays", "/0"),
        ("template", "single", ""),
        ("template", "arrays", "/0"),
    ] {
        let name = format!("{resource}-{way}.tf.json");
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        let found: Vec<(&str, String, &str)> = check(&name, &text)
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.rule.id,
                    d.pointer.clone().unwrap(),
                    &text[d.range.clone()],
                )
            })
            .collect();
        let written: Vec<_> = blocks.iter().filter(|(b, ..)| text.contains(b)).collect();
        let mut expected: Vec<(&str, String, &str)> = Vec::new();
        for (block, wrong, _) in &written {
            let at = format!("/{block}{index}/column_name");
            let value = format!("{wrong:?}");
            let start = text.find(&value).unwrap();
            expected.push(("undeclared-column", at, &text[start..start + value.len()]));
        }
        if resource == "template" {
            let block = format!("/column_data_type_specifications{index}");
            let opens = text
                .find("\"age\"")
                .map(|end| text[..end].rfind('{').unwrap());
            expected.push(("missing-field", block, &text[opens.unwrap()..][..1]));
        }
        let sorted =
            |mut v: Vec<(&'static str, String, &str)>| -> Vec<(&'static str, String, String)> {
                v.sort();
                v.into_iter()
                    .map(|(r, p, t)| (r, p, t.to_owned()))
                    .collect()
            };
        assert_eq!(sorted(found), sorted(expected), "{name}");
        let mended = written
            .iter()
            .fold(text.clone(), |text, (_, wrong, right)| {
                text.replace(&format!("{wrong:?}"), &format!("{right:?}"))
            });
        let mended = match resource {
            "template" => mended.replace("\"TEXT\"", "\"TEXT\", \"max_length\": 3"),
            _ => mended,
        };
        assert_eq!(findings(&check(&name, &mended)), vec![], "{name} mended");
    }
}

/// The provider's own examples of the resources that use a list, each joined with its
/// contact-list example in one directory, give exactly the findings of docs/resources.md they deserve.
#[test]
fn the_providers_outbound_examples_give_exactly_their_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/outbound/provider");
    let (code, stdout) = contactlint(&root, &["check", ".", "--format", "concise", "--quiet"]);
    assert_eq!(code, 1);
    let section_15 = [
        "column-not-in-list",
        "wrong-column-kind",
        "deprecated-resource",
    ];
    let found: Vec<&str> = stdout
        .lines()
        .filter(|line| {
            section_15
                .iter()
                .any(|rule| line.contains(&format!("[{rule}]")))
        })
        .collect();
    assert_eq!(
        found,
        [
            "contact_list_contact/contact_list_contact.tf:1:55: warning[deprecated-resource] \
             `genesyscloud_outbound_contact_list_contact` is deprecated by the provider (since \
             1.58.0)",
            "digitalruleset/digitalruleset.tf:11:23: error[column-not-in-list] \"Work\" is not a \
             column of genesyscloud_outbound_contact_list.contact_list",
            "ruleset-simplest/ruleset.tf:13:24: error[column-not-in-list] \"Phone\" is not a \
             column of genesyscloud_outbound_contact_list.contact_list",
            "ruleset/ruleset.tf:13:24: error[column-not-in-list] \"Phone\" is not a column of \
             genesyscloud_outbound_contact_list.contact_list",
        ]
    );
    // Nothing else but the list example's own deprecated attribute, once per directory.
    let others = stdout.lines().filter(|line| !found.contains(line));
    assert!(
        others
            .clone()
            .all(|l| l.contains("[deprecated-attribute] `callable_time_column`"))
    );
    assert_eq!(others.count(), 9);
}

/// A list module and a campaign module wired by the root (the layout of a public repository):
/// the campaign's `var.contact_list_id` is the root's `module.lists.contact_list_id`, the list
/// module's output. Good as written; a phone column that is not one is found through the call.
#[test]
fn a_list_reached_through_local_modules_is_checked() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/outbound/modules");
    let (code, stdout) = contactlint(&root.join("good"), &["check", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "No problems found (3 files checked).\n")
    );
    let (code, stdout) = contactlint(&root.join("bad"), &["check", "--format", "concise"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "modules/campaigns/campaigns.tf:7:19: error[wrong-column-kind] \"SortOrder\" is a column \
         of genesyscloud_outbound_contact_list.customers, but not a phone column, through \
         module.campaigns in main.tf\nFound 1 error in 1 file (3 files checked).\n"
    );
    // Checked from the campaign module alone, its caller is found in the repository and the
    // list resolves as the root runs it.
    let alone = root.join("bad/modules/campaigns");
    let (code, stdout) = contactlint(&alone, &["check", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "campaigns.tf:7:19: error[wrong-column-kind] \"SortOrder\" is a column of \
             genesyscloud_outbound_contact_list.customers, but not a phone column, through \
             module.campaigns in ../../main.tf\nFound 1 error in 1 file (1 file checked).\n"
        )
    );
}

/// `--show-files` counts what each Terraform file declares, and says when it was named.
#[test]
fn show_files_says_what_each_terraform_file_declares() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/outbound");
    let (_, stdout) = contactlint(&root.join("modules/good"), &["check", "--show-files"]);
    // No lock file, no constraint: the newest release of the table, said so.
    let newest = contactlint::model::provider::Version::newest();
    let judged = format!(
        "judged with provider {newest} (the newest release contactlint knows: no lock file or \
         version constraint)"
    );
    assert_eq!(
        stdout,
        format!(
            "checked     main.tf: it calls 2 local modules; {judged}\n\
             checked     modules/campaigns/campaigns.tf: it declares 1 campaign; {judged}\n\
             checked     modules/lists/lists.tf: it declares 1 contact list; {judged}\n"
        )
    );
    let named = ["check", "--show-files", "campaigns.tf", "lists.tf"];
    let (_, stdout) = contactlint(&root.join("example"), &named);
    assert_eq!(
        stdout,
        format!(
            "checked     campaigns.tf: named on the command line; it declares 1 campaign and 1 \
             contact-list filter; {judged}\n\
             checked     lists.tf: named on the command line; it declares 1 contact list; \
             {judged}\n"
        )
    );
}

/// The columns a generated module's list may have, and the names its resources may use.
const MODULE_COLUMNS: [&str; 5] = ["Cell", "Home", "Email", "Zip", "language"];

/// How a generated reference to a list or a resource may be written: the literal reference, or
/// a form the file does not fix (a variable, a data source, an index, a function).
fn reference_form(literal: &str, form: usize) -> String {
    match form {
        0 => literal.to_owned(),
        1 => "var.contact_list_id".to_owned(),
        2 => "data.genesyscloud_outbound_contact_list.existing.id".to_owned(),
        3 => literal.replace(".id", "[0].id"),
        _ => format!("lower({literal})"),
    }
}

/// A module in one file: a list, a campaign that names it, a rule set the campaign links. Each
/// reference is written in `forms`' way (0 is the literal) and each used column either as a
/// literal or, when `unknown`, as a variable. Gives the text and the ranges that are unknown.
fn module_text(
    list: &[usize],
    used: &[(usize, bool)],
    forms: [usize; 2],
    concrete: bool,
) -> (String, Vec<Range<usize>>) {
    let names: Vec<String> = list
        .iter()
        .map(|&i| format!("\"{}\"", MODULE_COLUMNS[i]))
        .collect();
    let mut text = format!(
        "resource \"genesyscloud_outbound_contact_list\" \"l\" {{\n  name = \"L\"\n  \
         column_names = [{}]\n  phone_columns {{\n    column_name = \"Cell\"\n    \
         type = \"cell\"\n  }}\n}}\n",
        names.join(", ")
    );
    let mut unknown = Vec::new();
    let mut write = |text: &mut String, literal: String, form: String| {
        let start = text.len();
        let written = if concrete {
            literal.clone()
        } else {
            form.clone()
        };
        text.push_str(&written);
        if !concrete && written != literal {
            unknown.push(start..text.len());
        }
    };
    let [list_form, rule_form] = forms;
    text.push_str("resource \"genesyscloud_outbound_campaign\" \"c\" {\n  contact_list_id = ");
    let list_ref = "genesyscloud_outbound_contact_list.l.id";
    write(
        &mut text,
        list_ref.into(),
        reference_form(list_ref, list_form),
    );
    text.push_str("\n  rule_set_ids = [");
    let rule_ref = "genesyscloud_outbound_ruleset.r.id";
    write(
        &mut text,
        rule_ref.into(),
        reference_form(rule_ref, rule_form),
    );
    text.push_str("]\n  skill_columns = [");
    for (index, (column, hidden)) in used.iter().enumerate() {
        if index > 0 {
            text.push_str(", ");
        }
        let literal = format!("\"{}\"", MODULE_COLUMNS[*column]);
        let form = if *hidden {
            "var.skill".to_owned()
        } else {
            literal.clone()
        };
        write(&mut text, literal, form);
    }
    text.push_str("]\n}\nresource \"genesyscloud_outbound_ruleset\" \"r\" {\n  rules {\n");
    text.push_str("    conditions {\n      type = \"contactAttributeCondition\"\n");
    text.push_str("      attribute_name = \"Phone\"\n    }\n  }\n}\n");
    (text, unknown)
}

/// A module's text checked as a run would check it (the module index included).
fn check_module(text: &str) -> Report {
    let input = engine::Input::memory(
        "main.tf".into(),
        text.into(),
        contactlint::model::Admission::Named,
    );
    let settings = std::sync::Arc::new(Settings::default());
    engine::lint_inputs(&vec![input], &|_| settings.clone())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A module whose references are written as a variable, a data source, an indexed resource
    /// or a function call (or whose columns are variables) gives a subset of the findings of its
    /// literal form, and none of them on what the file does not fix.
    #[test]
    fn unknown_references_never_cause_a_module_finding(
        list in prop::collection::vec(0usize..MODULE_COLUMNS.len(), 1..4),
        used in prop::collection::vec((0usize..MODULE_COLUMNS.len(), any::<bool>()), 0..4),
        forms in (0usize..5, 0usize..5),
    ) {
        let forms = [forms.0, forms.1];
        let (concrete, _) = module_text(&list, &used, forms, true);
        let (text, unknown) = module_text(&list, &used, forms, false);
        let of = |report: &Report| -> Vec<(String, String)> {
            report.diagnostics.iter().map(|d| (d.rule.id.to_owned(), d.message.clone())).collect()
        };
        let report = check_module(&text);
        let expected = of(&check_module(&concrete));
        for (d, finding) in report.diagnostics.iter().zip(of(&report)) {
            prop_assert!(expected.contains(&finding), "{finding:?} from an unknown:\n{text}");
            for range in &unknown {
                let overlaps = d.range.start < range.end && range.start < d.range.end;
                prop_assert!(!overlaps, "{finding:?} points into an unknown:\n{text}");
            }
        }
        // The literal module is judged: its rule set's "Phone" is never a column.
        let phone = "\"Phone\" is not a column of genesyscloud_outbound_contact_list.l \
            (the list of genesyscloud_outbound_campaign.c)";
        prop_assert!(expected.iter().any(|(_, m)| m == phone), "{concrete}");
    }
}

/// The shipped example of a module across three files (the README's and `docs/resources.md`'s):
/// every finding once, in the file of the resource that names the column, and the summary counts
/// each file once.
#[test]
fn the_shipped_module_example_gives_its_findings_once() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/outbound/example");
    let (code, stdout) = contactlint(&example, &["check", "--format", "concise"]);
    assert_eq!(code, 1);
    let list = "genesyscloud_outbound_contact_list.sales";
    assert_eq!(
        stdout,
        format!(
            "campaigns.tf:8:30: warning[column-not-in-list] \"language\" matches a column of \
             {list} only when case is ignored\n\
             campaigns.tf:13:19: error[wrong-column-kind] \"Email\" is a column of {list}, but not \
             a phone column\n\
             campaigns.tf:22:21: error[column-not-in-list] \"Regoin\" is not a column of {list}\n\
             rules.tf:9:24: error[column-not-in-list] \"Phone\" is not a column of {list} (the \
             list of genesyscloud_outbound_campaign.sales)\n\
             Found 3 errors and 1 warning in 2 files (3 files checked).\n"
        )
    );
}

/// An exported organisation is one `genesyscloud.tf.json` of tens of megabytes: the default cap
/// of Terraform files (128 MiB) takes it where the 8 MiB of lists would refuse it, and a
/// configured `max-file-size` applies to it as to any file.
#[test]
fn a_large_exported_terraform_file_is_checked_under_the_default_cap() {
    let dir = tempfile::tempdir().unwrap();
    let resources: Vec<String> = (0..9000)
        .map(|i| {
            format!(
                "\"l{i}\": {{\"name\": \"List {i} {}\", \"column_names\": [\"Cell\"], \
                 \"phone_columns\": [{{\"column_name\": \"Cell\", \"type\": \"cell\"}}]}}",
                "x".repeat(900)
            )
        })
        .collect();
    let text = format!(
        "{{\"resource\": {{\"genesyscloud_outbound_contact_list\": {{{}}}}}}}",
        resources.join(",\n")
    );
    assert!(text.len() > 8 << 20);
    std::fs::write(dir.path().join("genesyscloud.tf.json"), &text).unwrap();
    let (code, stdout) = contactlint(dir.path(), &["check", "--format", "concise"]);
    let summary = stdout.lines().last().unwrap_or_default();
    assert_eq!((code, summary), (0, "No problems found (1 file checked)."));
    std::fs::write(
        dir.path().join("contactlint.toml"),
        "max-file-size = \"8MiB\"\n",
    )
    .unwrap();
    let (code, stdout) = contactlint(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("error[file-too-large]"), "{stdout}");
}

/// An exported organisation's module findings are placed where the column is written, as in a
/// file of a few resources: the file is large enough (2,200 resources) to be read over the pool,
/// to keep its document for them and to have its module's rules check its campaigns in several
/// runs (`rules::each_user`), in both of Terraform's syntaxes, with a list finding (so that the
/// report keeps its text) and without.
#[test]
fn an_exported_organisations_module_findings_sit_on_the_columns() {
    let pairs = 1_100;
    let hcl: Vec<String> = (0..pairs)
        .map(|i| {
            let column = if i % 100 == 42 { "Regoin" } else { "Region" };
            format!(
                "resource \"genesyscloud_outbound_contact_list\" \"l{i}\" {{\n  name = \"L{i}\"\n  \
                 column_names = [\"Cell\", \"Region\"]\n  phone_columns {{\n    column_name = \
                 \"Cell\"\n    type = \"cell\"\n  }}\n}}\n\
                 resource \"genesyscloud_outbound_campaign\" \"c{i}\" {{\n  name = \"C{i}\"\n  \
                 contact_list_id = genesyscloud_outbound_contact_list.l{i}.id\n  \
                 contact_sorts {{\n    field_name = \"{column}\"\n  }}\n}}\n"
            )
        })
        .collect();
    let lists: Vec<String> = (0..pairs)
        .map(|i| {
            format!(
                "\"l{i}\": {{\"name\": \"L{i}\", \"column_names\": [\"Cell\", \"Region\"], \
                 \"phone_columns\": [{{\"column_name\": \"Cell\", \"type\": \"cell\"}}]}}"
            )
        })
        .collect();
    let campaigns: Vec<String> = (0..pairs)
        .map(|i| {
            let column = if i % 100 == 42 { "Regoin" } else { "Region" };
            format!(
                "\"c{i}\": {{\"name\": \"C{i}\", \
                 \"contact_list_id\": \"${{genesyscloud_outbound_contact_list.l{i}.id}}\", \
                 \"contact_sorts\": [{{\"field_name\": \"{column}\"}}]}}"
            )
        })
        .collect();
    // A list the schema refuses (it has no columns), so that the file's text is kept.
    let bad_hcl =
        "resource \"genesyscloud_outbound_contact_list\" \"bad\" {\n  name = \"Bad\"\n}\n";
    let json = format!(
        "{{\"resource\": {{\n\"genesyscloud_outbound_contact_list\": {{\n{},\n\
         \"bad\": {{\"name\": \"Bad\"}}}},\n\"genesyscloud_outbound_campaign\": {{\n{}}}}}}}\n",
        lists.join(",\n"),
        campaigns.join(",\n")
    );
    // Without it, the text is kept only with the document, and put in the report by the
    // module's findings.
    let unkept_json = json.replace(",\n\"bad\": {\"name\": \"Bad\"}", "");
    assert_ne!(unkept_json, json);
    let texts = [
        ("main.tf", format!("{}{bad_hcl}", hcl.concat())),
        ("main.tf", hcl.concat()),
        ("main.tf.json", json),
        ("main.tf.json", unkept_json),
    ];
    for (name, text) in texts {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), &text).unwrap();
        let (code, stdout) = contactlint(dir.path(), &["check", "--format", "concise"]);
        assert_eq!(code, 1, "{stdout}");
        let expected: Vec<String> = text
            .match_indices("\"Regoin\"")
            .map(|(at, _)| {
                let line = text[..at].matches('\n').count() + 1;
                let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
                format!("{name}:{line}:{column}: error[column-not-in-list] \"Regoin\" is not")
            })
            .collect();
        let found: Vec<&str> = stdout
            .lines()
            .filter(|line| line.contains("column-not-in-list"))
            .collect();
        assert_eq!(expected.len(), pairs / 100);
        assert_eq!(found.len(), expected.len(), "{stdout}");
        for (line, expected) in found.iter().zip(&expected) {
            assert!(
                line.starts_with(expected.as_str()),
                "{line}\nwanted {expected}"
            );
        }
    }
}

/// A list module called by a root, whose `contacts_filepath` is `PATH` (its contact file has a
/// header the list lacks, so that a pairing shows as a `csv-extra-column`); the CSV is written at
/// `csv` under the root.
fn called_list_module(path: &str, csv: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let module = root.join("modules/lists");
    std::fs::create_dir_all(&module).unwrap();
    let call = "module \"lists\" {\n  source = \"./modules/lists\"\n}\n";
    std::fs::write(root.join("main.tf"), call).unwrap();
    let list = format!(
        "resource \"genesyscloud_outbound_contact_list\" \"sales\" {{\n  name              = \
         \"Sales\"\n  column_names      = [\"id\", \"phone\"]\n  contacts_filepath = \"{path}\"\n  \
         contacts_id_name  = \"id\"\n  phone_columns {{\n    column_name = \"phone\"\n    type    \
         = \"cell\"\n  }}\n}}\n"
    );
    std::fs::write(module.join("lists.tf"), list).unwrap();
    let csv = root.join(csv);
    std::fs::create_dir_all(csv.parent().unwrap()).unwrap();
    std::fs::write(csv, "id,phone,extra\n1,+13125550100,x\n").unwrap();
    dir
}

/// Terraform resolves a relative `contacts_filepath` from the directory it runs in, the root
/// that calls the module, and `${path.module}/…` from the module's (docs/inputs/terraform.md).
#[test]
fn a_relative_contacts_filepath_in_a_called_module_resolves_from_the_root() {
    let concise = ["check", "--format", "concise"];
    let extra = |csv: &str| {
        format!(
            "{csv}:1:10: warning[csv-extra-column] \"extra\" is not a column of the list \
             modules/lists/lists.tf#genesyscloud_outbound_contact_list.sales\nFound 1 warning in \
             1 file (3 files checked).\n"
        )
    };
    // As Terraform applies it: the CSV beside the root.
    let applies = called_list_module("contacts/sales.csv", "contacts/sales.csv");
    let (_, stdout) = contactlint(applies.path(), &concise);
    assert_eq!(stdout, extra("contacts/sales.csv"));
    // The CSV beside the module: Terraform would not find it from the root.
    let beside = called_list_module("contacts/sales.csv", "modules/lists/contacts/sales.csv");
    let (code, stdout) = contactlint(beside.path(), &concise);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "modules/lists/lists.tf:4:23: error[contacts-file-not-found] `contacts_filepath` names \
         no file: contacts/sales.csv does not exist\nFound 1 error in 1 file (2 files checked, 1 \
         contact file skipped: nothing pairs it with a list).\n"
    );
    let (_, full) = contactlint(beside.path(), &["check"]);
    let help = "help: Terraform resolves a relative path from the directory it runs in, the root \
        module, not from this module (called as module.lists in main.tf); \
        modules/lists/contacts/sales.csv exists: write \"${path.module}/contacts/sales.csv\" to \
        name it";
    assert!(full.contains(help), "{full}");
    // `${path.module}` says the path is the module's: the same layout is then right.
    let module_relative = "${path.module}/contacts/sales.csv";
    let own = called_list_module(module_relative, "modules/lists/contacts/sales.csv");
    let (_, stdout) = contactlint(own.path(), &concise);
    assert_eq!(stdout, extra("modules/lists/contacts/sales.csv"));
    // `${path.root}` names the root's directory explicitly.
    let rooted = called_list_module("${path.root}/contacts/sales.csv", "contacts/sales.csv");
    let (_, stdout) = contactlint(rooted.path(), &concise);
    assert_eq!(stdout, extra("contacts/sales.csv"));
}

/// Where a rule set or a digital rule set names a column and writes `""` (the provider's own
/// examples of May 2025 and its digital rule set acceptance test): unset, no finding. The same
/// places with a name the list lacks are judged, each where it is written.
#[test]
fn an_empty_string_where_a_column_is_named_is_unset() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rules/column-not-in-list/good-empty-strings.tf");
    let text = std::fs::read_to_string(fixture).unwrap();
    let found = |report: &Report| -> Vec<String> {
        let at = |d: &contactlint::diagnostic::Diagnostic| {
            contactlint::render::positions(report, d.file, &d.range).0
        };
        let shown = |d| format!("{}:{} {}", at(d).line, at(d).column, d.message);
        report.diagnostics.iter().map(shown).collect()
    };
    assert_eq!(found(&check_module(&text)), Vec::<String>::new());
    let named = text
        .replace(
            "property                   = \"\"",
            "property                   = \"P\"",
        )
        .replace("contact_column_name = \"\"", "contact_column_name = \"C\"")
        .replace("sms_column_name    = \"\"", "sms_column_name    = \"S\"");
    assert_eq!(text.len() + 4, named.len());
    let list = "genesyscloud_outbound_contact_list.contact_list";
    assert_eq!(
        found(&check_module(&named)),
        [
            format!("34:36 \"P\" is not a column of {list}"),
            format!("42:31 \"C\" is not a column of {list}"),
            format!("60:31 \"C\" is not a column of {list}"),
            format!("90:30 \"S\" is not a column of {list}"),
        ]
    );
    assert!(
        check_module(&named)
            .diagnostics
            .iter()
            .all(|d| d.rule.id == "column-not-in-list")
    );
}

/// A `contacts_filepath` with a scheme is a URL the provider downloads: never judged as a path
/// (it was reported missing, as `s3:/…`), its contacts not checked, and `--show-files` says so;
/// a local path beside it is still judged.
#[test]
fn a_remote_contacts_filepath_is_not_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let list = |name: &str, path: &str| {
        format!(
            "resource \"genesyscloud_outbound_contact_list\" \"{name}\" {{\n  \
             name              = \"{name}\"\n  \
             column_names      = [\"id\", \"phone\"]\n  \
             contacts_filepath = \"{path}\"\n  \
             contacts_id_name  = \"id\"\n  \
             phone_columns {{\n    column_name = \"phone\"\n    type        = \"cell\"\n  }}\n}}\n"
        )
    };
    let text = [
        list("s3", "s3://bucket/contacts.csv"),
        list("web", "https://example.com/contacts.csv"),
        list("local", "missing.csv"),
    ];
    std::fs::write(dir.path().join("main.tf"), text.concat()).unwrap();
    let (code, stdout) = contactlint(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "main.tf:24:23: error[contacts-file-not-found] `contacts_filepath` names no file: \
             missing.csv does not exist\nFound 1 error in 1 file (1 file checked).\n"
        )
    );
    let (_, stdout) = contactlint(dir.path(), &["check", "--show-files"]);
    assert_eq!(
        stdout,
        "checked     main.tf: it declares 3 contact lists; genesyscloud_outbound_contact_list.s3 \
         uploads contacts from s3://bucket/contacts.csv, which the provider downloads: not \
         checked; genesyscloud_outbound_contact_list.web uploads contacts from \
         https://example.com/contacts.csv, which the provider downloads: not checked; judged \
         with provider 1.84.1 (the newest release contactlint knows: no lock file or version \
         constraint)\n"
            .replace(
                "1.84.1",
                &contactlint::model::provider::Version::newest().to_string()
            )
    );
}

/// Two relative `contacts_filepath`s that name no file, in a file with no other finding: the
/// file is read again once to place both, and counted once.
#[test]
fn two_missing_contact_files_of_one_terraform_file_count_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let list = |name: &str| {
        format!(
            "resource \"genesyscloud_outbound_contact_list\" \"{name}\" {{\n  \
             name              = \"{name}\"\n  \
             column_names      = [\"id\", \"phone\"]\n  \
             contacts_filepath = \"{name}.csv\"\n  \
             contacts_id_name  = \"id\"\n  \
             phone_columns {{\n    column_name = \"phone\"\n    type        = \"cell\"\n  }}\n}}\n"
        )
    };
    std::fs::write(dir.path().join("main.tf"), list("a") + &list("b")).unwrap();
    let (_, stdout) = contactlint(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(
        stdout,
        "main.tf:4:23: error[contacts-file-not-found] `contacts_filepath` names no file: a.csv \
         does not exist\n\
         main.tf:14:23: error[contacts-file-not-found] `contacts_filepath` names no file: b.csv \
         does not exist\n\
         Found 2 errors in 1 file (1 file checked).\n"
    );
}
