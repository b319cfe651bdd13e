"""The browser page in headless Chromium, against the command line.

Loads web/dist/ from a local static server in Debian's Chromium (driven by Selenium with
chromium-driver) and checks that, for the same texts, the page gives what
`contactlint check --format json` gives (rule ids, severities, lines and columns): eleven lists,
the four examples, a Terraform list under two provider versions, a Latin-1 list, CSVs paired with
their list (chosen in the file input, dropped, named by a resource's `contacts_filepath`, one of
several lists chosen, with an ID column and "Appended") and a CSV with no list. Then what the
page promises beyond `check`: no all-clear after the CSV changed on disk, a file handle read
again, findings as `check` prints them (the CSV's line, column and cell; labels), lazy drawing of
2,000 findings, keyboard and hover, `explain` as text, Download's name and line endings, the
share link (a round trip, and its size cap), dark mode, one column at 390 px, a page opened from
disk, the Content-Security-Policy of the page and of its workers, and no network request once the
page has loaded (Chromium's network log of the page, the worker's own hook, the server's log, and
a net-log of the whole browser, workers included). Saves a screenshot of the page with findings
and `explain` shown, and one at 390 px.

Usage: python3 tests/browser/page.py BINARY SCREENSHOT EXTENSIONS
(EXTENSIONS: {"list": [".json", ...], "contacts": [".csv"]}, what the file pickers must accept:
`Syntax::ALL`'s extensions; run by tests/it/browser.rs after `bash web/build.sh`; fails, never skips, when a tool is missing)
"""

import base64
import functools
import http.server
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
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
# trim_whitespace exists from provider 1.58.0 on.
TRIMMED = """resource "genesyscloud_outbound_contact_list" "sales" {
  name            = "Sales"
  column_names    = ["phone"]
  trim_whitespace = true
  phone_columns {
    column_name = "phone"
    type        = "cell"
  }
}
"""
# A list and a CSV with no finding: what an all-clear looks like, until the CSV changes.
CLEAN_LIST = '{"name": "Clean", "columnNames": ["phone"],\n' \
    ' "phoneColumns": [{"columnName": "phone", "type": "cell"}]}\n'
CLEAN_CSV = "phone\n3175550100\n"
LATIN1 = b'{\n  "name": "M\xfcller",\n  "type": "CSV_FILE", "columns": []\n}\n'


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


def findings(binary, files, *arguments):
    """What `check --no-config --format json ARGUMENTS` says in a directory holding `files`
    (name → text, bytes, or a path to copy)."""
    with tempfile.TemporaryDirectory() as directory:
        for name, content in files.items():
            target = pathlib.Path(directory) / name
            if isinstance(content, pathlib.Path):
                shutil.copy(content, target)
            elif isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content)
        report = json.loads(cli(binary, directory, "check", "--no-config", "--format", "json",
                                *arguments))
    return [comparable(d) for d in report["diagnostics"]]


def expected(binary, text, name, extra=(), address=None, flags=()):
    """What `check` says of the text written to a file of that name (with the contact files
    `extra`, paired by `--list NAME[#ADDRESS]` and `flags`)."""
    files = {name: text, **{target: source for source, target in extra}}
    arguments = [name]
    if extra:
        listed = f"{name}#{address}" if address else name
        arguments += ["--list", listed, *flags] + [target for _, target in extra]
    return findings(binary, files, *arguments)


def comparable(diagnostic):
    start = diagnostic["range"]["start"]
    return (diagnostic["path"], diagnostic["rule"], diagnostic["severity"],
            start["line"], start["column"])


