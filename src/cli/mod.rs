//! The command line: arguments, the four commands, and the outcome as an exit code. The only
//! module that prints; its fatal errors ([`Fatal`]) are miette diagnostics.
//!
//! May import every other module; none imports it.

mod fatal;
mod fixing;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

pub use fatal::Fatal;
use fatal::report_fatal;

use crate::diagnostic::{Applicability, Severity};
use crate::engine;
use crate::model::contacts::Mode;
use crate::model::{self, Profile};
use crate::render::{self, OutputFormat};
use crate::rules::{self, RULES};
use crate::settings::config::{self, CommandLine, Config};
use crate::settings::{Level, ListRef, Pairing, Selection, UnknownRule, parse_rule_list};
use crate::syntax::Syntax;
use crate::text::{human_size, shown_path};
use crate::walk::Walk;

#[derive(Debug, Parser)]
#[command(
    name = "contactlint",
    version = env!("CONTACTLINT_VERSION"),
    about = "Offline linter for Genesys Cloud outbound contact lists (JSON, TOML or Terraform)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check contact-list files and directories (default: the current directory).
    Check(CheckArgs),
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule id, such as `invalid-list-type`.
        rule: String,
    },
    /// Print a profile's JSON Schema (for editors).
    Schema {
        #[arg(value_enum, default_value_t = Profile::Definition)]
        profile: Profile,
    },
    /// Run the language server on stdin and stdout (diagnostics as you type, quick fixes,
    /// hover and completion; see the README's editor set-up).
    Server,
    /// Print shell completions (for example `contactlint completions bash > ~/.local/share/bash-completion/completions/contactlint`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// The profile to check against; `auto` (the default) detects it per file.
    #[arg(long, value_enum, ignore_case = true)]
    pub profile: Option<ProfileChoice>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub format: OutputFormat,
    /// Run only these rules (comma-separated ids; may be repeated).
    #[arg(long, value_name = "RULES")]
    pub select: Vec<String>,
    /// Never run these rules (comma-separated ids; may be repeated).
    #[arg(long, value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Exit with 1 when there is any warning.
    #[arg(long)]
    pub warnings_as_errors: bool,
    /// Exit with 0 even when there are errors (2 still means the run failed).
    #[arg(long)]
    pub exit_zero: bool,
    /// The name of the file read from standard input (format, messages).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print diagnostics only, without the summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Apply the configuration's `exclude` to files named on the command line too (pre-commit).
    #[arg(long)]
    pub force_exclude: bool,
    /// Check a file named on the command line only when it looks like a contact list, as a walk
    /// does (pre-commit names every staged file: `package.json` is then skipped, a list checked).
    #[arg(long)]
    pub skip_non_lists: bool,
    /// The list the CSV files named on the command line are imported into: a JSON or TOML
    /// list, or `main.tf#genesyscloud_outbound_contact_list.NAME`.
    #[arg(long, value_name = "FILE[#ADDRESS]")]
    pub list: Option<String>,
    /// The column of the named CSV files that identifies each contact (with `--list`).
    #[arg(long, value_name = "NAME", requires = "list")]
    pub id_column: Option<String>,
    /// The named CSV files are appended to an existing list: its columns match in any case,
    /// and the file may have more (with `--list`).
    #[arg(long, requires = "list")]
    pub append: bool,
    /// Use this configuration file instead of looking for contactlint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any contactlint.toml.
    #[arg(long)]
    pub no_config: bool,
    /// Print every file the run meets, whether it was checked, skipped or excluded, and why,
    /// instead of the diagnostics.
    #[arg(long)]
    pub show_files: bool,
    /// Apply the safe fixes, write the files, and report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Apply unsafe fixes too (did-you-means, removals); implies `--fix` unless `--diff`.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them (exit 1 when there is one).
    #[arg(long, conflicts_with_all = ["show_files", "show_settings"])]
    pub diff: bool,
    /// Print the effective settings for each PATH (profile, size cap, exclusion, name scope,
    /// each rule's level and why) instead of checking; `--format json` prints them as JSON.
    #[arg(long)]
    pub show_settings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileChoice {
    Auto,
    Definition,
    Api,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Exit codes (public API).
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    // `--color` governs stderr too; other commands colour a terminal.
    let stderr_color = match &cli.command {
        Command::Check(args) => use_color(args.color, &io::stderr()),
        _ => use_color(ColorChoice::Auto, &io::stderr()),
    };
    let result = match cli.command {
        Command::Check(args) => check_command(&args),
        Command::Rules { format } => print(|out| list_rules(format, out)),
        Command::Explain { rule } => explain(&rule),
        Command::Schema { profile } => print(|out| out.write_all(profile.schema_text().as_bytes())),
        Command::Server => match crate::server::run_stdio() {
            Ok(()) => Ok(EXIT_CLEAN),
            Err(error) => {
                let _ = writeln!(io::stderr(), "contactlint server: {error}");
                Ok(EXIT_FAILURE)
            }
        },
        Command::Completions { shell } => print(|out| {
            clap_complete::generate(shell, &mut Cli::command(), "contactlint", out);
            Ok(())
        }),
    };
    ExitCode::from(match result {
        Ok(code) => code,
        Err(error) => {
            report_fatal(error, stderr_color);
            EXIT_FAILURE
        }
    })
}

