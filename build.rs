//! Puts the commit the binary is built from into `--version`, when the build runs in a git
//! checkout (a source archive without `.git` gives the version alone).

use std::process::Command;

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    let text = match commit() {
        Some(commit) => format!("{version} ({commit})"),
        None => version.to_owned(),
    };
    println!("cargo:rustc-env=CONTACTLINT_VERSION={text}");
    // A new commit or checkout changes HEAD or the ref it points to.
    for path in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        println!("cargo:rerun-if-changed={path}");
    }
}

/// The short hash of HEAD.
fn commit() -> Option<String> {
    let output = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    let hash = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    (!hash.is_empty()).then_some(hash)
}
