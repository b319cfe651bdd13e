"""The browser page in headless Chromium, against the command line.

Loads web/dist/ from a local static server in Debian's Chromium (driven by Selenium with
chromium-driver) and checks that, for the same texts, the page gives what
`contactlint check --format json` gives (rule ids, severities, lines and columns), that its
unsafe fixes give the text `check --fix --unsafe-fixes` writes, that a CSV chosen in the file
input is read and checked against the list (with several lists, against the one chosen, never
a guess; with the ID column and "Appended" as `--id-column` and `--append`), and that no
network request is made once the page has loaded. Saves a screenshot of the page with findings
shown.

Usage: python3 tests/browser/page.py BINARY SCREENSHOT
(run by tests/it/browser.rs after `bash web/build.sh`; fails, never skips, when a tool is missing)
"""

import functools
import http.server
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
DIST = ROOT / "web" / "dist"
RULES = ROOT / "fixtures" / "rules"

# (fixture, the name the page and the command line give the text): JSON, TOML, .tf and .tf.json,
# each with findings, fixes among them.
LISTS = [
    ("invalid-list-type/bad.json", "list.json"),
    ("unknown-field/bad.json", "list.json"),
    ("unknown-field/bad.toml", "list.toml"),
    ("unknown-field/bad-terraform.tf", "main.tf"),
    ("syntax-error/bad.json", "list.json"),
    ("duplicate-column-name/bad.json", "list.json"),
    ("missing-field/bad.json", "list.json"),
    ("block-attribute-mismatch/bad.tf", "main.tf"),
    ("column-not-in-list/bad-messaging.tf.json", "main.tf.json"),
    ("wrong-value-type/bad.json", "list.json"),
    ("ineffective-bound/bad.toml", "list.toml"),
]
# (list fixture, CSV fixture): a contact file with mistakes, paired with its list.
CONTACTS = ("csv-phone-format/list.json", "csv-phone-format/bad.csv")
FIXED = "invalid-list-type/bad.json"
# Two Terraform lists: the CSV above goes into the second, which the page must be told. Its
# header `notes` matches `Notes` only when appended (`--append`).
TWO_LISTS = """
resource "genesyscloud_outbound_contact_list" "other" {
  name         = "Other"
  column_names = ["Home"]
  phone_columns {
    column_name = "Home"
    type        = "home"
  }
}

resource "genesyscloud_outbound_contact_list" "sales" {
  name         = "Sales"
  column_names = ["id", "phone", "email", "name", "score", "Notes"]
  phone_columns {
    column_name = "phone"
    type        = "cell"
  }
}
"""
SALES = "genesyscloud_outbound_contact_list.sales"


class Server(http.server.SimpleHTTPRequestHandler):
    """Serves web/dist and remembers every path asked."""

    asked = []

    def log_message(self, *args):
        Server.asked.append(self.path)


def serve():
    handler = functools.partial(Server, directory=str(DIST))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def cli(binary, directory, *arguments):
    run = subprocess.run([binary, *arguments], cwd=directory, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise AssertionError(f"contactlint {arguments}: exit {run.returncode}\n{run.stderr}")
    return run.stdout


def expected(binary, text, name, extra=(), address=None, flags=()):
    """What `check --format json` says of the text written to a file of that name (with the
    contact files `extra`, paired by `--list NAME[#ADDRESS]` and `flags`)."""
    with tempfile.TemporaryDirectory() as directory:
        (pathlib.Path(directory) / name).write_text(text)
        for source, target in extra:
            shutil.copy(source, pathlib.Path(directory) / target)
        arguments = ["check", "--no-config", "--format", "json", name]
        if extra:
            listed = f"{name}#{address}" if address else name
            arguments += ["--list", listed, *flags] + [target for _, target in extra]
        report = json.loads(cli(binary, directory, *arguments))
    return [comparable(d) for d in report["diagnostics"]]


def comparable(diagnostic):
    start = diagnostic["range"]["start"]
    return (diagnostic["path"], diagnostic["rule"], diagnostic["severity"],
            start["line"], start["column"])


class Page:
    def __init__(self, url):
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--window-size=1400,900", "--disable-dev-shm-usage"]:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        self.driver = webdriver.Chrome(options=options,
                                       service=Service(shutil.which("chromedriver")))
        self.driver.get(url)
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        self.wait_checked(1)

    def wait(self, condition, timeout=60):
        WebDriverWait(self.driver, timeout).until(condition)

    def checks(self):
        return int(self.driver.execute_script("return document.body.dataset.checks || '0'"))

    def wait_checked(self, count):
        self.wait(lambda d: self.checks() >= count)

    def failure(self):
        return self.driver.execute_script(
            "const f = document.getElementById('failure'); return f.hidden ? null : f.textContent")

    def check(self, text, name):
        """Types nothing: sets the text and syntax as a paste does, and waits for the check."""
        before = self.checks()
        self.driver.execute_script(
            "document.getElementById('syntax').value = arguments[1];"
            "const area = document.getElementById('text'); area.value = arguments[0];"
            "area.dispatchEvent(new Event('input'));", text, name)
        self.wait_checked(before + 1)
        assert self.failure() is None, self.failure()
        return self.diagnostics()

    def diagnostics(self):
        found = self.driver.execute_script("""
            return [...document.querySelectorAll('#diagnostics li.diagnostic[data-rule]')]
              .map(li => [li.dataset.path, li.dataset.rule,
                          li.classList.contains('error') ? 'error' : 'warning',
                          Number(li.dataset.line), Number(li.dataset.column)]);""")
        return [tuple(d) for d in found]

    def click(self, element_id):
        before = self.checks()
        self.driver.find_element(By.ID, element_id).click()
        self.wait_checked(before + 1)

    def requests(self):
        """The network requests the page's log holds since the last call."""
        sent = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                sent.append(message["params"]["request"]["url"])
        return sent