/// Writes to stdout through one buffer (stdout alone flushes at every line).
fn print(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<u8, Fatal> {
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(Fatal::Output)?;
    Ok(EXIT_CLEAN)
}

fn check_command(args: &CheckArgs) -> Result<u8, Fatal> {
    // `--select a,b --select c` is `--select a,b,c`; none given is no selection.
    let parse_list = |lists: &[String]| -> Result<Option<Vec<&'static str>>, Fatal> {
        if lists.is_empty() {
            return Ok(None);
        }
        let ids = parse_rule_list(&lists.join(",")).map_err(Fatal::UnknownRule)?;
        Ok(Some(ids))
    };
    let cli = CommandLine {
        profile: args.profile.map(|choice| match choice {
            ProfileChoice::Auto => None,
            ProfileChoice::Definition => Some(Profile::Definition),
            ProfileChoice::Api => Some(Profile::Api),
        }),
        selection: Selection {
            select: parse_list(&args.select)?,
            ignore: parse_list(&args.ignore)?.unwrap_or_default(),
        },
    };
    let config = load_config(args)?;
    if args.show_settings {
        let json = args.format == OutputFormat::Json;
        let pairing = command_line_pairing(args)?;
        return print(|out| show_settings(&config, &cli, pairing.as_ref(), &args.paths, json, out));
    }
    let paths = match (&args.paths[..], &args.stdin_filename) {
        ([], Some(_)) => vec![PathBuf::from("-")],
        ([], None) => vec![PathBuf::from(".")],
        (paths, _) => paths.to_vec(),
    };
    let pairing = command_line_pairing(args)?;
    let walk = Walk {
        paths: &paths,
        stdin_name: args.stdin_filename.as_deref(),
        config: &config,
        force_exclude: args.force_exclude,
        skip_non_lists: args.skip_non_lists,
        pairing: pairing.as_ref(),
    };
    let resolver = config::Resolver::new(&config, &cli);
    let settings_for = |input: &engine::Input| resolver.settings(input.glob_path());
    let request = fixing::Request::of(args.fix, args.unsafe_fixes, args.diff);
    let stdin_only = paths == [PathBuf::from("-")];
    if request.is_some() && !stdin_only && paths.iter().any(|p| p == Path::new("-")) {
        return Err(Fatal::StdinFixWithOthers);
    }
    let lint = || {
        let mut store = engine::HashedNames::default();
        engine::lint_inputs_with(&walk, &settings_for, &mut store, args.show_files)
    };
    let mut report = match (request, stdin_only) {
        (Some(_), true) => lint_stdin(args, &resolver)?,
        _ => lint(),
    };
    if args.show_files {
        print(|out| show_files(&report, out))?;
        return Ok(if report.errors.is_empty() {
            EXIT_CLEAN
        } else {
            EXIT_FAILURE
        });
    }
    let mut fix_failed = false;
    if let Some(request) = request {
        let settings_of = |path: &Path| resolver.settings(path);
        let mut outcome = fixing::fix_report(request, &report, &settings_of, stdin_only);
        let stderr_color = use_color(args.color, &io::stderr());
        fix_failed = !outcome.errors.is_empty();
        for error in std::mem::take(&mut outcome.errors) {
            report_fatal(Fatal::Fix(error), stderr_color);
        }
        if request.diff {
            return show_diff(&outcome, &report, request, fix_failed);
        }
        report = match stdin_only {
            true => print_fixed_stdin(&outcome, &report, &resolver)?,
            false => lint(),
        };
        report.fixing = Some(engine::Fixing {
            applied: outcome.applied,
            wanted: request.wanted,
        });
    }
    let warnings_as_errors = args.warnings_as_errors || config.warnings_as_errors == Some(true);
    let color = use_color(args.color, &io::stdout());
    let options = render::Options {
        color,
        summary: !args.quiet,
        warnings_fail: warnings_as_errors,
    };
    // With standard input fixed, stdout holds the fixed text and the report goes to stderr.
    let written = match (request, stdin_only) {
        (Some(_), true) => {
            render::render(&report, args.format, &options, &mut io::stderr()).map_err(Fatal::Output)
        }
        _ => print(|out| render::render(&report, args.format, &options, out)).map(|_| ()),
    };
    let failed = !report.errors.is_empty() || fix_failed;
    let stderr_color = use_color(args.color, &io::stderr());
    for error in &report.errors {
        report_fatal(Fatal::Path(error.clone()), stderr_color);
    }
    warn_about_unused_patterns(&config, &paths);
    let mut stderr = io::stderr().lock();
    for note in &report.notes {
        let _ = writeln!(stderr, "note: skipped {note}");
    }
    drop(stderr);
    // A reader that stops early (`| head`) is not an error: the exit code still tells the outcome.
    match written {
        Err(Fatal::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => {
            other?;
        }
    }
    if failed {
        return Ok(EXIT_FAILURE);
    }
    let failing = report.count(Severity::Error) > 0
        || (warnings_as_errors && report.count(Severity::Warning) > 0);
    Ok(if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Standard input read and checked on its own, keeping its text even when clean (`--fix`
/// prints it back).
fn lint_stdin(args: &CheckArgs, resolver: &config::Resolver) -> Result<engine::Report, Fatal> {
    let display = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "-".to_owned());
    let settings = resolver.settings(Path::new(&display));
    let source = crate::text::read_stdin(display.clone(), settings.max_file_size).map_err(|e| {
        Fatal::Path(engine::RunError {
            path: display,
            reason: e.to_string(),
        })
    })?;
    Ok(engine::lint_one(source, &settings))
}

/// `--fix` of standard input: prints the fixed text (or the text as it was) and checks it again.
fn print_fixed_stdin(
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

/// `--diff`: the diff on stdout, what it would do on stderr; exit 1 when it would change a file.
fn show_diff(
    outcome: &fixing::Outcome,
    report: &engine::Report,
    request: fixing::Request,
    failed: bool,
) -> Result<u8, Fatal> {
    print(|out| out.write_all(outcome.diff.as_bytes()))?;
    let unsafe_fix = |d: &&crate::diagnostic::Diagnostic| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Unsafe)
    };
    let more = match request.wanted {
        Applicability::Safe => report.diagnostics.iter().filter(unsafe_fix).count(),
        _ => 0,
    };
    let _ = fixing::write_diff_summary(outcome, more, &mut io::stderr().lock());
    Ok(match (failed, outcome.applied) {
        (true, _) => EXIT_FAILURE,
        (false, 0) => EXIT_CLEAN,
        (false, _) => EXIT_FINDINGS,
    })
}

/// After a run that walked the whole tree the configuration governs, every glob that matched
/// nothing is named on stderr: `include = ["lists"]` that checks nothing should not pass quietly.
fn warn_about_unused_patterns(config: &Config, paths: &[PathBuf]) {
    let (Some(file), true) = (
        &config.path,
        paths.iter().any(|p| p.is_dir() && config.covered_by(p)),
    ) else {
        return;
    };
    let shown = config::shown(file);
    let mut stderr = io::stderr().lock();
    for (key, pattern, line) in config.unused_patterns() {
        let _ = writeln!(
            stderr,
            "warning: the {key} pattern \"{pattern}\" ({shown}:{line}) matched no file"
        );
    }
}

/// `--no-config`, `--config FILE`, or the file found from the current directory.
fn load_config(args: &CheckArgs) -> Result<Config, Fatal> {
    let path = match (&args.config, args.no_config) {
        (_, true) => None,
        (Some(path), false) => Some(path.clone()),
        (None, false) => std::env::current_dir()
            .ok()
            .and_then(|dir| config::discover(&dir)),
    };
    match path {
        Some(path) => config::load(&path).map_err(|e| Fatal::Config(Box::new(e))),
        None => Ok(Config::default()),
    }
}

/// `--show-files`: what the run did with every file it met, and why.
fn show_files(report: &engine::Report, out: &mut dyn Write) -> io::Result<()> {
    for decision in &report.decisions {
        let action = decision.action.as_str();
        writeln!(out, "{action:<11} {}: {}", decision.path, decision.reason)?;
    }
    Ok(())
}

/// `--show-settings PATH`: the effective settings for one file, and where each comes from.
fn show_settings(
    config: &Config,
    cli: &CommandLine,
    pairing: Option<&Arc<Pairing>>,
    paths: &[PathBuf],
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let paths = if paths.is_empty() {
        &[PathBuf::from(".")][..]
    } else {
        paths
    };
    let all: Vec<serde_json::Value> = paths
        .iter()
        .map(|path| settings_of(config, cli, pairing, path))
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &all)?;
        return writeln!(out);
    }
    for (index, shown) in all.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        write_settings(shown, out)?;
    }
    Ok(())
}

