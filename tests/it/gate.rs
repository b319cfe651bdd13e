//! The gate sees what Terraform sees: files named as pre-commit names staged files
//! (`--skip-non-lists --force-exclude` and the paths), or piped from an editor, are judged in the
//! module tree Terraform would build — their callers found anywhere in the repository, the
//! modules those call, the CSVs they upload — and what a named file breaks is reported.

use std::fs;
use std::path::Path;

use crate::common::{contactlint, output, run};

/// A repository as a new user lays it out: a production root that wires a module of lists and
/// a module of campaigns, the CSV of contacts beside the root (the path the list writes is the
/// root's), and a campaign whose sort names a column the list lacks.
const FILES: &[(&str, &str)] = &[
    (
        "modules/lists/lists.tf",
        r#"resource "genesyscloud_outbound_contact_list" "sales" {
  name              = "Sales"
  column_names      = ["Cell", "Region"]
  contacts_filepath = "contacts/sales.csv"
  contacts_id_name  = "Cell"
  phone_columns {
    column_name = "Cell"
    type        = "cell"
  }
}

output "sales_id" {
  value = genesyscloud_outbound_contact_list.sales.id
}
"#,
    ),
    (
        "modules/campaigns/campaigns.tf",
        r#"variable "list_id" {}

resource "genesyscloud_outbound_campaign" "sales" {
  name            = "Sales"
  contact_list_id = var.list_id
  dialing_mode    = "preview"
  phone_columns {
    column_name = "Cell"
  }
  contact_sorts {
    field_name = "Regoin"
  }
}
"#,
    ),
    (
        "environments/prod/main.tf",
        r#"module "lists" {
  source = "../../modules/lists"
}

module "campaigns" {
  source  = "../../modules/campaigns"
  list_id = module.lists.sales_id
}
"#,
    ),
    (
        "environments/prod/contacts/sales.csv",
        "Cell,Region\n+13175550100,North\nnot-a-phone,South\n",
    ),
    ("environments/prod/terraform.tfvars", "region = \"North\"\n"),
];

const CAMPAIGN_FINDING: &str = "error[column-not-in-list] \"Regoin\" is not a column of \
    genesyscloud_outbound_contact_list.sales, through module.campaigns in \
    environments/prod/main.tf";

const CSV_FINDING: &str = "environments/prod/contacts/sales.csv:3:1: warning[csv-phone-format] \
    \"not-a-phone\" is not a phone number: after formatting characters, expected an optional + \
    and 7 to 15 digits";

/// Runs contactlint in `dir` with `text` on its standard input: (exit code, stdout).
fn piped(dir: &Path, args: &[&str], text: &str) -> (i32, String) {
    let (code, stdout, _) = output(contactlint(dir).args(args).write_stdin(text));
    (code, stdout)
}

fn repository() -> tempfile::TempDir {
    laid_out(FILES)
}

