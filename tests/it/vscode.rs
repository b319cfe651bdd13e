//! The VS Code extension (`editors/vscode/`, docs/integrations/editors.md): its manifest against `Cargo.toml` and the
//! SPEC, the fixture workspace's findings against `check`, and the extension in a real VS Code.
//!
//! The last is `#[ignore]`d, since it needs code-server (npm), Chromium and Selenium: `.ci/run`
//! installs the Debian packages and Selenium and runs it with `--include-ignored`, where a
//! missing tool fails it. It installs code-server and the extension's npm dependencies with a
//! fresh HOME, TMPDIR and npm cache (`tests/vscode/install.sh`, into `target/vscode-e2e`), builds
//! the universal `.vsix` (`npx @vscode/vsce package`, stdin closed), runs the extension's unit
//! tests, builds the platform one with this build's binary inside
//! (`editors/vscode/scripts/package-platform.sh`), then `tests/vscode/e2e.py`: code-server with
//! that `.vsix` installed, the fixture workspace in headless Chromium, and
//! `tests/vscode/harness/runner.js` in VS Code's extension host, which asserts what VS Code shows.
//! Its screenshot is `target/vscode.png` (the README's is a copy).

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use contactlint::syntax::Syntax;
use serde_json::Value;

use crate::common::{REPO, run};