class Page:
    def __init__(self, url, netlog=None, wait=True):
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--window-size=1400,900", "--disable-dev-shm-usage"]:
            options.add_argument(argument)
        if netlog:
            # The browser's own traffic (updates, autofill, accounts) is turned off, so that
            # every request left in its net-log is one a page or a worker made.
            options.add_argument(f"--log-net-log={netlog}")
            for argument in ["--disable-background-networking", "--disable-component-update",
                             "--disable-sync", "--disable-default-apps", "--no-first-run",
                             "--disable-features=AutofillServerCommunication,OptimizationHints,"
                             "OptimizationHintsFetching,MediaRouter"]:
                options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(options=options,
                                       service=Service(shutil.which("chromedriver")))
        self.driver.get(url)
        if wait:
            self.wait_ready()

    def wait_ready(self):
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        self.wait_checked(1)

    def wait(self, condition, timeout=60):
        WebDriverWait(self.driver, timeout).until(condition)

    def js(self, script, *arguments):
        return self.driver.execute_script(script, *arguments)

    def checks(self):
        return int(self.js("return document.body.dataset.checks || '0'"))

    def wait_checked(self, count):
        self.wait(lambda d: self.checks() >= count)

    def failure(self):
        return self.js(
            "const f = document.getElementById('failure'); return f.hidden ? null : f.textContent")

    def text(self, element_id):
        return self.js("return document.getElementById(arguments[0]).textContent", element_id)

    def value(self, element_id):
        return self.js("return document.getElementById(arguments[0]).value", element_id)

    def after(self, action):
        """Runs `action` and waits for the check it causes to be shown whole."""
        before = self.checks()
        action()
        self.wait_checked(before + 1)

    def check(self, text, name, allow_failure=False):
        """Types nothing: sets the text and syntax as a paste does, and waits for the check."""
        self.after(lambda: self.js(
            "document.getElementById('syntax').value = arguments[1];"
            "const area = document.getElementById('text'); area.value = arguments[0];"
            "area.dispatchEvent(new Event('input'));", text, name))
        if not allow_failure:
            assert self.failure() is None, self.failure()
        return self.diagnostics()

    def set_value(self, element_id, value):
        self.after(lambda: self.js(
            "const input = document.getElementById(arguments[0]); input.value = arguments[1];"
            "input.dispatchEvent(new Event('change'));", element_id, value))

    def choose(self, element_id, path):
        self.after(lambda: self.driver.find_element(By.ID, element_id).send_keys(str(path)))

    def diagnostics(self):
        found = self.js("""
            return [...document.querySelectorAll('#diagnostics li.diagnostic[data-rule]')]
              .map(li => [li.dataset.path, li.dataset.rule,
                          li.classList.contains('error') ? 'error' : 'warning',
                          Number(li.dataset.line), Number(li.dataset.column)]);""")
        return [tuple(d) for d in found]

    def notes(self):
        return self.js("return [...document.querySelectorAll('#notes li')].map(li => li.textContent)")

    def all_clear(self):
        return self.js("return document.body.dataset.allClear") == "true"

    def click(self, element_id):
        self.after(lambda: self.driver.find_element(By.ID, element_id).click())

    def requests(self):
        """The network requests the page's log holds since the last call: not the blob: URLs
        of the workers' script, which the page holds in memory (a worker started for each CSV
        check is loaded from one)."""
        sent = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                url = message["params"]["request"]["url"]
                if not url.startswith("blob:"):
                    sent.append(url)
        return sent

    def test_input(self, element_id, paths):
        """A file input of the test's own (hidden from the page's logic), holding `paths`."""
        self.js("""
            let input = document.getElementById(arguments[0]);
            if (!input) {
              input = document.createElement('input');
              input.type = 'file'; input.multiple = true; input.id = arguments[0];
              document.body.append(input);
            }""", element_id)
        self.driver.find_element(By.ID, element_id).send_keys("\n".join(str(p) for p in paths))

    def drop(self, paths):
        """Drops files on the editor, as a drag from the desktop does (with Files only: no
        file system handle, which a synthetic drop cannot carry)."""
        self.test_input("test-drop", paths)
        self.after(lambda: self.js("""
            const data = new DataTransfer();
            for (const file of document.getElementById('test-drop').files) data.items.add(file);
            const target = document.getElementById('editor');
            target.dispatchEvent(new DragEvent('dragenter', {bubbles: true, dataTransfer: data}));
            window.dropHintShown = !document.getElementById('drop-hint').hidden;
            target.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true,
                                                           dataTransfer: data}));
            target.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true,
                                                       dataTransfer: data}));"""))


def compare_lists(page, binary):
    compared = 0
    for fixture, name in LISTS:
        text = (RULES / fixture).read_text()
        shown, wanted = page.check(text, name), expected(binary, text, name)
        assert shown == wanted, f"{fixture}: page {shown} != check {wanted}"
        assert wanted, f"{fixture}: the fixture gives no finding"
        compared += 1
    return compared


def compare_examples(page, binary):
    """Each example, as `check` says of it (the CSV one with its list, --id-column id)."""
    examples = page.js("return EXAMPLES")
    assert [e["id"] for e in examples] == ["json", "toml", "terraform", "csv"], examples
    for example in examples:
        page.after(lambda: Select(page.driver.find_element(By.ID, "example"))
                   .select_by_value(example["id"]))
        shown = page.diagnostics()
        if example.get("csv"):
            csv = example["csv"]
            wanted = findings(binary, {example["name"]: example["text"], csv["name"]: csv["text"]},
                              "--list", example["name"], "--id-column", csv["idColumn"],
                              example["name"], csv["name"])
            assert any(path == csv["name"] for path, *_ in shown), shown
        else:
            wanted = expected(binary, example["text"], example["name"])
        assert shown == wanted, f"example {example['id']}: page {shown} != check {wanted}"
        assert wanted, f"example {example['id']} shows no finding"
    page.click("forget-contacts")
    return len(examples)


