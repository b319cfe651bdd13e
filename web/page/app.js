// The page: the list in an editor with its findings highlighted, the findings listed as `check`
// prints them, `explain`, fixes, and the settings of `check` that matter here. The engine runs in
// worker.js; this file only asks it and shows what it says.

"use strict";

const $ = (id) => document.getElementById(id);
const worker = new Worker("worker.js");
const pending = new Map();
let nextId = 0;
let contacts = null; // the File of contacts chosen, read by the worker in chunks
let lastAnswer = null;
let checking = null; // the timer of the check an edit asked for

const EXAMPLE = `{
  "name": "Sales leads",
  "type": "CSV",
  "columns": [
    {"name": "phone", "type": "PHONE", "required": true},
    {"name": "email", "type": "EMAIL"}
  ]
}
`;

function fail(message) {
  $("failure").textContent = message;
  $("failure").hidden = false;
}

window.addEventListener("error", (event) => fail(`The page failed: ${event.message}`));
window.addEventListener("unhandledrejection", (event) =>
  fail(`The page failed: ${event.reason?.message ?? event.reason}`));
worker.addEventListener("error", (event) => fail(`The engine failed: ${event.message}`));

worker.onmessage = (event) => {
  const { id, answer, ready, error } = event.data;
  if (ready !== undefined) {
    if (!ready) return fail(error);
    document.body.dataset.ready = "true";
    $("status").textContent = "Ready.";
    ask({ command: "rules" }).then(showRules);
    check();
    return;
  }
  pending.get(id)?.(answer);
  pending.delete(id);
};

/** Sends a request to the engine; resolves with its answer. */
function ask(request, file) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, request, file });
  });
}

function ruleIds(input) {
  return input.value.split(",").map((id) => id.trim()).filter((id) => id !== "");
}

function checkRequest(fix) {
  const select = ruleIds($("select"));
  return {
    command: "check",
    name: $("syntax").value,
    text: $("text").value,
    profile: $("profile").value || null,
    select: select.length > 0 ? select : null,
    ignore: ruleIds($("ignore")),
    fix: fix ?? null,
    contacts: contacts && { name: contacts.name, size: contacts.size },
    list: contacts && $("pair-with").value || null,
    id_column: contacts && $("id-column").value.trim() || null,
    append: contacts !== null && $("append").checked,
  };
}

/** Offers the text's Terraform lists to pair the CSV with, when it declares several. */
function showLists(addresses) {
  const chooser = $("pair-with");
  const chosen = chooser.value;
  const several = contacts !== null && addresses.length > 1;
  $("pair-with-label").hidden = !several;
  const offered = [...chooser.options].slice(1).map((option) => option.value);
  if (offered.join("\n") === addresses.join("\n")) return;
  chooser.replaceChildren(new Option("choose a list", ""),
    ...addresses.map((address) => new Option(address, address)));
  chooser.value = addresses.includes(chosen) ? chosen : "";
  // The check that showed the change paired with a list that is gone: check again without it.
  if (chooser.value !== chosen) check();
}

/** Checks the text (and the CSV) and shows the findings; `fix` also applies fixes. */
async function check(fix) {
  const request = checkRequest(fix);
  $("status").textContent = contacts ? `Checking, with ${contacts.name}…` : "Checking…";
  const answer = await ask(request, contacts);
  if (answer.error) {
    $("status").textContent = "Not checked.";
    return fail(answer.error);
  }
  $("failure").hidden = true;
  if (fix && answer.fixed) {
    $("text").value = answer.fixed.text;
    return check();
  }
  lastAnswer = answer;
  document.body.dataset.checks = String(Number(document.body.dataset.checks ?? 0) + 1);
  showReport(answer, request.text);
  showLists(answer.lists ?? []);
  const took = `${answer.milliseconds.toFixed(1)} ms`;
  $("status").textContent = answer.pairing_error
    ? `Checked in ${took}; the CSV was checked without the list: ${answer.pairing_error}.`
    : `Checked in ${took}.`;
}

