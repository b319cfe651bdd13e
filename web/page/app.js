// The page: the list in an editor (line numbers, its findings underlined, hover), the findings
// listed as `check` prints them, `explain`, fixes, a share link, examples, and the settings of
// `check` that matter here. The engine runs in Web Workers (worker.js): one answers the list's
// checks, and another streams the CSV of contacts, which a newer check stops. This file only asks
// them and shows what they say. Once the engine has loaded, the page makes no request: a second
// Content-Security-Policy then forbids every connection.

"use strict";

const $ = (id) => document.getElementById(id);

/** The most characters a share link may have: past it, the page says so instead. */
const SHARE_CAP = 16384;
/** A CSV larger than this shows its progress, and a button to stop its check. */
const PROGRESS_FROM = 10 * 1000 * 1000;
/** Findings drawn at once; more as the list is scrolled. */
const FIRST_DRAWN = 60;
const MORE_DRAWN = 120;

const state = {
  module: null, // the compiled wasm, handed to every worker
  workerUrl: null, // a blob: URL of worker.js's text
  lister: null, // the Engine that checks the list
  spare: null, // an Engine started ahead, for the next CSV
  rules: new Map(), // id → { severity, summary }
  versions: [], // provider releases, oldest first
  // The extensions (lowercase, without the dot) of the syntaxes the engine reads, by what their
  // files hold: the file pickers offer them, and a file's name says which it is.
  extensions: { list: [], contacts: [] },
  loaded: false,
  generation: 0, // of the latest check asked for
  // The list as loaded, when it came from a file: its bytes when they are not UTF-8, its name
  // and line endings for Download.
  file: { bytes: null, name: null, crlf: false },
  // The editor holds an example the user did not change: a CSV is not judged against it.
  example: null,
  contacts: null, // { name, size, file, handle, serial, builtIn }
  serial: 0, // numbers each choice of a CSV, so that choosing it again reads it again
  job: null, // the CSV being checked: { key, engine, read, size, file }
  csv: null, // the last CSV check: { key, answer, file }
  listAnswer: null,
  shown: null, // what the findings list shows: { diagnostics, text, ... }
  explained: null, // the rule `explain` shows
};

// ---------------------------------------------------------------------------------------------
// Helpers

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function fail(message) {
  $("failure").textContent = message;
  $("failure").hidden = false;
}

function setStatus(text) {
  $("status").textContent = text;
}

window.addEventListener("error", (event) => fail(`The page failed: ${event.message}`));
window.addEventListener("unhandledrejection", (event) =>
  fail(`The page failed: ${event.reason?.message ?? event.reason}`));

// ---------------------------------------------------------------------------------------------
// The engine: a worker started from a blob: URL with the compiled module.

class Engine {
  constructor() {
    this.worker = new Worker(state.workerUrl);
    this.pending = new Map();
    this.next = 0;
    this.onProgress = null;
    this.ready = new Promise((resolve, reject) => {
      this.started = { resolve, reject };
    });
    this.ready.catch(() => {});
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.started.reject(new Error(event.message));
      this.stop(`the engine failed: ${event.message}`);
    };
    this.worker.postMessage({ module: state.module });
  }

  receive(data) {
    if (data.request !== undefined) {
      // The worker's own hook: something in it tried to make a request (refused).
      const count = Number(document.body.dataset.workerRequests ?? 0) + 1;
      document.body.dataset.workerRequests = String(count);
      return fail(`The engine tried to make a request (${data.request}); it was refused.`);
    }
    if (data.ready !== undefined) {
      if (!data.ready) return this.started.reject(new Error(data.error));
      this.policed = data.policed;
      return this.started.resolve(data);
    }
    if (data.progress !== undefined) return this.onProgress?.(data.progress);
    this.pending.get(data.id)?.resolve(data.answer);
    this.pending.delete(data.id);
  }

  /** Sends a request; resolves with its answer. */
  async ask(request, file) {
    await this.ready;
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request, file: file ?? null });
    });
  }

  /** Ends the worker, and with it its memory; what it was asked is answered `reason`. */
  stop(reason = "stopped") {
    this.worker.terminate();
    for (const { resolve } of this.pending.values()) resolve({ stopped: reason });
    this.pending.clear();
  }
}

// ---------------------------------------------------------------------------------------------
// Start

async function start() {
  if (location.protocol === "file:") {
    setStatus("Not started.");
    const folder = decodeURI(location.pathname.replace(/\/[^/]*$/, "")) || ".";
    fail("This page was opened from a file (file://), where the browser does not let it start its " +
      "engine. Serve its folder instead, with any static server, and open it from there:\n\n" +
      `    python3 -m http.server -d "${folder}" 8000\n\nthen http://localhost:8000/`);
    document.body.dataset.fromDisk = "true";
    return;
  }
  try {
    const [source, module] = await Promise.all([
      fetch("worker.js").then((response) => {
        if (!response.ok) throw new Error(`worker.js: HTTP ${response.status}`);
        return response.text();
      }),
      compile(),
    ]);
    state.module = module;
    state.workerUrl = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  } catch (error) {
    setStatus("Not started.");
    return fail(`The engine cannot be loaded: ${error.message}`);
  }
  lockDown();
  state.lister = new Engine();
  state.spare = new Engine();
  try {
    await state.lister.ready;
    const rules = await state.lister.ask({ command: "rules" });
    showRules(rules);
    await warmUp();
  } catch (error) {
    setStatus("Not started.");
    return fail(`The engine cannot start: ${error.message}`);
  }
  document.body.dataset.workerCsp = state.lister.policed ? "enforced" : "absent";
  state.loaded = true;
  document.body.dataset.ready = "true";
  document.body.dataset.readyIn = performance.now().toFixed(0);
  setStatus("Ready.");
  if (!(await openShared())) showExample(EXAMPLES[0].id, true);
  // The list just opened is drawn first: its check starts from a page with nothing left to draw,
  // so that the findings come in one change of the page (and the marks of the warm-up are gone).
  await painted();
  check();
}

/** Resolves once the page as it is now has been drawn (or after 100 ms: a tab in the background
 * draws nothing). */
function painted() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => {
      clearTimeout(timer);
      resolve();
    }));
  });
}

/** The wasm, compiled once for every worker. */
async function compile() {
  const response = await fetch("contactlint.wasm");
  if (!response.ok) throw new Error(`contactlint.wasm: HTTP ${response.status}`);
  try {
    return await WebAssembly.compileStreaming(response.clone());
  } catch {
    // A server that does not say application/wasm.
    return WebAssembly.compile(await response.arrayBuffer());
  }
}

/** Everything is loaded: from now on the page and its workers may connect nowhere. */
function lockDown() {
  const policy = document.createElement("meta");
  policy.httpEquiv = "Content-Security-Policy";
  policy.content = "connect-src 'none'; img-src data:; form-action 'none'";
  document.head.append(policy);
}