def provider_versions(page, binary):
    """The provider select reaches the engine: 1.55.0 lacks trim_whitespace, the newest has it."""
    options = page.js("return [...document.getElementById('provider').options].map(o => o.value)")
    assert options[0] == "" and "1.55.0" in options, options
    newest = page.text("provider").split("(")[1].split(")")[0]
    assert newest == options[1], (newest, options[:3])
    shown = page.check(TRIMMED, "main.tf")
    assert shown == expected(binary, TRIMMED, "main.tf") == [], shown
    page.after(lambda: Select(page.driver.find_element(By.ID, "provider")).select_by_value("1.55.0"))
    shown = page.diagnostics()
    wanted = findings(binary, {"main.tf": TRIMMED}, "--provider-version", "1.55.0", "main.tf")
    assert shown == wanted, f"1.55.0: page {shown} != check {wanted}"
    assert [rule for _, rule, *_ in shown] == ["needs-newer-provider"], shown
    page.after(lambda: Select(page.driver.find_element(By.ID, "provider")).select_by_value(newest))
    assert page.diagnostics() == [], page.diagnostics()
    page.after(lambda: Select(page.driver.find_element(By.ID, "provider")).select_by_value(""))


def contacts_as_check_prints_them(page, binary, directory):
    list_path, csv_path = (RULES / p for p in CONTACTS)
    page.check(list_path.read_text(), "list.json")
    page.choose("contacts-file", csv_path)
    shown = page.diagnostics()
    wanted = expected(binary, list_path.read_text(), "list.json", [(csv_path, csv_path.name)])
    assert shown == wanted, f"contacts: page {shown} != check {wanted}"
    assert any(path == csv_path.name for path, *_ in shown), f"no CSV finding: {shown}"
    # As `check` prints it: the line and column, the column's name and the cell in its line.
    page.wait(lambda d: "555-CALL-NOW" in page.js(
        "return document.querySelector('#diagnostics li[data-path=\"bad.csv\"] .snippet')"
        ".textContent"))
    first = page.js("return document.querySelector('#diagnostics li[data-path=\"bad.csv\"]')"
                    ".innerText")
    assert "bad.csv:2:3 · column phone" in first, first
    assert "2 │ 1,555-CALL-NOW,a@example.com,Ann,5,x" in first, first
    assert "  │   ^^^^^^^^^^^^" in first, first
    # Labels, as `check` prints them under their line.
    page.click("forget-contacts")
    page.check((RULES / "duplicate-column-name/bad.json").read_text(), "list.json")
    item = page.js("return document.querySelector('#diagnostics li.diagnostic').innerText")
    assert "5 │" in item and "------- first used here" in item and "^^^^^^^^" in item, item
    assert "= help: give the two columns names that differ in more than case" in item, item
    assert "= at /columns/2/name" in item, item


def several_lists(page, binary, csv_path):
    page.choose("contacts-file", csv_path)
    page.check(TWO_LISTS, "main.tf")
    notes = page.notes()
    assert any("choose the one the contacts go into" in note for note in notes), notes
    assert page.driver.find_element(By.ID, "pair-with").is_displayed()
    assert not any(path == csv_path.name for path, *_ in page.diagnostics()), page.diagnostics()
    assert not page.all_clear()
    page.after(lambda: Select(page.driver.find_element(By.ID, "pair-with")).select_by_value(SALES))
    shown = page.diagnostics()
    wanted = expected(binary, TWO_LISTS, "main.tf", [(csv_path, csv_path.name)], SALES)
    assert shown == wanted, f"two lists: page {shown} != check {wanted}"
    assert any(rule == "csv-missing-column" for _, rule, *_ in shown), f"created: {shown}"
    page.set_value("id-column", "key")
    page.click("append")
    shown = page.diagnostics()
    flags = ["--id-column", "key", "--append"]
    wanted = expected(binary, TWO_LISTS, "main.tf", [(csv_path, csv_path.name)], SALES, flags)
    assert shown == wanted, f"id column, append: page {shown} != check {wanted}"
    rules = {rule for _, rule, *_ in shown}
    assert "csv-missing-id-column" in rules and "csv-missing-column" not in rules, rules
    page.set_value("id-column", "")
    page.click("append")
    page.click("forget-contacts")


