//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

use std::io::{self, Write};
use std::ops::Range;

use serde_json::{Value, json};

use super::positions;
use crate::diagnostic::RuleMeta;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::engine::Report;
use crate::rules::RULES;

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = RULES.iter().map(|r| rule(r.meta())).collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| result(report, d))
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "contactlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [invocation(report)],
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory \
                contactlint ran in."}}},
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// Whether the run succeeded, and a notification for each path it could not use.
fn invocation(report: &Report) -> Value {
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|error| {
            json!({
                "level": "error",
                "message": {"text": format!("cannot check {}: {}", error.path, error.reason)},
                "locations": [{
                    "physicalLocation": {"artifactLocation": artifact_location(&error.path)}
                }],
            })
        })
        .collect();
    json!({
        "executionSuccessful": report.errors.is_empty(),
        "toolExecutionNotifications": notifications,
    })
}

fn rule(meta: &RuleMeta) -> Value {
    let docs = meta.documentation();
    json!({
        "id": meta.id,
        "name": pascal_case(meta.id),
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": what_it_does(&docs)},
        "defaultConfiguration": {"level": level(meta.severity)},
        "help": {"text": docs, "markdown": docs},
        "properties": {"profiles": meta.profiles},
    })
}

fn result(report: &Report, d: &Diagnostic) -> Value {
    let index = RULES.iter().position(|r| r.meta().id == d.rule.id);
    let message = match &d.help {
        Some(help) => format!("{} (help: {help})", d.message),
        None => d.message.clone(),
    };
    let mut result = json!({
        "ruleId": d.rule.id,
        "ruleIndex": index,
        "level": level(d.severity),
        "message": {"text": message},
        "locations": [location(report, d.file, &d.range)],
    });
    if let Some(resource) = &d.resource {
        result["locations"][0]["logicalLocations"] =
            json!([{"fullyQualifiedName": resource, "kind": "resource"}]);
    }
    if !d.labels.is_empty() {
        let related: Vec<Value> = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut related = location(report, l.file, &l.range);
                related["id"] = json!(i + 1);
                related["message"] = json!({"text": l.message});
                related
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    if let Some(fix) = d.fix.as_ref().and_then(Fix::single_edit) {
        result["fixes"] = json!([{
            "description": {"text": match fix.replacement.as_str() {
                "" => "Remove it".to_owned(),
                text => format!("Replace with {text}"),
            }},
            "artifactChanges": [{
                "artifactLocation": artifact_location(&report.files[d.file].path),
                "replacements": [{
                    "deletedRegion": region(report, d.file, &fix.range),
                    "insertedContent": {"text": fix.replacement},
                }],
            }],
        }]);
    }
    result
}

fn location(report: &Report, file: usize, range: &Range<usize>) -> Value {
    json!({"physicalLocation": {
        "artifactLocation": artifact_location(&report.files[file].path),
        "region": region(report, file, range),
    }})
}

fn region(report: &Report, file: usize, range: &Range<usize>) -> Value {
    let (start, end) = positions(report, file, range);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The "What it does" paragraph of a rule's documentation.
fn what_it_does(docs: &str) -> String {
    let body = docs.split("## What it does").nth(1).unwrap_or(docs);
    let paragraph = body
        .split("\n\n")
        .find(|p| !p.trim().is_empty())
        .unwrap_or("");
    paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// Relative paths are relative to the directory of the run (`%SRCROOT%`); absolute ones become
/// `file://` URIs.
fn artifact_location(path: &str) -> Value {
    if path.starts_with('/') {
        json!({"uri": format!("file://{}", artifact_uri(path))})
    } else {
        json!({"uri": artifact_uri(path), "uriBaseId": "%SRCROOT%"})
    }
}

/// A relative URI reference for a path as shown: `/` separators, reserved bytes percent-encoded.
fn artifact_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            artifact_uri("lists/Ventes été.json"),
            "lists/Ventes%20%C3%A9t%C3%A9.json"
        );
    }

    #[test]
    fn rule_names_and_descriptions() {
        assert_eq!(pascal_case("invalid-list-type"), "InvalidListType");
        assert_eq!(
            what_it_does("## What it does\nReports a\nthing.\n\n## Why"),
            "Reports a thing."
        );
    }
}
