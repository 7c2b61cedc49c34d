//! Per-call overhead of a generated client against the same call written by
//! hand with reqwest, both to one loopback server in one run.
//!
//! The call is Liquid Web's `Account/Auth/token` (JSON envelope, HTTP Basic,
//! error recognition, typed decoding). The hand-written version does what a
//! careful hand-written client must: builds the same body, authenticates,
//! reads the JSON, checks for `error_class` and decodes the fields.
//!
//! Besides criterion's two benchmarks, the run ends with an interleaved
//! measurement (the two calls alternating, so machine noise hits both
//! alike) and prints the ratio of the medians: the figure in
//! docs/benchmarks.md.
//!
//! Run: `cargo bench -p hostapi --bench overhead -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use hostapi::liquidweb_bleed::{Client, Credentials, account_auth::TokenRequest, types};
use hostapi::runtime::ClientConfig;
use hostapi_testkit::{Canned, TestServer};
use serde::Deserialize;

const BODY: &str = r#"{"expires":1700000000,"token":"QUJDREVGR0hJSktMTU5PUA=="}"#;

/// The hand-written call's response type.
#[derive(Deserialize)]
struct Token {
    token: String,
    expires: i64,
}

/// `Account/Auth/token` written by hand with reqwest.
async fn by_hand(http: &reqwest::Client, url: &str) -> Result<Token, String> {
    let body = serde_json::json!({"params": {"timeout": 3600}});
    let response = http
        .post(url)
        .basic_auth("alice", Some("s3cret-pw"))
        .header(reqwest::header::ACCEPT, "application/json")
        .json(&body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let value: serde_json::Value = response.json().await.map_err(|e| e.to_string())?;
    if let Some(class) = value.get("error_class") {
        return Err(class.to_string());
    }
    serde_json::from_value(value).map_err(|e| e.to_string())
}

struct Setup {
    runtime: tokio::runtime::Runtime,
    _server: TestServer,
    url: String,
    generated: Client,
    http: reqwest::Client,
    request: TokenRequest,
}

fn setup() -> Setup {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let server = runtime.block_on(TestServer::start(Canned::json(200, BODY)));
    let generated = Client::with_config(
        Credentials::new("alice", "s3cret-pw"),
        ClientConfig::default().with_base_url(server.url("")),
    )
    .expect("generated client");
    // Built after the generated client, which installs the rustls provider
    // reqwest needs; same timeouts, user agent and redirect policy as the
    // runtime's, so both send the same bytes.
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(ClientConfig::default().user_agent)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client");
    let request = TokenRequest::new().with_timeout(types::PositiveInt::new(3600).expect("valid"));
    Setup {
        url: server.url("/Account/Auth/token"),
        runtime,
        _server: server,
        generated,
        http,
        request,
    }
}

impl Setup {
    fn generated_call(&self) {
        let token = self
            .runtime
            .block_on(self.generated.account_auth().token(&self.request))
            .expect("generated call");
        black_box(token.expires.get());
    }

    fn hand_call(&self) {
        let token = self
            .runtime
            .block_on(by_hand(&self.http, &self.url))
            .expect("hand-written call");
        black_box((token.token.len(), token.expires));
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn overhead(c: &mut Criterion) {
    let setup = setup();
    let mut group = c.benchmark_group("token call over loopback");
    group.bench_function("generated client", |b| b.iter(|| setup.generated_call()));
    group.bench_function("hand-written reqwest", |b| b.iter(|| setup.hand_call()));
    group.finish();

    // Interleaved: each round times one call of each, alternating which goes
    // first, so both see the same machine.
    let rounds = 3000;
    let (mut generated, mut hand) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    for round in 0..rounds {
        let time = |f: &dyn Fn()| {
            let started = Instant::now();
            f();
            started.elapsed()
        };
        if round % 2 == 0 {
            generated.push(time(&|| setup.generated_call()));
            hand.push(time(&|| setup.hand_call()));
        } else {
            hand.push(time(&|| setup.hand_call()));
            generated.push(time(&|| setup.generated_call()));
        }
    }
    let (generated, hand) = (median(generated), median(hand));
    println!(
        "interleaved medians over {rounds} rounds: generated {generated:?}, hand-written {hand:?}, \
         ratio {:.3}",
        generated.as_secs_f64() / hand.as_secs_f64()
    );
}

criterion_group!(benches, overhead);
criterion_main!(benches);
