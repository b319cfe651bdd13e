//! Properties that hold for any input: no panic, every range inside the file and on character
//! boundaries, positions that agree with offsets, and the same output with 1 or many threads.

use std::path::Path;

use contactlint::engine::{self, Report};
use contactlint::render::{self, OutputFormat};
use contactlint::settings::Settings;
use contactlint::syntax::Syntax;
use contactlint::text::SourceFile;
use proptest::prelude::*;

/// Every fixture, as (name, bytes), to mutate.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if Syntax::from_name(&path).is_some_and(|s| !s.holds_contacts()) {
                out.push((
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&path).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// Checks the report's invariants and renders every format.
fn assert_sound(report: &Report) {
    let source = &report.files[0];
    let file_len = source.text.len();
    for d in &report.diagnostics {
        let mut ranges = vec![d.range.clone()];
        ranges.extend(d.labels.iter().map(|l| l.range.clone()));
        ranges.extend(d.fix.iter().flat_map(|f| &f.edits).map(|e| e.range.clone()));
        for range in ranges {
            assert!(
                range.start <= range.end && range.end <= file_len,
                "{range:?} outside 0..{file_len} for {}",
                d.rule.id
            );
            assert!(
                source.text.is_char_boundary(range.start)
                    && source.text.is_char_boundary(range.end),
                "{range:?} splits a character"
            );
            for offset in [range.start, range.end] {
                let position = source.position(offset);
                assert_eq!(position.offset, offset + source.bom_len);
                let line_start = source.line_range(position.line - 1).unwrap().start;
                assert_eq!(
                    source.text[line_start..offset].chars().count() + 1,
                    position.column
                );
                assert_eq!(
                    source.text[..line_start].matches('\n').count() + 1,
                    position.line
                );
            }
        }
    }
    let options = render::Options {
        color: false,
        summary: true,
        warnings_fail: false,
    };
    for format in [
        OutputFormat::Full,
        OutputFormat::Concise,
        OutputFormat::Json,
        OutputFormat::Sarif,
        OutputFormat::Github,
    ] {
        let mut out = Vec::new();
        render::render(report, format, &options, &mut out).unwrap();
    }
}

fn check_bytes(name: &str, format: Syntax, bytes: Vec<u8>) -> Report {
    let source = SourceFile::from_bytes(name.to_owned(), format, bytes, 1 << 20);
    engine::lint_one(source, &Settings::default())
}

fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(at, kind, byte) in edits {
        if bytes.is_empty() {
            bytes.push(byte);
            continue;
        }
        let at = at % bytes.len();
        match kind % 4 {
            0 => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            2 => {
                bytes.remove(at);
            }
            _ => {
                const SYNTAX: &[u8] = b"{}[]\",:=\n\\";
                bytes.insert(at, SYNTAX[byte as usize % SYNTAX.len()]);
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_break_anything(
        bytes in proptest::collection::vec(any::<u8>(), 0..512)
    ) {
        assert_sound(&check_bytes("x.json", Syntax::Json, bytes.clone()));
        assert_sound(&check_bytes("x.tf", Syntax::Terraform, bytes.clone()));
        assert_sound(&check_bytes("x.toml", Syntax::Toml, bytes));
    }

    #[test]
    fn arbitrary_text_never_breaks_anything(text in "\\PC{0,300}") {
        assert_sound(&check_bytes("x.json", Syntax::Json, text.clone().into_bytes()));
        assert_sound(&check_bytes("x.tf", Syntax::Terraform, text.clone().into_bytes()));
        assert_sound(&check_bytes("x.toml", Syntax::Toml, text.into_bytes()));
    }

    #[test]
    fn mutated_fixtures_never_break_anything(
        pick in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8),
    ) {
        let all = fixtures();
        let (name, bytes) = &all[pick.index(all.len())];
        let format = Syntax::detect(name, bytes);
        assert_sound(&check_bytes(name, format, mutate(bytes.clone(), &edits)));
    }
}

/// A clean file leaves nothing in the report but its count: only the files that diagnostics
/// point into keep their text until output is written (docs/ARCHITECTURE.md, "Invariants").
#[test]
fn only_a_file_with_diagnostics_keeps_its_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let config = contactlint::settings::config::Config::default();
    let paths = [root];
    let walk = contactlint::walk::Walk::new(&paths, &config);
    let settings = std::sync::Arc::new(Settings::default());
    let report = engine::lint_inputs(&walk, &|_| settings.clone());
    let kept = report.files.len();
    assert!(
        report.files_checked > kept,
        "{} checked, {kept} kept",
        report.files_checked
    );
    for (index, file) in report.files.iter().enumerate() {
        let points_here = |d: &contactlint::diagnostic::Diagnostic| {
            d.file == index || d.labels.iter().any(|label| label.file == index)
        };
        let pointed = report.diagnostics.iter().any(points_here);
        assert!(pointed, "{} keeps its text without a diagnostic", file.path);
    }
}

#[test]
fn one_thread_and_many_give_the_same_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let config = contactlint::settings::config::Config::default();
    let paths = [root];
    let walk = contactlint::walk::Walk::new(&paths, &config);
    let render_with = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let settings = std::sync::Arc::new(Settings::default());
        let report = pool.install(|| engine::lint_inputs(&walk, &|_| settings.clone()));
        let mut out = Vec::new();
        render::render(
            &report,
            OutputFormat::Json,
            &render::Options {
                color: false,
                summary: true,
                warnings_fail: false,
            },
            &mut out,
        )
        .unwrap();
        out
    };
    let serial = render_with(1);
    assert!(serial.len() > 1000);
    assert_eq!(serial, render_with(2));
    assert_eq!(serial, render_with(8));
}