/** Runs each example through the engine three times, and shows it, so that the first check is
 * not slow: the engine's code and the page's are both compiled. */
async function warmUp() {
  // Three rounds, each example through the functions a check runs: the first compiles the
  // engine's code (each function as it first runs), the second runs it compiled, the third shows
  // each example. No more: every round hands more of the engine to the browser's optimising
  // compiler, whose work in the background (anew in a fresh browser) then competes with the
  // first check for the processor (see docs/playground.md, its measurements).
  for (let round = 0; round < 3; round++) {
    for (const example of EXAMPLES) {
      unknownRules();
      await refreshContacts();
      const request = { ...listRequest("unsafe"), name: example.name, text: example.text };
      const answer = await state.lister.ask(request);
      if (round === 2) {
        state.listAnswer = { answer, text: example.text, name: example.name, problem: null,
          started: performance.now() };
        show(true);
      }
    }
  }
  // The page's own code, run a few more times, is compiled too (not interpreted) by then.
  for (let i = 0; i < 8; i++) show(true);
  await state.lister.ask({ command: "explain", rule: "unknown-field" });
}

function showRules(answer) {
  for (const rule of answer.rules) state.rules.set(rule.id, rule);
  const options = answer.rules.map((rule) => {
    const option = element("option");
    option.value = rule.id;
    option.label = `${rule.severity}: ${rule.summary}`;
    return option;
  });
  $("rule-ids").replaceChildren(...options);
  state.versions = answer.provider_versions;
  const newest = state.versions.at(-1);
  const provider = $("provider");
  provider.replaceChildren(new Option(`newest (${newest})`, ""),
    ...[...state.versions].reverse().map((version) => new Option(version, version)));
  for (const example of EXAMPLES) $("example").append(new Option(example.label, example.id));
  useSyntaxes(answer.syntaxes);
}

/** The syntaxes the engine reads (`Syntax::ALL`): the file pickers accept their extensions. */
function useSyntaxes(syntaxes) {
  for (const { extensions, contacts } of syntaxes) {
    state.extensions[contacts ? "contacts" : "list"].push(...extensions);
  }
  const accepted = (extensions) => extensions.map((extension) => `.${extension}`);
  $("list-file").accept = accepted(state.extensions.list).join(",");
  $("contacts-file").accept = accepted(state.extensions.contacts).join(",");
}

/** The longest of `extensions` a file name ends in (`x.tf.json` is Terraform's JSON, not
 * JSON), as `check` reads it; `undefined` when it ends in none. */
function extensionOf(name, extensions) {
  const lower = name.toLowerCase();
  const ending = extensions.filter((extension) => lower.endsWith(`.${extension}`));
  return ending.sort((a, b) => b.length - a.length)[0];
}

// ---------------------------------------------------------------------------------------------
// Requests

function ruleIds(input) {
  return input.value.split(",").map((id) => id.trim()).filter((id) => id !== "");
}

/** The settings as the page shows them. */
function settings() {
  const select = ruleIds($("select"));
  return {
    name: $("syntax").value,
    profile: $("profile").value || null,
    provider_version: $("provider").value || null,
    select: select.length > 0 ? select : null,
    ignore: ruleIds($("ignore")),
    list: $("pair-with").value || null,
    id_column: $("id-column").value.trim() || null,
    append: $("append").checked,
  };
}

/** The list's check: the text, and the CSV paired but not read. */
function listRequest(fix) {
  const { contacts } = state;
  const request = { command: "check", text: $("text").value, fix: fix ?? null, ...settings() };
  if (state.file.bytes) request.bytes = [...state.file.bytes];
  if (contacts) {
    request.contacts = { name: contacts.name, size: contacts.file.size, read: false, pair: paired() };
  } else {
    Object.assign(request, { list: null, id_column: null, append: false });
  }
  return request;
}

/** Whether the CSV goes with the editor's list: not with an example nobody wrote. */
function paired() {
  const example = state.example && EXAMPLES.find((e) => e.id === state.example);
  return !example || state.contacts?.builtIn === true;
}

/** The rule ids of Select and Ignore the engine does not know, with the field they are in. */
function unknownRules() {
  const unknown = [];
  for (const field of ["select", "ignore"]) {
    for (const id of ruleIds($(field))) {
      if (!state.rules.has(id)) unknown.push({ field, id });
    }
  }
  return unknown;
}

// ---------------------------------------------------------------------------------------------
// Checks

let typing = null;

function checkSoon() {
  clearTimeout(typing);
  typing = setTimeout(() => check(), 120);
}

/** Checks the list (and the CSV, when what it is judged against changed) and shows it all. */
async function check(fix) {
  if (!state.loaded) return;
  clearTimeout(typing);
  const generation = ++state.generation;
  const started = performance.now();
  for (const field of ["select", "ignore"]) $(field).removeAttribute("aria-invalid");
  const unknown = unknownRules();
  if (unknown.length > 0) {
    for (const { field } of unknown) $(field).setAttribute("aria-invalid", "true");
    const [{ field, id }] = unknown;
    const name = field === "select" ? "Select" : "Ignore";
    return notChecked(`unknown rule "${id}" in ${name}: the field offers the rules' ids (type a few letters).`);
  }
  const problem = await refreshContacts();
  if (generation !== state.generation) return;
  const request = listRequest(fix);
  // Said only when the check takes a while: a quick one changes the page once, with its findings.
  const slow = setTimeout(() => setStatus("Checking…"), 100);
  const answer = await state.lister.ask(request);
  clearTimeout(slow);
  if (generation !== state.generation) return;
  if (answer.stopped) {
    state.lister = new Engine();
    return notChecked(answer.stopped);
  }
  if (answer.error) return notChecked(answer.error);
  if (fix && answer.fixed) {
    setText(answer.fixed.text);
    return check();
  }
  $("failure").hidden = true;
  state.listAnswer = { answer, text: request.text, name: request.name, problem, started };
  showLists(answer);
  if (state.contacts && !problem) {
    const key = csvKey(answer);
    if (state.csv?.key !== key) checkContacts(key, { ...request, fix: null, contacts: {
      ...request.contacts, read: true } });
  }
  show();
}

function notChecked(message) {
  fail(message);
  setStatus("Not checked.");
  $("diagnostics").replaceChildren();
  $("notes").replaceChildren();
  highlight(new Lines($("text").value), []);
  $("summary").textContent = "Not checked";
  document.body.dataset.allClear = "false";
  finished();
}

/** What the CSV is judged against, and which read of which file: its check's cache key. */
function csvKey(answer) {
  const { contacts } = state;
  return [answer.judged_against, contacts.serial, contacts.file.lastModified, contacts.file.size]
    .join("|");
}

/**
 * Makes sure the CSV read is the file as it is now. With a FileSystemFileHandle (Chromium's
 * picker or a drop), a fresh File is taken for every check, and a changed file read again. A File
 * from an <input> is a snapshot that can no longer be read once the file changed on disk: then
 * the page says so. Returns the problem, or null.
 */