def named_by_contacts_filepath(page, binary, csv_path):
    """A resource whose contacts_filepath names the CSV takes it, without asking; before a CSV is
    chosen, the page says that it cannot look for the file."""
    text = TWO_LISTS.replace('name         = "Sales"',
                             'name              = "Sales"\n  contacts_filepath = "bad.csv"')
    page.check(text, "main.tf")
    notes = page.notes()
    assert any("contacts_filepath names bad.csv" in note and "contacts-file-not-found" in note
               for note in notes), notes
    page.choose("contacts-file", csv_path)
    notes = page.notes()
    assert not any("choose the one" in note for note in notes), notes
    assert any(f"goes into {SALES}, whose contacts_filepath names it" in n for n in notes), notes
    shown = page.diagnostics()
    wanted = findings(binary, {"main.tf": text, "bad.csv": csv_path}, "main.tf", "bad.csv")
    assert shown == wanted, f"contacts_filepath: page {shown} != check {wanted}"
    assert any(path == "bad.csv" for path, *_ in shown), shown
    page.click("forget-contacts")


def csv_without_a_list(page, binary, csv_path, url):
    """A fresh page holds an example: a CSV chosen then is checked on its own, as `check FILE`."""
    page.driver.get(url)
    page.wait_ready()
    page.choose("contacts-file", csv_path)
    shown = page.diagnostics()
    example = page.js("return EXAMPLES[0]")
    wanted = expected(binary, example["text"], example["name"]) + \
        findings(binary, {"bad.csv": csv_path}, "bad.csv")
    assert shown == wanted, f"CSV with no list: page {shown} != check {wanted}"
    notes = page.notes()
    assert any("bad.csv is checked on its own" in note for note in notes), notes
    page.click("forget-contacts")


def saved_again(page, directory):
    """The CSV changes on disk after it was chosen: the page says so, and never an all-clear."""
    csv = pathlib.Path(directory) / "clean.csv"
    csv.write_text(CLEAN_CSV)
    page.check(CLEAN_LIST, "list.json")
    page.choose("contacts-file", csv)
    assert page.diagnostics() == [] and page.all_clear(), (page.diagnostics(), page.notes())
    assert page.text("summary") == "No problems found", page.text("summary")
    csv.write_text(CLEAN_CSV + "3175550101\n")
    later = time.time() + 5
    os.utime(csv, (later, later))
    page.check(CLEAN_LIST + " ", "list.json")
    notes = page.notes()
    assert any("clean.csv changed on disk since it was chosen: choose it again" in note
               for note in notes), notes
    assert not page.all_clear() and page.text("summary") != "No problems found", \
        page.text("summary")
    # Choosing it again reads it again.
    page.choose("contacts-file", csv)
    assert page.all_clear(), page.notes()
    page.click("forget-contacts")


def changed_while_read(page, directory):
    """The CSV changes on disk and the engine meets it mid-read (the page's own look before a
    check is skipped here): the engine's error is shown, with what to do, never an all-clear."""
    csv = pathlib.Path(directory) / "moving.csv"
    csv.write_text(CLEAN_CSV)
    page.check(CLEAN_LIST, "list.json")
    page.choose("contacts-file", csv)
    assert page.all_clear(), page.notes()
    csv.write_text(CLEAN_CSV + "3175550102\n")
    later = time.time() + 15
    os.utime(csv, (later, later))
    page.js("window.keptRefresh = refreshContacts; refreshContacts = async () => null;")
    page.click("append")
    page.js("refreshContacts = window.keptRefresh;")
    notes = page.notes()
    assert any("moving.csv changed on disk since it was chosen: choose it again" in note
               for note in notes), notes
    assert not page.all_clear() and "1 file not read" in page.text("summary"), page.text("summary")
    page.click("append")
    page.click("forget-contacts")


def large_csv(page, directory):
    """Over 10 MB: progress is shown, the list's findings come first, and Stop stops the check
    (which is then no all-clear)."""
    subprocess.run([sys.executable, str(ROOT / "benches/gen_contacts.py"), directory, "120000"],
                   check=True, stdout=subprocess.DEVNULL)
    listed = json.loads((pathlib.Path(directory) / "list.json").read_text())
    page.check(json.dumps(listed, indent=1), "list.json")
    page.choose("contacts-file", pathlib.Path(directory) / "contacts.csv")
    page.js("""
        window.seen = [];
        const record = () => window.seen.push([
          document.getElementById('status').textContent,
          document.getElementById('progress').hidden,
          document.querySelectorAll('#diagnostics li[data-rule="unknown-field"]').length,
          document.getElementById('summary').textContent]);
        new MutationObserver(record).observe(document.getElementById('status'),
                                             {childList: true, characterData: true, subtree: true});""")
    # A new finding in the list, and a column of another type: the CSV is read again.
    listed["typo"] = 1
    listed["columnDataTypeSpecifications"][0]["columnDataType"] = "TEXT"
    page.check(json.dumps(listed, indent=1), "list.json")
    seen = page.js("return window.seen")
    reading = [s for s in seen if "contacts.csv:" in s[0] and "%" in s[0]]
    assert reading and all(not hidden for _, hidden, *_ in reading), seen
    assert any(found == 1 and summary.endswith("so far") for _, _, found, summary in reading), seen
    # Stop, as soon as the check shows its progress.
    page.js("""
        new MutationObserver((_, observer) => {
          if (!document.getElementById('progress').hidden) {
            observer.disconnect();
            document.getElementById('cancel').click();
          }
        }).observe(document.getElementById('progress'), {attributes: true});""")
    page.click("append")
    notes = page.notes()
    assert any("stopped before the end: not checked" in note for note in notes), notes
    assert page.text("summary") == "Not checked" and not page.all_clear()
    page.click("append")
    page.click("forget-contacts")


