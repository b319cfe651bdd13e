//! The per-file pipeline (decode, parse, validate, rules, place, render) for JSON and TOML,
//! valid and invalid. Run with `cargo bench --bench pipeline`; end-to-end numbers come from
//! `benches/run.sh`.

use std::hint::black_box;

use contactlint::engine;
use contactlint::render::{self, OutputFormat};
use contactlint::settings::Settings;
use contactlint::syntax::Syntax;
use contactlint::text::SourceFile;
use criterion::{Criterion, criterion_group, criterion_main};

const VALID_JSON: &str = include_str!("../fixtures/definition/valid/tutorial.json");
const VALID_TOML: &str = include_str!("../fixtures/definition/valid/tutorial.toml");
const INVALID_JSON: &str = include_str!("../fixtures/mixed/lists/sales.json");
const INVALID_TOML: &str = include_str!("../fixtures/rules/undeclared-column/bad.toml");
const API_JSON: &str = include_str!("../fixtures/api/real/e7-full-feature-set.json");

fn pipeline(c: &mut Criterion) {
    let settings = Settings::default();
    let options = render::Options {
        color: false,
        summary: true,
        warnings_fail: false,
    };
    let cases = [
        ("json/valid", "l.json", Syntax::Json, VALID_JSON),
        ("toml/valid", "l.toml", Syntax::Toml, VALID_TOML),
        ("json/invalid", "l.json", Syntax::Json, INVALID_JSON),
        ("toml/invalid", "l.toml", Syntax::Toml, INVALID_TOML),
        ("json/api", "l.json", Syntax::Json, API_JSON),
    ];
    for (name, path, format, text) in cases {
        c.bench_function(name, |b| {
            b.iter(|| {
                let source = SourceFile::from_bytes(
                    path.into(),
                    format,
                    black_box(text).as_bytes().to_vec(),
                    1 << 20,
                );
                let report = engine::lint_one(source, &settings);
                let mut out = Vec::with_capacity(1024);
                render::render(&report, OutputFormat::Full, &options, &mut out).unwrap();
                black_box(out)
            })
        });
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
