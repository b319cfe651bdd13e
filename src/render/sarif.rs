//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

use std::io::{self, Write};
use std::ops::Range;

use serde_json::{Value, json};

use super::positions;
use crate::diagnostic::RuleMeta;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::engine::Report;
use crate::rules::RULES;

/// GitHub code scanning refuses a run with more results than this (and shows the first 5,000).
const MAX_RESULTS: usize = 25_000;

/// The most bytes of results written: GitHub refuses a file over 10 MB gzipped, and SARIF
/// compresses at least five times, so this keeps far from it without compressing here.
const MAX_RESULT_BYTES: usize = 50 << 20;

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = RULES.iter().map(|r| rule(r.meta())).collect();
    let (results, left_out) = within_limits(report);
    let mut log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "contactlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [invocation(report, left_out)],
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory \
                contactlint ran in."}}},
            "results": results,
        }],
    });
    // The provider version each Terraform file was judged with, and why.
    let providers = super::json::provider_entries(report);
    if !providers.is_empty() {
        log["runs"][0]["properties"] = json!({ "providers": providers });
    }
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The results a consumer accepts: every one while they fit GitHub's limits, else the most
/// severe first (errors, then warnings), cut at the limit; with how many were left out.
fn within_limits(report: &Report) -> (Vec<Value>, usize) {
    let mut diagnostics: Vec<&Diagnostic> = report.diagnostics.iter().collect();
    if diagnostics.len() > MAX_RESULTS {
        // Stable: within a severity, the report's order (path, then position) holds.
        diagnostics.sort_by_key(|d| std::cmp::Reverse(d.severity));
    }
    let mut results = Vec::with_capacity(diagnostics.len().min(MAX_RESULTS));
    let mut bytes = 0;
    for d in diagnostics.iter().take(MAX_RESULTS) {
        let result = result(report, d);
        bytes += result.to_string().len();
        if bytes > MAX_RESULT_BYTES {
            break;
        }
        results.push(result);
    }
    let left_out = diagnostics.len() - results.len();
    (results, left_out)
}

/// Whether the run succeeded; a notification for each path it could not use, and one for the
/// results left out to stay within GitHub's limits.
fn invocation(report: &Report, left_out: usize) -> Value {
    let mut notifications: Vec<Value> = report
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
    if left_out > 0 {
        let kept = report.diagnostics.len() - left_out;
        notifications.push(json!({
            "level": "warning",
            "message": {"text": format!(
                "{left_out} of {} results were left out: GitHub code scanning accepts at most \
                {MAX_RESULTS} per run (and 10 MB gzipped); the {kept} kept are the most severe \
                first. Run with --format json for every finding.",
                report.diagnostics.len()
            )},
            "descriptor": {"id": "results-left-out"},
        }));
    }
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
