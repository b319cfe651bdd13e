//! A real editor against `contactlint server`: headless Neovim (Debian's `neovim` package, its
//! built-in LSP client) opens `package.json`, a commented `tsconfig.json` and `Cargo.toml` (no
//! diagnostic on any) beside a bad list, the test reads back the diagnostics Neovim holds and the
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
    // Beside it, what an editor also opens in a repository: none of them is a list.
    let others = [
        (
            "package.json",
            "{\"name\": \"app\", \"version\": \"1.0.0\"}\n",
        ),
        (
            "tsconfig.json",
            "{\n  // strict\n  \"compilerOptions\": {\"strict\": true},\n}\n",
        ),
        (
            "Cargo.toml",
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\n",
        ),
    ];
    for (name, text) in others {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let out = dir.path().join("out.txt");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editor/neovim.lua");
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(dir.path())
        .env("CONTACTLINT_BIN", env!("CARGO_BIN_EXE_contactlint"))
        .env("CONTACTLINT_FILE", &list)
        .env(
            "CONTACTLINT_OTHERS",
            "package.json tsconfig.json Cargo.toml",
        )
        .env("CONTACTLINT_OUT", &out)
        .status()
        .unwrap();
    assert!(status.success());
    let seen = fs::read_to_string(&out).unwrap();
    let mut others: Vec<&str> = seen.lines().filter(|l| l.starts_with("other ")).collect();
    others.sort_unstable();
    assert_eq!(
        others,
        [
            "other Cargo.toml 0",
            "other package.json 0",
            "other tsconfig.json 0"
        ]
    );
    let list: String = seen
        .lines()
        .filter(|l| !l.starts_with("other "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        list,
        "diagnostic 3:34 `phoneColumns[0].columnName` names the column \"Cel\", which is not in \
            columnNames | help: did you mean \"Cell\"?\n\
         action Change \"Cel\" to \"Cell\"\n\
         line   \"phoneColumns\": [{\"columnName\": \"Cell\", \"type\": \"cell\"}]\n"
    );
}
