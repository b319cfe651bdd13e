//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

use std::io::{self, Write};
use std::ops::Range;

use serde_json::{Value, json};

use super::{Job, positions};
use crate::diagnostic::RuleMeta;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::engine::{Omitted, Report};
use crate::rules::RULES;

/// GitHub code scanning refuses a run with more results than this (and shows the first 5,000).
pub(super) const MAX_RESULTS: usize = 25_000;

/// GitHub code scanning refuses a file larger than this once gzipped.
const MAX_GZIPPED: usize = 10_000_000;

/// Related locations kept on a result (GitHub reads at most 1,000), and how many of them its
/// message links to.
const MAX_RELATED: usize = 100;
const LINKED: usize = 10;

pub(super) fn render(report: &Report, job: &Job, out: &mut dyn Write) -> io::Result<()> {
    let (text, _) = log(report, job);
    out.write_all(text.as_bytes())?;
    writeln!(out)
}

/// How many results a SARIF log of the report leaves out to stay within GitHub's limits.
pub(super) fn left_out(report: &Report, job: &Job) -> usize {
    log(report, job).1
}

/// The log as text, and how many results it left out: every result while they fit GitHub's
/// limits, else the most severe first (errors, then warnings, then notes), cut at 25,000
/// results and then to what gzips within 10 MB, measured.
fn log(report: &Report, job: &Job) -> (String, usize) {
    let results = results(report, job);
    let total = results.len();
    let mut kept = total.min(MAX_RESULTS);
    let mut text = document(report, job, &results[..kept], total - kept);
    // Text this short cannot gzip to more than the limit; past it, measure and cut by halves.
    if text.len() > MAX_GZIPPED && gzipped_len(&text) > MAX_GZIPPED {
        kept = most_that_fit(kept, |n| {
            gzipped_len(&document(report, job, &results[..n], total - n)) <= MAX_GZIPPED
        });
        text = document(report, job, &results[..kept], total - kept);
    }
    (text, total - kept)
}

/// The largest count below `too_many` for which `fits` holds (it holds for 0, and for every
/// count below one it holds for), found by halving.
fn most_that_fit(mut too_many: usize, fits: impl Fn(usize) -> bool) -> usize {
    let mut fitting = 0;
    while too_many - fitting > 1 {
        let middle = fitting + (too_many - fitting) / 2;
        match fits(middle) {
            true => fitting = middle,
            false => too_many = middle,
        }
    }
    fitting
}

/// Every result, most severe first when they are more than GitHub takes (stable: within a
/// severity the report's order, path then position, holds).
fn results(report: &Report, job: &Job) -> Vec<Value> {
    let mut diagnostics: Vec<&Diagnostic> = report.diagnostics.iter().collect();
    let total = diagnostics.len() + report.omitted.len();
    if total > MAX_RESULTS {
        diagnostics.sort_by_key(|d| std::cmp::Reverse(d.severity));
    }
    let mut results: Vec<Value> = diagnostics.iter().map(|d| result(report, job, d)).collect();
    results.extend(report.omitted.iter().map(|o| omitted(job, o)));
    results
}

fn document(report: &Report, job: &Job, results: &[Value], left_out: usize) -> String {
    let rules: Vec<Value> = RULES.iter().map(|r| rule(r.meta())).collect();
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
            "invocations": [invocation(report, job, results.len(), left_out)],
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The repository's \
                root: the directory holding .git, else the configuration's, else the one \
                contactlint ran in."}}},
            "results": results,
        }],
    });
    // The provider version each Terraform file was judged with, and why.
    let providers = super::json::provider_entries(report);
    if !providers.is_empty() {
        log["runs"][0]["properties"] = json!({ "providers": providers });
    }
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

/// The length of the text once gzipped, as GitHub measures an upload (default compression).
#[cfg(feature = "cli")]
fn gzipped_len(text: &str) -> usize {
    use flate2::{Compression, write::GzEncoder};
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    let _ = encoder.write_all(text.as_bytes());
    encoder.finish().map_or(usize::MAX, |bytes| bytes.len())
}

