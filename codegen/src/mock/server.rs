//! [`Mock`] on HTTP/1.1 (hyper), one task per connection, keep-alive.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use super::{Mock, Options, Outcome, RawRequest, RawResponse};
use crate::ir::Workspace;

/// A mock running on 127.0.0.1 in the current tokio runtime; stops when
/// dropped.
pub struct Server {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Serves every API of `workspace` on a free port.
    pub async fn start(workspace: Workspace) -> io::Result<Server> {
        Server::start_with(workspace, Options::default()).await
    }

    /// [`Server::start`] with options.
    pub async fn start_with(workspace: Workspace, options: Options) -> io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let mock = Arc::new(Mock::new(workspace, options));
        let task = tokio::spawn(async move {
            let _ = serve(listener, mock).await;
        });
        Ok(Server { addr, task })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL of `api` (its module name), for a client's
    /// `with_base_url`; with [`Options::only_api`] pass any name.
    pub fn url(&self, api: &str) -> String {
        format!("http://{}/{api}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Accepts connections on `listener` until an accept fails, each served on
/// its own task.
pub async fn serve(listener: TcpListener, mock: Arc<Mock>) -> io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        let mock = Arc::clone(&mock);
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let mock = Arc::clone(&mock);
                async move { Ok::<_, Infallible>(handle(&mock, request).await) }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(mock: &Mock, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let started = std::time::Instant::now();
    let http_method = request.method().as_str().to_string();
    let (response, outcome) = read_and_answer(mock, request).await;
    let latency = mock.options().latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if let Some(log) = &mock.options().log {
        log.write(&outcome, &http_method, response.status, started.elapsed());
    }
    to_hyper(response)
}

async fn read_and_answer(mock: &Mock, request: Request<Incoming>) -> (RawResponse, Outcome) {
    let too_large = || {
        let outcome = Outcome {
            api: None,
            method: None,
            kind: "too-large",
            violations: 0,
        };
        (RawResponse::plain(413, "request body too large"), outcome)
    };
    let limit = mock.options().max_body_bytes;
    let declared = request
        .headers()
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large();
    }
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return too_large(),
    };
    let raw = RawRequest {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or_default().to_string(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.to_vec(),
    };
    mock.answer(&raw)
}

fn to_hyper(response: RawResponse) -> Response<Full<Bytes>> {
    let mut out = Response::new(Full::new(Bytes::from(response.body)));
    *out.status_mut() = hyper::StatusCode::from_u16(response.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    out.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(response.content_type),
    );
    out
}