async function refreshContacts() {
  const { contacts } = state;
  if (!contacts || contacts.builtIn) return null;
  try {
    if (contacts.handle) {
      const file = await contacts.handle.getFile();
      const changed = file.lastModified !== contacts.file.lastModified ||
        file.size !== contacts.file.size;
      contacts.note = changed ? `${contacts.name} changed on disk: the page read it again.` : null;
      contacts.file = file;
    } else {
      await contacts.file.slice(0, 1).arrayBuffer();
    }
    return null;
  } catch (error) {
    state.csv = null;
    cancelContacts();
    return unreadable(contacts.name, error.name);
  }
}

function unreadable(name, reason) {
  if (reason === "NotReadableError") return `${name} changed on disk since it was chosen: choose it again.`;
  if (reason === "NotFoundError") return `${name} can no longer be found on disk: choose it again.`;
  return `${name} cannot be read (${reason}): choose it again.`;
}

/** Streams the CSV in a worker of its own; a check already running for another key is stopped. */
function checkContacts(key, request) {
  if (state.job?.key === key) return;
  cancelContacts();
  const engine = state.spare ?? new Engine();
  state.spare = null;
  const file = state.contacts.file;
  const job = { key, engine, read: 0, size: file.size, file };
  state.job = job;
  engine.onProgress = (read) => {
    job.read = read;
    showProgress();
  };
  showProgress();
  engine.ask(request, file).then((answer) => {
    if (state.job !== job) return;
    state.job = null;
    engine.stop();
    state.spare = new Engine();
    if (answer.stopped) return;
    state.csv = { key, answer, file, fresh: true };
    show();
  });
}

/** Stops the CSV's check, if one runs; its worker's memory goes with it. */
function cancelContacts() {
  const { job } = state;
  if (!job) return;
  state.job = null;
  job.engine.stop();
  state.spare ??= new Engine();
  showProgress();
}

function showProgress() {
  const { job } = state;
  const large = job !== null && job.size > PROGRESS_FROM;
  $("progress").hidden = !large;
  $("cancel").hidden = !large;
  if (large) {
    $("progress").value = job.size > 0 ? job.read / job.size : 0;
    setStatus(`Checking ${state.contacts?.name}: ${Math.floor((100 * job.read) / job.size)}%…`);
  }
}

// ---------------------------------------------------------------------------------------------
// What is shown

/** Offers the text's Terraform lists to pair the CSV with, when it declares several. */
function showLists(answer) {
  const addresses = answer.lists ?? [];
  const chooser = $("pair-with");
  const chosen = chooser.value;
  const several = state.contacts !== null && addresses.length > 1;
  $("pair-with-label").hidden = !several;
  const offered = [...chooser.options].slice(1).map((option) => option.value);
  if (offered.join("\n") !== addresses.join("\n")) {
    chooser.replaceChildren(new Option("choose a list", ""),
      ...addresses.map((address) => new Option(address, address)));
  }
  chooser.value = addresses.includes(chosen) ? chosen : answer.paired_with ?? "";
  // The check that showed the change paired with a list that is gone: check again without it.
  if (chosen !== "" && !addresses.includes(chosen)) checkSoon();
}

/** Shows the list's check and the CSV's, and says what is not checked; never an all-clear then. */
function show(warmingUp = false) {
  const shown = performance.now();
  // The editor's scroll position and height, read before anything changes (the layout is clean
  // then): the findings are drawn with one layout, at the end.
  const editor = geometry();
  const { answer, text, name, problem, started } = state.listAnswer;
  const { contacts } = state;
  const notes = [];
  const runErrors = [...answer.report.errors];
  let diagnostics = answer.report.diagnostics;
  let omitted = answer.report.omitted ?? [];
  let pending = false;
  let csvFile = null;
  if (contacts && problem) {
    runErrors.push({ path: contacts.name, message: problem });
  } else if (contacts) {
    const key = csvKey(answer);
    const csv = state.csv?.key === key ? state.csv : null;
    if (csv) {
      const mine = (entry) => entry.path === contacts.name;
      const { report, read_error: readError } = csv.answer;
      if (csv.answer.error) runErrors.push({ path: contacts.name, message: csv.answer.error });
      for (const error of report?.errors ?? []) {
        if (!mine(error)) continue;
        runErrors.push(readError ? { path: error.path, message: unreadable(contacts.name, readError) }
          : error);
      }
      // In `check`'s order: by path (each file's own are in order already).
      diagnostics = [...diagnostics, ...(report?.diagnostics ?? []).filter(mine)]
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      omitted = [...omitted, ...(report?.omitted ?? []).filter(mine)];
      csvFile = csv.file;
    } else {
      pending = true;
      notes.push(`${contacts.name} is being checked…`);
    }
    if (contacts.note) notes.push(contacts.note);
    if (!paired()) {
      notes.push(`${contacts.name} is checked on its own: the editor holds an example, not your ` +
        "list. Paste, open or drop the list it goes into to check the contacts against it.");
    } else if (answer.pairing_error) {
      notes.push(`${contacts.name} is checked without a list: ${answer.pairing_error}.`);
    } else if (answer.paired_with && !state.listChosen &&
      contactsPaths(text, name).some((path) => path.split(/[/\\]/).pop() === contacts.name)) {
      notes.push(`${contacts.name} goes into ${answer.paired_with}, whose contacts_filepath names it.`);
    }
  }
  for (const path of contactsPaths(text, name)) {
    if (contacts?.name === path.split(/[/\\]/).pop()) continue;
    notes.push(`contacts_filepath names ${path}: this page cannot look for files on your disk, so ` +
      "contacts-file-not-found is not checked here. Choose or drop that CSV to check it against the list.");
  }
  if (state.linkProblem) notes.push(state.linkProblem);
  if (state.file.bytes) {
    notes.push(`${state.file.name} is not UTF-8: fixes and Download are off, so that its bytes are ` +
      "never written back replaced.");
  }
  const { errors, warnings } = counts(diagnostics, omitted);
  const complete = !pending && runErrors.length === 0;
  const allClear = complete && errors === 0 && warnings === 0 && (!contacts || paired() &&
    !answer.pairing_error);
  const found = [];
  if (errors > 0 || warnings > 0 || !allClear) {
    found.push(plural(errors, "error"), plural(warnings, "warning"));
  }
  if (runErrors.length > 0) found.push(`${plural(runErrors.length, "file")} not read`);
  $("summary").textContent = allClear ? "No problems found" : found.join(", ") +
    (pending ? " so far" : "");
  document.body.dataset.allClear = String(allClear);
  renderNotes(notes, runErrors);
  renderFindings(diagnostics, omitted, text, name, csvFile, editor);
  closeStaleExplanation(diagnostics);
  if (!state.job) {
    let said = `Checked in ${answer.milliseconds.toFixed(1)} ms`;
    if (contacts && csvFile && state.csv.fresh) {
      said += `, ${contacts.name} in ${state.csv.answer.milliseconds.toFixed(0)} ms`;
    } else if (contacts && csvFile) {
      said += `; ${contacts.name} not read again (what it is judged against did not change)`;
    }
    setStatus(pending ? `Checking ${contacts.name}…` : `${said}.`);
  }
  if (csvFile) state.csv.fresh = false;
  // Layout now, so that the time is the time to the screen.
  void $("diagnostics").offsetHeight;
  syncScroll();
  const now = performance.now();
  window.lastTiming = { engine: answer.milliseconds, screen: now - started, render: now - shown,
    contacts: state.csv?.answer.milliseconds };
  $("fix-safe").disabled = $("fix-unsafe").disabled = $("download").disabled =
    state.file.bytes !== null;
  if (!pending && !warmingUp) finished();
}

