use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    contactlint::cli::run(contactlint::cli::Cli::parse())
}
