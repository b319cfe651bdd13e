//! Provider versions: the table against what is written by hand beside it, the version each
//! configuration is judged with (the lock file, `required_providers`, the roots that call a
//! module, `contactlint.toml`, the command line), the rules that follow it, and the provider's
//! own examples at old releases judged with those releases.

use std::fs;
use std::path::Path;

use contactlint::model::outbound::UserKind;
use contactlint::model::provider::{Node, Version};
use contactlint::model::terraform::{AttributeKind, ResourceKind};

use crate::common::run;

const LIST: &str = r#"resource "genesyscloud_outbound_contact_list" "sales" {
  name         = "Sales"
  column_names = ["Cell", "Timezone"]
  phone_columns {
    column_name          = "Cell"
    type                 = "cell"
    callable_time_column = "Timezone"
  }
}
"#;

fn lock_file(version: &str) -> String {
    format!(
        "provider \"registry.terraform.io/mypurecloud/genesyscloud\" {{\n  version     = \
         \"{version}\"\n  constraints = \"~> 1.0\"\n  hashes = [\n    \"h1:x=\",\n  ]\n}}\n"
    )
}

fn required(constraint: &str) -> String {
    format!(
        "terraform {{\n  required_providers {{\n    genesyscloud = {{\n      source  = \
         \"mypurecloud/genesyscloud\"\n      version = \"{constraint}\"\n    }}\n  }}\n}}\n"
    )
}