/// The effective settings for one path, and where each comes from.
fn settings_of(
    config: &Config,
    cli: &CommandLine,
    pairing: Option<&Arc<Pairing>>,
    path: &Path,
) -> serde_json::Value {
    let settings = config.settings_for(path, cli);
    let csv = Syntax::from_name(path) == Some(Syntax::Csv);
    let pairing = pairing.filter(|_| csv).or(settings.pairing.as_ref());
    let list = pairing.map(|p| {
        let list = match &p.list {
            ListRef::File {
                display, address, ..
            } => match address {
                Some(address) => format!("{display}#{address}"),
                None => display.clone(),
            },
            ListRef::Known(target) => target.label.clone(),
        };
        serde_json::json!({"list": list, "from": p.origin, "id_column": p.id_column, "mode": p.mode.as_str()})
    });
    let configuration = config.path.as_deref().map(config::shown);
    let fixed = Syntax::from_name(path).and_then(model::profile_of_syntax);
    let profile_source = match (fixed, cli.profile, config.profile) {
        (Some(_), _, _) => "the file's syntax",
        (None, Some(_), _) => "--profile",
        (None, None, Some(_)) => "configuration",
        (None, None, None) => "default",
    };
    let rules: Vec<serde_json::Value> = settings
        .levels()
        .iter()
        .map(|level| {
            let shown = match level.level {
                Level::On(severity) => severity.as_str(),
                Level::Off => "off",
            };
            serde_json::json!({"rule": level.rule, "level": shown, "source": level.source.to_string()})
        })
        .collect();
    serde_json::json!({
        "path": shown_path(path),
        "configuration": configuration,
        "profile": fixed.or(settings.profile).map(Profile::as_str),
        "profile_source": profile_source,
        "max_file_size": settings.max_file_size,
        "excluded": config.is_excluded(path),
        "name_scopes": config.name_scopes.is_some(),
        "name_scope": settings.name_scope,
        "contacts": list,
        "rules": rules,
    })
}

