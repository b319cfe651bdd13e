//! The command line: arguments, the dispatch to each command (one module each: `check`,
//! `check_stdin`, `show_files`, `show_settings`, `rules` for `rules` and `explain`), and the
//! outcome as an exit code. The only module that prints; its fatal errors ([`Fatal`]) are miette
//! diagnostics. May import every other module; none imports it.

mod check;
mod check_stdin;
mod fatal;
mod fixing;
mod rules;
mod show_files;
mod show_settings;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

pub use fatal::Fatal;
use fatal::report_fatal;

use crate::model::Profile;
use crate::render::OutputFormat;

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

impl Cli {
    /// The command line's arguments, or clap's error and exit; a first argument that names a
    /// path rather than a command (`contactlint .`) gets a tip to check it.
    pub fn from_arguments() -> Cli {
        let error = match Cli::try_parse() {
            Ok(cli) => return cli,
            Err(error) => error,
        };
        let first = std::env::args_os().nth(1).map(PathBuf::from);
        let is_path = first.as_deref().is_some_and(|path| {
            path.exists() || path.to_str().is_some_and(|p| p.contains(['/', '.', '\\']))
        });
        if error.kind() != clap::error::ErrorKind::InvalidSubcommand || !is_path {
            error.exit()
        }
        let shown = first.unwrap_or_default().display().to_string();
        let mut error = error;
        let tip = format!("to check it, run `contactlint check {shown}`");
        error.insert(
            clap::error::ContextKind::Suggested,
            clap::error::ContextValue::StyledStrs(vec![tip.into()]),
        );
        error.exit()
    }
}

/// Rule ids as arguments: any text is taken (an unknown id gets contactlint's own error, with
/// its did-you-mean), and shell completions offer every id.
#[derive(Debug, Clone, Copy)]
struct RuleIds;

impl clap::builder::TypedValueParser for RuleIds {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(command, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let ids = crate::rules::RULES.iter().map(|rule| rule.meta().id);
        let values = ids.map(clap::builder::PossibleValue::new);
        Some(Box::new(values))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check contact-list files and directories (default: the current directory).
    Check(Box<CheckArgs>),
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule id, such as `invalid-list-type`.
        #[arg(value_parser = RuleIds, hide_possible_values = true)]
        rule: String,
    },
    /// Print a profile's JSON Schema (for editors).
    Schema {
        #[arg(value_enum, default_value_t = Profile::Definition)]
        profile: Profile,
    },
    /// Run the language server on stdin and stdout (diagnostics as you type, quick fixes,
    /// hover and completion; see docs/integrations/editors.md).
    Server {
        /// Accepted and ignored: stdio is the only transport (vscode-languageclient passes it).
        #[arg(long, hide = true)]
        stdio: bool,
    },
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
    /// Also write the report in FORMAT to the file PATH (may be repeated: one run writes every
    /// output a CI job needs, such as `--output sarif=contactlint.sarif --output summary=s.md`).
    #[arg(long, value_name = "FORMAT=PATH", value_parser = output_file)]
    pub output: Vec<(OutputFormat, PathBuf)>,
    /// The Genesys provider version to judge Terraform files with (`1.55.0`), instead of the
    /// one their lock file or `required_providers` select.
    #[arg(long, value_name = "VERSION", value_parser = provider_version)]
    pub provider_version: Option<String>,
    /// Run only these rules (comma-separated ids; may be repeated).
    #[arg(long, value_name = "RULES", value_parser = RuleIds, hide_possible_values = true)]
    pub select: Vec<String>,
    /// Never run these rules (comma-separated ids; may be repeated).
    #[arg(long, value_name = "RULES", value_parser = RuleIds, hide_possible_values = true)]
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
        Command::Check(args) => check::check(&args),
        Command::Rules { format } => print(|out| rules::list_rules(format, out)),
        Command::Explain { rule } => rules::explain(&rule),
        Command::Schema { profile } => print(|out| out.write_all(profile.schema_text().as_bytes())),
        Command::Server { stdio: _ } => match crate::server::run_stdio() {
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

/// `--output FORMAT=PATH`.
fn output_file(text: &str) -> Result<(OutputFormat, PathBuf), String> {
    let formats = || {
        let names = OutputFormat::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_owned()));
        names.collect::<Vec<_>>().join(", ")
    };
    let Some((format, path)) = text.split_once('=') else {
        return Err(format!(
            "expected FORMAT=PATH, such as sarif=contactlint.sarif (formats: {})",
            formats()
        ));
    };
    let format = OutputFormat::from_str(format, true)
        .map_err(|_| format!("unknown format '{format}' (formats: {})", formats()))?;
    if path.is_empty() {
        return Err(format!("no file after '{}='", text.trim_end_matches('=')));
    }
    Ok((format, PathBuf::from(path)))
}

/// `--provider-version`: a release `MAJOR.MINOR.PATCH` (one contactlint's table does not cover
/// is judged as the newest, and says so).
fn provider_version(text: &str) -> Result<String, String> {
    match crate::model::provider::Version::parse(text) {
        Some(_) => Ok(text.trim().to_owned()),
        None => Err(format!(
            "expected a release such as {}",
            crate::model::provider::Version::newest()
        )),
    }
}
