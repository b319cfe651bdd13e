#!/usr/bin/env node
// A language server that calls itself contactlint 0.0.1: the extension must refuse it (older
// than the extension) and say what to do. Used by runner.js through contactlint.path.
"use strict";

let buffer = Buffer.alloc(0);

function send(message) {
  const text = JSON.stringify(message);
  process.stdout.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

function handle(message) {
  if (message.method === "initialize") {
    const serverInfo = { name: "contactlint", version: "0.0.1" };
    send({ jsonrpc: "2.0", id: message.id, result: { capabilities: {}, serverInfo } });
  } else if (message.method === "shutdown") {
    send({ jsonrpc: "2.0", id: message.id, result: null });
  } else if (message.method === "exit") {
    process.exit(0);
  }
}

process.stdin.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    const length = end < 0 ? null : /Content-Length: *(\d+)/i.exec(buffer.subarray(0, end).toString());
    if (length === null || buffer.length < end + 4 + Number(length[1])) {
      return;
    }
    const body = buffer.subarray(end + 4, end + 4 + Number(length[1]));
    buffer = buffer.subarray(end + 4 + Number(length[1]));
    handle(JSON.parse(body.toString()));
  }
});
process.stdin.on("end", () => process.exit(0));