fn json(path: &str) -> Value {
    let text = fs::read_to_string(Path::new(REPO).join(path)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The extension's version is contactlint's: it refuses a server older than itself, so the two
/// are released together (docs/integrations/editors.md).
#[test]
fn the_extensions_version_follows_cargo_toml() {
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(json("editors/vscode/package.json")["version"], version);
    let lock = json("editors/vscode/package-lock.json");
    assert_eq!(lock["version"], version);
    assert_eq!(lock["packages"][""]["version"], version);
}

/// The settings and commands docs/integrations/editors.md names, the languages it is attached to, and what vsce needs
/// to package without asking (a LICENSE, the repository's, and a repository).
#[test]
fn the_manifest_has_the_settings_commands_and_languages_of_the_spec() {
    let manifest = json("editors/vscode/package.json");
    let contributes = &manifest["contributes"];
    let settings: Vec<&str> = contributes["configuration"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        settings,
        [
            "contactlint.enable",
            "contactlint.path",
            "contactlint.configuration",
            "contactlint.providerVersion",
            "contactlint.trace.server"
        ]
    );
    let commands: Vec<&str> = contributes["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    assert_eq!(
        commands,
        [
            "contactlint.restart",
            "contactlint.fixAll",
            "contactlint.showOutput"
        ]
    );
    let activation: Vec<&str> = manifest["activationEvents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    for language in ["json", "jsonc", "toml", "terraform", "csv"] {
        assert!(
            activation.contains(&format!("onLanguage:{language}").as_str()),
            "{language}: {activation:?}"
        );
    }
    // Only the languages VS Code lacks, by the ids other extensions give them (HashiCorp's
    // `terraform`, Even Better TOML's `toml`), so that theirs keep working.
    let languages: Vec<(&str, &str)> = contributes["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let id = l["id"].as_str().unwrap();
            (id, l["extensions"][0].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        languages,
        [("toml", ".toml"), ("terraform", ".tf"), ("csv", ".csv")]
    );
    for (language, extension) in languages {
        let named = Syntax::from_name(Path::new(&format!("x{extension}")));
        assert!(named.is_some(), "{language}: {extension} is no syntax's");
    }
    assert_eq!(
        fs::read_to_string(Path::new(REPO).join("editors/vscode/LICENSE")).unwrap(),
        fs::read_to_string(Path::new(REPO).join("LICENSE")).unwrap()
    );
    assert_eq!(manifest["license"], "MIT");
    // The Marketplace page's screenshot: the end-to-end test's, at an address vsce keeps (it
    // would make a relative one relative to the repository's root, not to editors/vscode).
    let readme = fs::read_to_string(Path::new(REPO).join("editors/vscode/README.md")).unwrap();
    assert!(readme.contains(
        "(https://github.com/OWNER/contactlint/raw/HEAD/editors/vscode/images/screenshot.png)"
    ));
    let png = fs::read(Path::new(REPO).join("editors/vscode/images/screenshot.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    assert_eq!(
        manifest["repository"]["url"],
        "https://github.com/OWNER/contactlint.git"
    );
}

/// The extension gives the server the files of every syntax by name (its document selector's
/// `pattern`), whatever language another extension gives them: the extensions of
/// `Syntax::ALL`, no other.
#[test]
fn the_extension_gives_the_server_the_files_of_every_syntax() {
    let source = fs::read_to_string(Path::new(REPO).join("editors/vscode/src/extension.ts"));
    let source = source.unwrap();
    let patterns: Vec<&str> = source
        .match_indices("pattern: \"**/*.{")
        .map(|(at, found)| {
            let list = &source[at + found.len()..];
            &list[..list.find("}\"").expect("the pattern ends")]
        })
        .collect();
    let [pattern] = patterns[..] else {
        panic!("one pattern of files in extension.ts: {patterns:?}");
    };
    let mut given: Vec<&str> = pattern.split(',').collect();
    let mut expected: Vec<&str> = Syntax::ALL
        .iter()
        .flat_map(|syntax| syntax.extensions())
        .copied()
        .collect();
    given.sort_unstable();
    expected.sort_unstable();
    assert_eq!(given, expected);
}

/// What `tests/vscode/expected.json` says VS Code must show is what `check` gives for the
/// fixture workspace: rule ids, lines and columns, every finding of every file.
#[test]
fn the_fixture_workspace_gives_what_the_vscode_test_expects() {
    let workspace = Path::new(REPO).join("tests/vscode/workspace");
    let (code, stdout, _) = run(&workspace, &["check", "--format", "concise", "."]);
    assert_eq!(code, 1, "{stdout}");
    let mut given: Vec<String> = stdout
        .lines()
        .filter_map(|line| {
            let (place, rest) = line.split_once(": ")?;
            let code = rest.split_once('[')?.1.split_once(']')?.0;
            Some(format!("{place} {code}"))
        })
        .collect();
    given.sort();
    let mut expected: Vec<String> = json("tests/vscode/expected.json")["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["code"].as_str().unwrap()
            )
        })
        .collect();
    expected.sort();
    assert_eq!(given, expected);
    assert_eq!(expected.len(), 5);
}

/// Runs a command (from the repository root unless it says where), its stdin closed, and fails
/// with its output unless it succeeds.
fn succeeds(command: &mut Command, what: &str) -> String {
    if command.get_current_dir().is_none() {
        command.current_dir(REPO);
    }
    let output = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    );
    assert!(output.status.success(), "{what} failed:\n{out}\n{err}");
    out + &err
}

/// The extension in code-server: see the module's documentation. Needs npm (code-server and the
/// extension's packages), Debian's chromium, chromium-driver, libkrb5-dev and ripgrep, Node 20
/// and Selenium.
#[test]
#[ignore = "needs code-server and chromium; .ci/run installs them and runs this"]
fn vscode_shows_the_findings_applies_fixes_and_sees_files_change() {
    let target = Path::new(REPO).join("target/vscode-e2e");
    let started = Instant::now();
    let installed = succeeds(
        Command::new("bash")
            .arg("tests/vscode/install.sh")
            .arg(&target),
        "tests/vscode/install.sh",
    );
    // Shown with `--nocapture`: what was installed, and how long it took.
    let mut shown = std::io::stderr();
    let _ = writeln!(shown, "{installed}(install: {:.0?})", started.elapsed());
    let extension = Path::new(REPO).join("editors/vscode");
    // The universal .vsix, as a user without Rust packages it: no binary inside. Its
    // `vscode:prepublish` compiles the extension and its unit tests.
    let version = env!("CARGO_PKG_VERSION");
    let universal = target.join(format!("contactlint-{version}.vsix"));
    let _ = fs::remove_file(&universal);
    succeeds(
        Command::new("npx")
            .args(["@vscode/vsce", "package", "--out"])
            .arg(&universal)
            .current_dir(&extension),
        "npx @vscode/vsce package",
    );
    let listing = succeeds(
        Command::new("python3")
            .args(["-m", "zipfile", "-l"])
            .arg(&universal),
        "listing the .vsix",
    );
    assert!(
        listing.contains("extension/out/src/extension.js"),
        "{listing}"
    );
    assert!(listing.contains("extension/node_modules/vscode-languageclient/"));
    assert!(!listing.contains("extension/bundled/"), "{listing}");
    assert!(!listing.contains("extension/src/"), "{listing}");
    succeeds(
        Command::new("node")
            .args(["--test", "out/test/"])
            .current_dir(&extension),
        "the extension's unit tests (node --test)",
    );
    // The platform .vsix, with this build's binary.
    let platform = target.join("contactlint-linux-x64.vsix");
    succeeds(
        Command::new("bash")
            .arg("editors/vscode/scripts/package-platform.sh")
            .args(["--binary", env!("CARGO_BIN_EXE_contactlint"), "--out"])
            .arg(&platform),
        "editors/vscode/scripts/package-platform.sh",
    );
    let screenshot = Path::new(REPO).join("target/vscode.png");
    let _ = fs::remove_file(&screenshot);
    let started = Instant::now();
    let ran = succeeds(
        Command::new("python3")
            .arg("tests/vscode/e2e.py")
            .arg(&target)
            .arg(&platform)
            .arg(&screenshot),
        "tests/vscode/e2e.py",
    );
    let took = started.elapsed();
    let _ = writeln!(shown, "{ran}(the VS Code test: {took:.1?})");
    assert!(
        ran.contains("an older server, or none, is refused"),
        "{ran}"
    );
    assert!(took < Duration::from_secs(60), "{took:?}");
    assert!(
        screenshot.is_file(),
        "no screenshot at {}",
        screenshot.display()
    );
}