/// A repository holding `files`.
fn laid_out(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

/// What the hook prints for the staged paths: `contactlint check --skip-non-lists
/// --force-exclude PATHS`, concise.
fn staged(dir: &Path, paths: &[&str]) -> (i32, String) {
    let mut args = vec![
        "check",
        "--format",
        "concise",
        "--skip-non-lists",
        "--force-exclude",
    ];
    args.extend_from_slice(paths);
    let (code, stdout, _) = run(dir, &args);
    (code, stdout)
}

/// N4: a campaign staged alone, whose list comes through a module output, is judged through the
/// root that wires it (it passed: the root was never read).
#[test]
fn a_campaign_staged_alone_is_judged_through_its_root() {
    let dir = repository();
    let (code, stdout) = staged(dir.path(), &["modules/campaigns/campaigns.tf"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "modules/campaigns/campaigns.tf:11:18: {CAMPAIGN_FINDING}\nFound 1 error in 1 file \
             (1 file checked).\n"
        )
    );
}

/// N2 and N3: a list staged alone reports the campaign its columns break (located in the
/// campaign, labelled in the list), and its root-relative `contacts_filepath` finds the CSV from
/// the root that calls it (it was a false `contacts-file-not-found`).
#[test]
fn a_list_staged_alone_reports_what_it_breaks_and_finds_its_csv_from_the_root() {
    let dir = repository();
    let (code, stdout) = staged(dir.path(), &["modules/lists/lists.tf"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "{CSV_FINDING}\nmodules/campaigns/campaigns.tf:11:18: {CAMPAIGN_FINDING}\nFound 1 \
             error and 1 warning in 2 files (3 files checked).\n"
        )
    );
    let args = [
        "check",
        "--format",
        "json",
        "--skip-non-lists",
        "--force-exclude",
        "modules/lists/lists.tf",
    ];
    let (_, stdout, _) = run(dir.path(), &args);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let campaign = &json["diagnostics"][1];
    assert_eq!(campaign["path"], "modules/campaigns/campaigns.tf");
    assert_eq!(campaign["labels"][0]["path"], "modules/lists/lists.tf");
    assert_eq!(campaign["labels"][0]["range"]["start"]["line"], 3);
}

/// A list staged with a column renamed: the campaign in the same module that names the old
/// column is reported (N2), and a list staged with nothing broken passes.
#[test]
fn a_column_rename_in_a_staged_list_reports_the_campaign_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let list = |column: &str| {
        format!(
            "resource \"genesyscloud_outbound_contact_list\" \"sales\" {{\n  name         = \
             \"Sales\"\n  column_names = [\"Cell\", \"{column}\"]\n  phone_columns {{\n    \
             column_name = \"Cell\"\n    type        = \"cell\"\n  }}\n}}\n"
        )
    };
    let campaign = "resource \"genesyscloud_outbound_campaign\" \"sales\" {\n  name            = \
        \"Sales\"\n  contact_list_id = genesyscloud_outbound_contact_list.sales.id\n  \
        dialing_mode    = \"preview\"\n  skill_columns   = [\"Language\"]\n  phone_columns {\n    \
        column_name = \"Cell\"\n  }\n}\n";
    fs::write(dir.path().join("lists.tf"), list("Language")).unwrap();
    fs::write(dir.path().join("campaigns.tf"), campaign).unwrap();
    assert_eq!(
        staged(dir.path(), &["lists.tf"]),
        (0, "No problems found (1 file checked).\n".into())
    );
    fs::write(dir.path().join("lists.tf"), list("Lang")).unwrap();
    let (code, stdout) = staged(dir.path(), &["lists.tf"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "campaigns.tf:5:22: error[column-not-in-list] \"Language\" is not a column of \
         genesyscloud_outbound_contact_list.sales\nFound 1 error in 1 file (2 files checked).\n"
    );
}

/// N4: a CSV staged alone finds its list in a child module, from the root that calls it (it
/// was skipped: "no configuration pairs it").
#[test]
fn a_csv_staged_alone_finds_its_list_in_a_child_module() {
    let dir = repository();
    let (code, stdout) = staged(dir.path(), &["environments/prod/contacts/sales.csv"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        format!("{CSV_FINDING}\nFound 1 warning in 1 file (1 file checked).\n")
    );
}

/// N4: `check .` where `terraform plan` runs judges the local modules its root calls wherever
/// they sit, with their CSVs, shown from there.
#[test]
fn check_in_a_root_judges_the_modules_it_calls() {
    let dir = repository();
    let prod = dir.path().join("environments/prod");
    let (code, stdout, _) = run(&prod, &["check", "--format", "concise"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "../../modules/campaigns/campaigns.tf:11:18: error[column-not-in-list] \"Regoin\" is not \
         a column of genesyscloud_outbound_contact_list.sales, through module.campaigns in \
         main.tf\ncontacts/sales.csv:3:1: warning[csv-phone-format] \"not-a-phone\" is not a \
         phone number: after formatting characters, expected an optional + and 7 to 15 \
         digits\nFound 1 error and 1 warning in 2 files (4 files checked).\n"
    );
}

/// N8: standard input named with `--stdin-filename` (the editor's route) gets what naming the
/// file gets: its module's findings, and a CSV its pairing.
#[test]
fn standard_input_stands_in_for_the_file_it_names() {
    let dir = repository();
    let campaign = FILES[1].1;
    let args = [
        "check",
        "--format",
        "concise",
        "-",
        "--stdin-filename",
        "modules/campaigns/campaigns.tf",
    ];
    let (code, stdout) = piped(dir.path(), &args, campaign);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "modules/campaigns/campaigns.tf:11:18: {CAMPAIGN_FINDING}\nFound 1 error in 1 file \
             (1 file checked).\n"
        )
    );
    let csv = FILES[3].1;
    let args = [
        "check",
        "--format",
        "concise",
        "-",
        "--stdin-filename",
        "environments/prod/contacts/sales.csv",
    ];
    let (_, stdout) = piped(dir.path(), &args, csv);
    assert_eq!(
        stdout,
        format!("{CSV_FINDING}\nFound 1 warning in 1 file (1 file checked).\n")
    );
}

/// N18: a Terraform variable file staged is never a contact list (it was read as TOML).
#[test]
fn a_variable_file_is_no_contact_list() {
    let dir = repository();
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "environments/prod/terraform.tfvars",
        ],
    );
    assert_eq!(code, 0, "{stdout}");
    assert!(!stdout.contains("error"), "{stdout}");
    assert!(
        stderr.contains("terraform.tfvars: a Terraform variable file: never a contact list"),
        "{stderr}"
    );
}