function finished() {
  document.body.dataset.checks = String(Number(document.body.dataset.checks ?? 0) + 1);
}

function counts(diagnostics, omitted) {
  let errors = 0;
  let warnings = 0;
  for (const { severity, count } of [...diagnostics, ...omitted]) {
    if (severity === "error") errors += count ?? 1;
    else warnings += count ?? 1;
  }
  return { errors, warnings };
}

/** The literal `contacts_filepath` values a Terraform text writes. */
function contactsPaths(text, name) {
  if (!name.endsWith(".tf") && !name.endsWith(".tf.json")) return [];
  const pattern = name.endsWith(".tf")
    ? /^\s*contacts_filepath\s*=\s*"([^"$]+)"/gm
    : /"contacts_filepath"\s*:\s*"([^"$]+)"/g;
  const paths = [...text.matchAll(pattern)].map((match) => match[1]);
  return [...new Set(paths)].filter((path) => !/^(s3a?|https?):\/\//i.test(path));
}

function renderNotes(notes, runErrors) {
  const items = runErrors.map((error) =>
    element("li", "run-error", `${error.path}: ${error.message}`));
  items.push(...notes.map((note) => element("li", "note", note)));
  $("notes").replaceChildren(...items);
}

// ---------------------------------------------------------------------------------------------
// The findings, drawn lazily, as `check` prints them

/** Where each line starts in `text`, and a position (1-based line, column in Unicode scalar
 * values) as an index into it. */
class Lines {
  constructor(text, base = 1) {
    this.text = text;
    this.base = base;
    this.starts = [0];
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) {
      this.starts.push(at + 1);
    }
  }

  index(position) {
    const { text } = this;
    if (position.line > this.starts.length) return text.length;
    let index = this.starts[position.line - 1];
    for (let column = 1; column < position.column && index < text.length; column++) {
      if (text[index] === "\n") break;
      index += text.codePointAt(index) > 0xffff ? 2 : 1;
    }
    return index;
  }

  line(number) {
    const at = number - this.base;
    const start = this.starts[at] ?? this.text.length;
    const end = this.starts[at + 1] === undefined ? this.text.length : this.starts[at + 1] - 1;
    return this.text.slice(start, end);
  }
}

let observer = null;

function renderFindings(diagnostics, omitted, text, name, csvFile, editor) {
  const lines = new Lines(text);
  const list = $("diagnostics");
  const spans = [];
  const shown = diagnostics.map((diagnostic, index) => {
    const inEditor = diagnostic.path === name;
    const entry = { diagnostic, index, inEditor };
    if (inEditor) {
      entry.start = lines.index(diagnostic.range.start);
      entry.end = Math.max(lines.index(diagnostic.range.end), entry.start + 1);
      spans.push({ start: entry.start, end: entry.end, kind: diagnostic.severity, index });
      for (const label of diagnostic.labels ?? []) {
        if (label.path !== name) continue;
        const start = lines.index(label.range.start);
        spans.push({ start, end: Math.max(lines.index(label.range.end), start + 1), kind: "label", index });
      }
    }
    return entry;
  });
  state.shown = { shown, lines, name, csvFile, drawn: 0, active: 0 };
  observer?.disconnect();
  list.replaceChildren();
  drawMore(FIRST_DRAWN);
  for (const entry of omitted) {
    list.append(element("li", `omitted ${entry.severity}`,
      `${entry.path}: ${entry.count} more ${entry.rule} findings (check counts them, and prints the first 100)`));
  }
  highlight(lines, spans, editor);
}

/** Draws up to `count` more findings; a sentinel draws the next ones when it scrolls into view
 * (of the list, where it scrolls, or of the page: the observer's root is the viewport, which
 * the list's own scrolling clips). */
function drawMore(count) {
  const { shown } = state.shown;
  const list = $("diagnostics");
  list.querySelector(".sentinel")?.remove();
  const end = Math.min(shown.length, state.shown.drawn + count);
  const items = [];
  for (let i = state.shown.drawn; i < end; i++) items.push(finding(shown[i], i));
  const first = list.querySelector(".omitted");
  for (const item of items) list.insertBefore(item, first);
  state.shown.drawn = end;
  if (end < shown.length) {
    const sentinel = element("li", "sentinel", `${shown.length - end} more…`);
    list.insertBefore(sentinel, first);
    observer = new IntersectionObserver((seen) => {
      if (seen.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        drawMore(MORE_DRAWN);
      }
    });
    observer.observe(sentinel);
  }
  if (state.shown.drawn > 0 && !list.querySelector('[tabindex="0"]')) {
    list.querySelector(".diagnostic")?.setAttribute("tabindex", "0");
  }
}

/** One finding, as `check` prints it: header, where, the lines with their markers, notes. */
function finding(entry, position) {
  const { diagnostic: d } = entry;
  const item = element("li", `diagnostic ${d.severity}`);
  item.tabIndex = -1;
  item.dataset.index = String(position);
  item.dataset.rule = d.rule;
  item.dataset.path = d.path;
  item.dataset.line = d.range.start.line;
  item.dataset.column = d.range.start.column;
  const rule = element("button", "rule", d.rule);
  rule.type = "button";
  rule.title = `explain ${d.rule}`;
  rule.addEventListener("click", () => explain(d.rule));
  const head = element("div", "head");
  head.append(element("span", "severity", d.severity), "[", rule, "]: ",
    element("span", "message", d.message));
  let where = `${d.path}:${d.range.start.line}:${d.range.start.column}`;
  if (d.column_name !== undefined) where += ` · column ${d.column_name}`;
  if (d.row !== undefined) where += ` · row ${d.row}`;
  const at = element("div", "where", `┌─ ${where}`);
  item.append(head, at);
  const snippet = element("pre", "snippet");
  item.append(snippet);
  if (entry.inEditor) {
    snippet.append(frame(state.shown.lines, d));
    item.addEventListener("click", (event) => {
      if (!event.target.closest(".rule")) goTo(position);
    });
  } else if (d.path === state.contacts?.name && state.shown.csvFile) {
    cellFrame(state.shown.csvFile, d).then((text) => snippet.replaceChildren(text),
      (error) => snippet.replaceChildren(`(the file cannot be read again: ${error.name})`));
  } else {
    snippet.remove();
  }
  const notes = [];
  if (d.resource) notes.push(`= in resource ${d.resource}`);
  if (d.help) notes.push(`= help: ${d.help}`);
  if (d.pointer) notes.push(`= at ${d.pointer}`);
  if (d.fix) notes.push(`= ${d.fix.applicability} fix: ${fixSays(d.fix)}`);
  for (const note of notes) item.append(element("div", "note", note));
  item.addEventListener("keydown", (event) => findingKey(event, position));
  return item;
}

