//! Distribution: `--version`, shell completions, and the pre-commit hooks as a new user meets
//! them — added with no `files:` line to a repository full of ordinary JSON and TOML files.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use contactlint::syntax::Syntax;

use crate::common::{REPO, run};

#[test]
fn version_names_the_crate_version() {
    let (code, stdout, _) = run(REPO, &["--version"]);
    assert_eq!(code, 0);
    let expected = format!("contactlint {}", env!("CARGO_PKG_VERSION"));
    assert!(stdout.starts_with(&expected), "{stdout}");
}

#[test]
fn completions_cover_every_shell_and_the_options() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, stdout, stderr) = run(REPO, &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        for word in ["check", "explain", "skip-non-lists", "force-exclude"] {
            assert!(stdout.contains(word), "{shell} completions lack {word}");
        }
    }
    let (_, bash, _) = run(REPO, &["completions", "bash"]);
    // Rule ids are offered after `explain`, `--select` and `--ignore`.
    let offering_ids = bash
        .lines()
        .filter(|l| l.contains("column-not-in-list"))
        .count();
    assert_eq!(offering_ids, 3, "{bash}");
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("contactlint.bash");
    fs::write(&script, bash).unwrap();
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(syntax.success(), "the bash completions do not parse");
}

/// `key: value` lines of every hook in a `.pre-commit-hooks.yaml`, by hook id.
fn hooks(path: &str) -> Vec<(String, Vec<(String, String)>)> {
    let text = fs::read_to_string(Path::new(REPO).join(path)).unwrap();
    let mut found: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let (key, value) = match line.split_once(": ") {
            Some((key, value)) => (key.trim_start_matches(['-', ' ']), value.trim()),
            None => continue,
        };
        if line.starts_with("- id:") {
            found.push((value.to_owned(), Vec::new()));
        } else if let Some((_, fields)) = found.last_mut() {
            fields.push((key.to_owned(), value.to_owned()));
        }
    }
    found
}