def main(binary, screenshot):
    binary = str(pathlib.Path(binary).resolve())
    server = serve()
    page = Page(f"http://127.0.0.1:{server.server_address[1]}/index.html")
    loaded = page.requests()
    assert any(url.endswith("contactlint.wasm") for url in loaded) or \
        "/contactlint.wasm" in Server.asked, f"the wasm was not loaded: {loaded} {Server.asked}"
    asked_at_load = len(Server.asked)

    compared = 0
    for fixture, name in LISTS:
        text = (RULES / fixture).read_text()
        shown, wanted = page.check(text, name), expected(binary, text, name)
        assert shown == wanted, f"{fixture}: page {shown} != check {wanted}"
        assert wanted, f"{fixture}: the fixture gives no finding"
        compared += 1

    text = (RULES / FIXED).read_text()
    page.check(text, "list.json")
    page.click("fix-unsafe")
    fixed_on_page = page.driver.execute_script("return document.getElementById('text').value")
    with tempfile.TemporaryDirectory() as directory:
        (pathlib.Path(directory) / "list.json").write_text(text)
        cli(binary, directory, "check", "--no-config", "--fix", "--unsafe-fixes", "list.json")
        fixed_by_cli = (pathlib.Path(directory) / "list.json").read_text()
    assert fixed_on_page == fixed_by_cli, f"page:\n{fixed_on_page}\ncli:\n{fixed_by_cli}"
    assert fixed_by_cli != text

    list_path, csv_path = (RULES / p for p in CONTACTS)
    page.check(list_path.read_text(), "list.json")
    before = page.checks()
    page.driver.find_element(By.ID, "contacts-file").send_keys(str(csv_path))
    page.wait_checked(before + 1)
    shown = page.diagnostics()
    wanted = expected(binary, list_path.read_text(), "list.json", [(csv_path, csv_path.name)])
    assert shown == wanted, f"contacts: page {shown} != check {wanted}"
    assert any(path == csv_path.name for path, *_ in shown), f"no CSV finding: {shown}"
    compared += 1

    page.check(TWO_LISTS, "main.tf")
    status = page.driver.find_element(By.ID, "status").text
    assert "choose the one the contacts go into" in status, status
    assert page.driver.find_element(By.ID, "pair-with").is_displayed()
    assert not any(path == csv_path.name for path, *_ in page.diagnostics()), page.diagnostics()
    before = page.checks()
    Select(page.driver.find_element(By.ID, "pair-with")).select_by_value(SALES)
    page.wait_checked(before + 1)
    shown = page.diagnostics()
    wanted = expected(binary, TWO_LISTS, "main.tf", [(csv_path, csv_path.name)], SALES)
    assert shown == wanted, f"two lists: page {shown} != check {wanted}"
    assert any(rule == "csv-missing-column" for _, rule, *_ in shown), f"created: {shown}"
    compared += 1

    before = page.checks()
    page.driver.execute_script("const input = document.getElementById('id-column');"
                               "input.value = 'key'; input.dispatchEvent(new Event('change'));")
    page.wait_checked(before + 1)
    page.click("append")
    shown = page.diagnostics()
    flags = ["--id-column", "key", "--append"]
    wanted = expected(binary, TWO_LISTS, "main.tf", [(csv_path, csv_path.name)], SALES, flags)
    assert shown == wanted, f"id column, append: page {shown} != check {wanted}"
    rules = {rule for _, rule, *_ in shown}
    assert "csv-missing-id-column" in rules and "csv-missing-column" not in rules, rules
    compared += 1

    page.click("forget-contacts")
    page.check((RULES / "unknown-field/bad-terraform.tf").read_text(), "main.tf")
    page.driver.find_element(By.CSS_SELECTOR, "#diagnostics .rule").click()
    page.wait(lambda d: d.find_element(By.ID, "explanation").is_displayed())
    page.driver.save_screenshot(screenshot)

    after = page.requests()
    assert after == [], f"network requests after load: {after}"
    assert len(Server.asked) == asked_at_load, f"asked after load: {Server.asked[asked_at_load:]}"
    page.driver.quit()
    server.shutdown()
    print(f"browser page: {compared} inputs as `check` gives them, unsafe fixes as "
          f"`--fix --unsafe-fixes`, no request after load ({asked_at_load} at load)")


if __name__ == "__main__":
    main(*sys.argv[1:])
