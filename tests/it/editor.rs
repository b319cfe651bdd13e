//! A real editor against `contactlint server`: headless Neovim (Debian's `neovim` package, its
//! built-in LSP client) opens a bad list, the test reads back the diagnostics Neovim holds and the
//! line after Neovim applied the server's quick fix. `#[ignore]`d, since it needs `nvim`: `.ci/run`
//! installs Neovim and runs it with `--include-ignored`, where a missing `nvim` fails it.

use std::fs;
use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs Neovim (apt-get install neovim); .ci/run installs it and runs this"]
fn neovim_shows_the_diagnostics_and_applies_a_code_action() {
    let version = Command::new("nvim").arg("--version").output();
    assert!(
        version.is_ok_and(|o| o.status.success()),
        "Neovim is not installed: apt-get install neovim"
    );
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("sales.json");
    fs::write(
        &list,
        "{\n  \"name\": \"Sales\",\n  \"columnNames\": [\"Cell\"],\n  \"phoneColumns\": \
            [{\"columnName\": \"Cel\", \"type\": \"cell\"}]\n}\n",
    )
    .unwrap();
    let out = dir.path().join("out.txt");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editor/neovim.lua");
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(dir.path())
        .env("CONTACTLINT_BIN", env!("CARGO_BIN_EXE_contactlint"))
        .env("CONTACTLINT_FILE", &list)
        .env("CONTACTLINT_OUT", &out)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "diagnostic 3:34 `phoneColumns[0].columnName` names the column \"Cel\", which is not in \
            columnNames | help: did you mean \"Cell\"?\n\
         action Did you mean \"Cell\"? (undeclared-column)\n\
         line   \"phoneColumns\": [{\"columnName\": \"Cell\", \"type\": \"cell\"}]\n"
    );
}
