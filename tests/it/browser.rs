//! The browser page (`web/`, docs/playground.md) in a real browser: `bash web/build.sh` builds it for
//! wasm32, then `tests/browser/page.py` loads it in headless Chromium (Debian's package, driven by
//! Selenium with `chromium-driver`) and compares what it shows with this build's `check` on the
//! same texts, CSVs included; then the page's own promises (no all-clear after a CSV changed on
//! disk, a Latin-1 list, a CSV with no list, drag and drop, the share link, dark mode, 390 px, the
//! page from disk) and no network request after load, the workers' included (a net-log).
//! `#[ignore]`d, since it needs the wasm target, Chromium and Selenium: `.ci/run` installs them and
//! runs it with `--include-ignored`, where a missing one fails it. Without them, the page's syntax
//! select is held to `Syntax::ALL`. Screenshots:
//! `target/playground.png` (`docs/playground.png` is taken from it) and
//! `target/playground-390.png`.

use std::path::Path;
use std::process::Command;

use contactlint::syntax::Syntax;
use serde_json::{Value, json};

/// What the page's file pickers must accept: the extensions of every syntax (`Syntax::ALL`),
/// the list's and the contacts'.
fn pickers() -> Value {
    let of = |contacts: bool| -> Vec<String> {
        let syntaxes = Syntax::ALL
            .iter()
            .filter(|s| s.holds_contacts() == contacts);
        let extensions = syntaxes.flat_map(|syntax| syntax.extensions());
        extensions
            .map(|extension| format!(".{extension}"))
            .collect()
    };
    json!({"list": of(false), "contacts": of(true)})
}

/// Each option of the page's syntax select is a file name whose extension names a list's
/// syntax, and every syntax of lists has one (the page takes extensions from the engine, which
/// takes them from `Syntax::ALL`; this select is the one list of them the page writes).
#[test]
fn the_pages_syntax_select_has_every_syntax_of_lists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(root.join("web/page/index.html")).unwrap();
    let select = html.split("<select id=\"syntax\">").nth(1).unwrap();
    let select = &select[..select.find("</select>").unwrap()];
    let mut named: Vec<Syntax> = select
        .split("<option value=\"")
        .skip(1)
        .map(|option| {
            let value = &option[..option.find('"').unwrap()];
            Syntax::from_name(Path::new(value)).unwrap_or_else(|| panic!("{value}: no syntax"))
        })
        .collect();
    named.sort();
    let lists: Vec<Syntax> = Syntax::ALL
        .iter()
        .copied()
        .filter(|syntax| !syntax.holds_contacts())
        .collect();
    assert_eq!(named, lists);
}

#[test]
#[ignore = "needs the wasm32 target, Chromium and Selenium; .ci/run installs them and runs this"]
fn the_page_gives_what_check_gives_and_sends_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let build = Command::new("bash")
        .arg(root.join("web/build.sh"))
        .status()
        .expect("bash runs web/build.sh");
    assert!(build.success(), "web/build.sh failed");
    assert!(root.join("web/dist/contactlint.wasm").is_file());
    let screenshot = root.join("target/playground.png");
    let narrow = root.join("target/playground-390.png");
    for shot in [&screenshot, &narrow] {
        // A screenshot of an earlier run must not pass for this one's.
        let _ = std::fs::remove_file(shot);
    }
    let run = Command::new("python3")
        .arg(root.join("tests/browser/page.py"))
        .arg(env!("CARGO_BIN_EXE_contactlint"))
        .arg(&screenshot)
        .arg(pickers().to_string())
        .output()
        .expect("python3 runs tests/browser/page.py");
    let (out, err) = (
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr),
    );
    assert!(
        run.status.success(),
        "the browser test failed:\n{out}\n{err}"
    );
    assert!(out.contains("as `check` gives them"), "{out}");
    for shot in [&screenshot, &narrow] {
        assert!(shot.is_file(), "no screenshot at {}", shot.display());
    }
}