/** What a fix does, in a few words. */
function fixSays(fix) {
  const edits = fix.edits ?? [fix];
  if (edits.length !== 1) return `${edits.length} edits`;
  return edits[0].replacement === "" ? "remove it" : `replace it with ${edits[0].replacement}`;
}

/** The lines of a finding in the editor's text with its markers and labels, as `check` draws
 * them: `^^^` under the span, `---` under each label, with the label's message. */
function frame(lines, d) {
  const marks = [{ range: d.range, char: "^", message: "" }];
  for (const label of d.labels ?? []) {
    if (label.path === d.path) marks.push({ range: label.range, char: "-", message: label.message });
  }
  const numbers = [...new Set(marks.map((m) => m.range.start.line))].sort((a, b) => a - b);
  const shownLines = [];
  for (const number of numbers) {
    const last = shownLines.at(-1);
    if (last !== undefined && number - last <= 3) {
      for (let n = last + 1; n < number; n++) shownLines.push(n);
    } else if (last !== undefined) {
      shownLines.push(null);
    }
    shownLines.push(number);
  }
  const width = String(numbers.at(-1)).length;
  const out = [];
  for (const number of shownLines) {
    if (number === null) {
      out.push(`${" ".repeat(width)} ·`);
      continue;
    }
    const text = lines.line(number);
    const window = cut(text, marks.filter((m) => m.range.start.line === number));
    out.push(`${String(number).padStart(width)} │ ${window.text}`);
    for (const mark of marks.filter((m) => m.range.start.line === number)) {
      const from = columnsIn(text, mark.range.start.column) - window.from;
      const to = mark.range.end.line === number
        ? columnsIn(text, mark.range.end.column) - window.from : window.length;
      const under = " ".repeat(Math.max(0, from)) + mark.char.repeat(Math.max(1, to - from));
      out.push(`${" ".repeat(width)} │ ${under}${mark.message ? ` ${mark.message}` : ""}`);
    }
  }
  return out.join("\n");
}

/** A (1-based) column of a line as a count of code points before it. */
function columnsIn(text, column) {
  return Math.min(column - 1, [...text].length);
}

/** The part of a long line around its marks: at most 160 code points, `…` where it is cut. */
function cut(text, marks) {
  const chars = [...text];
  if (chars.length <= 160) return { text, from: 0, length: chars.length };
  const first = Math.min(...marks.map((m) => m.range.start.column - 1));
  const from = Math.max(0, first - 60);
  const to = Math.min(chars.length, from + 160);
  const shown = (from > 0 ? "…" : "") + chars.slice(from, to).join("") + (to < chars.length ? "…" : "");
  return { text: shown, from: from - (from > 0 ? 1 : 0), length: to - from };
}

/** A CSV finding's line with its cell marked, read from the File that was checked (a few
 * hundred bytes around the cell: the file is never read whole). */
async function cellFrame(file, d) {
  const { start, end } = d.range;
  // A column is a code point, at most 4 bytes: the line starts within these bytes.
  const back = Math.min(start.offset, 4 * (start.column - 1));
  const length = Math.max(0, end.offset - start.offset);
  const to = Math.min(file.size, start.offset + length + 400);
  const bytes = new Uint8Array(await file.slice(start.offset - back, to).arrayBuffer());
  const newline = (at) => bytes[at] === 0x0a || bytes[at] === 0x0d;
  let lineStart = back;
  while (lineStart > 0 && bytes[lineStart - 1] !== 0x0a) lineStart--;
  let lineEnd = back;
  while (lineEnd < bytes.length && !newline(lineEnd)) lineEnd++;
  const spanEnd = Math.min(back + length, lineEnd);
  const decoder = new TextDecoder();
  const text = (from, upTo) => decoder.decode(bytes.subarray(from, upTo));
  const columns = (upTo) => [...text(lineStart, upTo)].length + 1;
  const line = start.line;
  const range = { start: { line, column: columns(back) }, end: { line, column: columns(spanEnd) } };
  return frame(new Lines(text(lineStart, lineEnd), line), { range, labels: [] });
}

// ---------------------------------------------------------------------------------------------
// The editor: line numbers, the spans behind the text, hover

let marksByLine = new Map();
/** The editor's marks and line numbers are drawn for the lines in view (and a margin) only, so
 * that a long file with thousands of findings costs what a short one does. */
const view = { lines: null, spans: [], kinds: new Map(), drawn: null };
const LINE_HEIGHT = 20; // px: style.css's line-height of the editor
const MARGIN = 60; // lines drawn above and below those in view

/** Takes the spans to draw behind the text area (which stays the one place the text is
 * edited), and the lines whose numbers say a finding starts there. */
function highlight(lines, spans, editor) {
  view.lines = lines;
  view.spans = [...spans].sort((a, b) => a.start - b.start);
  view.kinds = new Map();
  for (const span of view.spans) {
    if (span.kind === "label") continue;
    const line = lineOf(lines, span.start);
    if (view.kinds.get(line) !== "error") view.kinds.set(line, span.kind);
  }
  view.drawn = null;
  drawEditor(editor);
}

/** The 1-based line of an index into the text. */
function lineOf(lines, index) {
  let low = 0;
  let high = lines.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lines.starts[middle] <= index) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** A block of `count` blank lines, standing for lines not drawn, so that the backdrop and the
 * gutter scroll as the text area does. */
function spacer(count) {
  const block = element("div", "spacer");
  block.style.height = `${count * LINE_HEIGHT}px`;
  return block;
}

/** Draws the marks and the line numbers of the lines in view, unless they are drawn already.
 * Each stretch covered by findings is one mark, of the most severe kind, that knows its
 * findings. Given the text area's `editor` geometry, read before the page changed, it reads no
 * layout (the caller scrolls the backdrop once the page is laid out). */