def file_handle_read_again(page, directory):
    """Where the browser gives a FileSystemFileHandle (its picker; here a stand-in whose
    getFile() returns the file as it is now), every check takes the file anew."""
    csv = pathlib.Path(directory) / "handled.csv"
    csv.write_text(CLEAN_CSV)
    page.check(CLEAN_LIST, "list.json")
    page.test_input("test-handle", [csv])
    page.js("""
        window.showOpenFilePicker = async () => [{kind: 'file', name: 'handled.csv',
          getFile: async () => document.getElementById('test-handle').files[0]}];""")
    # (Chromium's driver does not click a file input; the page's click handler is what matters.)
    page.after(lambda: page.js("document.getElementById('contacts-file').click()"))
    assert page.all_clear(), page.notes()
    csv.write_text(CLEAN_CSV + "not-a-phone\n")
    later = time.time() + 10
    os.utime(csv, (later, later))
    page.test_input("test-handle", [csv])
    page.check(CLEAN_LIST + "  ", "list.json")
    rules = [rule for path, rule, *_ in page.diagnostics() if path == "handled.csv"]
    assert rules == ["csv-phone-format"], (rules, page.notes())
    assert any("handled.csv changed on disk: the page read it again" in n for n in page.notes())
    page.js("delete window.showOpenFilePicker")
    page.click("forget-contacts")


def latin1(page, binary, directory):
    """A list that is not UTF-8: `invalid-encoding` where `check` finds it, its bytes kept, no fix
    and no Download; converted from Latin-1 on request."""
    path = pathlib.Path(directory) / "latin.json"
    path.write_bytes(LATIN1)
    page.choose("list-file", path)
    shown = page.diagnostics()
    wanted = findings(binary, {"latin.json": LATIN1}, "latin.json")
    assert [(rule, line, column) for _, rule, _, line, column in shown] == \
        [(rule, line, column) for _, rule, _, line, column in wanted] == \
        [("invalid-encoding", 2, 13)], (shown, wanted)
    assert page.js("return document.getElementById('text').readOnly")
    for button in ["fix-safe", "fix-unsafe", "download"]:
        assert not page.driver.find_element(By.ID, button).is_enabled(), button
    # Bytes that are no text at all: the same, where `check` says it.
    noise = bytes((i * 151 + 7) % 256 for i in range(300))
    (pathlib.Path(directory) / "noise.json").write_bytes(noise)
    page.choose("list-file", pathlib.Path(directory) / "noise.json")
    wanted = findings(binary, {"noise.json": noise}, "noise.json")
    shown = [(rule, line, column) for _, rule, _, line, column in page.diagnostics()]
    assert shown == [(rule, line, column) for _, rule, _, line, column in wanted], (shown, wanted)
    assert [rule for rule, *_ in shown] == ["invalid-encoding"], shown
    page.choose("list-file", path)
    page.click("convert")
    assert "Müller" in page.value("text")
    assert "invalid-encoding" not in [rule for _, rule, *_ in page.diagnostics()]
    assert page.driver.find_element(By.ID, "download").is_enabled()


def drag_and_drop(page, binary, directory):
    list_path, csv_path = (RULES / p for p in CONTACTS)
    page.drop([list_path])
    assert page.js("return window.dropHintShown"), "no hint while dragging"
    assert page.value("text") == list_path.read_text()
    page.drop([csv_path])
    shown = page.diagnostics()
    wanted = findings(binary, {"list.json": list_path, "bad.csv": csv_path},
                      "--list", "list.json", "list.json", "bad.csv")
    assert shown == wanted, f"dropped: page {shown} != check {wanted}"
    assert page.js("return document.getElementById('drop-hint').hidden")
    page.click("forget-contacts")


