//! Bytes → a contact file checked against a fixed list → diagnostics → every output format.
//! Run from the repository root, seeded with the CSV fixtures:
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir tests/fuzz csv CORPUS -- -max_total_time=1800`
#![no_main]

use std::sync::OnceLock;

use contactlint::engine;
use contactlint::model::contact_file::Target;
use contactlint::model::{self, Admission};
use contactlint::render::{self, OutputFormat};
use contactlint::settings::Settings;
use contactlint::syntax::Syntax;

const LIST: &str = r#"{"name": "Sales", "columnNames": ["id", "phone", "email", "score", "notes"],
 "phoneColumns": [{"columnName": "phone", "type": "cell"}],
 "emailColumns": [{"columnName": "email", "type": "work"}],
 "columnDataTypeSpecifications": [
   {"columnName": "score", "columnDataType": "NUMERIC", "min": 1, "max": 10},
   {"columnName": "notes", "columnDataType": "TEXT", "maxLength": 20}]}"#;

fn target() -> &'static Target {
    static TARGET: OnceLock<Target> = OnceLock::new();
    TARGET.get_or_init(|| {
        let document = Syntax::Json.parse(LIST).unwrap();
        let recognised = model::lists(&document, Syntax::Json, None, Admission::Named);
        let mut target = Target::of(&recognised.lists()[0], "list.json".into());
        target.id_column = Some("id".into());
        target
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let settings = Settings::default();
    let report = engine::lint_contact_bytes("contacts.csv", data, Some(target()), &settings);
    for d in &report.diagnostics {
        let text = &report.files[d.file].text;
        for range in std::iter::once(&d.range).chain(d.labels.iter().map(|l| &l.range)) {
            assert!(range.start <= range.end && range.end <= text.len());
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
        let (start, end) = render::positions(&report, d.file, &d.range);
        assert!(start.offset <= end.offset && end.offset <= data.len());
        assert!((start.line, start.column) <= (end.line, end.column));
    }
    let options = render::Options { color: false, summary: true, warnings_fail: false };
    for format in [OutputFormat::Full, OutputFormat::Concise, OutputFormat::Json, OutputFormat::Sarif, OutputFormat::Github] {
        render::render(&report, format, &options, &mut std::io::sink()).unwrap();
    }
});
