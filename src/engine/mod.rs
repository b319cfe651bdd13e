//! The engine: from inputs to sorted diagnostics. It reads, parses, finds the lists, runs the
//! rules, keeps the facts that rules across files need, and places every finding in its text
//! (`place`, the one place levels apply); presentation happens in `render`. Its files and their
//! layering: `docs/ARCHITECTURE.md`, held by `tests/it/architecture.rs`. Takes inputs and reads
//! the files around them through their `workspace::Environment`; never walks a file system
//! itself, and never prints.
//!
//! Never imports `walk`, `fix`, `render`, `server` or `cli`.

mod batch;
mod contact_file;
mod contacts_path;
mod facts;
mod file;
mod input;
mod module;
mod place;
mod project;
mod report;

pub use batch::{lint_inputs, lint_inputs_with};
pub use contact_file::{lint_contact_bytes, list_target};
pub use facts::{FactStore, HashedNames, KeptNames, ListFacts};
pub use input::{
    Cause, Discovered, Input, InputId, InputSource, Inputs, Opener, Reader, RunError, SettingsFor,
};
pub use report::{Action, Decision, FileProviders, Fixing, Omitted, Report};

use crate::model::Admission;
use crate::settings::Settings;
use crate::text::SourceFile;
use report::Outcome;

/// Lints one decoded source on its own (no walking, no other files) into a report that keeps it.
pub fn lint_one(source: SourceFile, settings: &Settings) -> Report {
    let mut report = Report::default();
    match file::lint_file(&source, settings, Admission::Named, None, &mut |_| {}) {
        Outcome::Checked(checked) => {
            report.files_checked = 1;
            report.diagnostics = checked.diagnostics;
            if !checked.providers.is_empty() {
                let path = source.path.clone();
                let choices = checked.providers;
                report
                    .providers
                    .push(report::FileProviders { path, choices });
            }
        }
        Outcome::NotChecked => report.files_not_checked = 1,
        Outcome::Skipped(_) => report.files_skipped = 1,
        Outcome::Unpaired => {
            report.files_skipped = 1;
            report.files_unpaired = 1;
        }
        Outcome::Failed(error) => report.errors.push(error),
    }
    report.files.push(source);
    report.finish();
    report
}