def download(page, directory):
    """Download writes the file's own name and line endings."""
    path = pathlib.Path(directory) / "crlf.toml"
    path.write_bytes((RULES / "unknown-field/bad.toml").read_text().replace("\n", "\r\n").encode())
    page.choose("list-file", path)
    written = page.driver.execute_async_script("""
        const done = arguments[0];
        const create = URL.createObjectURL;
        const click = HTMLAnchorElement.prototype.click;
        URL.createObjectURL = (blob) => { window.downloaded = blob; return create(blob); };
        HTMLAnchorElement.prototype.click = function () { window.downloadName = this.download; };
        document.getElementById('download').click();
        URL.createObjectURL = create;
        HTMLAnchorElement.prototype.click = click;
        window.downloaded.text().then((text) => done([window.downloadName, text]));""")
    assert written == ["crlf.toml", path.read_bytes().decode()], written


def rules_and_explain(page):
    page.set_value("select", "no-such-rule")
    assert 'unknown rule "no-such-rule" in Select' in (page.failure() or ""), page.failure()
    assert "Settings" not in page.failure()
    assert page.js("return document.getElementById('select').getAttribute('aria-invalid')")
    page.set_value("select", "")
    page.check((RULES / "unknown-field/bad-terraform.tf").read_text(), "main.tf")
    page.driver.find_element(By.CSS_SELECTOR, "#diagnostics .rule").click()
    page.wait(lambda d: d.find_element(By.ID, "explanation").is_displayed())
    text = page.text("explain-text")
    headings = page.js("return [...document.querySelectorAll('#explain-text h3')]"
                       ".map(h => h.textContent)")
    assert "What it does" in headings and "##" not in text and "```" not in text, (headings, text)
    # Stale once its rule is gone; Escape closes it too.
    page.check(CLEAN_LIST, "list.json")
    assert not page.driver.find_element(By.ID, "explanation").is_displayed()
    page.check((RULES / "unknown-field/bad-terraform.tf").read_text(), "main.tf")
    page.driver.find_element(By.CSS_SELECTOR, "#diagnostics .rule").click()
    page.wait(lambda d: d.find_element(By.ID, "explanation").is_displayed())
    page.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert not page.driver.find_element(By.ID, "explanation").is_displayed()


def keyboard_and_hover(page):
    """The findings are reached with Tab and the arrows; Enter moves the cursor to the span; F8
    goes to the next finding; the pointer over a mark shows what `check` says of it."""
    text = (RULES / "duplicate-column-name/bad.json").read_text()
    shown = page.check(text, "list.json")
    assert len(shown) == 2, shown
    first = page.driver.find_element(By.CSS_SELECTOR, "#diagnostics li.diagnostic")
    assert first.get_attribute("tabindex") == "0"
    first.send_keys(Keys.ARROW_DOWN)
    focused = page.js("return document.activeElement.dataset.index")
    assert focused == "1", focused
    page.driver.switch_to.active_element.send_keys(Keys.ENTER)
    selected = page.js("const a = document.getElementById('text');"
                       "return [document.activeElement === a, a.value.slice(a.selectionStart,"
                       " a.selectionEnd)]")
    assert selected == [True, '"email "'], selected
    page.js("const a = document.getElementById('text'); a.setSelectionRange(0, 0);")
    page.driver.find_element(By.ID, "text").send_keys(Keys.F8)
    selected = page.js("const a = document.getElementById('text');"
                       "return a.value.slice(a.selectionStart, a.selectionEnd)")
    assert selected == '" phone"', selected
    mark = page.driver.find_element(By.CSS_SELECTOR, "#backdrop mark.error")
    page.js("document.getElementById('hover').hidden = true")
    ActionChains(page.driver).move_to_element(mark).perform()
    page.wait(lambda d: d.find_element(By.ID, "hover").is_displayed())
    tip = page.text("hover")
    assert "error[duplicate-column-name]" in tip and 'repeats "email"' in tip, tip
    gutter = page.js("return [...document.querySelectorAll('#gutter span')].map(s => s.textContent)")
    assert gutter == ["7", "8"], gutter


def many_findings(count):
    """A Terraform file of `count` lists, each with an unknown field (about 200 bytes a list)."""
    return "".join(f'resource "genesyscloud_outbound_contact_list" "l{i}" {{\n'
                   f'  name         = "L{i}"\n  column_names = ["Cell"]\n  colour       = 1\n'
                   f'  phone_columns {{\n    column_name = "Cell"\n    type        = "cell"\n'
                   f'  }}\n}}\n' for i in range(count))