function drawEditor(editor) {
  const { lines } = view;
  const sync = editor ? () => {} : syncScroll;
  const { top, height } = editor ?? geometry();
  if (!lines) return sync();
  const total = lines.starts.length;
  const first = Math.floor(top / LINE_HEIGHT) + 1;
  const last = first + Math.ceil(height / LINE_HEIGHT) + 1;
  if (view.drawn && first >= view.drawn.from && Math.min(last, total) <= view.drawn.to) {
    return sync();
  }
  const from = Math.max(1, first - MARGIN);
  const to = Math.min(total, last + MARGIN);
  const { text } = lines;
  const start = lines.starts[from - 1];
  const end = to < total ? lines.starts[to] - 1 : text.length;
  const spans = view.spans.filter((span) => span.start < end && span.end > start);
  const cuts = new Set([start, end]);
  for (const span of spans) {
    cuts.add(Math.max(span.start, start)).add(Math.min(span.end, end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  fragment.append(spacer(from - 1));
  marksByLine = new Map();
  let open = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [here, there] = [points[i], points[i + 1]];
    while (next < spans.length && spans[next].start <= here) open.push(spans[next++]);
    open = open.filter((span) => span.end > here);
    const piece = text.slice(here, there);
    if (open.length === 0) {
      fragment.append(piece);
      continue;
    }
    const kind = open.some((s) => s.kind === "error") ? "error"
      : open.some((s) => s.kind === "warning") ? "warning" : "label";
    const mark = element("mark", kind, piece);
    mark.dataset.findings = [...new Set(open.map((s) => s.index))].join(",");
    fragment.append(mark);
    const line = lineOf(lines, here);
    const lastLine = line + (piece.match(/\n/g)?.length ?? 0);
    for (let n = line; n <= lastLine; n++) {
      if (!marksByLine.has(n)) marksByLine.set(n, []);
      marksByLine.get(n).push(mark);
    }
  }
  fragment.append(spacer(total - to + 2));
  $("backdrop").replaceChildren(fragment);
  const numbers = document.createDocumentFragment();
  numbers.append(spacer(from - 1));
  let run = [];
  for (let n = from; n <= to; n++) {
    if (view.kinds.has(n)) {
      if (run.length) numbers.append(`${run.join("\n")}\n`);
      run = [];
      numbers.append(element("span", view.kinds.get(n), String(n)), "\n");
    } else {
      run.push(n);
    }
  }
  numbers.append(run.join("\n"), spacer(total - to + 2));
  $("gutter").style.minWidth = `${String(total).length}ch`;
  $("gutter").replaceChildren(numbers);
  view.drawn = { from, to };
  sync();
}

/** The text area's scroll position and height. */
function geometry() {
  const area = $("text");
  return { top: area.scrollTop, height: area.clientHeight };
}

function syncScroll() {
  const area = $("text");
  const backdrop = $("backdrop");
  if (area.scrollLeft > 0 && backdrop.lastChild?.classList?.contains("spacer")) {
    // A line wider than those drawn: the backdrop must scroll as far to the right.
    backdrop.lastChild.style.width = `${area.scrollWidth}px`;
  }
  backdrop.scrollTop = area.scrollTop;
  backdrop.scrollLeft = area.scrollLeft;
  $("gutter").scrollTop = area.scrollTop;
}

let hovering = null;

function hover(event) {
  if (hovering) return;
  hovering = requestAnimationFrame(() => {
    hovering = null;
    const area = $("text");
    const box = area.getBoundingClientRect();
    const style = getComputedStyle(area);
    const height = parseFloat(style.lineHeight);
    const line = Math.floor((event.clientY - box.top - parseFloat(style.paddingTop) +
      area.scrollTop) / height) + 1;
    const hit = (marksByLine.get(line) ?? []).find((mark) => [...mark.getClientRects()].some(
      (rect) => event.clientX >= rect.left && event.clientX <= rect.right &&
        event.clientY >= rect.top && event.clientY <= rect.bottom));
    showHover(hit, event.clientX, event.clientY);
  });
}

/** The tooltip of a mark: what `check` says of each finding it belongs to. */
function showHover(mark, x, y) {
  const tip = $("hover");
  if (!mark) {
    tip.hidden = true;
    return;
  }
  const indexes = mark.dataset.findings.split(",").map(Number);
  const items = indexes.map((index) => {
    const d = state.shown.shown.find((entry) => entry.index === index).diagnostic;
    const line = element("div", `tip ${d.severity}`);
    line.append(element("strong", "", `${d.severity}[${d.rule}]`), `: ${d.message}`);
    if (d.help) line.append(element("div", "help", `help: ${d.help}`));
    return line;
  });
  tip.replaceChildren(...items);
  tip.hidden = false;
  const editor = $("editor").getBoundingClientRect();
  tip.style.left = `${Math.min(x - editor.left + 8, editor.width - tip.offsetWidth - 4)}px`;
  tip.style.top = `${y - editor.top + 16}px`;
}

/** Moves the cursor to a finding's span, and marks it as the active finding. */
function goTo(position) {
  const entry = state.shown.shown[position];
  if (!entry?.inEditor) return;
  const area = $("text");
  area.focus();
  area.setSelectionRange(entry.start, entry.end);
  const line = area.value.slice(0, entry.start).split("\n").length - 1;
  const height = parseFloat(getComputedStyle(area).lineHeight);
  area.scrollTop = Math.max(0, line * height - area.clientHeight / 3);
  drawEditor();
  activate(position, false);
}

/** Makes a finding the one Tab reaches in the list (and focuses it when asked). */
function activate(position, focus) {
  while (state.shown.drawn <= position) drawMore(MORE_DRAWN);
  const list = $("diagnostics");
  list.querySelector('[tabindex="0"]')?.setAttribute("tabindex", "-1");
  const item = list.querySelector(`[data-index="${position}"]`);
  if (!item) return;
  item.tabIndex = 0;
  state.shown.active = position;
  item.scrollIntoView({ block: "nearest" });
  if (focus) item.focus();
}

function findingKey(event, position) {
  const last = state.shown.shown.length - 1;
  const moves = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };
  if (event.target.closest(".rule") && (event.key === "Enter" || event.key === " ")) return;
  if (event.key in moves) {
    event.preventDefault();
    activate(Math.max(0, Math.min(last, position + moves[event.key])), true);
  } else if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    goTo(position);
  } else if (event.key === "e") {
    explain(state.shown.shown[position].diagnostic.rule);
  }
}

/** F8 / Shift+F8 in the editor: the next or previous finding in the text. */
function editorKey(event) {
  if (event.key !== "F8") return;
  event.preventDefault();
  const entries = state.shown?.shown.filter((entry) => entry.inEditor) ?? [];
  if (entries.length === 0) return;
  const cursor = $("text").selectionStart;
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  const next = event.shiftKey
    ? [...sorted].reverse().find((entry) => entry.start < cursor) ?? sorted.at(-1)
    : sorted.find((entry) => entry.start > cursor) ?? sorted[0];
  const position = state.shown.shown.indexOf(next);
  goTo(position);
  const mark = [...$("backdrop").querySelectorAll("mark")].find((m) =>
    m.dataset.findings.split(",").map(Number).includes(next.index));
  const rect = mark?.getClientRects()[0];
  if (rect) showHover(mark, rect.left, rect.bottom - 12);
}

