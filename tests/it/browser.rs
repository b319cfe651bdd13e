//! The browser page (`web/`, SPEC §16) in a real browser: `bash web/build.sh` builds it for
//! wasm32, then `tests/browser/page.py` loads it in headless Chromium (Debian's package, driven by
//! Selenium with `chromium-driver`) and compares what it shows with this build's `check` on the
//! same texts, a CSV included, with no network request after load. `#[ignore]`d, since it needs
//! the wasm target, Chromium and Selenium: `.ci/run` installs them and runs it with
//! `--include-ignored`, where a missing one fails it.

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
    assert!(
        screenshot.is_file(),
        "no screenshot at {}",
        screenshot.display()
    );
}