def lazy_findings(page):
    """2,000 findings: the first ones drawn at once, the others as the list scrolls."""
    page.check(many_findings(2000), "main.tf")
    summary = page.text("summary")
    assert summary.startswith("0 errors, 2000 warnings") or "2000" in summary, summary
    drawn = len(page.diagnostics())
    assert 0 < drawn <= 100, drawn
    page.js("const list = document.getElementById('diagnostics'); list.scrollTop = list.scrollHeight")
    page.wait(lambda d: len(page.diagnostics()) > drawn)


def share_link(page):
    """The list and the settings go into the link's fragment, deflated; past the cap, a message."""
    text = (RULES / "unknown-field/bad.toml").read_text()
    page.check(text, "list.toml")
    page.set_value("ignore", "duplicate-key")
    page.after(lambda: Select(page.driver.find_element(By.ID, "provider")).select_by_value("1.55.0"))
    page.driver.find_element(By.ID, "share").click()
    page.wait(lambda d: page.js("return document.body.dataset.shared") == "true")
    link = page.value("share-link")
    fragment = link.split("#share=")[1]
    packed = base64.urlsafe_b64decode(fragment + "=" * (-len(fragment) % 4))
    payload = json.loads(zlib.decompress(packed, -15))
    assert payload["text"] == text and payload["ignore"] == ["duplicate-key"], payload
    assert payload["provider_version"] == "1.55.0" and "contacts" not in payload, payload
    too_large = os.urandom(30000).hex()
    page.check(too_large, "list.json", allow_failure=True)
    page.driver.find_element(By.ID, "share").click()
    page.wait(lambda d: page.js("return document.body.dataset.shared") == "too-large")
    assert "over the 16 KB links are kept to" in page.text("share-note"), page.text("share-note")
    page.set_value("ignore", "")
    page.after(lambda: Select(page.driver.find_element(By.ID, "provider")).select_by_value(""))
    return link, text


def refused_after_load(page):
    """The page itself can connect nowhere once loaded; its workers are under the same policy."""
    outcome = page.driver.execute_async_script("""
        const done = arguments[0];
        fetch('index.html?after-load').then(() => done('fetched'), (e) => done('refused'));""")
    assert outcome == "refused", outcome
    assert page.js("return document.body.dataset.workerCsp") == "enforced"
    assert page.js("return document.body.dataset.workerRequests") is None


def net_log_requests(path, site):
    """Every http(s) URL the browser asked for on behalf of a page of `site` (its top frame's
    site, in the request's network isolation key), by the page or by its workers, from the
    browser's net-log. The browser's own requests (component updates, accounts) are keyed by
    no site, or their own."""
    log = json.loads(pathlib.Path(path).read_text())
    types = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        if types.get(event["type"]) != "URL_REQUEST_START_JOB":
            continue
        params = event.get("params") or {}
        url = params.get("url", "")
        top_frame = params.get("network_isolation_key", "").split(" ")[0]
        if url.startswith(("http:", "https:", "ws:", "wss:")) and top_frame == site:
            urls.append(url)
    return urls