function setText(text) {
  $("text").value = text;
  $("share-box").hidden = true;
  // The marks were the old text's: none until the new one is checked.
  highlight(new Lines(text), []);
}

// ---------------------------------------------------------------------------------------------
// explain

async function explain(rule) {
  const answer = await state.lister.ask({ command: "explain", rule });
  if (answer.error) return fail(answer.error);
  state.explained = answer.rule;
  $("explained").textContent = `explain ${answer.rule}`;
  $("explain-text").replaceChildren(...markdown(answer.text));
  $("explanation").hidden = false;
  $("explanation").scrollIntoView({ block: "nearest" });
}

function closeExplanation() {
  $("explanation").hidden = true;
  state.explained = null;
}

/** The explanation goes once its rule is no longer among the findings. */
function closeStaleExplanation(diagnostics) {
  if (state.explained && !diagnostics.some((d) => d.rule === state.explained)) closeExplanation();
}

/** The Markdown of a rule's page as elements (headings, paragraphs, lists, code), never HTML. */
function markdown(text) {
  const blocks = [];
  const lines = text.split("\n");
  let paragraph = [];
  let list = null;
  const flush = () => {
    if (paragraph.length) blocks.push(inline(element("p"), paragraph.join(" ")));
    paragraph = [];
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(/^```(\S*)/);
    if (fence) {
      flush();
      const code = [];
      while (++i < lines.length && !lines[i].startsWith("```")) code.push(lines[i]);
      const pre = element("pre");
      pre.append(element("code", fence[1] ? `language-${fence[1]}` : "", code.join("\n")));
      blocks.push(pre);
    } else if (/^ {4}/.test(line) && paragraph.length === 0) {
      flush();
      const code = [line.slice(4)];
      while (i + 1 < lines.length && /^( {4}|$)/.test(lines[i + 1])) code.push(lines[++i].slice(4));
      while (code.at(-1) === "") code.pop();
      blocks.push(element("pre", "", code.join("\n")));
    } else if (/^#{1,6} /.test(line)) {
      flush();
      const level = Math.min(6, Math.max(3, line.indexOf(" ") + 1));
      blocks.push(inline(element(`h${level}`), line.replace(/^#+ /, "")));
    } else if (/^\s*[-*] /.test(line)) {
      paragraph.length && flush();
      if (!list) {
        list = element("ul");
        blocks.push(list);
      }
      list.append(inline(element("li"), line.replace(/^\s*[-*] /, "")));
    } else if (line.trim() === "") {
      flush();
    } else if (list && /^\s+/.test(line)) {
      inline(list.lastChild, ` ${line.trim()}`);
    } else {
      list = null;
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** Inline Markdown: `code`, **strong**, *emphasis*, [links](url) shown as their text. */
function inline(node, text) {
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)]+)\)/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    node.append(text.slice(at, match.index));
    if (match[1] !== undefined) node.append(element("code", "", match[1]));
    else if (match[2] !== undefined) node.append(element("strong", "", match[2]));
    else if (match[3] !== undefined) node.append(element("em", "", match[3]));
    else {
      const link = element("span", "link", match[4]);
      link.title = match[5];
      node.append(link);
    }
    at = match.index + match[0].length;
  }
  node.append(text.slice(at));
  return node;
}

// ---------------------------------------------------------------------------------------------
// Lists and CSVs from files, drops and examples

/** The syntax a file name says, as `check` reads it from the extension: the option of the
 * syntax select whose name has the same extension (JSON when it has none of a list's). */
function syntaxOf(name) {
  const extension = extensionOf(name, state.extensions.list);
  const options = [...$("syntax").options].map((option) => option.value);
  const same = (value) => extensionOf(value, state.extensions.list) === extension;
  return (extension && options.find(same)) ?? "list.json";
}

/** Opens a list file: its text in the editor, or, when it is not UTF-8, its bytes kept. */
async function openList(file) {
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    return fail(`${file.name} cannot be read: ${error.message}`);
  }
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    state.file = { bytes: null, name: file.name, crlf: text.includes("\r\n") };
  } catch {
    text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    state.file = { bytes, name: file.name, crlf: text.includes("\r\n") };
  }
  state.example = null;
  $("example").value = "";
  setText(text);
  $("syntax").value = syntaxOf(file.name);
  showEncoding();
  check();
}

/** While the list's bytes are not UTF-8, the editor is read-only and says why. */
function showEncoding() {
  const latin = state.file.bytes !== null;
  $("encoding").hidden = !latin;
  $("text").readOnly = latin;
  if (latin) {
    $("encoding-text").textContent = `${state.file.name} is not UTF-8 text: the page shows it with ` +
      "� where a byte is not UTF-8, and does not edit, fix or download it. Save it as UTF-8 and open it " +
      "again, or convert it here if it is Latin-1.";
  }
}

/** Reads the kept bytes as Windows-1252 (Latin-1's superset) into an editable UTF-8 text. */
function convertLatin1() {
  const text = new TextDecoder("windows-1252").decode(state.file.bytes);
  state.file = { ...state.file, bytes: null };
  setText(text);
  showEncoding();
  check();
}

/** Takes the CSV chosen (or none); `handle` is a FileSystemFileHandle when the browser gave one. */
function chooseContacts(file, handle = null, builtIn = false) {
  cancelContacts();
  state.csv = null;
  state.contacts = file && { name: file.name, file, handle, serial: ++state.serial, builtIn };
  state.listChosen = false;
  for (const id of ["forget-contacts", "id-column-label", "append-label", "contacts-name"]) {
    $(id).hidden = state.contacts === null;
  }
  $("contacts-name").textContent = file ? `${file.name} (${(file.size / 1000).toFixed(1)} kB)` : "";
  if (!file) {
    $("contacts-file").value = "";
    $("pair-with-label").hidden = true;
  }
  check();
}

/** The contacts input: where the browser offers the file system picker, a handle is kept. */
async function pickContacts(event) {
  if (typeof window.showOpenFilePicker !== "function") return;
  event.preventDefault();
  try {
    const [handle] = await window.showOpenFilePicker({
      types: [{
        description: "CSV of contacts",
        accept: { "text/csv": state.extensions.contacts.map((extension) => `.${extension}`) },
      }],
    });
    chooseContacts(await handle.getFile(), handle);
  } catch (error) {
    if (error.name !== "AbortError") fail(`The CSV cannot be opened: ${error.message}`);
  }
}

function showExample(id, untouched = false) {
  const example = EXAMPLES.find((e) => e.id === id);
  if (!example) return;
  state.file = { bytes: null, name: null, crlf: false };
  showEncoding();
  setText(example.text);
  $("syntax").value = example.name;
  $("example").value = id;
  state.example = id;
  if (example.csv) {
    $("id-column").value = example.csv.idColumn ?? "";
    const file = new File([example.csv.text], example.csv.name,
      { type: "text/csv", lastModified: 0 });
    chooseContacts(file, null, true);
  } else if (!untouched && state.contacts?.builtIn) {
    $("id-column").value = "";
    chooseContacts(null);
  } else if (!untouched) {
    check();
  }
}

