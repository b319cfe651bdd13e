"""The contactlint extension in a real VS Code: code-server, headless Chromium, an extension test.

Installs the .vsix into a fresh code-server (its user-data, extensions and configuration
directories, and HOME, under a temporary directory: never the user's), starts code-server on
127.0.0.1 in its own process group, and opens a copy of the fixture workspace
(tests/vscode/workspace) in Debian's Chromium, headless, driven by Selenium. The workbench is
opened with `extensionDevelopmentPath` (tests/vscode/harness, an empty extension) and
`extensionTestsPath` (harness/runner.js), so VS Code runs the runner in its extension host and
hands its exit code to `window.codeAutomationExit`, which this script defines before the page
loads. The runner asks for the screenshot when the findings are shown.

Usage: python3 tests/vscode/e2e.py CODE_SERVER_PREFIX VSIX SCREENSHOT
(run by tests/it/vscode.rs after tests/vscode/install.sh; exit 0 only when the runner passed)
"""

import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

HERE = pathlib.Path(__file__).resolve().parent
TIMEOUT = 90

# The workbench as a new user would have it, minus what gets in a screenshot's way.
USER_SETTINGS = {
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": False,
    "workbench.enableExperiments": False,
    "security.workspace.trust.enabled": False,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": False,
    "extensions.autoUpdate": False,
    "extensions.ignoreRecommendations": True,
    "chat.commandCenter.enabled": False,
    "editor.minimap.enabled": False,
    "git.enabled": False,
    "remote.autoForwardPorts": False,
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(prefix, vsix, screenshot):
    code_server = pathlib.Path(prefix).resolve() / "code-server" / "node_modules" / ".bin" / "code-server"
    if not code_server.exists():
        sys.exit(f"e2e.py: no code-server at {code_server}: run tests/vscode/install.sh first")
    for tool in ["chromium", "chromedriver"]:
        if shutil.which(tool) is None:
            sys.exit(f"e2e.py: {tool} is not installed (apt-get install chromium chromium-driver)")
    temporary = pathlib.Path(tempfile.mkdtemp(prefix="contactlint-vscode-"))
    try:
        return run(code_server, pathlib.Path(vsix).resolve(), pathlib.Path(screenshot), temporary)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def run(code_server, vsix, screenshot, temporary):
    home, user_data, extensions = (temporary / name for name in ["home", "user-data", "extensions"])
    for directory in [home, user_data / "User", extensions]:
        directory.mkdir(parents=True)
    (user_data / "User" / "settings.json").write_text(json.dumps(USER_SETTINGS, indent=2))
    config = temporary / "config.yaml"
    config.write_text("auth: none\ncert: false\n")
    workspace = temporary / "workspace"
    shutil.copytree(HERE / "workspace", workspace)
    shutil.copy(HERE / "expected.json", temporary / "expected.json")
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"))
    directories = ["--user-data-dir", str(user_data), "--extensions-dir", str(extensions),
                   "--config", str(config)]

    started = time.monotonic()
    install = subprocess.run([str(code_server), *directories, "--install-extension", str(vsix)],
                             env=env, capture_output=True, text=True, timeout=TIMEOUT)
    print(install.stdout.strip())
    if install.returncode != 0:
        print(install.stderr, file=sys.stderr)
        return 1
    installed = time.monotonic()

    port = free_port()
    log = open(temporary / "code-server.log", "w")
    server = subprocess.Popen(
        [str(code_server), *directories, "--bind-addr", f"127.0.0.1:{port}", "--auth", "none",
         "--disable-telemetry", "--disable-workspace-trust", "--disable-update-check",
         "--disable-getting-started-override", str(workspace)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    browser = None
    try:
        wait_for(lambda: healthy(port), "code-server to answer", 30)
        browser = chromium()
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 1280, "height": 820, "deviceScaleFactor": 1, "mobile": False})
        # VS Code calls this when the extension test ends (its exit code, and logs).
        browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": (
            "window.codeAutomationExit = (code) => { window.__contactlintExit = code; };")})
        remote = f"vscode-remote://127.0.0.1:{port}"
        payload = json.dumps([
            ["extensionDevelopmentPath", remote + str(HERE / "harness")],
            ["extensionTestsPath", remote + str(HERE / "harness" / "runner.js")],
        ])
        query = urllib.parse.urlencode({"folder": str(workspace), "payload": payload})
        browser.get(f"http://127.0.0.1:{port}/?{query}")
        code = None
        deadline = time.monotonic() + TIMEOUT
        while code is None and time.monotonic() < deadline:
            if (temporary / "screenshot-ready").exists() and not (temporary / "screenshot-taken").exists():
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                browser.save_screenshot(str(screenshot))
                (temporary / "screenshot-taken").write_text("")
            code = browser.execute_script("return window.__contactlintExit;")
            time.sleep(0.1)
        finished = time.monotonic()
    finally:
        if browser is not None:
            browser.quit()
        stop(server)
        log.close()
    result = temporary / "result.json"
    if result.exists():
        report = json.loads(result.read_text())
        for step in report["steps"]:
            print(f"{step['ms']:>6} ms  {step['step']}")
        print(f"status: {json.dumps(report['status'])}")
    if code != 0:
        print(f"e2e.py: the extension test {'timed out' if code is None else f'exited with {code}'}",
              file=sys.stderr)
        print((temporary / "code-server.log").read_text()[-6000:], file=sys.stderr)
        for log_file in sorted((user_data / "logs").rglob("*.log")):
            if "exthost" in log_file.name or "contactlint" in log_file.name:
                print(f"--- {log_file}", file=sys.stderr)
                print(log_file.read_text()[-6000:], file=sys.stderr)
        return 1
    if not screenshot.is_file():
        print("e2e.py: no screenshot was taken", file=sys.stderr)
        return 1
    print(f"installed the .vsix in {installed - started:.1f} s; the test ran in "
          f"{finished - installed:.1f} s (code-server's start, the workbench, the extension test)")
    return 0


def healthy(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_for(condition, what, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise RuntimeError(f"timed out waiting for {what}")


def chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800",
                     "--disable-dev-shm-usage", "--no-first-run"]:
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))


def stop(process):
    """Ends code-server's process group: its file watcher and extension host outlive its pid."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()

if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
