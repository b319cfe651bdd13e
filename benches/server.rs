//! How fast the language server answers an edit: the time from a `didChange` of a 1 KB list to
//! its `publishDiagnostics`, in process (over `Connection::memory()`) and end to end (the release
//! binary over stdio), and whether memory stays flat over 10,000 changes.
//!
//!     cargo bench --bench server
//!
//! (A benchmark, not a test: it prints medians and never fails on time.)

// A benchmark reports its measurements on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

const URI: &str = "file:///nonexistent-contactlint-bench/sales.json";

/// A list of about 1 KB with one mistake; `edit` makes each version differ.
fn list(edit: usize) -> String {
    let columns: Vec<String> = (0..30)
        .map(|i| format!("\"Customer attribute {i:02}\""))
        .collect();
    format!(
        "{{\n  \"name\": \"Sales {edit}\",\n  \"columnNames\": [\"Cell\", \"Home\", {}],\n  \
            \"phoneColumns\": [{{\"columnName\": \"Cel\", \"type\": \"cell\"}}, {{\"columnName\": \
                \"Home\", \"type\": \"home\"}}],\n  \"automaticTimeZoneMapping\": false\n}}\n",
        columns.join(", ")
    )
}

fn open(uri: &str, text: &str) -> Notification {
    Notification::new(
        "textDocument/didOpen".into(),
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 0, "text": text}}),
    )
}

fn change(version: usize) -> Notification {
    Notification::new(
        "textDocument/didChange".into(),
        json!({"textDocument": {"uri": URI, "version": version},
               "contentChanges": [{"text": list(version)}]}),
    )
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Resident memory of this process, in KiB.
fn rss_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4
}

fn in_process() {
    let (server, client) = Connection::memory();
    let handle = thread::spawn(move || contactlint::server::serve(&server).unwrap());
    let init = Request::new(
        RequestId::from(1),
        "initialize".into(),
        json!({"capabilities": {}}),
    );
    client.sender.send(init.into()).unwrap();
    client.receiver.recv().unwrap();
    let send = |n: Notification| client.sender.send(n.into()).unwrap();
    send(Notification::new("initialized".into(), json!({})));
    let published = || loop {
        if let Message::Notification(n) = client.receiver.recv().unwrap()
            && n.method == "textDocument/publishDiagnostics"
        {
            return n;
        }
    };
    send(open(URI, &list(0)));
    published();
    let mut samples = Vec::new();
    for version in 1..=1000 {
        let start = Instant::now();
        send(change(version));
        published();
        samples.push(start.elapsed());
    }
    let before = rss_kib();
    for version in 1001..=11_000 {
        send(change(version));
        published();
    }
    let after = rss_kib();
    println!(
        "in process: median {:?} from didChange to publishDiagnostics (1,000 edits of a {} B list)",
        median(samples),
        list(0).len()
    );
    println!("memory: {before} KiB after 1,000 changes, {after} KiB after 11,000");
    let shutdown = Request::new(RequestId::from(2), "shutdown".into(), Value::Null);
    client.sender.send(shutdown.into()).unwrap();
    client
        .sender
        .send(Notification::new("exit".into(), Value::Null).into())
        .unwrap();
    handle.join().unwrap();
}

/// One JSON-RPC message with its `Content-Length` header.
fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn read_message(reader: &mut impl BufRead) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

fn over_stdio() {
    let binary = env!("CARGO_BIN_EXE_contactlint");
    let mut child = Command::new(binary)
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |message: Value| stdin.write_all(&frame(&message)).unwrap();
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    read_message(&mut stdout);
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let notification =
        |n: Notification| json!({"jsonrpc": "2.0", "method": n.method, "params": n.params});
    send(notification(open(URI, &list(0))));
    read_message(&mut stdout);
    let mut samples = Vec::new();
    for version in 1..=1000 {
        let start = Instant::now();
        send(notification(change(version)));
        let message = read_message(&mut stdout);
        assert_eq!(message["method"], "textDocument/publishDiagnostics");
        samples.push(start.elapsed());
    }
    println!(
        "over stdio ({binary}): median {:?} from didChange to publishDiagnostics",
        median(samples)
    );
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    read_message(&mut stdout);
    send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    child.wait().unwrap();
}

fn main() {
    in_process();
    over_stdio();
}
