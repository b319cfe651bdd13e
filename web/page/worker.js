// The engine's side of the page: a Web Worker that holds contactlint's wasm and answers the
// page's requests. It runs off the page's thread, so a million-row CSV never freezes the page, and
// it can read the contacts File synchronously (FileReaderSync), a chunk at a time, as the engine's
// streaming scanner asks: the file is never held whole, and never leaves the machine.

"use strict";

let engine = null; // { exports, memory } of the instantiated module
let module = null; // the compiled module, kept to start a fresh instance after a trap
let contacts = null; // the File of contacts of the request being run
const reader = new FileReaderSync();

function bytes(pointer, length) {
  return new Uint8Array(engine.memory.buffer, pointer, length);
}

// What the engine imports: the contacts File and random bytes. Nothing else is given to it, so it
// cannot reach the network or the page.
const imports = {
  page: {
    read_contacts(offset, into, length) {
      if (contacts === null) return -1;
      const chunk = contacts.slice(offset, offset + length);
      try {
        const read = new Uint8Array(reader.readAsArrayBuffer(chunk));
        bytes(into, read.length).set(read);
        return read.length;
      } catch (error) {
        return -1;
      }
    },
    random_bytes(into, length) {
      crypto.getRandomValues(bytes(into, length));
    },
  },
};

async function start() {
  if (module === null) {
    module = await WebAssembly.compileStreaming(fetch("contactlint.wasm"));
  }
  const instance = await WebAssembly.instantiate(module, imports);
  engine = { exports: instance.exports, memory: instance.exports.memory };
}

function run(request) {
  const text = new TextEncoder().encode(JSON.stringify(request));
  const pointer = engine.exports.buffer_alloc(text.length);
  bytes(pointer, text.length).set(text);
  try {
    const length = engine.exports.run(pointer, text.length);
    const answer = bytes(engine.exports.answer_pointer(), length);
    return JSON.parse(new TextDecoder().decode(answer));
  } finally {
    engine.exports.buffer_free(pointer, text.length);
  }
}

const ready = start();
// The page counts as loaded once the engine is: no request is made after this.
ready.then(
  () => self.postMessage({ ready: true }),
  (error) => self.postMessage({ ready: false, error: `the engine cannot start: ${error.message}` }),
);

self.onmessage = async (event) => {
  const { id, request, file } = event.data;
  try {
    await ready;
    if (engine === null) await start();
    contacts = file ?? null;
    const started = performance.now();
    const answer = run(request);
    answer.milliseconds = performance.now() - started;
    self.postMessage({ id, answer });
  } catch (error) {
    // A trap leaves the instance unusable: the next request gets a fresh one.
    engine = null;
    self.postMessage({ id, answer: { error: `the engine stopped: ${error.message ?? error}` } });
  } finally {
    contacts = null;
  }
};