/// `--show-settings` for people.
fn write_settings(shown: &serde_json::Value, out: &mut dyn Write) -> io::Result<()> {
    let text = |key: &str| shown[key].as_str().unwrap_or_default().to_owned();
    writeln!(out, "Settings for {}", text("path"))?;
    let configuration = shown["configuration"]
        .as_str()
        .unwrap_or("none (built-in defaults)");
    writeln!(out, "  configuration: {configuration}")?;
    let profile = shown["profile"]
        .as_str()
        .unwrap_or("auto (detected from each file)");
    writeln!(out, "  profile: {profile} ({})", text("profile_source"))?;
    let size = shown["max_file_size"].as_u64().unwrap_or_default();
    writeln!(out, "  max-file-size: {}", human_size(size))?;
    let excluded = if shown["excluded"] == true {
        "yes (by `exclude`; named files are still checked unless --force-exclude)"
    } else {
        "no"
    };
    writeln!(out, "  excluded: {excluded}")?;
    if shown["name_scopes"] == true {
        let scope = shown["name_scope"]
            .as_str()
            .unwrap_or("none (the run's own)");
        writeln!(out, "  name scope: {scope}")?;
    }
    let list = &shown["contacts"];
    if let Some(name) = list["list"].as_str() {
        let id = list["id_column"].as_str().unwrap_or("none");
        let mode = list["mode"].as_str().unwrap_or_default();
        let from = list["from"].as_str().unwrap_or_default();
        writeln!(
            out,
            "  list: {name} (from {from}); id column: {id}; mode: {mode}"
        )?;
    }
    writeln!(out, "  rules:")?;
    for rule in shown["rules"].as_array().into_iter().flatten() {
        let field = |key: &str| rule[key].as_str().unwrap_or_default();
        writeln!(
            out,
            "    {:<36} {:<8} {}",
            field("rule"),
            field("level"),
            field("source")
        )?;
    }
    Ok(())
}

