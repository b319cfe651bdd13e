//! `check`: the command line made into settings and inputs, the run, fixes, output and the exit
//! code, one step each.

use crate::model::provider::{Choice, Source};
use crate::workspace::OneRun;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::fatal::report_fatal;
use super::{
    CheckArgs, EXIT_CLEAN, EXIT_FAILURE, EXIT_FINDINGS, Fatal, ProfileChoice, check_stdin, fixing,
    print, show_files, show_settings, use_color,
};
use crate::diagnostic::{Applicability, Severity};
use crate::engine;
use crate::model::Profile;
use crate::render::{self, OutputFormat};
use crate::settings::config::{self, CommandLine, Config};
use crate::settings::{Pairing, Selection, parse_rule_list};
use crate::walk::Walk;

/// `check`: settings, the run, fixes, then output and the exit code.
pub(super) fn check(args: &CheckArgs) -> Result<u8, Fatal> {
    let cli = command_line(args)?;
    let config = load_config(args)?;
    let pairing = command_line_pairing(args)?;
    if args.show_settings {
        let json = args.format == OutputFormat::Json;
        let shown = show_settings::ShowSettings::of(&config, &cli, pairing.as_ref(), &args.paths);
        return print(|out| shown.write(json, out));
    }
    let paths = paths_of(args);
    // One environment for the run: the callers of a module are searched once, for its
    // provider version and for its resolution.
    let environment = OneRun::default();
    let walk = Walk {
        stdin_name: args.stdin_filename.as_deref(),
        force_exclude: args.force_exclude,
        skip_non_lists: args.skip_non_lists,
        pairing: pairing.as_ref(),
        environment: &environment,
        ..Walk::new(&paths, &config)
    };
    let resolver = config::Resolver::new(&config, &cli).with_environment(&environment);
    let request = fixing::Request::of(args.fix, args.unsafe_fixes, args.diff);
    let stdin_only = paths == [PathBuf::from("-")];
    if request.is_some() && !stdin_only && paths.iter().any(|p| p == Path::new("-")) {
        return Err(Fatal::StdinFixWithOthers);
    }
    let run = Run {
        args,
        walk,
        resolver: &resolver,
        stdin_only,
    };
    let mut report = match (request, stdin_only) {
        (Some(_), true) => check_stdin::lint_stdin(args, &resolver)?,
        _ => run.lint(),
    };
    if args.show_files {
        print(|out| show_files::show_files(&report, out))?;
        return Ok(exit_code(report.errors.is_empty(), false));
    }
    let mut fix_failed = false;
    if let Some(request) = request {
        match run.fix(request, report)? {
            Fixed::Diffed(code) => return Ok(code),
            Fixed::Checked(again, failed) => (report, fix_failed) = (*again, failed),
        }
    }
    let warnings_as_errors = args.warnings_as_errors || config.warnings_as_errors == Some(true);
    let job = job_of(args, &config);
    let written = run
        .render(&report, &job, warnings_as_errors, request.is_some())
        .and_then(|()| write_outputs(args, &report, &job, warnings_as_errors));
    run.tell(&report, &config, &paths);
    // A reader that stops early (`| head`) is not an error: the exit code still tells the outcome.
    match written {
        Err(Fatal::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    if !report.errors.is_empty() || fix_failed {
        return Ok(EXIT_FAILURE);
    }
    let failing = report.count(Severity::Error) > 0
        || (warnings_as_errors && report.count(Severity::Warning) > 0);
    Ok(exit_code(true, failing && !args.exit_zero))
}

/// What the CI formats need of the run: the formats it writes, and the repository's root (the
/// nearest directory holding `.git`, else the configuration's, else the working directory),
/// which their paths are relative to.
fn job_of(args: &CheckArgs, config: &Config) -> render::Job {
    let formats = std::iter::once(args.format)
        .chain(args.output.iter().map(|(format, _)| *format))
        .collect();
    let roots = std::env::current_dir().ok().map(|working_dir| {
        let repository = working_dir
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .map(Path::to_path_buf);
        let configured = config.path.as_ref().map(|_| config.root.clone());
        let root = repository
            .or(configured)
            .unwrap_or_else(|| working_dir.clone());
        (working_dir, root)
    });
    render::Job { roots, formats }
}

/// `--output FORMAT=PATH`: each format written to its file, without colour.
fn write_outputs(
    args: &CheckArgs,
    report: &engine::Report,
    job: &render::Job,
    warnings_fail: bool,
) -> Result<(), Fatal> {
    let options = render::Options {
        color: false,
        summary: !args.quiet,
        warnings_fail,
    };
    for (format, path) in &args.output {
        let write = || -> io::Result<()> {
            let mut out = io::BufWriter::new(std::fs::File::create(path)?);
            render::render_for(report, *format, &options, job, &mut out)?;
            out.flush()
        };
        write().map_err(|e| {
            let shown = crate::text::shown_from_cwd(path);
            Fatal::Output(io::Error::new(e.kind(), format!("{shown}: {e}")))
        })?;
    }
    Ok(())
}

/// The exit code of a run that did (`ran`) or did not fail, with or without failing findings.
fn exit_code(ran: bool, failing: bool) -> u8 {
    match (ran, failing) {
        (false, _) => EXIT_FAILURE,
        (true, true) => EXIT_FINDINGS,
        (true, false) => EXIT_CLEAN,
    }
}

/// `--profile`, `--select` and `--ignore`: what the command line sets over the configuration.
fn command_line(args: &CheckArgs) -> Result<CommandLine, Fatal> {
    // `--select a,b --select c` is `--select a,b,c`; none given is no selection.
    let parse_list = |lists: &[String]| -> Result<Option<Vec<&'static str>>, Fatal> {
        if lists.is_empty() {
            return Ok(None);
        }
        let ids = parse_rule_list(&lists.join(",")).map_err(Fatal::UnknownRule)?;
        Ok(Some(ids))
    };
    Ok(CommandLine {
        profile: args.profile.map(|choice| match choice {
            ProfileChoice::Auto => None,
            ProfileChoice::Definition => Some(Profile::Definition),
            ProfileChoice::Api => Some(Profile::Api),
        }),
        selection: Selection {
            select: parse_list(&args.select)?,
            ignore: parse_list(&args.ignore)?.unwrap_or_default(),
        },
        provider: args
            .provider_version
            .as_deref()
            .map(|version| Choice::written(version, Source::CommandLine)),
    })
}

/// The paths to check: as given, or standard input with only `--stdin-filename`, or `.`.
fn paths_of(args: &CheckArgs) -> Vec<PathBuf> {
    match (&args.paths[..], &args.stdin_filename) {
        ([], Some(_)) => vec![PathBuf::from("-")],
        ([], None) => vec![PathBuf::from(".")],
        (paths, _) => paths.to_vec(),
    }
}

/// One `check`'s run: what it walks and how it is set.
struct Run<'a> {
    args: &'a CheckArgs,
    walk: Walk<'a>,
    resolver: &'a config::Resolver<'a>,
    /// Only standard input is checked (and, with `--fix`, printed back fixed).
    stdin_only: bool,
}

