//! A small SMTP server on `127.0.0.1:0` for the mail tests: it speaks enough SMTP for
//! lettre (greeting, EHLO/HELO, MAIL FROM, RCPT TO, DATA up to a lone ".", RSET, NOOP,
//! QUIT), records every message, and can be told to fail: answer 451 to MAIL FROM, or drop
//! each connection right after accepting it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// How long a test waits for mail before it fails.
const DEADLINE: Duration = Duration::from_secs(30);

/// What the sink does with the next connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Accept every message.
    Accept,
    /// Answer `451` (try again later) to `MAIL FROM`.
    Busy,
    /// Close each connection before the greeting.
    Drop,
}

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope recipients.
    pub to: Vec<String>,
    /// The message: headers, a blank line, the body (dot-unstuffed, CRLF line ends).
    pub data: String,
}

impl Received {
    /// The value of header `name` (unfolded), if present.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or("");
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.split("\r\n").find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    }

    /// The subject (lettre writes ASCII subjects as they are).
    pub fn subject(&self) -> String {
        self.header("Subject").unwrap_or_default()
    }

    /// The body, decoded when it is quoted-printable.
    pub fn body(&self) -> String {
        let body = self.data.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        let qp = self
            .header("Content-Transfer-Encoding")
            .is_some_and(|e| e.eq_ignore_ascii_case("quoted-printable"));
        if qp {
            decode_quoted_printable(body)
        } else {
            body.to_owned()
        }
    }

    /// The first link in the body that contains `part`.
    pub fn link(&self, part: &str) -> String {
        let body = self.body();
        body.split_whitespace()
            .find(|word| word.starts_with("http") && word.contains(part))
            .unwrap_or_else(|| panic!("no link with {part:?} in {body}"))
            .to_owned()
    }
}

/// Decodes quoted-printable text (soft line breaks and `=XX`), enough for lettre's output.
fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Debug, Default, Clone)]
struct Log {
    messages: Vec<Received>,
    /// Connections dropped or `MAIL FROM`s refused so far.
    refused: usize,
}

/// The running sink; it stops with the test's runtime.
pub struct SmtpSink {
    addr: SocketAddr,
    mode: Arc<Mutex<Mode>>,
    log: watch::Receiver<Log>,
}

impl SmtpSink {
    /// Starts a sink that accepts every message.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mode = Arc::new(Mutex::new(Mode::Accept));
        let (tx, log) = watch::channel(Log::default());
        let tx = Arc::new(tx);
        let accept_mode = Arc::clone(&mode);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let mode = *accept_mode.lock().unwrap();
                tokio::spawn(session(stream, mode, Arc::clone(&tx)));
            }
        });
        Self { addr, mode, log }
    }

    /// `smtp://127.0.0.1:PORT`, for `--smtp-url`.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Sets what the sink does with the next connections.
    pub fn set_mode(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    /// Every message so far.
    pub fn messages(&self) -> Vec<Received> {
        self.log.borrow().messages.clone()
    }

    /// Waits until at least `n` messages arrived; returns them all.
    pub async fn wait_for_messages(&self, n: usize) -> Vec<Received> {
        let mut log = self.log.clone();
        let found = tokio::time::timeout(DEADLINE, log.wait_for(|l| l.messages.len() >= n)).await;
        let log =
            found.unwrap_or_else(|_| panic!("{n} messages did not arrive: {:?}", self.messages())).unwrap();
        log.messages.clone()
    }

    /// Waits until at least `n` attempts were refused.
    pub async fn wait_for_refusals(&self, n: usize) {
        let mut log = self.log.clone();
        let found = tokio::time::timeout(DEADLINE, log.wait_for(|l| l.refused >= n)).await;
        found.unwrap_or_else(|_| panic!("{n} refusals did not happen")).unwrap();
    }

    /// Refusals so far.
    pub fn refused(&self) -> usize {
        self.log.borrow().refused
    }
}

/// One SMTP conversation.
async fn session(stream: TcpStream, mode: Mode, log: Arc<watch::Sender<Log>>) {
    if mode == Mode::Drop {
        log.send_modify(|l| l.refused += 1);
        return;
    }
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let mut to = Vec::new();
    if write.write_all(b"220 sink.test ESMTP ready\r\n").await.is_err() {
        return;
    }
    while let Ok(Some(line)) = lines.next_line().await {
        let verb = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
        let answer: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.test\r\n250 8BITMIME\r\n",
            "HELO" | "RSET" | "NOOP" => b"250 OK\r\n",
            "MAIL" if mode == Mode::Busy => {
                log.send_modify(|l| l.refused += 1);
                b"451 4.3.0 Try again later\r\n"
            }
            "MAIL" => {
                to.clear();
                b"250 OK\r\n"
            }
            "RCPT" => {
                let address = line.split_once(':').map_or("", |(_, a)| a).trim();
                to.push(address.trim_start_matches('<').trim_end_matches('>').to_owned());
                b"250 OK\r\n"
            }
            "DATA" => {
                if write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await.is_err() {
                    return;
                }
                let mut data = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if line == "." {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                    data.push_str("\r\n");
                }
                let message = Received { to: std::mem::take(&mut to), data };
                log.send_modify(|l| l.messages.push(message));
                b"250 OK queued\r\n"
            }
            "QUIT" => {
                let _ = write.write_all(b"221 Bye\r\n").await;
                return;
            }
            _ => b"500 Unknown command\r\n",
        };
        if write.write_all(answer).await.is_err() {
            return;
        }
    }
}
