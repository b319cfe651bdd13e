//! `--format gitlab`: GitLab's Code Quality report, for `artifacts:reports:codequality` — a JSON
//! array of issues with the fields GitLab documents (docs.gitlab.com/ci/testing/code_quality,
//! "Code Quality report format"; `docs/gitlab-codequality.schema.json`).
//!
//! GitLab tells a merge request's new and fixed issues apart by fingerprint, so a fingerprint is
//! made of what a finding is, never of where it is: a line added above a finding must not make
//! it new. It hashes the rule, the path (from the repository's root), the resource and the JSON
//! pointer; for a finding of a contact file the column and the cell's text (its message names
//! line numbers); for a finding with neither pointer nor column the text of its span; and last
//! how many findings before it in the file had all of that alike.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Job, positions, span_text};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Report;

/// The most characters of a span's text that a fingerprint reads.
const SPAN_TEXT: usize = 200;

pub(super) fn render(report: &Report, job: &Job, out: &mut dyn Write) -> io::Result<()> {
    let mut occurrences: HashMap<Vec<String>, usize> = HashMap::new();
    let mut issues: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let (start, end) = positions(report, d.file, &d.range);
            let path = job.path(&report.files[d.file].path);
            let severity = match d.severity {
                // GitLab's scale is info, minor, major, critical, blocker.
                Severity::Error => "major",
                Severity::Warning => "minor",
            };
            let description = match &d.help {
                Some(help) => format!("{} (help: {help})", d.message),
                None => d.message.clone(),
            };
            let mut identity = identity(report, d, &path);
            let seen = occurrences.entry(identity.clone()).or_insert(0);
            identity.push(seen.to_string());
            *seen += 1;
            json!({
                "description": description,
                "check_name": d.rule.id,
                "fingerprint": fingerprint(&identity),
                "severity": severity,
                "location": {"path": path, "lines": {"begin": start.line, "end": end.line}},
            })
        })
        .collect();
    // Findings of a contact file counted and not listed: one issue per rule and file.
    issues.extend(report.omitted.iter().map(|omitted| {
        let path = job.path(&omitted.path);
        json!({
            "description": super::omitted_message(omitted),
            "check_name": omitted.rule.id,
            "fingerprint": fingerprint(&["omitted", omitted.rule.id, &path]),
            "severity": "info",
            "location": {"path": path, "lines": {"begin": 1}},
        })
    }));
    // A path that could not be checked is an issue too: the report must not look clean.
    issues.extend(report.errors.iter().map(|error| {
        let description = format!("cannot check {}: {}", error.path, error.reason);
        let path = job.path(&error.path);
        json!({
            "description": description,
            "check_name": "cannot-check",
            "fingerprint": fingerprint(&["cannot-check", &path]),
            "severity": "critical",
            "location": {"path": path, "lines": {"begin": 1}},
        })
    }));
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// What a finding is, whatever line it is on (see the module's documentation).
fn identity(report: &Report, d: &Diagnostic, path: &str) -> Vec<String> {
    let mut parts = vec![d.rule.id.to_owned(), path.to_owned()];
    parts.extend(d.resource.iter().cloned());
    parts.extend(d.pointer.iter().cloned());
    if let Some(column) = &d.column_name {
        parts.push(column.clone());
    }
    if d.row.is_some() || (d.pointer.is_none() && d.column_name.is_none()) {
        let text = span_text(report, d.file, &d.range);
        parts.push(text.chars().take(SPAN_TEXT).collect());
    }
    parts
}

/// A stable fingerprint of an issue (FNV-1a, 64 bits, as hex): GitLab tracks an issue across
/// pipelines by it, so it must not change between runs or Rust releases, as std's hasher may.
fn fingerprint(parts: &[impl AsRef<str>]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.as_ref().bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_are_fixed_and_tell_their_parts_apart() {
        let none: [&str; 0] = [];
        assert_eq!(fingerprint(&none), "cbf29ce484222325");
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(
            fingerprint(&["rule", "a.json"]),
            fingerprint(&["rule", "a.json"])
        );
    }
}
