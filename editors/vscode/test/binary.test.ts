// The binary search and the version check, under plain Node (`npm test`): a fake machine whose
// executables are a set of paths.

import assert from "node:assert/strict";
import { test } from "node:test";

import { findBinary, Machine, parseVersion, tooOld } from "../src/binary";

function machine(executables: string[], path = "/usr/bin:/opt/tools/bin"): Machine {
  return {
    platform: "linux",
    env: { PATH: path },
    isExecutable: (file) => executables.includes(file),
    exists: (file) => executables.includes(file),
    home: "/home/me",
  };
}

const EXTENSION = "/ext/contactlint";
const BUNDLED = "/ext/contactlint/bundled/contactlint";

test("the setting wins over the bundled binary and PATH", () => {
  const m = machine(["/work/bin/contactlint", BUNDLED, "/usr/bin/contactlint"]);
  assert.deepEqual(findBinary("/work/bin/contactlint", EXTENSION, "/work", m), {
    found: { path: "/work/bin/contactlint", source: "setting" },
  });
  // `~` and `${workspaceFolder}` are resolved; a relative path is the workspace folder's.
  const home = machine(["/home/me/.cargo/bin/contactlint", "/work/tools/contactlint"]);
  assert.deepEqual(findBinary("~/.cargo/bin/contactlint", EXTENSION, "/work", home), {
    found: { path: "/home/me/.cargo/bin/contactlint", source: "setting" },
  });
  assert.deepEqual(findBinary("${workspaceFolder}/tools/contactlint", EXTENSION, "/work", home), {
    found: { path: "/work/tools/contactlint", source: "setting" },
  });
  assert.deepEqual(findBinary("tools/contactlint", EXTENSION, "/work", home), {
    found: { path: "/work/tools/contactlint", source: "setting" },
  });
});

test("a setting that names nothing runnable is said, not replaced by another binary", () => {
  const m = machine([BUNDLED, "/usr/bin/contactlint"]);
  const search = findBinary("/nowhere/contactlint", EXTENSION, "/work", m);
  assert.ok("missing" in search);
  assert.match(search.missing, /contactlint.path is set to "\/nowhere\/contactlint"/);
});

test("a bare command name in the setting is looked up on PATH", () => {
  const m = machine(["/opt/tools/bin/contactlint-dev"]);
  assert.deepEqual(findBinary("contactlint-dev", EXTENSION, undefined, m), {
    found: { path: "/opt/tools/bin/contactlint-dev", source: "setting" },
  });
});

test("without a setting, the bundled binary, then PATH", () => {
  assert.deepEqual(findBinary("", EXTENSION, "/work", machine([BUNDLED, "/usr/bin/contactlint"])), {
    found: { path: BUNDLED, source: "bundled" },
  });
  assert.deepEqual(findBinary(" ", EXTENSION, "/work", machine(["/opt/tools/bin/contactlint"])), {
    found: { path: "/opt/tools/bin/contactlint", source: "PATH" },
  });
  const windows: Machine = {
    ...machine(["C:\\tools\\contactlint.exe"], "C:\\tools"),
    platform: "win32",
  };
  const search = findBinary("", "C:\\ext", undefined, windows);
  assert.ok("found" in search && search.found.source === "PATH", JSON.stringify(search));
});

test("none found: the message says what to do", () => {
  const search = findBinary("", EXTENSION, "/work", machine([]));
  assert.ok("missing" in search);
  assert.match(search.missing, /docs\/getting-started\.md/);
  assert.match(search.missing, /contactlint: Restart Server/);
  assert.match(search.missing, /contactlint\.path/);
});

test("a server older than the extension is refused, with what to do", () => {
  const fromPath = { path: "/usr/bin/contactlint", source: "PATH" as const };
  assert.equal(tooOld("0.1.0", "0.1.0", fromPath), undefined);
  assert.equal(tooOld("0.2.0", "0.1.0", fromPath), undefined);
  assert.equal(tooOld("1.0.0-dev", "0.9.9", fromPath), undefined);
  const old = tooOld("0.0.9", "0.1.0", fromPath);
  assert.match(old ?? "", /contactlint 0\.0\.9 \(\/usr\/bin\/contactlint, from PATH\) is older/);
  assert.match(old ?? "", /install a newer contactlint \(https:\/\/github\.com\/OWNER\/contactlint/);
  assert.match(tooOld(undefined, "0.1.0", fromPath) ?? "", /an unknown version/);
  const bundled = { path: BUNDLED, source: "bundled" as const };
  assert.match(tooOld("0.0.1", "0.1.0", bundled) ?? "", /reinstall the extension/);
  assert.deepEqual(parseVersion("v1.10.2"), [1, 10, 2]);
  assert.equal(parseVersion("one"), undefined);
  // 0.10.0 is newer than 0.9.0: numbers, not text.
  assert.equal(tooOld("0.10.0", "0.9.0", fromPath), undefined);
});
