//! What every fuzz target does: check the bytes as a file of the given name, assert that every
//! range is inside the text and on character boundaries, and render every output format.

use contactlint::engine;
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
    let options = render::Options { color: false, summary: true, warnings_fail: false };
    for format in [OutputFormat::Full, OutputFormat::Concise, OutputFormat::Json, OutputFormat::Sarif, OutputFormat::Github] {
        render::render(&report, format, &options, &mut std::io::sink()).unwrap();
    }
}
