//! The server's stdio transport. lsp-server's own ends the connection at the first message it
//! cannot parse; an editor's server must not (docs/integrations/editors.md): a body that is not JSON gets a parse
//! error reply, JSON that is no message an invalid-request reply, a header block without
//! `Content-Length` a parse-error reply (its body skipped up to the next header), and the server
//! goes on.

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
        loop {
            let body = match read_frame(&mut stdin)? {
                Frame::End => break,
                Frame::Body(body) => body,
                Frame::NoLength => {
                    let mut out = stdout.lock().unwrap_or_else(PoisonError::into_inner);
                    write_body(&mut *out, &no_length_reply())?;
                    continue;
                }
            };
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

/// The reply to a header block without `Content-Length`: its body cannot be told from what
/// follows, so it is skipped up to the next `Content-Length` header.
fn no_length_reply() -> Value {
    let message = "a message header without a Content-Length header; its body was skipped";
    json!({"jsonrpc": "2.0", "id": Value::Null,
           "error": {"code": ErrorCode::ParseError as i32, "message": message}})
}

/// The largest body held (a document is checked up to 128 MiB; its JSON escapes may double it).
const MAX_BODY: usize = 512 << 20;

/// What the input holds next.
#[derive(Debug, PartialEq, Eq)]
enum Frame {
    /// A body, read by its length.
    Body(Vec<u8>),
    /// A header block without a (readable) `Content-Length`.
    NoLength,
    /// The end of input.
    End,
}

/// The next frame: headers up to a blank line, then `Content-Length` bytes. A header may follow
/// other bytes on its line: the body of a header block that had no length runs into the next
/// header, and the server finds its footing again there (it answered that block with an
/// error; before, it took the next headers for a body and never answered again).
fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(Frame::End);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        if text.is_empty() {
            break;
        }
        if let Some(value) = content_length(text) {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else {
        return Ok(Frame::NoLength);
    };
    if length > MAX_BODY {
        // Read through, never held: answered as a body that is not JSON.
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Frame::Body(Vec::new()));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Frame::Body(body))
}

/// The value of a `Content-Length` header on a line, wherever on it the header starts.
fn content_length(line: &str) -> Option<&str> {
    const NAME: &str = "content-length:";
    let lower = line.to_ascii_lowercase();
    let at = lower.rfind(NAME)?;
    Some(&line[at + NAME.len()..])
}

fn write_body(out: &mut impl Write, body: &Value) -> io::Result<()> {
    let text = body.to_string();
    write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each input's frames, in order, up to its end.
    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut input = input;
        let mut frames = Vec::new();
        loop {
            match read_frame(&mut input).unwrap() {
                Frame::End => return frames,
                frame => frames.push(frame),
            }
        }
    }

    #[test]
    fn bodies_are_framed_by_their_length_and_bad_headers_are_answered() {
        let body = |text: &[u8]| Frame::Body(text.to_vec());
        let input = b"X-Junk: 1\r\n\r\nContent-Length: 2\r\n\r\n{}Content-Length: 3\r\n\r\n[1]";
        assert_eq!(frames(input), [Frame::NoLength, body(b"{}"), body(b"[1]")]);
        // After a header without a length, the next header is found behind its body.
        let input = b"Content-Type: x\r\n\r\n{\"id\": 1}Content-Length: 2\r\n\r\n{}\
            content-length:3\r\n\r\n[1]";
        assert_eq!(frames(input), [Frame::NoLength, body(b"{}"), body(b"[1]")]);
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
