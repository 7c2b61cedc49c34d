//! The mock under load on loopback: 256 connections at once, 10,240
//! requests in all, each answered with its own response (a forced error
//! echoing a per-request token), none lost, within a time bound.

use std::path::Path;
use std::time::Duration;

use hostapi_codegen::mock::{Server, load};
use hostapi_testkit::client::KeepAlive;

const CONNECTIONS: usize = 256;
const REQUESTS_PER_CONNECTION: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn holds_256_connections_and_10000_requests_without_mixing_answers() {
    let workspace = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap();
    let server = Server::start(workspace).await.unwrap();
    let addr = server.addr();
    let mut tasks = Vec::new();
    for connection in 0..CONNECTIONS {
        tasks.push(tokio::spawn(async move {
            let mut client = KeepAlive::connect(addr).await?;
            let mut answered = 0usize;
            for request in 0..REQUESTS_PER_CONNECTION {
                // eNom has no error catalogue, so a forced error's text is
                // sent back as Err1: the answer names its request.
                let token = format!("req-{connection}-{request}");
                let target = format!("/enom?command=GetBalance&uid=u&pw=p&mock_error={token}");
                let answer = client.send("GET", &target, &[], b"").await?;
                let body = String::from_utf8_lossy(&answer.body);
                assert_eq!(answer.status, 200);
                assert!(
                    body.contains(&format!("Err1={token}\r\n")),
                    "{token} got {body}"
                );
                answered += 1;
            }
            Ok::<_, std::io::Error>(answered)
        }));
    }
    let all = async {
        let mut answered = 0;
        for task in tasks {
            answered += task
                .await
                .expect("no task panicked")
                .expect("no connection failed");
        }
        answered
    };
    let answered = tokio::time::timeout(Duration::from_secs(120), all)
        .await
        .expect("10,240 requests within 120 s");
    assert_eq!(answered, CONNECTIONS * REQUESTS_PER_CONNECTION);
}
