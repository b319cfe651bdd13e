// The contactlint extension (docs/integrations/editors.md): starts `contactlint server` for JSON, JSONC, TOML,
// Terraform and CSV files, passes it the settings, and offers three commands (restart the
// server, apply every safe fix of the file, show the output). Diagnostics, quick fixes, hover
// and completion come from the server through vscode-languageclient.

import { execFile } from "node:child_process";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import { findBinary, Found, resolveSetting, tooOld } from "./binary";

/// The code action kind under which the server offers every safe fix of a document.
const FIX_ALL = "source.fixAll.contactlint";

/// The language ids the server is attached to: VS Code's own (`json`, `jsonc`) and those this
/// extension contributes when no other extension does (HashiCorp's `terraform`, Even Better
/// TOML's `toml`, Rainbow CSV's `csv` are the same ids).
const LANGUAGES = ["json", "jsonc", "toml", "terraform", "csv"];

/// The documents the server is given: those languages, and the files by name whatever
/// language another extension gives them: the extensions of every syntax contactlint reads
/// (`Syntax::ALL`; tests/it/vscode.rs holds this pattern to it).
const DOCUMENTS = [
  ...LANGUAGES.flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]),
  { scheme: "file", pattern: "**/*.{json,toml,tf,tf.json,csv}" },
];

/// What the extension is doing, for the status the API gives (the end-to-end test reads it).
export interface Status {
  state: "disabled" | "starting" | "running" | "missing" | "outdated" | "failed";
  binary?: Found;
  serverVersion?: string;
  /// What the user was told, when something is wrong.
  message?: string;
}

/// What `activate` returns to other extensions (and tests).
export interface Api {
  status(): Status;
  restart(): Promise<void>;
}

let client: LanguageClient | undefined;
let status: Status = { state: "starting" };
let output: vscode.LogOutputChannel;

export async function activate(context: vscode.ExtensionContext): Promise<Api> {
  output = vscode.window.createOutputChannel("contactlint", { log: true });
  const restart = async () => {
    await stop();
    await start(context);
  };
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("contactlint.restart", restart),
    vscode.commands.registerCommand("contactlint.fixAll", fixAll),
    vscode.commands.registerCommand("contactlint.showOutput", () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      const affects = (name: string) => event.affectsConfiguration(`contactlint.${name}`);
      if (affects("enable") || affects("path")) {
        await restart();
      } else if ((affects("configuration") || affects("providerVersion")) && client) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: serverSettings(),
        });
      }
    }),
  );
  await start(context);
  return { status: () => ({ ...status }), restart };
}

export async function deactivate(): Promise<void> {
  await stop();
}

/// The settings the server reads (`initializationOptions`, then each
/// `workspace/didChangeConfiguration`), paths resolved as the user means them.
function serverSettings(): { contactlint: { configuration: string; providerVersion: string } } {
  const config = vscode.workspace.getConfiguration("contactlint");
  const configuration = config.get<string>("configuration", "").trim();
  return {
    contactlint: {
      configuration:
        configuration === "" ? "" : resolveSetting(configuration, firstFolder(), os.homedir()),
      providerVersion: config.get<string>("providerVersion", "").trim(),
    },
  };
}

function firstFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("contactlint");
  if (!config.get<boolean>("enable", true)) {
    status = { state: "disabled" };
    output.appendLine("contactlint is disabled (contactlint.enable).");
    return;
  }
  const extensionVersion: string = context.extension.packageJSON.version;
  const search = findBinary(config.get<string>("path", ""), context.extensionPath, firstFolder());
  if ("missing" in search) {
    status = { state: "missing", message: search.missing };
    tell(search.missing);
    return;
  }
  const binary = search.found;
  status = { state: "starting", binary };
  output.appendLine(`Starting ${binary.path} server (from ${binary.source}).`);
  const serverOptions: ServerOptions = {
    command: binary.path,
    args: ["server"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENTS,
    outputChannel: output,
    initializationOptions: serverSettings(),
    diagnosticCollectionName: "contactlint",
  };
  const next = new LanguageClient("contactlint", "contactlint", serverOptions, clientOptions);
  try {
    await next.start();
  } catch (error) {
    await next.dispose().catch(() => undefined);
    // A server older than `--stdio` exits at once: say that it is too old, when it is.
    const version = await versionOf(binary.path);
    const old = version === undefined ? undefined : tooOld(version, extensionVersion, binary);
    const message =
      old ?? `contactlint could not start ${binary.path} server: ${String(error)}`;
    status = { state: old ? "outdated" : "failed", binary, serverVersion: version, message };
    tell(message);
    return;
  }
  const serverVersion = next.initializeResult?.serverInfo?.version;
  const old = tooOld(serverVersion, extensionVersion, binary);
  if (old !== undefined) {
    await next.stop().catch(() => undefined);
    status = { state: "outdated", binary, serverVersion, message: old };
    tell(old);
    return;
  }
  client = next;
  status = { state: "running", binary, serverVersion };
  output.appendLine(`contactlint ${serverVersion} is running.`);
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop().catch(() => undefined);
  }
}

/// The version `contactlint --version` prints (`contactlint 0.1.0 (…)`), if it runs.
function versionOf(binary: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(binary, ["--version"], { timeout: 10_000 }, (error, stdout) => {
      const match = /(\d+\.\d+\.\d+)/.exec(stdout ?? "");
      resolve(error || match === null ? undefined : match[1]);
    });
  });
}

/// Says what is wrong in the output channel and in a message with what to do.
function tell(message: string): void {
  output.appendLine(message);
  void vscode.window
    .showErrorMessage(message, "Open Settings", "Show Output")
    .then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "contactlint.");
      } else if (choice === "Show Output") {
        output.show(true);
      }
    });
}

/// Applies every safe fix the server has for the active file.
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    return;
  }
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = await client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
    range: client.code2ProtocolConverter.asRange(whole),
    context: { diagnostics: [], only: [FIX_ALL] },
  });
  for (const action of actions ?? []) {
    if ("edit" in action && action.edit) {
      const edit = await client.protocol2CodeConverter.asWorkspaceEdit(action.edit);
      await vscode.workspace.applyEdit(edit);
    }
  }
}
