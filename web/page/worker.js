// The engine's side of the page: a Web Worker that holds an instance of contactlint's wasm and
// answers the page's requests, off the page's thread. The page starts it from a blob: URL of this
// file's text, so that the page's Content-Security-Policy (its <meta>) is the worker's too, and
// hands it the module it compiled: the worker fetches nothing, ever.
//
// The contacts File is read a chunk at a time, as the engine's streaming scanner asks, never held
// whole. Where the browser has JavaScript Promise Integration (WebAssembly.Suspending), the engine
// waits on an asynchronous read of the file's stream into one reused buffer (no garbage per
// chunk); elsewhere FileReaderSync reads each chunk.

"use strict";

// Nothing in this worker sends anything: every way a worker could make a request is wrapped to
// tell the page, which counts them (the browser test asserts there are none), and then refused.
for (const name of ["fetch", "importScripts", "XMLHttpRequest", "WebSocket", "EventSource"]) {
  if (typeof self[name] !== "function") continue;
  self[name] = function refused(url) {
    self.postMessage({ request: String(url?.url ?? url) });
    throw new Error(`the engine's worker makes no requests (${name})`);
  };
}

const jspi = typeof WebAssembly.Suspending === "function" &&
  typeof WebAssembly.promising === "function";
let engine = null; // { exports, memory, run } of the instance
let contacts = null; // what the running request reads: { file, id, stream, at, buffer, failed }
let queue = Promise.resolve(); // requests run one at a time

function bytes(pointer, length) {
  return new Uint8Array(engine.memory.buffer, pointer, length);
}

/** Tells the page how far the contacts have been read, at most every 100 ms. */
function progress(read) {
  const now = performance.now();
  if (now - (contacts.told ?? 0) < 100) return;
  contacts.told = now;
  self.postMessage({ id: contacts.id, progress: read });
}

/** Reads up to `length` bytes at `offset` through the file's stream, into one kept buffer. */
async function readStreamed(offset, into, length) {
  if (contacts === null) return -1;
  try {
    if (contacts.stream === undefined || contacts.at !== offset) {
      contacts.stream?.cancel().catch(() => {});
      contacts.stream = contacts.file.slice(offset).stream().getReader({ mode: "byob" });
      contacts.at = offset;
    }
    if (contacts.buffer === undefined || contacts.buffer.byteLength < length) {
      contacts.buffer = new ArrayBuffer(length);
    }
    const { value, done } = await contacts.stream.read(new Uint8Array(contacts.buffer, 0, length));
    if (done) return 0;
    contacts.buffer = value.buffer;
    bytes(into, value.length).set(value);
    contacts.at += value.length;
    progress(contacts.at);
    return value.length;
  } catch (error) {
    // A stream says little (a TypeError): reading the File says why (NotReadableError when it
    // changed on disk since it was chosen).
    contacts.failed = await contacts.file.slice(0, 1).arrayBuffer().then(
      () => error.name ?? String(error), (reason) => reason.name ?? String(reason));
    return -1;
  }
}

const reader = typeof FileReaderSync === "function" ? new FileReaderSync() : null;

/** Reads up to `length` bytes at `offset` synchronously (no Promise Integration). */
function readSync(offset, into, length) {
  if (contacts === null) return -1;
  try {
    const chunk = new Uint8Array(reader.readAsArrayBuffer(contacts.file.slice(offset, offset + length)));
    bytes(into, chunk.length).set(chunk);
    progress(offset + chunk.length);
    return chunk.length;
  } catch (error) {
    contacts.failed = error.name ?? String(error);
    return -1;
  }
}

// What the engine imports: the contacts File and random bytes. Nothing else is given to it, so it
// cannot reach the network or the page.
const imports = {
  page: {
    read_contacts: jspi ? new WebAssembly.Suspending(readStreamed) : readSync,
    random_bytes(into, length) {
      crypto.getRandomValues(bytes(into, length));
    },
  },
};

async function start(module) {
  const instance = await WebAssembly.instantiate(module, imports);
  const { exports } = instance;
  const run = jspi ? WebAssembly.promising(exports.run) : exports.run;
  engine = { exports, memory: exports.memory, run, module };
}

async function run(request) {
  const text = new TextEncoder().encode(JSON.stringify(request));
  const pointer = engine.exports.buffer_alloc(text.length);
  bytes(pointer, text.length).set(text);
  try {
    const length = await engine.run(pointer, text.length);
    const answer = bytes(engine.exports.answer_pointer(), length);
    return JSON.parse(new TextDecoder().decode(answer));
  } finally {
    engine.exports.buffer_free(pointer, text.length);
  }
}

/** Whether this worker is under the page's Content-Security-Policy: it refuses eval. */
function policed() {
  try {
    new Function("return 1");
    return false;
  } catch {
    return true;
  }
}

async function answer({ id, request, file }) {
  try {
    if (engine === null) throw new Error("the engine was not started");
    contacts = file ? { file, id } : null;
    const started = performance.now();
    const answer = await run(request);
    answer.milliseconds = performance.now() - started;
    if (contacts?.failed) answer.read_error = contacts.failed;
    self.postMessage({ id, answer });
  } catch (error) {
    // A trap leaves the instance unusable: the next request gets a fresh one.
    const module = engine?.module;
    engine = null;
    if (module) await start(module).catch(() => {});
    self.postMessage({ id, answer: { error: `the engine stopped: ${error.message ?? error}` } });
  } finally {
    contacts?.stream?.cancel().catch(() => {});
    contacts = null;
  }
}

self.onmessage = (event) => {
  const { module } = event.data;
  if (module) {
    start(module).then(
      () => self.postMessage({ ready: true, jspi, policed: policed() }),
      (error) => self.postMessage({ ready: false, error: `the engine cannot start: ${error.message}` }),
    );
    return;
  }
  queue = queue.then(() => answer(event.data));
};
