//! `check --show-files`.

use std::io::{self, Write};

use crate::engine;

/// `--show-files`: what the run did with every file it met, and why.
pub(super) fn show_files(report: &engine::Report, out: &mut dyn Write) -> io::Result<()> {
    for decision in &report.decisions {
        let action = decision.action.as_str();
        writeln!(out, "{action:<11} {}: {}", decision.path, decision.reason)?;
    }
    Ok(())
}