/** Files dropped anywhere on the page: a CSV is the contacts, anything else the list. */
function dropped(event) {
  event.preventDefault();
  $("drop-hint").hidden = true;
  const items = [...(event.dataTransfer?.items ?? [])].filter((item) => item.kind === "file");
  // The handles must be asked for during the event; the files are read after.
  const taken = items.map((item) => ({
    file: item.getAsFile(),
    handle: typeof item.getAsFileSystemHandle === "function"
      ? item.getAsFileSystemHandle().catch(() => null) : Promise.resolve(null),
  }));
  if (taken.length === 0) {
    for (const file of event.dataTransfer?.files ?? []) taken.push({ file, handle: Promise.resolve(null) });
  }
  (async () => {
    for (const { file, handle } of taken) {
      if (!file) continue;
      if (extensionOf(file.name, state.extensions.contacts)) {
        const kept = await handle;
        chooseContacts(file, kept?.kind === "file" ? kept : null);
      } else {
        await openList(file);
      }
    }
  })();
}

// ---------------------------------------------------------------------------------------------
// Fixes, Download, the share link

function download() {
  if (state.file.bytes) return;
  let text = $("text").value;
  if (state.file.crlf) text = text.replace(/\r?\n/g, "\r\n");
  const blob = new Blob([text], { type: "text/plain" });
  const link = element("a");
  link.href = URL.createObjectURL(blob);
  link.download = state.file.name ?? $("syntax").value;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

function base64url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unbase64url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function through(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** A link holding the list's text and the settings (never the CSV), deflated, in its fragment. */
async function share() {
  const note = $("share-note");
  $("share-box").hidden = false;
  $("share-link").value = "";
  if (state.file.bytes) {
    note.textContent = "The list is not UTF-8 text: a link cannot hold it.";
    return;
  }
  const { name, profile, provider_version, select, ignore } = settings();
  const payload = { v: 1, name, text: $("text").value, profile, provider_version, select, ignore };
  const json = new TextEncoder().encode(JSON.stringify(payload));
  const packed = await through(json, new CompressionStream("deflate-raw"));
  const link = `${location.href.replace(/#.*$/, "")}#share=${base64url(packed)}`;
  if (link.length > SHARE_CAP) {
    note.textContent = `The link would be ${(link.length / 1024).toFixed(0)} KB, over the ` +
      `${SHARE_CAP / 1024} KB links are kept to: share the file instead.`;
    document.body.dataset.shared = "too-large";
    return;
  }
  history.replaceState(null, "", link);
  $("share-link").value = link;
  $("share-link").select();
  const csv = state.contacts ? " The CSV is not in it." : "";
  note.textContent = `${(link.length / 1024).toFixed(1)} KB; the list and the settings are in the ` +
    `part after #, which the browser never sends to a server.${csv}`;
  document.body.dataset.shared = "true";
  navigator.clipboard?.writeText(link).then(() => {
    note.textContent += " Copied.";
  }, () => {});
}

/** Opens the list and settings of a share link, when the address has one. */
async function openShared() {
  const match = location.hash.match(/^#share=([A-Za-z0-9_-]+)$/);
  if (!match) return false;
  try {
    const json = await through(unbase64url(match[1]), new DecompressionStream("deflate-raw"));
    const payload = JSON.parse(new TextDecoder().decode(json));
    if (payload.v !== 1 || typeof payload.text !== "string") throw new Error("not a share link");
    state.file = { bytes: null, name: null, crlf: false };
    state.example = null;
    $("example").value = "";
    showEncoding();
    setText(payload.text);
    $("syntax").value = payload.name ?? "list.json";
    $("profile").value = payload.profile ?? "";
    $("provider").value = state.versions.includes(payload.provider_version)
      ? payload.provider_version : "";
    $("select").value = (payload.select ?? []).join(", ");
    $("ignore").value = (payload.ignore ?? []).join(", ");
    return true;
  } catch (error) {
    // Said with the findings (a failure would be cleared by the first check), until an edit.
    state.linkProblem = `The share link cannot be read (is it whole?): ${error.message}. ` +
      "The editor holds the example instead.";
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring

$("text").addEventListener("input", () => {
  $("share-box").hidden = true;
  state.linkProblem = null;
  state.example = null;
  $("example").value = "";
  checkSoon();
});
$("text").addEventListener("scroll", () => drawEditor());
window.addEventListener("resize", () => {
  view.drawn = null;
  drawEditor();
});
$("text").addEventListener("mousemove", hover);
$("text").addEventListener("mouseleave", () => showHover(null));
$("text").addEventListener("keydown", editorKey);
$("pair-with").addEventListener("change", () => {
  state.listChosen = true;
});
for (const id of ["syntax", "profile", "provider", "select", "ignore", "pair-with", "id-column",
  "append"]) {
  $(id).addEventListener("change", () => check());
}
$("example").addEventListener("change", (event) => showExample(event.target.value));
$("fix-safe").addEventListener("click", () => check("safe"));
$("fix-unsafe").addEventListener("click", () => check("unsafe"));
$("download").addEventListener("click", download);
$("share").addEventListener("click", share);
$("convert").addEventListener("click", convertLatin1);
$("cancel").addEventListener("click", () => {
  cancelContacts();
  state.csv = null;
  setStatus(`The check of ${state.contacts?.name} was stopped.`);
  $("notes").prepend(element("li", "run-error",
    `${state.contacts?.name}: stopped before the end: not checked.`));
  $("summary").textContent = "Not checked";
  document.body.dataset.allClear = "false";
  finished();
});
$("close-explanation").addEventListener("click", closeExplanation);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !$("explanation").hidden) closeExplanation();
});
// Each input is emptied once its file is taken, so that choosing the same file again (after it
// changed on disk) is a choice too.
$("list-file").addEventListener("change", (event) => {
  const file = event.target.files[0];
  event.target.value = "";
  if (file) openList(file);
});
$("contacts-file").addEventListener("click", pickContacts);
$("contacts-file").addEventListener("change", (event) => {
  const file = event.target.files[0];
  event.target.value = "";
  if (file) chooseContacts(file);
});
$("forget-contacts").addEventListener("click", () => chooseContacts(null));
window.addEventListener("hashchange", async () => {
  if (await openShared()) check();
});
let dragging = 0;
document.addEventListener("dragenter", (event) => {
  if (![...(event.dataTransfer?.types ?? [])].includes("Files")) return;
  dragging++;
  $("drop-hint").hidden = false;
});
document.addEventListener("dragleave", () => {
  if (--dragging <= 0) {
    dragging = 0;
    $("drop-hint").hidden = true;
  }
});
document.addEventListener("dragover", (event) => event.preventDefault());
document.addEventListener("drop", (event) => {
  dragging = 0;
  dropped(event);
});

start();
