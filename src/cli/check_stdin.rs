//! `check -`: standard input checked on its own, and printed back fixed with `--fix`.

use std::path::Path;

use super::{CheckArgs, Fatal, fixing, print};
use crate::engine;
use crate::settings::config;

/// Standard input read and checked on its own, keeping its text even when clean (`--fix`
/// prints it back).
pub(super) fn lint_stdin(
    args: &CheckArgs,
    resolver: &config::Resolver,
) -> Result<engine::Report, Fatal> {
    let display = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "-".to_owned());
    let settings = resolver.settings(Path::new(&display));
    let source = crate::text::read_stdin(display.clone(), settings.max_file_size)
        .map_err(|e| Fatal::Path(engine::RunError::io(display, &e)))?;
    Ok(engine::lint_one(source, &settings))
}

/// `--fix` of standard input: prints the fixed text (or the text as it was) and checks it again.
pub(super) fn print_fixed_stdin(
    outcome: &fixing::Outcome,
    report: &engine::Report,
    resolver: &config::Resolver,
) -> Result<engine::Report, Fatal> {
    let source = &report.files[0];
    let text = outcome
        .texts
        .first()
        .map_or(source.text.as_str(), |(_, text)| text.as_str());
    print(|out| out.write_all(text.as_bytes()))?;
    let settings = resolver.settings(Path::new(&source.path));
    let fixed = crate::text::SourceFile::from_memory(&source.path, text, settings.max_file_size);
    Ok(engine::lint_one(fixed, &settings))
}
