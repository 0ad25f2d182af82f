//! JSON-RPC framing over a byte stream (`Content-Length: N\r\n\r\n` + N bytes of JSON). A
//! frame whose body is not a JSON-RPC message is reported as [`Incoming::Malformed`] and the
//! stream goes on, so one bad message cannot end the session; a broken header or the end of
//! the stream ends it.

use lsp_server::Message;
use std::io::{self, BufRead, Write};

/// The largest message read: a 13 MB spec sent in `didOpen` is well below it.
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame whose body is not a JSON-RPC message: answered with a parse error.
    Malformed(String),
    /// The stream ended (or its framing broke): the session is over.
    End,
}

/// Reads one frame.
pub fn read(r: &mut impl BufRead) -> Incoming {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        match r.read_line(&mut line) {
            Ok(0) | Err(_) => return Incoming::End,
            Ok(_) => {}
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            continue; // Blank lines between frames.
        }
        let Some((name, value)) = header.split_once(':') else {
            return Incoming::End;
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            match value.trim().parse::<usize>() {
                Ok(n) if n <= MAX_MESSAGE => length = Some(n),
                _ => return Incoming::End,
            }
        }
    }
    let mut body = vec![0; length.unwrap_or(0)];
    if r.read_exact(&mut body).is_err() {
        return Incoming::End;
    }
    match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed(e.to_string()),
    }
}

/// Writes one message in a frame.
pub fn write(w: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(w)?;
    w.flush()
}
