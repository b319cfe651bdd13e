//! `--format gitlab`: GitLab's Code Quality report, for `artifacts:reports:codequality` — a JSON
//! array of issues with the fields GitLab documents (docs.gitlab.com/ci/testing/code_quality,
//! "Code Quality report format"; `docs/gitlab-codequality.schema.json`).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::positions;
use crate::diagnostic::Severity;
use crate::engine::Report;

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut issues: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let (start, end) = positions(report, d.file, &d.range);
            let path = &report.files[d.file].path;
            let place = format!("{}:{}", start.line, start.column);
            let severity = match d.severity {
                // GitLab's scale is info, minor, major, critical, blocker.
                Severity::Error => "major",
                Severity::Warning => "minor",
            };
            let description = match &d.help {
                Some(help) => format!("{} (help: {help})", d.message),
                None => d.message.clone(),
            };
            json!({
                "description": description,
                "check_name": d.rule.id,
                "fingerprint": fingerprint(&[d.rule.id, path, &place, &d.message]),
                "severity": severity,
                "location": {"path": path, "lines": {"begin": start.line, "end": end.line}},
            })
        })
        .collect();
    // A path that could not be checked is an issue too: the report must not look clean.
    issues.extend(report.errors.iter().map(|error| {
        let description = format!("cannot check {}: {}", error.path, error.reason);
        json!({
            "description": description,
            "check_name": "cannot-check",
            "fingerprint": fingerprint(&["cannot-check", &error.path]),
            "severity": "critical",
            "location": {"path": error.path, "lines": {"begin": 1}},
        })
    }));
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// A stable fingerprint of an issue (FNV-1a, 64 bits, as hex): GitLab tracks an issue across
/// pipelines by it, so it must not change between runs or Rust releases, as std's hasher may.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
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
        assert_eq!(fingerprint(&[]), "cbf29ce484222325");
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(
            fingerprint(&["rule", "a.json"]),
            fingerprint(&["rule", "a.json"])
        );
    }
}
