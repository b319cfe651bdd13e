//! The command line's fatal errors: what stops a run or makes it fail (exit code 2).

use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::engine::RunError;
use crate::fix::FixError;
use crate::settings::UnknownRule;
use crate::settings::config::ConfigError;

/// Errors that stop the run or make it fail (exit code 2), shown as miette diagnostics.
#[derive(Debug)]
pub enum Fatal {
    Config(Box<ConfigError>),
    Path(RunError),
    UnknownRule(UnknownRule),
    Output(io::Error),
    /// A fixed file that could not be written (the others still are).
    Fix(FixError),
    /// Standard input fixed together with other paths.
    StdinFixWithOthers,
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fatal::Config(e) => e.fmt(f),
            Fatal::Path(e) => write!(f, "cannot check {}: {}", e.path, e.reason),
            Fatal::UnknownRule(e) => write!(f, "unknown rule `{}`", e.id),
            Fatal::Output(e) => write!(f, "cannot write the output: {e}"),
            Fatal::Fix(e) => e.fmt(f),
            Fatal::StdinFixWithOthers => {
                write!(
                    f,
                    "`--fix` cannot fix standard input (`-`) together with other paths"
                )
            }
        }
    }
}

impl std::error::Error for Fatal {}

impl miette::Diagnostic for Fatal {
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        match self {
            Fatal::Config(e) => e.source_code(),
            _ => None,
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        match self {
            Fatal::Config(e) => e.labels(),
            _ => None,
        }
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let help = match self {
            Fatal::Config(e) => return e.help(),
            Fatal::Path(error) => error.help(),
            Fatal::UnknownRule(UnknownRule {
                suggestion: Some(s),
                ..
            }) => {
                format!("did you mean `{s}`? `contactlint rules` lists every rule id")
            }
            Fatal::UnknownRule(_) => "`contactlint rules` lists every rule id".to_owned(),
            Fatal::Output(_) => return None,
            Fatal::Fix(FixError::Changed(_)) => {
                "another program changed it while contactlint ran; run again".to_owned()
            }
            Fatal::Fix(FixError::Io(..)) => {
                "check that the file and its directory are writable".to_owned()
            }
            Fatal::StdinFixWithOthers => {
                "fix standard input on its own: the fixed text is printed on stdout".to_owned()
            }
        };
        Some(Box::new(help))
    }
}

/// Prints a fatal error on stderr; a closed pipe is not worth a message.
pub(super) fn report_fatal(error: Fatal, color: bool) {
    if let Fatal::Output(e) = &error
        && e.kind() == io::ErrorKind::BrokenPipe
    {
        return;
    }
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut text = String::new();
    if GraphicalReportHandler::new_themed(theme)
        .render_report(&mut text, &error)
        .is_err()
    {
        text = error.to_string();
    }
    let _ = writeln!(io::stderr().lock(), "{text}");
}