/// A reusable campaign module whose columns come in as variables, called with literal values:
/// the list, the call with a misspelt phone column and skill column, the module with a
/// misspelt default and a misspelt `local`.
const REUSABLE: &[(&str, &str)] = &[
    (
        "main.tf",
        r#"resource "genesyscloud_outbound_contact_list" "sales" {
  name         = "Sales"
  column_names = ["Cell", "Language", "Zip", "Status"]
  phone_columns {
    column_name = "Cell"
    type        = "cell"
  }
}

module "sales" {
  source        = "./modules/campaign"
  list_id       = genesyscloud_outbound_contact_list.sales.id
  phone_column  = "Cel"
  skill_columns = ["Language", "Regoin"]
}
"#,
    ),
    (
        "modules/campaign/main.tf",
        r#"variable "list_id" {}
variable "phone_column" {}
variable "skill_columns" {
  default = []
}
variable "sort_column" {
  default = "Zpi"
}

locals {
  status_column = "Stauts"
}

resource "genesyscloud_outbound_campaign" "this" {
  name            = "Campaign"
  contact_list_id = var.list_id
  dialing_mode    = "preview"
  skill_columns   = var.skill_columns
  phone_columns {
    column_name = var.phone_column
  }
  contact_sorts {
    field_name = var.sort_column
  }
  contact_sorts {
    field_name = local.status_column
  }
}
"#,
    ),
];

fn reusable() -> tempfile::TempDir {
    laid_out(REUSABLE)
}

/// N5: literal values reach a reusable module through the `module` block's arguments, a
/// variable's `default` and a literal `local`; each finding sits where the value is written
/// (where the fix goes), labelled at the attribute that uses it. Nothing was checked before.
#[test]
fn literal_values_through_a_module_are_judged_where_they_are_written() {
    let dir = reusable();
    let expected = "main.tf:13:19: error[column-not-in-list] \"Cel\" is not a column of \
        genesyscloud_outbound_contact_list.sales\n\
        main.tf:14:32: error[column-not-in-list] \"Regoin\" is not a column of \
        genesyscloud_outbound_contact_list.sales\n\
        modules/campaign/main.tf:7:13: error[column-not-in-list] \"Zpi\" is not a column of \
        genesyscloud_outbound_contact_list.sales\n\
        modules/campaign/main.tf:11:19: error[column-not-in-list] \"Stauts\" is not a column of \
        genesyscloud_outbound_contact_list.sales\n\
        Found 4 errors in 2 files (2 files checked).\n";
    let (code, stdout, _) = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!((code, stdout.as_str()), (1, expected));
    // Staging only the module reports what is written in it, and what the call passes to it.
    let (code, stdout) = staged(dir.path(), &["modules/campaign/main.tf"]);
    assert_eq!((code, stdout.as_str()), (1, expected));
    let args = ["check", "--format", "json", "main.tf"];
    let (_, stdout, _) = run(dir.path(), &args);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let phone = &json["diagnostics"][0];
    assert_eq!(phone["help"], "did you mean \"Cell\"?");
    assert_eq!(phone["labels"][0]["path"], "modules/campaign/main.tf");
    assert_eq!(phone["labels"][0]["range"]["start"]["line"], 20);
    assert_eq!(
        phone["labels"][0]["message"],
        "used here, through module.sales in main.tf"
    );
    assert_eq!(phone["labels"][1]["path"], "main.tf");
    assert_eq!(phone["labels"][1]["range"]["start"]["line"], 3);
}