/// Every hook variant (rust, system, the python wheel's template) judges files the same way.
#[test]
fn every_hook_variant_runs_the_same_check_on_the_same_files() {
    let all: Vec<(String, Vec<(String, String)>)> = [
        "dist/pre-commit/.pre-commit-hooks.yaml",
        ".pre-commit-hooks.yaml",
    ]
    .into_iter()
    .flat_map(hooks)
    .collect();
    let languages: Vec<&str> = all
        .iter()
        .flat_map(|(_, fields)| fields.iter().filter(|(k, _)| k == "language"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(languages, vec!["python", "rust", "system"]);
    for key in ["entry", "types_or", "require_serial"] {
        let values: Vec<&str> = all
            .iter()
            .map(|(id, fields)| {
                fields
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.as_str())
                    .unwrap_or_else(|| panic!("hook {id} has no {key}"))
            })
            .collect();
        assert!(values.windows(2).all(|w| w[0] == w[1]), "{key}: {values:?}");
    }
    let (_, fields) = &all[0];
    assert!(
        fields
            .iter()
            .any(|(k, v)| k == "entry" && v.contains("--skip-non-lists"))
    );
    assert!(!fields.iter().any(|(k, _)| k == "files"));
}

/// The tag pre-commit's file classifier (`identify`) gives a file of each extension a syntax
/// has: a hook's `types_or` names these tags, not extensions. A new syntax fails
/// [`the_hooks_pass_the_files_of_every_syntax`] until its row is here; the hook test checks the
/// rows against `identify` itself.
const IDENTIFY_TAGS: &[(&str, &str)] = &[
    ("json", "json"),
    ("toml", "toml"),
    ("tf", "terraform"),
    ("tf.json", "json"),
    ("csv", "csv"),
];

/// Every syntax's extensions, each with the tag `identify` gives it.
fn syntax_tags() -> Vec<(&'static str, &'static str)> {
    let extensions = Syntax::ALL.iter().flat_map(|syntax| syntax.extensions());
    extensions
        .map(|extension| {
            let tag = IDENTIFY_TAGS.iter().find(|(e, _)| e == extension);
            let tag = tag.unwrap_or_else(|| {
                panic!(".{extension} has no row in IDENTIFY_TAGS (what identify tags it)")
            });
            (*extension, tag.1)
        })
        .collect()
}

/// Each hook passes the files of every syntax (`Syntax::ALL`), by the tags `identify` gives
/// them, and names no other tag; [`IDENTIFY_TAGS`] has no row for an extension no syntax has.
#[test]
fn the_hooks_pass_the_files_of_every_syntax() {
    let tags: BTreeSet<&str> = syntax_tags().into_iter().map(|(_, tag)| tag).collect();
    let extensions: Vec<&str> = syntax_tags().into_iter().map(|(e, _)| e).collect();
    for (extension, _) in IDENTIFY_TAGS {
        assert!(
            extensions.contains(extension),
            "IDENTIFY_TAGS: no syntax has .{extension}"
        );
    }
    for file in [
        ".pre-commit-hooks.yaml",
        "dist/pre-commit/.pre-commit-hooks.yaml",
    ] {
        for (id, fields) in hooks(file) {
            let types = fields.iter().find(|(k, _)| k == "types_or");
            let (_, types) = types.unwrap_or_else(|| panic!("{file}: {id} has no types_or"));
            let named: BTreeSet<&str> = types
                .trim_matches(['[', ']'])
                .split(',')
                .map(str::trim)
                .collect();
            assert_eq!(named, tags, "{file}: {id}'s types_or");
        }
    }
}

/// `identify` (installed with pre-commit) tags a file of each extension as [`IDENTIFY_TAGS`]
/// says.
fn identify_tags_are_true() {
    let names: Vec<String> = syntax_tags()
        .iter()
        .map(|(extension, _)| format!("x.{extension}"))
        .collect();
    let script = "import sys\nfrom identify.identify import tags_from_filename\n\
        for name in sys.argv[1:]:\n    print(' '.join(sorted(tags_from_filename(name))))";
    let output = Command::new("python3")
        .args(["-c", script])
        .args(&names)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "identify (pre-commit's) cannot be imported: {stderr}"
    );
    for ((extension, tag), tags) in syntax_tags().iter().zip(stdout.lines()) {
        let tags: Vec<&str> = tags.split(' ').collect();
        assert!(
            tags.contains(tag),
            ".{extension}: identify gives {tags:?}, not {tag}"
        );
    }
    assert_eq!(stdout.lines().count(), names.len(), "{stdout}");
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// `pre-commit try-repo` with the `contactlint-system` hook (the binary under test on PATH), on a
/// repository whose JSON and TOML files are the usual project files, then with one bad list.
#[test]
#[ignore = "needs pre-commit (pip install pre-commit); .ci/run installs it and runs this"]
fn the_hook_with_its_defaults_passes_project_files_and_fails_only_a_bad_list() {
    let version = Command::new("pre-commit").arg("--version").output();
    assert!(
        version.is_ok_and(|o| o.status.success()),
        "pre-commit is not installed: pip install pre-commit"
    );
    identify_tags_are_true();
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    fs::create_dir_all(project.join("lists")).unwrap();
    let files = [
        (
            "package.json",
            "{\"name\": \"web\", \"version\": \"1.0.0\", \"scripts\": {}}\n",
        ),
        (
            "tsconfig.json",
            "{\n  // tsc --init writes comments\n  \"compilerOptions\": {\"strict\": true,},\n}\n",
        ),
        (
            "Cargo.toml",
            "[package]\nname = \"x\"\nversion = \"0.1.0\"\n",
        ),
        (
            "pyproject.toml",
            "[project]\nname = \"x\"\nversion = \"0.1.0\"\n",
        ),
    ];
    for (name, text) in files {
        fs::write(project.join(name), text).unwrap();
    }
    git(&project, &["init", "-q"]);
    git(&project, &["add", "-A"]);
    let binary = Path::new(env!("CARGO_BIN_EXE_contactlint"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let try_repo_on = |files: &[&str]| {
        let output = Command::new("pre-commit")
            .args([&["try-repo", REPO, "contactlint-system"][..], files].concat())
            .current_dir(&project)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", dir.path().join("cache"))
            .env("GIT_AUTHOR_NAME", "test")
            .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
            .env("GIT_COMMITTER_NAME", "test")
            .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        (output.status.code(), text)
    };
    let try_repo = || try_repo_on(&["--all-files"]);
    let (code, output) = try_repo();
    assert_eq!(code, Some(0), "{output}");
    let bad = "{\"name\": \"Broken\", \"columnNames\": [\"Cell\"],\n \"phoneColumns\": \
        [{\"columnName\": \"Mobile\", \"type\": \"cell\"}]}\n";
    fs::write(project.join("lists/broken.json"), bad).unwrap();
    git(&project, &["add", "-A"]);
    let (code, output) = try_repo();
    assert_eq!(code, Some(1), "{output}");
    assert!(output.contains("error[undeclared-column]"), "{output}");
    assert!(output.contains("lists/broken.json:2:34"), "{output}");
    for name in [
        "package.json",
        "tsconfig.json",
        "Cargo.toml",
        "pyproject.toml",
    ] {
        assert!(!output.contains(name), "{name} reported:\n{output}");
    }
    // A commit that stages only a contact file: the hook names it alone, and it finds the
    // Terraform list that uploads it (docs/inputs/csv.md).
    fs::remove_file(project.join("lists/broken.json")).unwrap();
    let list = "resource \"genesyscloud_outbound_contact_list\" \"sales\" {\n  name = \"Sales\"\n  \
        column_names = [\"id\", \"phone\"]\n  contacts_filepath = \"contacts/sales.csv\"\n  \
        contacts_id_name = \"id\"\n  phone_columns {\n    column_name = \"phone\"\n    type = \
        \"cell\"\n  }\n}\n";
    fs::write(project.join("main.tf"), list).unwrap();
    fs::create_dir_all(project.join("contacts")).unwrap();
    let csv = project.join("contacts/sales.csv");
    fs::write(&csv, "id,phone\n1,3175550100\n").unwrap();
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "lists"]);
    fs::write(&csv, "id,phone\n1,3175550100\n1,3175550101\n").unwrap();
    git(&project, &["add", "contacts/sales.csv"]);
    let (code, output) = try_repo_on(&["--verbose"]);
    assert_eq!(code, Some(0), "{output}");
    assert!(output.contains("warning[csv-duplicate-id]"), "{output}");
    assert!(output.contains("contacts/sales.csv:3:1"), "{output}");
    // A commit that stages only the list, whose column rename breaks a campaign of another file:
    // the hook names the list alone, and reports the campaign it breaks (labelled in the list).
    let campaign = "resource \"genesyscloud_outbound_campaign\" \"sales\" {\n  name = \"Sales\"\n  \
        contact_list_id = genesyscloud_outbound_contact_list.sales.id\n  dialing_mode = \
        \"preview\"\n  skill_columns = [\"phone\"]\n  phone_columns {\n    column_name = \
        \"phone\"\n  }\n}\n";
    fs::write(project.join("campaigns.tf"), campaign).unwrap();
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "campaign"]);
    fs::write(
        project.join("main.tf"),
        list.replace("\"phone\"", "\"mobile\""),
    )
    .unwrap();
    git(&project, &["add", "main.tf"]);
    let (code, output) = try_repo_on(&["--verbose"]);
    assert_eq!(code, Some(1), "{output}");
    let finding = "error[column-not-in-list]: \"phone\" is not a column of \
        genesyscloud_outbound_contact_list.sales\n  ┌─ campaigns.tf:5:20";
    assert!(output.contains(finding), "{output}");
    assert!(output.contains("┌─ main.tf:3:18"), "{output}");
}

