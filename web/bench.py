"""The browser page's benchmark (not a test): headless Chromium on this machine, web/dist served
locally, as tests/browser/page.py drives it.

    bash web/build.sh && python3 web/bench.py

Prints, as a markdown table for docs/performance.md: a 1 KB list re-checked after an edit (the
engine's time in the worker, and the round trip from the page), the lists of
benches/gen_contacts.py with 100,000 and 1,000,000 rows checked with their CSV chosen in the
file input, the most memory the tab's renderer held (RSS, sampled), and the wasm's size.
"""

import gzip
import pathlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "browser"))
import page as driver  # noqa: E402  (the browser test's page and server)

from selenium.webdriver.common.by import By  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
# A real request body of about 1 KB.
LIST = "fixtures/api/real/e7-full-feature-set.json"


def renderer_rss():
    """The largest resident set of Chromium's renderer processes, in MiB."""
    largest = 0
    for status in pathlib.Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"--type=renderer" not in status.read_bytes():
                continue
            for line in (status.parent / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    largest = max(largest, int(line.split()[1]) // 1024)
        except OSError:
            continue
    return largest


class Sampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak, self.running = 0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, renderer_rss())
            time.sleep(0.02)


def round_trips(page, text, runs):
    """Engine and round-trip milliseconds of `runs` checks of `text`, as the page asks them."""
    timings = page.driver.execute_async_script("""
        const [text, runs, done] = arguments;
        (async () => {
          const out = [];
          for (let i = 0; i < runs; i++) {
            const request = checkRequest();
            request.text = text + " ".repeat(i % 2);
            const started = performance.now();
            const answer = await ask(request, null);
            out.push([answer.milliseconds, performance.now() - started]);
          }
          done(out);
        })();""", text, runs)
    return [statistics.median(t[i] for t in timings) for i in (0, 1)]


def contacts(page, directory, rows):
    subprocess.run([sys.executable, str(ROOT / "benches/gen_contacts.py"), directory, str(rows)],
                   check=True)
    list_text = (pathlib.Path(directory) / "list.json").read_text()
    page.check(list_text, "list.json")
    sampler = Sampler()
    sampler.start()
    before = page.checks()
    started = time.monotonic()
    page.driver.find_element(By.ID, "contacts-file").send_keys(f"{directory}/contacts.csv")
    page.wait(lambda d: page.checks() > before, timeout=300)
    wall = (time.monotonic() - started) * 1000
    engine = page.driver.execute_script("return lastAnswer.milliseconds")
    sampler.running = False
    sampler.join()
    size = (pathlib.Path(directory) / "contacts.csv").stat().st_size
    page.click("forget-contacts")
    return engine, wall, sampler.peak, size


def main():
    server = driver.serve()
    page = driver.Page(f"http://127.0.0.1:{server.server_address[1]}/index.html")
    list_text = (ROOT / LIST).read_text()
    engine, trip = round_trips(page, list_text, 60)
    print("| measurement | browser (headless Chromium) |")
    print("|---|---|")
    print(f"| a {len(list_text.encode())} B list re-checked, median of 60 "
          f"| {engine:.1f} ms in the engine, {trip:.1f} ms round trip |")
    for rows in (100_000, 1_000_000):
        with tempfile.TemporaryDirectory() as directory:
            engine, wall, peak, size = contacts(page, directory, rows)
        print(f"| {rows:,} rows ({size / 1e6:.1f} MB) with their list | {engine:.0f} ms in the "
              f"engine, {wall:.0f} ms from choosing the file; renderer RSS at most {peak} MiB |")
    wasm = (ROOT / "web/dist/contactlint.wasm").read_bytes()
    print(f"| contactlint.wasm | {len(wasm) / 1e6:.2f} MB, "
          f"{len(gzip.compress(wasm, 9)) / 1e6:.2f} MB gzipped |")
    page.driver.quit()
    server.shutdown()


if __name__ == "__main__":
    main()
