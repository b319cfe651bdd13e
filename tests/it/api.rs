//! The api profile against real request bodies.

use std::path::{Path, PathBuf};

use contactlint::diagnostic::Severity;
use contactlint::engine::{self, Report};
use contactlint::model::Profile;
use contactlint::settings::Settings;
use contactlint::settings::config::Config;
use contactlint::text::SourceFile;
use contactlint::walk::Walk;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn check(path: &str) -> Report {
    let paths = [fixture(path)];
    let config = Config::default();
    let walk = Walk::new(&paths, &config);
    let settings = std::sync::Arc::new(Settings::default());
    let report = engine::lint_inputs(&walk, &|_| settings.clone());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

#[test]
fn real_terraform_bodies_have_no_errors() {
    let report = check("fixtures/api/real");
    // Six JSON and two TOML bodies.
    assert_eq!(report.files_checked, 8);
    let toml = std::fs::read_dir(fixture("fixtures/api/real"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count();
    assert_eq!(toml, 2);
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.profile == Some(Profile::Api))
    );
}

#[test]
fn the_messy_public_payload_is_judged_as_the_reference_says() {
    let report = check("fixtures/api/messy/e8b-migration-script.json");
    let found: Vec<(&str, Option<&str>)> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule.id, d.pointer.as_deref()))
        .collect();
    assert!(found.contains(&(
        "invalid-column-type",
        Some("/columnDataTypeSpecifications/2/columnDataType")
    )));
    assert!(found.contains(&("system-column-name", Some("/columnNames/0"))));
    assert!(
        !found.iter().any(|(rule, _)| *rule == "wrong-value-type"),
        "nulls are accepted: {found:?}"
    );
    let invalid = report
        .diagnostics
        .iter()
        .find(|d| d.rule.id == "invalid-column-type")
        .unwrap();
    let (start, _) = contactlint::render::positions(&report, invalid.file, &invalid.range);
    assert_eq!((start.line, start.column), (23, 55));
}

#[test]
fn the_printed_api_schema_is_valid_and_accepts_every_real_body() {
    let schema: serde_json::Value = serde_json::from_str(Profile::Api.schema_text()).unwrap();
    jsonschema::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    let validator = jsonschema::draft202012::options()
        .offline()
        .build(&schema)
        .unwrap();
    let mut checked = 0;
    for entry in std::fs::read_dir(fixture("fixtures/api/real")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let source = SourceFile::from_text(path.display().to_string(), &text);
        let doc = source.syntax.parse(&source.text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc.value())
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        checked += 1;
    }
    assert_eq!(checked, 8);
}

#[test]
fn both_schemas_describe_every_property() {
    fn walk(node: &serde_json::Value, at: &str, missing: &mut Vec<String>) {
        if let Some(properties) = node.get("properties").and_then(|p| p.as_object()) {
            for (name, property) in properties {
                if property.get("description").is_none() {
                    missing.push(format!("{at}/{name}"));
                }
                walk(property, &format!("{at}/{name}"), missing);
            }
        }
        if let Some(defs) = node.get("$defs").and_then(|d| d.as_object()) {
            for (name, def) in defs {
                walk(def, &format!("{at}/$defs/{name}"), missing);
            }
        }
    }
    for profile in Profile::ALL {
        let mut missing = Vec::new();
        walk(profile.schema(), "", &mut missing);
        assert!(
            missing.is_empty(),
            "{profile}: no description on {missing:?}"
        );
    }
}

#[test]
fn tutorial_fields_in_an_api_body_say_what_to_use_instead() {
    let report = check("fixtures/rules/unknown-field/bad-api.json");
    let help_for = |field: &str| {
        report
            .diagnostics
            .iter()
            .find(|d| d.pointer.as_deref() == Some(field))
            .and_then(|d| d.help.clone())
            .unwrap()
    };
    assert!(help_for("/columns").contains("columnNames"));
    assert!(help_for("/type").contains("no list type"));
    assert!(help_for("/trimWhiteSpace").contains("trimWhitespace"));
}
