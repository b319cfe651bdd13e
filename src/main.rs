use std::process::ExitCode;

fn main() -> ExitCode {
    contactlint::cli::run(contactlint::cli::Cli::from_arguments())
}