/// Whether to colour what goes to `stream`: as asked, or when it is a terminal and `NO_COLOR`
/// is unset.
fn use_color(choice: ColorChoice, stream: &impl IsTerminal) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && stream.is_terminal()
        }
    }
}

fn list_rules(format: ListFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ListFormat::Text => {
            for rule in RULES.iter().map(|r| r.meta()) {
                let profiles: Vec<&str> = rule.profiles.iter().map(|p| p.as_str()).collect();
                writeln!(
                    out,
                    "{:<36} {:<8} {:<24} {}",
                    rule.id,
                    rule.severity,
                    profiles.join(","),
                    rule.summary
                )?;
            }
            writeln!(
                out,
                "\nTurn a rule off with `--ignore RULE`, or in contactlint.toml under [rules]: RULE = \"off\"."
            )
        }
        ListFormat::Json => {
            let list: Vec<_> = RULES
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "id": m.id, "severity": m.severity, "profiles": m.profiles,
                        "summary": m.summary, "docs": m.documentation(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)
        }
    }
}

fn explain(id: &str) -> Result<u8, Fatal> {
    let rule = rules::find(id)
        .ok_or_else(|| Fatal::UnknownRule(UnknownRule::new(id)))?
        .meta();
    let profiles: Vec<&str> = rule.profiles.iter().map(|p| p.as_str()).collect();
    print(|out| {
        writeln!(out, "# {}\n", rule.id)?;
        let fix = match rule.fix {
            Some(Applicability::Safe) => "safe (applied by `--fix`)",
            Some(_) => "unsafe (applied by `--fix --unsafe-fixes`)",
            None => "none",
        };
        writeln!(
            out,
            "Severity: {} · Profiles: {} · Fix: {fix}\n",
            rule.severity,
            profiles.join(", ")
        )?;
        writeln!(out, "{}\n", rule.documentation())?;
        writeln!(
            out,
            "Turn it off for one run with `--ignore {id}`, or in contactlint.toml:\n\n    [rules]\n    {id} = \"off\"",
            id = rule.id
        )
    })
}

/// The pairing of `--list`, `--id-column` and `--append`; a list that does not exist stops the
/// run.
fn command_line_pairing(args: &CheckArgs) -> Result<Option<Arc<Pairing>>, Fatal> {
    let Some(list) = &args.list else {
        return Ok(None);
    };
    let (path, address) = config::split_address(list);
    if !Path::new(path).is_file() {
        return Err(Fatal::Path(engine::RunError {
            path: path.to_owned(),
            reason: "the list given with --list does not exist".into(),
        }));
    }
    Ok(Some(Arc::new(Pairing {
        list: ListRef::File {
            path: PathBuf::from(path),
            display: shown_path(path),
            address: address.map(str::to_owned),
        },
        id_column: args.id_column.clone(),
        mode: if args.append {
            Mode::Append
        } else {
            Mode::Create
        },
        origin: "--list".into(),
    })))
}