/// What `duplicate-list-name` must report, worked out naively: in path order, each list whose
/// name (trimmed, lower-cased) an earlier list already has, with that first list.
fn expected_duplicates(lists: &[(String, String)]) -> Vec<(String, String)> {
    let mut first: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (path, name) in lists {
        let key = name.trim().to_lowercase();
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(original) => out.push((path.clone(), original.to_string())),
            None => {
                first.insert(key, path);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The run keeps only hashes of list names and reads the files again to compare them; the
    /// result must equal comparing every name directly.
    #[test]
    fn duplicate_names_match_a_naive_comparison(
        names in proptest::collection::vec(
            prop::sample::select(vec!["Sales", "sales", " \
                SALES ", "Leads", "leads", "Renewals", "Ünïcode", "ünïcode", " "]),
            0..40,
        )
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut lists = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let (file, text) = if i % 2 == 0 {
                let columns = r#"[{"name": "p", "type": "PHONE"}]"#;
                let text = format!(r#"{{"name": "{name}", "type": "API", "columns": {columns}}}"#);
                (format!("l{i:02}.json"), text)
            } else {
                (format!("l{i:02}.toml"), format!("name = \"{name}\"\ntype = \"API\"\ncolumns = \
                    [{{name = \"p\", type = \"PHONE\"}}]\n"))
            };
            std::fs::write(dir.path().join(&file), text).unwrap();
            lists.push((file, name.to_string()));
        }
        lists.sort();
        let paths = [dir.path().to_path_buf()];
        let config = contactlint::settings::config::Config::default();
        let walk = contactlint::walk::Walk::new(&paths, &config);
        let settings = std::sync::Arc::new(Settings::default());
        let report = engine::lint_inputs(&walk, &|_| settings.clone());
        let relative = |file: usize| {
            Path::new(&report.files[file].path).file_name().unwrap().to_string_lossy().into_owned()
        };
        let found: Vec<(String, String)> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule.id == "duplicate-list-name")
            .map(|d| (relative(d.file), relative(d.labels[0].file)))
            .collect();
        prop_assert_eq!(found, expected_duplicates(&lists));
    }
}