/// N5: a literal passed through a module is fixed where it is written.
#[test]
fn a_literal_passed_to_a_module_is_fixed_in_the_call() {
    let dir = reusable();
    let (_, _, _) = run(dir.path(), &["check", "--fix", "--unsafe-fixes"]);
    let main = fs::read_to_string(dir.path().join("main.tf")).unwrap();
    assert!(main.contains("phone_column  = \"Cell\""), "{main}");
    // No column is near "Regoin": nothing to write.
    assert!(main.contains("[\"Language\", \"Regoin\"]"), "{main}");
    let module = fs::read_to_string(dir.path().join("modules/campaign/main.tf")).unwrap();
    assert!(module.contains("default = \"Zip\""), "{module}");
    assert!(module.contains("status_column = \"Status\""), "{module}");
}

/// Root variables take the values of the variable files Terraform loads by itself (a later
/// `*.auto.tfvars.json` wins over `terraform.tfvars`), never a default: `-var` may set it.
#[test]
fn a_root_takes_its_variables_from_the_files_terraform_loads() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let main = r#"variable "phone" {}
variable "sort" {
  default = "Zpi"
}

resource "genesyscloud_outbound_contact_list" "sales" {
  name         = "Sales"
  column_names = ["Cell", "Zip"]
  phone_columns {
    column_name = "Cell"
    type        = "cell"
  }
}

resource "genesyscloud_outbound_campaign" "sales" {
  name            = "Sales"
  contact_list_id = genesyscloud_outbound_contact_list.sales.id
  dialing_mode    = "preview"
  phone_columns {
    column_name = var.phone
  }
  contact_sorts {
    field_name = var.sort
  }
}
"#;
    fs::write(dir.path().join("main.tf"), main).unwrap();
    fs::write(dir.path().join("terraform.tfvars"), "phone = \"Cel\"\n").unwrap();
    let (code, stdout, _) = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "terraform.tfvars:1:9: error[column-not-in-list] \"Cel\" is not a column of \
             genesyscloud_outbound_contact_list.sales\nFound 1 error in 1 file (2 files \
             checked).\n"
        )
    );
    fs::write(
        dir.path().join("x.auto.tfvars.json"),
        "{\"phone\": \"Cell\"}\n",
    )
    .unwrap();
    let (code, stdout, _) = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "No problems found (1 file checked).\n")
    );
}

/// A default reached by two calls that pass the same list is one finding; a call that passes
/// a variable the module cannot know (the root's own `var.`) is judged on nothing.
#[test]
fn a_default_reached_by_two_calls_is_one_finding() {
    let dir = reusable();
    let main = fs::read_to_string(dir.path().join("main.tf")).unwrap();
    let second = "\nvariable \"phone\" {}\n\nmodule \"sales_again\" {\n  source       = \
        \"./modules/campaign\"\n  list_id      = genesyscloud_outbound_contact_list.sales.id\n  \
        phone_column = var.phone\n}\n";
    fs::write(dir.path().join("main.tf"), format!("{main}{second}")).unwrap();
    let (_, stdout, _) = run(dir.path(), &["check", "--format", "concise"]);
    let zpi = stdout.matches("\"Zpi\"").count();
    let cel = stdout.matches("\"Cel\"").count();
    assert_eq!((zpi, cel), (1, 1), "{stdout}");
    assert!(stdout.contains("Found 4 errors in 2 files"), "{stdout}");
}

