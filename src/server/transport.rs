//! The server's stdio transport. lsp-server's own ends the connection at the first message it
//! cannot parse; an editor's server must not (SPEC §13): a body that is not JSON gets a parse
//! error reply, JSON that is no message an invalid-request reply, and the server goes on.

use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{Value, json};

/// The two threads that carry messages between stdio and the server's connection.
pub(super) struct IoThreads {
    reader: thread::JoinHandle<io::Result<()>>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    pub(super) fn join(self) -> io::Result<()> {
        let joined = |handle: thread::JoinHandle<io::Result<()>>| {
            handle
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("a transport thread panicked")))
        };
        let read = joined(self.reader);
        joined(self.writer).and(read)
    }
}

/// A connection served over stdin and stdout.
pub(super) fn stdio() -> (Connection, IoThreads) {
    let (server, client) = Connection::memory();
    let stdout = Arc::new(Mutex::new(io::stdout()));
    let writer = {
        let stdout = Arc::clone(&stdout);
        let receiver = client.receiver;
        thread::spawn(move || {
            for message in receiver {
                let mut out = stdout.lock().unwrap_or_else(PoisonError::into_inner);
                message.write(&mut *out)?;
            }
            Ok(())
        })
    };
    let reader = thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        while let Some(body) = read_body(&mut stdin)? {
            match serde_json::from_slice::<Message>(&body) {
                Ok(message) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if client.sender.send(message).is_err() || exit {
                        break;
                    }
                }
                Err(_) => {
                    let reply = error_reply(&body);
                    let mut out = stdout.lock().unwrap_or_else(PoisonError::into_inner);
                    write_body(&mut *out, &reply)?;
                }
            }
        }
        Ok(())
    });
    (server, IoThreads { reader, writer })
}

/// The reply to a body that is no message: a parse error when it is not JSON, an invalid
/// request (with its id, when it has a usable one) when it is.
fn error_reply(body: &[u8]) -> Value {
    let (code, id, message) = match serde_json::from_slice::<Value>(body) {
        Err(error) => (
            ErrorCode::ParseError,
            Value::Null,
            format!("not JSON: {error}"),
        ),
        Ok(value) => {
            let id = value
                .get("id")
                .filter(|id| id.is_number() || id.is_string());
            let id = id.cloned().unwrap_or(Value::Null);
            (
                ErrorCode::InvalidRequest,
                id,
                "not a JSON-RPC message".to_owned(),
            )
        }
    };
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

/// The largest body held (a document is checked up to 128 MiB; its JSON escapes may double it).
const MAX_BODY: usize = 512 << 20;

/// The next body: headers up to a blank line, then `Content-Length` bytes; `None` at the end
/// of input. A header block without a length is skipped.
fn read_body(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    loop {
        let mut length = None;
        let mut line = String::new();
        loop {
            line.clear();
            if input.read_line(&mut line)? == 0 {
                return Ok(None);
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse::<usize>().ok();
            }
        }
        let Some(length) = length else {
            continue;
        };
        if length > MAX_BODY {
            // Read through, never held: answered as a body that is not JSON.
            io::copy(&mut input.take(length as u64), &mut io::sink())?;
            return Ok(Some(Vec::new()));
        }
        let mut body = vec![0; length];
        input.read_exact(&mut body)?;
        return Ok(Some(body));
    }
}

fn write_body(out: &mut impl Write, body: &Value) -> io::Result<()> {
    let text = body.to_string();
    write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_framed_by_their_length_and_bad_headers_are_skipped() {
        let input = b"X-Junk: 1\r\n\r\nContent-Length: 2\r\n\r\n{}Content-Length: 3\r\n\r\n[1]";
        let mut input = &input[..];
        assert_eq!(read_body(&mut input).unwrap(), Some(b"{}".to_vec()));
        assert_eq!(read_body(&mut input).unwrap(), Some(b"[1]".to_vec()));
        assert_eq!(read_body(&mut input).unwrap(), None);
    }

    #[test]
    fn replies_say_whether_the_body_was_json() {
        let parse = error_reply(b"{oops");
        assert_eq!(parse["error"]["code"], ErrorCode::ParseError as i32);
        assert_eq!(parse["id"], Value::Null);
        let invalid = error_reply(br#"{"id": 7, "method": 3}"#);
        assert_eq!(invalid["error"]["code"], ErrorCode::InvalidRequest as i32);
        assert_eq!(invalid["id"], 7);
    }
}
