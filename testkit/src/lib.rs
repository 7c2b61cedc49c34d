//! Dev-only helpers shared by hostapi's tests and benchmarks (never
//! published):
//!
//! * [`TestServer`]: a small HTTP/1.1 server on 127.0.0.1 that records every
//!   request and answers from a script ([`Canned`] responses, delays, dropped
//!   connections), with keep-alive so benchmarks measure the client, not
//!   connection set-up;
//! * [`client`]: a keep-alive HTTP/1.1 client for load tests and benchmarks
//!   of servers (the mock);
//! * [`capture`]: a `tracing` subscriber that keeps every span and event as
//!   text, for checking what the runtime logs.

#![forbid(unsafe_code)]

pub mod capture;
pub mod client;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One response the server sends.
#[derive(Clone, Debug)]
pub struct Canned {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Extra response headers.
    pub headers: Vec<(String, String)>,
    /// Wait this long (after reading the request) before answering.
    pub delay: Duration,
    /// Send a `Content-Length` header. Without one the body ends when the
    /// connection closes (so the connection is not kept alive).
    pub content_length: bool,
}

impl Canned {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Canned {
            status,
            content_type,
            body: body.into(),
            headers: Vec::new(),
            delay: Duration::ZERO,
            content_length: true,
        }
    }

    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Canned::new(status, "application/json", body)
    }

    pub fn text(body: impl Into<Vec<u8>>) -> Self {
        Canned::new(200, "text/plain; charset=utf-8", body)
    }

    pub fn html(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Canned::new(status, "text/html", body)
    }

    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn without_content_length(mut self) -> Self {
        self.content_length = false;
        self
    }
}

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Answer it.
    Respond(Canned),
    /// Close the connection without answering (the request was received).
    Drop,
}

impl From<Canned> for Reply {
    fn from(canned: Canned) -> Self {
        Reply::Respond(canned)
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(p, _)| p)
    }

    /// The raw query string, if any.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    /// The decoded `key=value` pairs of the query string.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        pairs(self.query().unwrap_or(""))
    }

    /// The decoded pairs of a form body.
    pub fn form_pairs(&self) -> Vec<(String, String)> {
        pairs(&self.body_text())
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Everything the server received, as text (for leak checks).
    pub fn raw_text(&self) -> String {
        let mut s = format!("{} {}\n", self.method, self.target);
        for (n, v) in &self.headers {
            s.push_str(&format!("{n}: {v}\n"));
        }
        s.push_str(&self.body_text());
        s
    }
}

fn pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

type Script = dyn Fn(usize, &Recorded) -> Reply + Send + Sync;

/// A recording HTTP/1.1 server on 127.0.0.1. Stops when dropped.
pub struct TestServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
    connections: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl TestServer {
    /// Answers every request with `canned`.
    pub async fn start(canned: Canned) -> TestServer {
        TestServer::scripted(move |_, _| Reply::Respond(canned.clone())).await
    }

    /// Answers the `n`th request (counting from 0, over all connections)
    /// with `script(n, &request)`.
    pub async fn scripted<F>(script: F) -> TestServer
    where
        F: Fn(usize, &Recorded) -> Reply + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        TestServer::on(listener, Arc::new(script))
    }

    /// Like [`TestServer::scripted`], on a listener the caller bound (e.g.
    /// to a port chosen earlier).
    pub fn on(listener: TcpListener, script: Arc<Script>) -> TestServer {
        let addr = listener.local_addr().expect("local addr");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let log = Arc::clone(&requests);
        let accepted = Arc::clone(&connections);
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                accepted.fetch_add(1, Ordering::SeqCst);
                let script = Arc::clone(&script);
                let log = Arc::clone(&log);
                tokio::spawn(async move {
                    let _ = serve(stream, script, log).await;
                });
            }
        });
        TestServer {
            addr,
            requests,
            connections,
            task,
        }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("lock").clone()
    }

    /// How many requests arrived so far.
    pub fn request_count(&self) -> usize {
        self.requests.lock().expect("lock").len()
    }

    /// How many connections were accepted so far.
    pub fn connection_count(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The only request received.
    pub fn single_request(&self) -> Recorded {
        let all = self.requests();
        assert_eq!(all.len(), 1, "expected exactly one request, got {all:#?}");
        all.into_iter().next().expect("one request")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A [`TestServer`] on a thread of its own, for clients that block the
/// calling thread (the blocking client).
pub struct BackgroundServer {
    url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BackgroundServer {
    /// Starts a server answering with `script` on its own thread.
    pub fn scripted<F>(script: F) -> BackgroundServer
    where
        F: Fn(usize, &Recorded) -> Reply + Send + Sync + 'static,
    {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let server = TestServer::scripted(script).await;
                ready_tx
                    .send((server.url(""), Arc::clone(&server.requests)))
                    .expect("send");
                let _ = stop_rx.await;
                drop(server);
            });
        });
        let (url, requests) = ready_rx.recv().expect("server started");
        BackgroundServer {
            url,
            requests,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("lock").clone()
    }
}

impl Drop for BackgroundServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A base URL on 127.0.0.1 where nothing listens (connections are refused).
pub fn refused_url(path: &str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    format!("http://{addr}{path}")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Serves requests on one connection until the peer closes it, a reply
/// drops it, or a body without `Content-Length` ends it.
async fn serve(
    mut stream: TcpStream,
    script: Arc<Script>,
    log: Arc<Mutex<Vec<Recorded>>>,
) -> std::io::Result<()> {
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let head_end = loop {
            if let Some(i) = find(&buf, b"\r\n\r\n") {
                break i;
            }
            if buf.len() > 64 * 1024 {
                return Ok(());
            }
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap_or_default();
        let mut parts = request_line.split(' ');
        let method = parts.next().unwrap_or_default().to_owned();
        let target = parts.next().unwrap_or_default().to_owned();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
            .collect();
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let body_start = head_end + 4;
        while buf.len() < body_start + length {
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        let body = buf[body_start..body_start + length].to_vec();
        buf.drain(..body_start + length);
        let recorded = Recorded {
            method,
            target,
            headers,
            body,
        };
        let index = {
            let mut log = log.lock().expect("lock");
            log.push(recorded.clone());
            log.len() - 1
        };
        let canned = match script(index, &recorded) {
            Reply::Respond(canned) => canned,
            Reply::Drop => return Ok(()),
        };
        if !canned.delay.is_zero() {
            tokio::time::sleep(canned.delay).await;
        }
        let mut response = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\n",
            canned.status,
            reason(canned.status),
            canned.content_type
        );
        for (name, value) in &canned.headers {
            response.push_str(&format!("{name}: {value}\r\n"));
        }
        if canned.content_length {
            response.push_str(&format!("Content-Length: {}\r\n\r\n", canned.body.len()));
        } else {
            response.push_str("Connection: close\r\n\r\n");
        }
        let mut bytes = response.into_bytes();
        bytes.extend_from_slice(&canned.body);
        stream.write_all(&bytes).await?;
        if !canned.content_length {
            return stream.shutdown().await;
        }
    }
}