/// A list module whose `contacts_filepath` is a variable, and a root that passes the CSV's path
/// (relative to the root, where Terraform runs).
const CSV_THROUGH_A_VARIABLE: &[(&str, &str)] = &[
    (
        "main.tf",
        r#"module "lists" {
  source   = "./modules/lists"
  csv_path = "contacts/sales.csv"
}
"#,
    ),
    (
        "modules/lists/main.tf",
        r#"variable "csv_path" {}

resource "genesyscloud_outbound_contact_list" "sales" {
  name              = "Sales"
  column_names      = ["Cell", "Region"]
  contacts_filepath = var.csv_path
  contacts_id_name  = "Cell"
  phone_columns {
    column_name = "Cell"
    type        = "cell"
  }
}
"#,
    ),
    (
        "contacts/sales.csv",
        "Cell,Region\n+13175550100,North\nnot-a-phone,South\n",
    ),
];

/// N5: `contacts_filepath = var.csv_path`, called with a literal path: the CSV is paired and
/// checked (nothing was), and a path that names no file is reported.
#[test]
fn a_contacts_path_passed_to_a_module_pairs_its_csv() {
    let dir = laid_out(CSV_THROUGH_A_VARIABLE);
    let (code, stdout, _) = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "contacts/sales.csv:3:1: warning[csv-phone-format] \"not-a-phone\" is not a phone \
             number: after formatting characters, expected an optional + and 7 to 15 \
             digits\nFound 1 warning in 1 file (3 files checked).\n"
        )
    );
    let (_, stdout) = staged(dir.path(), &["modules/lists/main.tf"]);
    assert!(
        stdout.contains("contacts/sales.csv:3:1: warning[csv-phone-format]"),
        "{stdout}"
    );
    // Staged alone, the CSV finds the call that passes its path, and the list that uploads it.
    let (code, stdout) = staged(dir.path(), &["contacts/sales.csv"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("contacts/sales.csv:3:1: warning[csv-phone-format]"),
        "{stdout}"
    );
    let main = CSV_THROUGH_A_VARIABLE[0].1.replace("sales.csv", "sale.csv");
    fs::write(dir.path().join("main.tf"), main).unwrap();
    let (code, stdout, _) = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.starts_with(
            "modules/lists/main.tf:6:23: error[contacts-file-not-found] `contacts_filepath` \
             names no file: contacts/sale.csv does not exist"
        ),
        "{stdout}"
    );
}

/// A finding whose own file the configuration excludes is not reported, though a staged file
/// holds its label: the list staged with a column renamed, the campaign that names the old
/// column excluded.
#[test]
fn a_finding_in_an_excluded_file_is_not_reported() {
    let list = "resource \"genesyscloud_outbound_contact_list\" \"sales\" {\n  name         = \
        \"Sales\"\n  column_names = [\"Cell\"]\n  phone_columns {\n    column_name = \"Cell\"\n    \
        type        = \"cell\"\n  }\n}\n";
    let campaign = "resource \"genesyscloud_outbound_campaign\" \"sales\" {\n  contact_list_id = \
        genesyscloud_outbound_contact_list.sales.id\n  skill_columns   = [\"Language\"]\n}\n";
    let dir = laid_out(&[("lists.tf", list), ("campaigns.tf", campaign)]);
    let (code, stdout) = staged(dir.path(), &["lists.tf"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.starts_with("campaigns.tf:3:22: error[column-not-in-list]"),
        "{stdout}"
    );
    fs::write(
        dir.path().join("contactlint.toml"),
        "exclude = [\"campaigns.tf\"]\n",
    )
    .unwrap();
    assert_eq!(
        staged(dir.path(), &["lists.tf"]),
        (0, "No problems found (1 file checked).\n".into())
    );
}