/// A repository (a `.git` directory) holding `files`.
fn repository(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn concise(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["check", "--format", "concise"];
    all.extend_from_slice(args);
    let (code, stdout, _) = run(dir, &all);
    (code, stdout)
}

/// Every attribute written by hand beside the table (the mapping of lists onto the API body,
/// the columns and links of the resources that use a list) is one the table has.
#[test]
fn every_hand_written_attribute_is_in_the_table() {
    fn check(node: Node, table: &[contactlint::model::terraform::Attribute], at: &str) {
        for attribute in table {
            let child = node.child(attribute.name);
            let child =
                child.unwrap_or_else(|| panic!("{at}.{} is not in the table", attribute.name));
            assert!(child.ever_exists(), "{at}.{}", attribute.name);
            if let AttributeKind::Blocks(inner) = attribute.kind {
                assert!(
                    child.is_block(),
                    "{at}.{} is no block in the table",
                    attribute.name
                );
                check(child, inner, &format!("{at}.{}", attribute.name));
            }
        }
    }
    for kind in ResourceKind::ALL {
        let node = Node::resource(kind.type_name()).expect("a list type of the table");
        check(node, kind.attributes(), kind.type_name());
    }
    for kind in UserKind::ALL {
        let resource = Node::resource(kind.type_name()).expect("a type of the table");
        let named = kind.list_attributes().iter().copied();
        let links = kind.links().iter().map(|link| link.name);
        for name in named.chain(links) {
            assert!(
                resource.child(name).is_some(),
                "{}.{name}",
                kind.type_name()
            );
        }
        for column in kind.columns() {
            assert!(
                reaches(resource, column.path),
                "{}: {:?} is not in the table",
                kind.type_name(),
                column.path
            );
        }
    }
}

/// Whether a path of a column attribute (`*`: each entry, `**`: any depth) names an attribute
/// the table has under `node`.
fn reaches(node: Node, path: &[&str]) -> bool {
    match path {
        [] => true,
        ["*", rest @ ..] => reaches(node, rest),
        ["**", rest @ ..] => reaches(node, rest) || node.children().any(|c| reaches(c, path)),
        [name, rest @ ..] => node.child(name).is_some_and(|child| reaches(child, rest)),
    }
}

/// The docs say which releases the table covers; a refresh that forgets the page fails here.
#[test]
fn the_docs_state_the_tables_coverage() {
    let page =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/provider-versions.md"))
            .unwrap();
    let releases = Version::releases();
    let (count, first) = (releases.len(), Version::releases().next().unwrap());
    let coverage = format!(
        "covers {count} releases, from {first} to {}",
        Version::newest()
    );
    assert!(
        page.contains(&coverage),
        "docs/provider-versions.md should say: {coverage}"
    );
}

/// A lock file pinning 1.55.0: `callable_time_column` is no deprecation yet (its replacement
/// came in 1.79.0), so nothing is reported and `--fix` writes nothing; with 1.80.0, a warning
/// and a safe rename.
#[test]
fn a_deprecation_and_its_fix_follow_the_lock_file() {
    let dir = repository(&[
        ("main.tf", LIST),
        (".terraform.lock.hcl", &lock_file("1.55.0")),
    ]);
    assert_eq!(
        concise(dir.path(), &[]),
        (0, "No problems found (1 file checked).\n".into())
    );
    let (code, _) = concise(dir.path(), &["--fix"]);
    assert_eq!(code, 0);
    assert_eq!(
        fs::read_to_string(dir.path().join("main.tf")).unwrap(),
        LIST
    );

    fs::write(dir.path().join(".terraform.lock.hcl"), lock_file("1.80.0")).unwrap();
    let (code, stdout) = concise(dir.path(), &[]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with(
            "main.tf:7:5: warning[deprecated-attribute] `callable_time_column` is deprecated"
        ),
        "{stdout}"
    );
    let (_, stdout, _) = run(dir.path(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let fix = &json["diagnostics"][0]["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["replacement"], "callable_time_column_name");
    assert_eq!(
        json["providers"][0],
        serde_json::json!({"path": "main.tf", "version": "1.80.0",
            "source": "the lock file .terraform.lock.hcl"})
    );
}

/// Without a lock file, the newest release every constraint allows, as `terraform init` picks;
/// a version the table does not cover (a development build's `0.1.0`) is judged as the newest,
/// and says so.
#[test]
fn constraints_pick_the_newest_allowed_release() {
    let text = format!("{}\n{LIST}", required("~> 1.55.0"));
    let text = text.replace(
        "column_names = [",
        "trim_whitespace = true\n  column_names = [",
    );
    let dir = repository(&[("main.tf", &text)]);
    let (code, stdout) = concise(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout.lines().next().unwrap(),
        "main.tf:12:3: error[needs-newer-provider] `trim_whitespace` needs provider 1.58.0 or \
         newer; the newest release satisfying \"~> 1.55.0\" (main.tf) selects 1.55.1"
    );
    fs::write(dir.path().join(".terraform.lock.hcl"), lock_file("0.1.0")).unwrap();
    let (_, stdout, _) = run(dir.path(), &["check", "--show-settings", "main.tf"]);
    let newest = Version::newest();
    assert!(
        stdout.contains(&format!(
            "provider version: {newest} (the lock file .terraform.lock.hcl)\n    0.1.0 is not a \
             release contactlint knows"
        )),
        "{stdout}"
    );
}

/// A child module staged alone takes the version of the root that calls it, found by a search
/// of the repository; two roots with two versions judge it with each, and a finding that only
/// one gives says which.
#[test]
fn a_child_module_is_judged_with_its_roots_versions() {
    let module = "resource \"genesyscloud_outbound_contact_list\" \"sales\" {\n  name            = \
                  \"Sales\"\n  column_names    = [\"Cell\"]\n  trim_whitespace = true\n  \
                  phone_columns {\n    column_name = \"Cell\"\n    type        = \"cell\"\n  \
                  }\n}\n";
    let call = "module \"outbound\" {\n  source = \"../../modules/outbound\"\n}\n";
    let dir = repository(&[
        ("modules/outbound/lists.tf", module),
        ("environments/prod/main.tf", call),
        (
            "environments/prod/.terraform.lock.hcl",
            &lock_file("1.55.0"),
        ),
        ("environments/dev/main.tf", call),
        ("environments/dev/.terraform.lock.hcl", &lock_file("1.80.0")),
    ]);
    let (code, stdout) = concise(dir.path(), &["modules/outbound/lists.tf"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "modules/outbound/lists.tf:4:3: error[needs-newer-provider] `trim_whitespace` needs \
         provider 1.58.0 or newer; the lock file environments/prod/.terraform.lock.hcl selects \
         1.55.0 (with provider 1.55.0, the lock file environments/prod/.terraform.lock.hcl)\n\
         Found 1 error in 1 file (1 file checked).\n"
    );
    // Only the production root: its version alone.
    fs::remove_file(dir.path().join("environments/dev/main.tf")).unwrap();
    let (_, stdout, _) = run(
        dir.path(),
        &["check", "--show-files", "modules/outbound/lists.tf"],
    );
    assert!(
        stdout.contains(
            "judged with provider 1.55.0 (the lock file environments/prod/.terraform.lock.hcl)"
        ),
        "{stdout}"
    );
}

/// A provider built locally (another source than the registry) is judged as the newest, and
/// says so.
#[test]
fn a_local_build_is_judged_as_the_newest() {
    let text = required("1.55.0").replace(
        "mypurecloud/genesyscloud",
        "genesys.com/mypurecloud/genesyscloud",
    );
    let dir = repository(&[("main.tf", &format!("{text}\n{LIST}"))]);
    let (_, stdout, _) = run(dir.path(), &["check", "--show-settings", "main.tf"]);
    assert!(
        stdout.contains(
            "the provider comes from genesys.com/mypurecloud/genesyscloud, not the registry"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("provider version: {}", Version::newest())),
        "{stdout}"
    );
}

/// The provider's own examples at three old releases (`fixtures/provider-tags/V/RESOURCE/`, one
/// directory each, as the provider keeps them), judged with those releases, use nothing those
/// releases lack. The one `unknown-field` is a mistake of the example itself: `version` in the
/// 1.55.0 digital rule set example, which no release's schema has (the acceptance test of that
/// release never sets it; the example dropped it by 1.70.0).
#[test]
fn the_providers_examples_at_old_releases_need_nothing_newer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/provider-tags");
    for (release, expected) in [
        ("1.11.1", vec![]),
        (
            "1.55.0",
            vec![
                "digitalruleset/resource.tf:3:3: warning[unknown-field] unknown attribute \
                 \"version\" in `genesyscloud_outbound_digitalruleset`",
            ],
        ),
        ("1.75.1", vec![]),
    ] {
        let (_, stdout) = concise(&root.join(release), &[]);
        let versioned: Vec<&str> = stdout
            .lines()
            .filter(|line| {
                line.contains("[needs-newer-provider]") || line.contains("[unknown-field]")
            })
            .collect();
        assert_eq!(versioned, expected, "{release}:\n{stdout}");
        assert!(stdout.contains("files checked"), "{release}: {stdout}");
    }
}