/// Without the command line (the browser page writes no SARIF), the length itself.
#[cfg(not(feature = "cli"))]
fn gzipped_len(text: &str) -> usize {
    text.len()
}

/// Whether the run succeeded; a notification for each path it could not use, and one for the
/// results left out to stay within GitHub's limits.
fn invocation(report: &Report, job: &Job, kept: usize, left_out: usize) -> Value {
    let mut notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|error| {
            let artifact = artifact_location(&job.path(&error.path));
            json!({
                "level": "error",
                "message": {"text": format!("cannot check {}: {}", error.path, error.reason)},
                "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
            })
        })
        .collect();
    if left_out > 0 {
        notifications.push(json!({
            "level": "warning",
            "message": {"text": format!(
                "{left_out} of {} results were left out: GitHub code scanning accepts at most \
                {MAX_RESULTS} per run and 10 MB gzipped; the {kept} kept are the most severe \
                first. Run with --format json for every finding.",
                kept + left_out
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

fn result(report: &Report, job: &Job, d: &Diagnostic) -> Value {
    let index = RULES.iter().position(|r| r.meta().id == d.rule.id);
    let mut message = d.message.clone();
    let path = job.path(&report.files[d.file].path);
    let mut result = json!({
        "ruleId": d.rule.id,
        "ruleIndex": index,
        "level": level(d.severity),
        "message": null,
        "locations": [location(report, job, d.file, &d.range)],
    });
    let terraform = report.files[d.file].syntax.is_terraform();
    if let Some(logical) = logical_location(d, &path, terraform) {
        result["locations"][0]["logicalLocations"] = json!([logical]);
    }
    if !d.labels.is_empty() {
        let related: Vec<Value> = d
            .labels
            .iter()
            .take(MAX_RELATED)
            .enumerate()
            .map(|(i, l)| {
                let mut related = location(report, job, l.file, &l.range);
                related["id"] = json!(i + 1);
                related["message"] = json!({"text": l.message});
                related
            })
            .collect();
        result["relatedLocations"] = json!(related);
        message.push_str(&related_links(d));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!(" (help: {help})"));
    }
    result["message"] = json!({ "text": message });
    if let Some(fix) = d.fix.as_ref().and_then(Fix::single_edit) {
        result["fixes"] = json!([{
            "description": {"text": match fix.replacement.as_str() {
                "" => "Remove it".to_owned(),
                text => format!("Replace with {text}"),
            }},
            "artifactChanges": [{
                "artifactLocation": artifact_location(&path),
                "replacements": [{
                    "deletedRegion": region(report, d.file, &fix.range),
                    "insertedContent": {"text": fix.replacement},
                }],
            }],
        }]);
    }
    result
}

/// ` (see [first used here](1), [here](2) and 12 more)`: the message's links to its first
/// related locations (SARIF's embedded links, which GitHub shows), and how many more there are.
fn related_links(d: &Diagnostic) -> String {
    let links: Vec<String> = d
        .labels
        .iter()
        .take(LINKED)
        .enumerate()
        .map(|(i, l)| format!("[{}]({})", link_text(&l.message), i + 1))
        .collect();
    let more = d.labels.len() - links.len();
    let mut text = format!(" (see {}", links.join(", "));
    if more > 0 {
        let kept = d.labels.len().min(MAX_RELATED) - links.len();
        text.push_str(&format!(" and {} more", crate::text::thousands(more)));
        if kept < more {
            text.push_str(&format!(
                ": the related locations hold the first {kept} of them, --format json lists \
                 every one"
            ));
        }
    }
    text.push(')');
    text
}

/// A label's message as the text of an embedded link: `\`, `[` and `]` escaped.
fn link_text(message: &str) -> String {
    let text = if message.is_empty() { "here" } else { message };
    text.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// The Terraform resource a finding is in, for a finding of a Terraform file: the resource of
/// a list, else the one its pointer (`/resource/TYPE/NAME/...`) starts with, else the module
/// (the file's directory).
fn logical_location(d: &Diagnostic, path: &str, terraform: bool) -> Option<Value> {
    if let Some(resource) = &d.resource {
        return Some(json!({"fullyQualifiedName": resource, "kind": "resource"}));
    }
    if !terraform {
        return None;
    }
    let mut parts = d.pointer.as_deref().unwrap_or("").split('/').skip(1);
    let name = match (parts.next(), parts.next(), parts.next()) {
        (Some("resource"), Some(kind), Some(name)) => Some(format!("{kind}.{name}")),
        (Some("data"), Some(kind), Some(name)) => Some(format!("data.{kind}.{name}")),
        (Some("module"), Some(name), _) => Some(format!("module.{name}")),
        _ => None,
    };
    Some(match name {
        Some(name) => json!({"fullyQualifiedName": name, "kind": "resource"}),
        None => {
            let module = path.rsplit_once('/').map_or(".", |(dir, _)| dir);
            json!({"fullyQualifiedName": module, "kind": "module"})
        }
    })
}

/// A rule's findings in a contact file past the first 100, as one note on the file.
fn omitted(job: &Job, omitted: &Omitted) -> Value {
    json!({
        "ruleId": omitted.rule.id,
        "ruleIndex": RULES.iter().position(|r| r.meta().id == omitted.rule.id),
        "level": "note",
        "message": {"text": super::omitted_message(omitted)},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(&job.path(&omitted.path)),
            "region": {"startLine": 1},
        }}],
        "properties": {"omittedCount": omitted.count, "omittedLevel": level(omitted.severity)},
    })
}

fn location(report: &Report, job: &Job, file: usize, range: &Range<usize>) -> Value {
    json!({"physicalLocation": {
        "artifactLocation": artifact_location(&job.path(&report.files[file].path)),
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

/// Relative paths are relative to the repository's root (`%SRCROOT%`); absolute ones become
/// `file://` URIs (`file:///C:/...` for a Windows drive).
fn artifact_location(path: &str) -> Value {
    if path.starts_with('/') {
        json!({"uri": format!("file://{}", artifact_uri(path))})
    } else if path.as_bytes().get(1) == Some(&b':') {
        json!({"uri": format!("file:///{}{}", &path[..2], artifact_uri(&path[2..]))})
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
    fn cutting_finds_the_most_results_that_fit() {
        assert_eq!(most_that_fit(25_000, |n| n <= 12_345), 12_345);
        assert_eq!(most_that_fit(10, |_| false), 0);
        assert_eq!(most_that_fit(10, |n| n < 10), 9);
    }

    #[cfg(feature = "cli")]
    #[test]
    fn gzip_is_measured() {
        let text = "a".repeat(1 << 20);
        assert!(gzipped_len(&text) < 10_000);
    }

    /// A finding with 150 labels: 100 related locations (GitHub reads 1,000 at most), the
    /// message links the first 10 and counts the rest.
    #[test]
    fn related_locations_are_capped_and_linked() {
        use crate::diagnostic::Label;
        use crate::text::SourceFile;
        let text = "{\"a\": 1}\n".repeat(150);
        let file = SourceFile::from_bytes(
            "a.json".into(),
            crate::syntax::Syntax::ALL[0],
            text.into_bytes(),
            1 << 20,
        );
        let labels = (0..150)
            .map(|i| Label {
                file: 0,
                range: i * 9..i * 9 + 8,
                message: if i == 0 {
                    "first [used] here".into()
                } else {
                    "here".into()
                },
            })
            .collect();
        let d = Diagnostic {
            file: 0,
            rule: RULES[0].meta(),
            severity: Severity::Error,
            profile: None,
            resource: None,
            message: "m".into(),
            pointer: None,
            range: 0..8,
            labels,
            help: Some("h".into()),
            fix: None,
            row: None,
            column_name: None,
        };
        let report = Report {
            files: vec![file],
            ..Report::default()
        };
        let result = result(&report, &Job::default(), &d);
        assert_eq!(result["relatedLocations"].as_array().unwrap().len(), 100);
        let message = result["message"]["text"].as_str().unwrap();
        assert!(
            message.starts_with("m (see [first \\[used\\] here](1), [here](2), "),
            "{message}"
        );
        assert!(
            message.ends_with(
                "[here](10) and 140 more: the related locations hold the first 90 of them, \
                 --format json lists every one) (help: h)"
            ),
            "{message}"
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
