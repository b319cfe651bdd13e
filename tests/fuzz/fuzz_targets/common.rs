//! What every fuzz target does: check the bytes as a file of the given name, assert that every
//! range is inside the text and on character boundaries, apply every fix and check the result
//! again, and render every output format.

use contactlint::diagnostic::{Applicability, Diagnostic};
use contactlint::engine;
use contactlint::fix;
use contactlint::render::{self, OutputFormat};
use contactlint::settings::Settings;
use contactlint::syntax::Syntax;
use contactlint::text::SourceFile;

pub fn check(name: &str, data: &[u8]) {
    let format = Syntax::detect(name, data);
    let source = SourceFile::from_bytes(name.to_owned(), format, data.to_vec(), 1 << 20);
    let report = engine::lint_one(source, &Settings::default());
    let text = &report.files[0].text;
    for d in &report.diagnostics {
        for range in std::iter::once(&d.range).chain(d.labels.iter().map(|l| &l.range)) {
            assert!(range.start <= range.end && range.end <= text.len());
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
    }
    // Every fix, applied as `--fix --unsafe-fixes` would: never a panic, and the fixed text checks
    // again without one.
    let diagnostics: Vec<&Diagnostic> = report.diagnostics.iter().collect();
    let settings = Settings::default();
    if let Some(fixed) = fix::fix_source(&report.files[0], &diagnostics, &settings, Applicability::Unsafe) {
        let again = SourceFile::from_bytes(name.to_owned(), format, fixed.text.into_bytes(), 1 << 20);
        engine::lint_one(again, &settings);
    }
    let options = render::Options { color: false, summary: true, warnings_fail: false };
    for format in [OutputFormat::Full, OutputFormat::Concise, OutputFormat::Json, OutputFormat::Sarif, OutputFormat::Github] {
        render::render(&report, format, &options, &mut std::io::sink()).unwrap();
    }
}

/// The text as one file of a Terraform module held in memory: the module index and its rules
/// (docs/resources.md) run on it, every range lands in the text, and every format renders.
#[allow(dead_code)] // Used by the Terraform target only.
pub fn check_module(name: &str, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let input = engine::Input::memory(name.to_owned(), text.into(), contactlint::model::Admission::Named);
    let settings = std::sync::Arc::new(Settings::default());
    let report = engine::lint_inputs(&vec![input], &|_| settings.clone());
    for d in &report.diagnostics {
        let text = &report.files[d.file].text;
        assert!(d.range.start <= d.range.end && d.range.end <= text.len());
    }
    let options = render::Options { color: false, summary: true, warnings_fail: false };
    for format in [OutputFormat::Full, OutputFormat::Json, OutputFormat::Sarif] {
        render::render(&report, format, &options, &mut std::io::sink()).unwrap();
    }
}
