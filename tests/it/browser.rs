//! The browser page (`web/`, docs/playground.md) in a real browser: `bash web/build.sh` builds it for
//! wasm32, then `tests/browser/page.py` loads it in headless Chromium (Debian's package, driven by
//! Selenium with `chromium-driver`) and compares what it shows with this build's `check` on the
//! same texts, CSVs included; then the page's own promises (no all-clear after a CSV changed on
//! disk, a Latin-1 list, a CSV with no list, drag and drop, the share link, dark mode, 390 px, the
//! page from disk) and no network request after load, the workers' included (a net-log).
//! `#[ignore]`d, since it needs the wasm target, Chromium and Selenium: `.ci/run` installs them and
//! runs it with `--include-ignored`, where a missing one fails it. Screenshots:
//! `target/playground.png` (`docs/playground.png` is taken from it) and
//! `target/playground-390.png`.

use std::path::Path;
use std::process::Command;

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