/// The `## Install` section of a Markdown file of the repository: its command lines, from the
/// `git clone` on.
fn install_commands(file: &str) -> Vec<String> {
    let text = fs::read_to_string(Path::new(REPO).join(file)).unwrap();
    let install = text
        .split("## Install\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_else(|| panic!("{file} has no ## Install section"));
    install
        .lines()
        .filter(|line| !line.starts_with('`') && !line.trim().is_empty())
        .skip_while(|line| !line.starts_with("git clone"))
        .map(str::to_owned)
        .collect()
}

/// Nothing is published yet: the install commands of the README and of the getting-started page
/// must work from a clone, and no page names a package no registry has or holds a placeholder a
/// reader cannot act on.
#[test]
fn the_install_commands_install_from_a_clone_until_a_release_exists() {
    for file in ["README.md", "docs/getting-started.md"] {
        let commands = install_commands(file);
        assert!(
            commands
                .iter()
                .any(|c| c.starts_with("cargo install --locked --path .")),
            "{file}: {commands:?}"
        );
        assert!(
            commands
                .iter()
                .any(|c| c.contains("maturin build --release")),
            "{file}: {commands:?}"
        );
    }
    assert!(Path::new(REPO).join("pyproject.toml").exists());
    for page in crate::docs::markdown_pages() {
        for line in fs::read_to_string(&page).unwrap().lines() {
            let command = line.trim_start().trim_start_matches("- run: ");
            assert!(
                !command.starts_with("pipx install contactlint ")
                    && !command.starts_with("pip install contactlint "),
                "{}: installs an unpublished package: {line}",
                page.display()
            );
            assert!(!line.contains("<this repository's URL>"), "{line}");
        }
    }
}
