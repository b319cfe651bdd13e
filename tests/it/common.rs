//! Running the contactlint binary from integration tests.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

/// The repository root, where the fixtures are.
pub(crate) const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// The binary, run in `dir`, with `NO_COLOR` unset and a time limit so that a hang fails the test.
pub(crate) fn contactlint(dir: impl AsRef<Path>) -> Command {
    let mut cmd = Command::cargo_bin("contactlint").unwrap();
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .timeout(Duration::from_secs(120));
    cmd
}

/// Runs a command: (exit code, stdout, stderr). A panic message fails the test.
pub(crate) fn output(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code().expect("exited, not killed"),
        String::from_utf8(output.stdout).unwrap(),
        stderr,
    )
}

/// Runs contactlint with `args` in `dir`.
pub(crate) fn run(dir: impl AsRef<Path>, args: &[&str]) -> (i32, String, String) {
    output(contactlint(dir).args(args))
}

/// Runs a command with `input` on its standard input: its exit status and standard output.
pub(crate) fn piped(
    command: &mut std::process::Command,
    input: &str,
) -> (std::process::ExitStatus, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    (output.status, String::from_utf8(output.stdout).unwrap())
}

/// The lines of a step's output that GitHub's runner takes as workflow commands: it splits lines
/// at CR, LF or CRLF, reads `::name` at a line's start (after spaces), and `##[name]` anywhere
/// in a line when `name` is one of its commands (actions/runner, `ActionCommand`).
pub(crate) fn workflow_commands(output: &str) -> Vec<String> {
    const COMMANDS: &[&str] = &[
        "add-mask",
        "add-matcher",
        "add-path",
        "debug",
        "echo",
        "endgroup",
        "error",
        "group",
        "notice",
        "remove-matcher",
        "save-state",
        "set-env",
        "set-output",
        "stop-commands",
        "warning",
    ];
    let old_style = |line: &str| {
        line.match_indices("##[").any(|(at, _)| {
            let rest = &line[at + 3..];
            rest.find(']').is_some_and(|end| {
                let name = rest[..end].split(' ').next().unwrap_or("");
                COMMANDS.contains(&name)
            })
        })
    };
    output
        .split("\r\n")
        .flat_map(|l| l.split(['\r', '\n']))
        .filter(|line| line.trim_start().starts_with("::") || old_style(line))
        .map(str::to_owned)
        .collect()
}
