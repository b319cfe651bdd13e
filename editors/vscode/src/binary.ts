// Which `contactlint` binary the extension runs, and whether it is new enough (docs/integrations/editors.md): the
// `contactlint.path` setting; else the binary bundled in a platform-specific .vsix; else
// `contactlint` on PATH. No VS Code API here, so that it is tested under plain Node
// (test/binary.test.ts).

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/// Where the binary was found.
export type Source = "setting" | "bundled" | "PATH";

export interface Found {
  path: string;
  source: Source;
}

/// What the search reads of the machine: injectable for tests.
export interface Machine {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /// Whether a file exists and can be run.
  isExecutable(file: string): boolean;
  /// Whether a file exists.
  exists(file: string): boolean;
  home: string;
}

export const thisMachine: Machine = {
  platform: process.platform,
  env: process.env,
  isExecutable(file: string): boolean {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  exists(file: string): boolean {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  home: os.homedir(),
};

/// Path operations as the platform spells paths.
function paths(platform: NodeJS.Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

/// The binary's file name on a platform.
export function executableName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "contactlint.exe" : "contactlint";
}

/// Where the documentation says how to install contactlint.
const INSTALL = "https://github.com/OWNER/contactlint/blob/main/docs/getting-started.md";

/// Where a platform .vsix holds the binary (scripts/package-platform.sh puts it there).
export function bundledPath(extensionPath: string, platform: NodeJS.Platform): string {
  return paths(platform).join(extensionPath, "bundled", executableName(platform));
}

/// The setting's path with `~` and `${workspaceFolder}` resolved; relative to the first
/// workspace folder when relative.
export function resolveSetting(
  setting: string,
  workspaceFolder: string | undefined,
  home: string,
): string {
  let resolved = setting.trim();
  if (workspaceFolder !== undefined) {
    resolved = resolved.split("${workspaceFolder}").join(workspaceFolder);
  }
  if (resolved === "~" || resolved.startsWith("~/")) {
    resolved = path.join(home, resolved.slice(1));
  }
  if (!path.isAbsolute(resolved) && workspaceFolder !== undefined && resolved.includes("/")) {
    resolved = path.join(workspaceFolder, resolved);
  }
  return resolved;
}

/// The first program of that name (`contactlint` by default) on PATH.
export function onPath(machine: Machine, command?: string): string | undefined {
  let name = command ?? executableName(machine.platform);
  const spelled = paths(machine.platform);
  if (machine.platform === "win32" && spelled.extname(name) === "") {
    name = `${name}.exe`;
  }
  const separator = machine.platform === "win32" ? ";" : ":";
  const entries = (machine.env.PATH ?? machine.env.Path ?? "").split(separator);
  for (const entry of entries) {
    if (entry === "") {
      continue;
    }
    const candidate = spelled.join(entry, name);
    if (machine.isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/// The outcome of a search: the binary, or why there is none and what to do.
export type Search = { found: Found } | { missing: string };

/// Finds the binary, first found wins: the setting (which must then name a binary that runs:
/// no silent fallback to another one), the bundled one, PATH.
export function findBinary(
  setting: string,
  extensionPath: string,
  workspaceFolder: string | undefined,
  machine: Machine = thisMachine,
): Search {
  if (setting.trim() !== "") {
    const resolved = resolveSetting(setting, workspaceFolder, machine.home);
    const bare = !resolved.includes("/") && !resolved.includes("\\");
    if (bare) {
      // A command name: looked up on PATH as a shell would.
      const found = onPath(machine, resolved);
      if (found !== undefined) {
        return { found: { path: found, source: "setting" } };
      }
    } else if (machine.isExecutable(resolved)) {
      return { found: { path: resolved, source: "setting" } };
    }
    return {
      missing:
        `contactlint.path is set to "${setting}", but ${resolved} is not a program that can be ` +
        "run. Correct the setting (or clear it to use the bundled binary or the one on PATH).",
    };
  }
  const bundled = bundledPath(extensionPath, machine.platform);
  if (machine.isExecutable(bundled)) {
    return { found: { path: bundled, source: "bundled" } };
  }
  const found = onPath(machine);
  if (found !== undefined) {
    return { found: { path: found, source: "PATH" } };
  }
  return {
    missing:
      "The contactlint binary was not found: this extension has none bundled for this platform " +
      `and there is no contactlint on PATH. Install contactlint (${INSTALL}), then run ` +
      '"contactlint: Restart Server"; or set contactlint.path to the binary.',
  };
}

/// A `MAJOR.MINOR.PATCH` version as numbers (a pre-release or build suffix ignored).
export function parseVersion(text: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  if (match === null) {
    return undefined;
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/// Negative when `a` is older than `b`, zero when equal, positive when newer.
export function compareVersions(a: [number, number, number], b: [number, number, number]): number {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return 0;
}

/// Why a server is refused, or `undefined` when it is new enough: its version
/// (`serverInfo.version`) must be at least the extension's, which follows contactlint's own.
export function tooOld(
  serverVersion: string | undefined,
  extensionVersion: string,
  binary: Found,
): string | undefined {
  const wanted = parseVersion(extensionVersion);
  const have = serverVersion === undefined ? undefined : parseVersion(serverVersion);
  if (wanted === undefined) {
    return undefined;
  }
  if (have !== undefined && compareVersions(have, wanted) >= 0) {
    return undefined;
  }
  const said = serverVersion === undefined ? "an unknown version" : serverVersion;
  const upgrade =
    binary.source === "bundled"
      ? "reinstall the extension"
      : `install a newer contactlint (${INSTALL}) or set contactlint.path to a newer one`;
  return (
    `contactlint ${said} (${binary.path}, from ${binary.source}) is older than this extension ` +
    `(${extensionVersion}), which needs contactlint ${extensionVersion} or newer: ${upgrade}.`
  );
}