/// What fixing gave: a diff shown (with its exit code), or the report of what remains.
enum Fixed {
    Diffed(u8),
    /// The report checked again, and whether writing a fix failed.
    Checked(Box<engine::Report>, bool),
}

impl Run<'_> {
    fn lint(&self) -> engine::Report {
        let settings_for = |input: &engine::Input| self.resolver.settings(input.glob_path());
        let mut store = engine::HashedNames::default();
        engine::lint_inputs_with(&self.walk, &settings_for, &mut store, self.args.show_files)
    }

    /// Applies the fixes (or shows their diff), then checks again.
    fn fix(&self, request: fixing::Request, report: engine::Report) -> Result<Fixed, Fatal> {
        let settings_of = |path: &Path| self.resolver.settings(path);
        let mut outcome = fixing::fix_report(request, &report, &settings_of, self.stdin_only);
        let stderr_color = use_color(self.args.color, &io::stderr());
        let failed = !outcome.errors.is_empty();
        for error in std::mem::take(&mut outcome.errors) {
            report_fatal(Fatal::Fix(error), stderr_color);
        }
        if request.diff {
            return show_diff(&outcome, &report, request, failed).map(Fixed::Diffed);
        }
        let mut again = match self.stdin_only {
            true => check_stdin::print_fixed_stdin(&outcome, &report, self.resolver)?,
            false => self.lint(),
        };
        again.fixing = Some(engine::Fixing {
            applied: outcome.applied,
            wanted: request.wanted,
        });
        Ok(Fixed::Checked(Box::new(again), failed))
    }

    /// Writes the report in the chosen format: on stdout, or on stderr when stdout holds the
    /// fixed standard input.
    fn render(
        &self,
        report: &engine::Report,
        job: &render::Job,
        warnings_fail: bool,
        fixing: bool,
    ) -> Result<(), Fatal> {
        let options = render::Options {
            color: use_color(self.args.color, &io::stdout()),
            summary: !self.args.quiet,
            warnings_fail,
        };
        let format = self.args.format;
        if fixing && self.stdin_only {
            let stderr = &mut io::stderr();
            return render::render_for(report, format, &options, job, stderr)
                .map_err(Fatal::Output);
        }
        print(|out| render::render_for(report, format, &options, job, out)).map(|_| ())
    }

    /// On stderr: the paths that could not be used, patterns that matched nothing, and the
    /// walked entries skipped for a reason worth telling.
    fn tell(&self, report: &engine::Report, config: &Config, paths: &[PathBuf]) {
        let stderr_color = use_color(self.args.color, &io::stderr());
        for error in &report.errors {
            report_fatal(Fatal::Path(error.clone()), stderr_color);
        }
        warn_about_unused_patterns(config, paths);
        let mut stderr = io::stderr().lock();
        for note in &report.notes {
            let _ = writeln!(stderr, "note: skipped {note}");
        }
    }
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
    let shown = crate::text::shown_from_cwd(file);
    let mut stderr = io::stderr().lock();
    for (key, pattern, line) in config.unused_patterns() {
        let _ = writeln!(
            stderr,
            "warning: the {key} pattern \"{pattern}\" ({shown}:{line}) matched no file"
        );
    }
}

