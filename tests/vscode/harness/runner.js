// The end-to-end test inside VS Code's extension host (code-server's, started by
// tests/vscode/e2e.py with this file as `extensionTestsPath`). It opens the fixture
// workspace's files, reads what VS Code holds (`vscode.languages.getDiagnostics`) and checks
// it against expected.json (rule id, line and column of every finding of each file), checks
// that the installed extension runs the binary bundled in its .vsix, asks for a screenshot,
// applies a quick fix and the "fix all" command, then changes a list on disk and sees the
// campaign that uses it judged again. A failure rejects `run()`: VS Code reports exit code 1.
//
// The workspace is a copy in a temporary directory; expected.json, the screenshot handshake
// and result.json live in its parent.

"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vscode = require("vscode");

const EXTENSION_ID = "contactlint.contactlint";
const WAIT_MS = 20000;

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/// Polls until `probe` returns something other than undefined, or fails saying what it waited for.
async function until(what, probe, timeout = WAIT_MS) {
  const started = Date.now();
  let last;
  for (;;) {
    last = await probe();
    if (last !== undefined) {
      return last;
    }
    if (Date.now() - started > timeout) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    }
    await sleep(50);
  }
}

/// A diagnostic as `check --format concise` places it: rule id, line and column from 1.
function placed(diagnostic) {
  const code = typeof diagnostic.code === "object" ? diagnostic.code.value : diagnostic.code;
  return `${code}@${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
}

function shown(uri) {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === "contactlint")
    .map(placed)
    .sort();
}

/// Waits until VS Code shows exactly `wanted` (placed findings) for a file.
async function showsExactly(uri, wanted) {
  const sorted = [...wanted].sort();
  try {
    return await until(`${path.basename(uri.fsPath)} to show ${JSON.stringify(sorted)}`, () => {
      const now = shown(uri);
      return JSON.stringify(now) === JSON.stringify(sorted) ? now : undefined;
    });
  } catch (error) {
    throw new Error(`${error.message}; it shows ${JSON.stringify(shown(uri))}`);
  }
}

exports.run = async function run() {
  const workspace = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const outside = path.dirname(workspace);
  const expected = JSON.parse(fs.readFileSync(path.join(outside, "expected.json"), "utf8"));
  const steps = [];
  const started = Date.now();
  const step = async (name, body) => {
    const at = Date.now();
    await body();
    steps.push({ step: name, ms: Date.now() - at });
  };
  const file = (relative) => vscode.Uri.file(path.join(workspace, relative));
  const open = async (relative) => {
    const document = await vscode.workspace.openTextDocument(file(relative));
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  };
  let status;
  try {
    const byFile = new Map();
    for (const d of expected.diagnostics) {
      const list = byFile.get(d.file) ?? [];
      list.push(`${d.code}@${d.line}:${d.column}`);
      byFile.set(d.file, list);
    }
    if (byFile.size < 5) {
      throw new Error("expected.json names fewer than the five files the test is about");
    }

    await step("the installed extension runs its bundled server", async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      if (!extension) {
        throw new Error(`${EXTENSION_ID} is not installed`);
      }
      const api = await extension.activate();
      status = await until("the server to start", () => {
        const now = api.status();
        return now.state === "starting" ? undefined : now;
      });
      const version = extension.packageJSON.version;
      if (status.state !== "running" || status.binary.source !== "bundled") {
        throw new Error(`not running the bundled binary: ${JSON.stringify(status)}`);
      }
      if (status.serverVersion !== version) {
        throw new Error(`server ${status.serverVersion}, extension ${version}`);
      }
    });

    for (const relative of byFile.keys()) {
      await step(`open ${relative} and see its findings`, async () => {
        await open(relative);
        await showsExactly(file(relative), byFile.get(relative));
      });
    }

    await step("screenshot: a campaign's finding, its hover and the Problems panel", async () => {
      const document = await open("terraform/campaigns.tf");
      const finding = vscode.languages.getDiagnostics(document.uri)[0];
      await vscode.commands.executeCommand("workbench.actions.view.problems");
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      editor.selection = new vscode.Selection(finding.range.start, finding.range.start);
      await sleep(500);
      await vscode.commands.executeCommand("editor.action.showHover");
      await sleep(1500);
      fs.writeFileSync(path.join(outside, "screenshot-ready"), "");
      await until("the screenshot", () =>
        fs.existsSync(path.join(outside, "screenshot-taken")) ? true : undefined,
      );
    });

    await step("apply the quick fix of the JSON list", async () => {
      const uri = file("lists/sales.json");
      const document = await open("lists/sales.json");
      const finding = vscode.languages.getDiagnostics(uri).find((d) => d.source === "contactlint");
      const actions = await vscode.commands.executeCommand(
        "vscode.executeCodeActionProvider",
        uri,
        finding.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const titles = actions.map((a) => a.title);
      const fix = actions.find((a) => a.title === 'Change "Cel" to "Cell"');
      if (!fix || !fix.edit) {
        throw new Error(`no quick fix 'Change "Cel" to "Cell"' among ${JSON.stringify(titles)}`);
      }
      if (!(await vscode.workspace.applyEdit(fix.edit))) {
        throw new Error("the quick fix's edit was not applied");
      }
      const line = document.lineAt(4).text;
      if (line !== '    {"columnName": "Cell", "type": "cell"},') {
        throw new Error(`after the quick fix, line 5 is ${JSON.stringify(line)}`);
      }
      await showsExactly(uri, []);
    });

    await step("fix all safe problems of the legacy template (the command)", async () => {
      const document = await open("legacy/template.tf");
      await vscode.commands.executeCommand("contactlint.fixAll");
      const line = await until("the rename", () => {
        const text = document.lineAt(6).text;
        return text.includes("callable_time_column_name") ? text : undefined;
      });
      if (line !== '    callable_time_column_name = "Zone"') {
        throw new Error(`after fix all, line 7 is ${JSON.stringify(line)}`);
      }
      await showsExactly(document.uri, []);
    });

    await step("the list changed on disk: the campaign is judged again", async () => {
      await open("terraform/campaigns.tf");
      const campaigns = file("terraform/campaigns.tf");
      const lists = path.join(workspace, "terraform/lists.tf");
      const before = fs.readFileSync(lists, "utf8");
      if (vscode.workspace.textDocuments.some((d) => d.uri.fsPath === lists)) {
        throw new Error("lists.tf is open: the test is about a file the editor does not hold");
      }
      fs.writeFileSync(lists, before.replace('"Region"]', '"Region", "Language"]'));
      await showsExactly(campaigns, []);
      fs.writeFileSync(lists, before);
      await showsExactly(campaigns, byFile.get("terraform/campaigns.tf"));
    });

    await step("an older server, or none, is refused with what to do", async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      const settings = vscode.workspace.getConfiguration("contactlint");
      const old = path.join(outside, "old-contactlint");
      fs.copyFileSync(path.join(__dirname, "old-server.js"), old);
      fs.chmodSync(old, 0o755);
      const refused = async (wanted, said) => {
        const now = await until(`the extension to say ${wanted}`, () => {
          const now = extension.exports.status();
          return now.state === wanted ? now : undefined;
        });
        if (!said.test(now.message ?? "")) {
          throw new Error(`${wanted}: ${JSON.stringify(now)} does not match ${said}`);
        }
      };
      await settings.update("path", old, vscode.ConfigurationTarget.Global);
      await refused("outdated", /contactlint 0\.0\.1 \(.*old-contactlint, from setting\) is older than this extension/);
      await settings.update("path", path.join(outside, "nowhere"), vscode.ConfigurationTarget.Global);
      await refused("missing", /contactlint\.path is set to .*nowhere.* is not a program that can be run/);
      await settings.update("path", undefined, vscode.ConfigurationTarget.Global);
      await until("the bundled server again", () =>
        extension.exports.status().state === "running" ? true : undefined,
      );
    });
  } finally {
    const result = { steps, status, ms: Date.now() - started };
    fs.writeFileSync(path.join(outside, "result.json"), JSON.stringify(result, null, 2));
  }
};
