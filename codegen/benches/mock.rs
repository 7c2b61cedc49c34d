//! The mock's latency on loopback against its floor: a minimal hand-written
//! hyper handler returning the same fixed body. Both are measured in one
//! run, interleaved, over one keep-alive connection each, for a Liquid Web
//! details call (JSON, Basic auth) and an eNom text call. Prints medians,
//! the 90th percentile, throughput and the mock/floor ratio of medians
//! (docs/benchmarks.md; the goal is at most 1.5x).
//!
//! `cargo bench -p hostapi-codegen --bench mock` (or `-- 2000` for fewer
//! requests per round).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use hostapi_codegen::mock::{Server, load};
use hostapi_testkit::client::KeepAlive;
use http_body_util::{BodyExt as _, Full};
use hyper::body::Bytes;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

struct Case {
    name: &'static str,
    method: &'static str,
    target: &'static str,
    headers: &'static [&'static str],
    body: &'static [u8],
}

const CASES: [Case; 2] = [
    Case {
        name: "Liquid Web Network/DNS/Record/details",
        method: "POST",
        target: "/liquidweb_v1/Network/DNS/Record/details",
        headers: &[
            "authorization: Basic dXNlcjpwYXNzd29yZA==",
            "content-type: application/json",
        ],
        body: br#"{"params":{"id":7}}"#,
    },
    Case {
        name: "eNom GetBalance (text)",
        method: "GET",
        target: "/enom?command=GetBalance&uid=reseller&pw=secret",
        headers: &[],
        body: b"",
    },
];

/// A server answering every request with `body`, as little code as hyper
/// allows.
async fn floor(body: Vec<u8>, content_type: &'static str) -> SocketAddr {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let body = Bytes::from(body);
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let body = body.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                    let body = body.clone();
                    async move {
                        // Read like any handler: an unread body ends keep-alive.
                        let _ = request.into_body().collect().await;
                        let mut response = hyper::Response::new(Full::new(body));
                        response.headers_mut().insert(
                            hyper::header::CONTENT_TYPE,
                            hyper::header::HeaderValue::from_static(content_type),
                        );
                        Ok::<_, Infallible>(response)
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    addr
}

/// Latencies of `count` requests in a row, after a warm-up.
async fn round(addr: SocketAddr, case: &Case, count: usize) -> (Vec<Duration>, Duration) {
    let mut client = KeepAlive::connect(addr).await.unwrap();
    for _ in 0..200 {
        client
            .send(case.method, case.target, case.headers, case.body)
            .await
            .unwrap();
    }
    let mut latencies = Vec::with_capacity(count);
    let started = Instant::now();
    for _ in 0..count {
        let sent = Instant::now();
        let answer = client
            .send(case.method, case.target, case.headers, case.body)
            .await
            .unwrap();
        latencies.push(sent.elapsed());
        assert_eq!(answer.status, 200);
    }
    (latencies, started.elapsed())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let workspace = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap();
        let mock = Server::start(workspace).await.unwrap();
        println!("| call | server | median | p90 | requests/s | mock/floor (medians) |");
        println!("| --- | --- | --- | --- | --- | --- |");
        for case in &CASES {
            let mut probe = KeepAlive::connect(mock.addr()).await.unwrap();
            let fixed = probe
                .send(case.method, case.target, case.headers, case.body)
                .await
                .unwrap();
            let content_type = if case.method == "GET" {
                "text/plain; charset=utf-8"
            } else {
                "application/json"
            };
            let floor_addr = floor(fixed.body, content_type).await;
            let (mut mock_all, mut floor_all) = (Vec::new(), Vec::new());
            let (mut mock_time, mut floor_time) = (Duration::ZERO, Duration::ZERO);
            // Interleaved rounds, so load from elsewhere hits both alike.
            for _ in 0..3 {
                let (latencies, took) = round(mock.addr(), case, count).await;
                mock_all.extend(latencies);
                mock_time += took;
                let (latencies, took) = round(floor_addr, case, count).await;
                floor_all.extend(latencies);
                floor_time += took;
            }
            mock_all.sort();
            floor_all.sort();
            let ratio = percentile(&mock_all, 0.5).as_secs_f64()
                / percentile(&floor_all, 0.5).as_secs_f64();
            for (server, sorted, took) in [
                ("mock", &mock_all, mock_time),
                ("floor", &floor_all, floor_time),
            ] {
                let shown_ratio = if server == "mock" {
                    format!("{ratio:.2}x")
                } else {
                    String::new()
                };
                println!(
                    "| {} | {server} | {:.1} µs | {:.1} µs | {:.0} | {shown_ratio} |",
                    case.name,
                    percentile(sorted, 0.5).as_secs_f64() * 1e6,
                    percentile(sorted, 0.9).as_secs_f64() * 1e6,
                    sorted.len() as f64 / took.as_secs_f64(),
                );
            }
        }
    });
}