/// `--no-config`, `--config FILE`, or the file found from the current directory, which the
/// paths of the command line are relative to.
fn load_config(args: &CheckArgs) -> Result<Config, Fatal> {
    let working_dir = std::env::current_dir().ok();
    let path = match (&args.config, args.no_config) {
        (_, true) => None,
        (Some(path), false) => Some(path.clone()),
        (None, false) => working_dir.as_deref().and_then(config::discover),
    };
    let config = match path {
        Some(path) => config::load(&path).map_err(|e| Fatal::Config(Box::new(e)))?,
        None => Config::default(),
    };
    Ok(match working_dir {
        Some(dir) => config.relative_to(dir),
        None => config,
    })
}

/// The pairing of `--list`, `--id-column` and `--append`; a list that does not exist stops the
/// run.
fn command_line_pairing(args: &CheckArgs) -> Result<Option<Arc<Pairing>>, Fatal> {
    let Some(list) = &args.list else {
        return Ok(None);
    };
    let (path, _) = config::split_address(list);
    if !Path::new(path).is_file() {
        let reason = "the list given with --list does not exist".to_owned();
        return Err(Fatal::Path(engine::RunError::pairing(
            path.to_owned(),
            reason,
        )));
    }
    let pairing = Pairing::command_line(list, args.id_column.clone(), args.append);
    Ok(Some(Arc::new(pairing)))
}
