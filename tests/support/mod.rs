//! A loopback HTTP/1.1 server on 127.0.0.1 that records what it was sent
//! and answers each request with a canned response.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// A request as the server saw it.
#[derive(Debug)]
pub struct Recorded {
    pub method: String,
    /// Path and query.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The decoded `key=value` pairs of the query string.
    pub fn query(&self) -> Vec<(String, String)> {
        let query = self.target.split_once('?').map(|(_, q)| q).unwrap_or("");
        pairs(query)
    }

    /// The decoded pairs of a form body.
    pub fn form(&self) -> Vec<(String, String)> {
        pairs(&self.body)
    }
}

fn pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(text: &str) -> String {
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

/// Serves one request; returns the base URL and the recorded request.
pub async fn serve_once(
    status: u16,
    content_type: &'static str,
    body: &str,
) -> (String, JoinHandle<Recorded>) {
    let (base, handle) = serve_sequence(vec![(status, content_type, body.to_string())]).await;
    let one = tokio::spawn(async move {
        let mut seen = handle.await.expect("server task");
        seen.remove(0)
    });
    (base, one)
}

/// Serves one request per canned response, in order, each on its own
/// connection; returns the base URL and every recorded request.
pub async fn serve_sequence(
    responses: Vec<(u16, &'static str, String)>,
) -> (String, JoinHandle<Vec<Recorded>>) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let address = listener.local_addr().expect("local address");
    let handle = tokio::spawn(async move {
        let mut seen = Vec::new();
        for (status, content_type, body) in responses {
            seen.push(answer(&listener, status, content_type, &body).await);
        }
        seen
    });
    (format!("http://{address}"), handle)
}

async fn answer(listener: &TcpListener, status: u16, content_type: &str, body: &str) -> Recorded {
    let (mut stream, _) = listener.accept().await.expect("accept");
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        let n = stream.read(&mut chunk).await.expect("read");
        assert!(n > 0, "client closed before sending headers");
        buffer.extend_from_slice(&chunk[..n]);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..header_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while buffer.len() < header_end + length {
        let n = stream.read(&mut chunk).await.expect("read body");
        assert!(n > 0, "client closed mid-body");
        buffer.extend_from_slice(&chunk[..n]);
    }
    let reason = if status == 200 { "OK" } else { "Status" };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await.expect("write");
    let mut parts = request_line.split(' ');
    Recorded {
        method: parts.next().unwrap_or_default().to_string(),
        target: parts.next().unwrap_or_default().to_string(),
        headers,
        body: String::from_utf8_lossy(&buffer[header_end..header_end + length]).into_owned(),
    }
}