/** Where a position (1-based line, column in Unicode scalar values) lies in a JS string. */
function indexOf(text, position) {
  let index = 0;
  for (let line = 1; line < position.line; line++) {
    const end = text.indexOf("\n", index);
    if (end < 0) return text.length;
    index = end + 1;
  }
  for (let column = 1; column < position.column && index < text.length; column++) {
    index += text.codePointAt(index) > 0xffff ? 2 : 1;
  }
  return index;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showReport(answer, text) {
  const { diagnostics, summary } = answer.report;
  const listName = $("syntax").value;
  $("summary").textContent =
    `${summary.errors} error${summary.errors === 1 ? "" : "s"}, ` +
    `${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}`;
  const list = $("diagnostics");
  list.replaceChildren();
  const spans = [];
  for (const diagnostic of diagnostics) {
    const item = element("li", `diagnostic ${diagnostic.severity}`);
    const where = diagnostic.row !== undefined
      ? `${diagnostic.path} row ${diagnostic.row}`
      : `${diagnostic.path}:${diagnostic.range.start.line}:${diagnostic.range.start.column}`;
    item.dataset.rule = diagnostic.rule;
    item.dataset.line = diagnostic.range.start.line;
    item.dataset.column = diagnostic.range.start.column;
    item.dataset.path = diagnostic.path;
    item.append(element("span", "where", where), " ",
      element("span", "severity", diagnostic.severity), " ",
      element("button", "rule", diagnostic.rule), " ",
      element("span", "message", diagnostic.message));
    if (diagnostic.help) item.append(element("div", "help", `help: ${diagnostic.help}`));
    if (diagnostic.fix) item.append(element("div", "fixable", `${diagnostic.fix.applicability} fix`));
    item.querySelector(".rule").addEventListener("click", () => explain(diagnostic.rule));
    if (diagnostic.path === listName) {
      const start = indexOf(text, diagnostic.range.start);
      const end = Math.max(indexOf(text, diagnostic.range.end), start + 1);
      spans.push({ start, end, severity: diagnostic.severity });
      item.addEventListener("click", (event) => {
        if (!event.target.classList.contains("rule")) select(start, end);
      });
    }
    list.append(item);
  }
  for (const omitted of answer.report.omitted ?? []) {
    list.append(element("li", `diagnostic ${omitted.severity}`,
      `${omitted.path}: ${omitted.count} more ${omitted.rule} findings`));
  }
  highlight(text, spans);
}

/** Draws the spans behind the text area, which stays the one place the text is edited. */
function highlight(text, spans) {
  const backdrop = $("backdrop");
  backdrop.replaceChildren();
  let at = 0;
  for (const span of spans.sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    backdrop.append(text.slice(at, span.start),
      element("mark", span.severity, text.slice(span.start, span.end)));
    at = span.end;
  }
  backdrop.append(text.slice(at) + "\n");
}

function select(start, end) {
  const area = $("text");
  area.focus();
  area.setSelectionRange(start, end);
  const line = area.value.slice(0, start).split("\n").length - 1;
  const height = parseFloat(getComputedStyle(area).lineHeight);
  area.scrollTop = Math.max(0, line * height - area.clientHeight / 3);
}

async function explain(rule) {
  const answer = await ask({ command: "explain", rule });
  if (answer.error) return fail(answer.error);
  $("explained").textContent = answer.rule;
  $("explain-text").textContent = answer.text;
  $("explanation").hidden = false;
}

function showRules(answer) {
  const options = answer.rules.map((rule) => {
    const option = element("option");
    option.value = rule.id;
    option.label = `${rule.severity}: ${rule.summary}`;
    return option;
  });
  $("rule-ids").replaceChildren(...options);
}

function download() {
  const blob = new Blob([$("text").value], { type: "text/plain" });
  const link = element("a");
  link.href = URL.createObjectURL(blob);
  link.download = $("syntax").value;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** The syntax a file name says, as `check` reads it from the extension. */
function syntaxOf(name) {
  const lower = name.toLowerCase();
  if (lower.endsWith(".tf.json")) return "main.tf.json";
  if (lower.endsWith(".tf")) return "main.tf";
  if (lower.endsWith(".toml")) return "list.toml";
  return "list.json";
}

function checkSoon() {
  clearTimeout(checking);
  checking = setTimeout(() => check(), 120);
}

$("text").value = EXAMPLE;
$("text").addEventListener("input", checkSoon);
$("text").addEventListener("scroll", () => {
  $("backdrop").scrollTop = $("text").scrollTop;
  $("backdrop").scrollLeft = $("text").scrollLeft;
});
for (const id of ["syntax", "profile", "select", "ignore", "pair-with", "id-column", "append"]) {
  $(id).addEventListener("change", () => check());
}
$("fix-safe").addEventListener("click", () => check("safe"));
$("fix-unsafe").addEventListener("click", () => check("unsafe"));
$("download").addEventListener("click", download);
$("list-file").addEventListener("change", async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  try {
    $("text").value = await file.text();
  } catch (error) {
    return fail(`${file.name} cannot be read: ${error.message}`);
  }
  $("syntax").value = syntaxOf(file.name);
  check();
});
/** Takes the CSV chosen (or none) and shows the settings that only a CSV has. */
function chooseContacts(file) {
  contacts = file;
  for (const id of ["forget-contacts", "id-column-label", "append-label"]) {
    $(id).hidden = contacts === null;
  }
  check();
}

$("contacts-file").addEventListener("change", (event) => {
  chooseContacts(event.target.files[0] ?? null);
});
$("forget-contacts").addEventListener("click", () => {
  $("contacts-file").value = "";
  chooseContacts(null);
});