def main(binary, screenshot, extensions):
    binary = str(pathlib.Path(binary).resolve())
    server = serve()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    scratch = tempfile.TemporaryDirectory()
    directory = scratch.name
    netlog = pathlib.Path(directory) / "netlog.json"
    page = Page(f"{origin}/index.html", netlog=netlog)
    loaded = page.requests()
    assert any(url.endswith("contactlint.wasm") for url in loaded), f"no wasm: {loaded}"
    at_load = sorted(Server.asked)
    assert "/favicon.ico" not in at_load, at_load
    # The pickers offer the extensions of every syntax, as the engine gives them.
    for picker, wanted in json.loads(extensions).items():
        accepted = page.js(f"return document.getElementById('{picker}-file').accept").split(",")
        assert accepted == wanted, f"{picker}: {accepted}, not {wanted}"
    asked_at_load = len(Server.asked)

    compared = compare_lists(page, binary)
    text = (RULES / FIXED).read_text()
    page.check(text, "list.json")
    page.click("fix-unsafe")
    fixed_on_page = page.value("text")
    with tempfile.TemporaryDirectory() as fixing:
        (pathlib.Path(fixing) / "list.json").write_text(text)
        cli(binary, fixing, "check", "--no-config", "--fix", "--unsafe-fixes", "list.json")
        fixed_by_cli = (pathlib.Path(fixing) / "list.json").read_text()
    assert fixed_on_page == fixed_by_cli, f"page:\n{fixed_on_page}\ncli:\n{fixed_by_cli}"
    assert fixed_by_cli != text

    compared += compare_examples(page, binary)
    provider_versions(page, binary)
    csv_path = RULES / CONTACTS[1]
    contacts_as_check_prints_them(page, binary, directory)
    several_lists(page, binary, csv_path)
    named_by_contacts_filepath(page, binary, csv_path)
    saved_again(page, directory)
    changed_while_read(page, directory)
    large_csv(page, directory)
    file_handle_read_again(page, directory)
    latin1(page, binary, directory)
    drag_and_drop(page, binary, directory)
    download(page, directory)
    keyboard_and_hover(page)
    lazy_findings(page)
    rules_and_explain(page)
    link, shared_text = share_link(page)
    refused_after_load(page)

    # The screenshot of the docs: the Terraform example, a finding's rule explained.
    page.after(lambda: Select(page.driver.find_element(By.ID, "example"))
               .select_by_value("terraform"))
    page.driver.set_window_size(1400, 1000)
    page.driver.find_element(By.CSS_SELECTOR, "#diagnostics .rule").click()
    page.wait(lambda d: d.find_element(By.ID, "explanation").is_displayed())
    page.js("window.scrollTo(0, 0); document.getElementById('explanation').scrollTop = 0;")
    page.driver.save_screenshot(screenshot)

    after = page.requests()
    assert after == [], f"network requests after load: {after}"
    assert len(Server.asked) == asked_at_load, f"asked after load: {Server.asked[asked_at_load:]}"
    page.driver.quit()
    # The whole browser's requests, its workers' included: those of the one load, once each.
    sent = net_log_requests(netlog, "http://127.0.0.1")
    paths = sorted(url.removeprefix(origin) for url in sent)
    assert paths == at_load, f"the net-log holds more than the load's requests: {paths} vs {at_load}"

    # A second browser: the share link opened, dark mode, a phone's width, the page from disk.
    second = Page(link)
    assert second.value("text") == shared_text and second.value("syntax") == "list.toml"
    assert second.value("ignore") == "duplicate-key" and second.value("provider") == "1.55.0"
    wanted = findings(binary, {"list.toml": shared_text}, "--ignore", "duplicate-key",
                      "--provider-version", "1.55.0", "list.toml")
    assert second.diagnostics() == wanted, (second.diagnostics(), wanted)
    csv_without_a_list(second, binary, csv_path, f"{origin}/index.html?fresh")
    compared += 2
    dark_and_narrow(second, screenshot)
    second.driver.get(f"{origin}/index.html?damaged#share=eJzLSM3JyQcABiwCFQ")
    second.wait_ready()
    notes = second.notes()
    assert any("The share link cannot be read (is it whole?)" in note for note in notes), notes
    second.driver.get((DIST / "index.html").as_uri())
    second.wait(lambda d: d.execute_script("return document.body.dataset.fromDisk === 'true'"),
                timeout=10)
    message = second.failure() or ""
    assert "python3 -m http.server" in message and "file://" in message, message
    second.driver.quit()
    server.shutdown()
    scratch.cleanup()
    print(f"browser page: {compared} inputs as `check` gives them, unsafe fixes as "
          f"`--fix --unsafe-fixes`, no request after load ({asked_at_load} at load, the same "
          f"{len(sent)} in the net-log)")


def luminance(css):
    """The relative luminance of an `rgb(…)` colour."""
    r, g, b = (int(float(x)) / 255 for x in css[css.index("(") + 1:css.index(")")].split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def dark_and_narrow(page, screenshot):
    page.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    colours = page.js("""
        const style = (selector, property) =>
          getComputedStyle(document.querySelector(selector))[property];
        return [style('body', 'backgroundColor'), style('body', 'color'),
                style('#text', 'color'), style('#backdrop mark', 'backgroundColor')];""")
    background, text, editor, mark = (luminance(c) for c in colours)
    assert background < 0.1 and text > 0.7 and editor > 0.7, colours
    assert mark < 0.4 and abs(mark - background) > 0.02, colours
    page.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    page.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    layout = page.js("""
        const box = (selector) => document.querySelector(selector).getBoundingClientRect();
        return [box('section.list').bottom, box('section.findings').top,
                box('section.list').width, box('section.findings').width,
                document.documentElement.scrollWidth, window.innerWidth];""")
    list_bottom, findings_top, list_width, findings_width, scroll_width, width = layout
    assert width == 390, layout
    assert findings_top >= list_bottom, f"not one column at 390 px: {layout}"
    assert list_width <= 390 and findings_width <= 390 and scroll_width <= 390, layout
    narrow = pathlib.Path(screenshot).with_name("playground-390.png")
    page.driver.save_screenshot(str(narrow))
    page.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


if __name__ == "__main__":
    main(*sys.argv[1:])
