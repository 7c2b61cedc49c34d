//! Per-call overhead of a generated client against the same call written by
//! hand with reqwest, both to one loopback server in one run.
//!
//! Two calls. Liquid Web's `Account/Auth/token` (JSON envelope, HTTP Basic,
//! error recognition, typed decoding). And a REST-style GET with a path
//! parameter and a Bearer token: `Domains/details` of the bindings fixture
//! (tests/fixtures/specs/rest_registrar.yaml), `GET /domains/{domain}`. The
//! hand-written versions do what a careful hand-written client must: build
//! the same request (the path segment percent-encoded), authenticate, read
//! the JSON, check for the error field and decode the fields.
//!
//! Besides criterion's two benchmarks, the run ends with an interleaved
//! measurement (the two calls alternating, so machine noise hits both
//! alike) and prints the ratio of the medians: the figure in
//! docs/benchmarks.md.
//!
//! Run: `cargo bench -p hostapi --bench overhead -- --warm-up-time 1 --measurement-time 3`
//!
//! For a profiler, `OVERHEAD_ONLY=<side>:<calls>` runs one side alone and
//! exits (`token-generated`, `token-hand`, `domain-generated`,
//! `domain-hand`), so `valgrind --tool=callgrind` or `perf record` see one
//! call's work without the other's: instruction counts per call are free of
//! the shared machine's noise.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use hostapi::liquidweb_bleed::{Client, Credentials, account_auth::TokenRequest, types};

// The bindings fixture's checked-in client (tests/bindings.rs keeps it fresh).
#[path = "../tests/fixtures/generated/registrar/rest_registrar/mod.rs"]
#[allow(dead_code)]
#[rustfmt::skip]
mod rest_registrar;
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

const DOMAIN_BODY: &str = r#"{"name":"example.com","status":"active"}"#;

/// The hand-written path-parameter call's response type.
#[derive(Deserialize)]
struct Domain {
    name: String,
    status: String,
}

/// `GET /domains/{domain}` with a Bearer token, written by hand.
async fn domain_by_hand(
    http: &reqwest::Client,
    base: &reqwest::Url,
    domain: &str,
) -> Result<Domain, String> {
    let mut url = base.clone();
    url.path_segments_mut()
        .map_err(|()| "base URL cannot have a path".to_string())?
        .pop_if_empty()
        .extend(["domains", domain]);
    let response = http
        .get(url)
        .bearer_auth("tok-s3cret")
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let value: serde_json::Value = response.json().await.map_err(|e| e.to_string())?;
    if let Some(error) = value.get("error") {
        return Err(error.to_string());
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
    _domain_server: TestServer,
    domain_base: reqwest::Url,
    registrar: rest_registrar::Client,
    details: rest_registrar::domains::DetailsRequest,
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
    let domain_server = runtime.block_on(TestServer::start(Canned::json(200, DOMAIN_BODY)));
    let registrar = rest_registrar::Client::with_config(
        rest_registrar::Credentials::new("tok-s3cret"),
        ClientConfig::default().with_base_url(domain_server.url("/v1")),
    )
    .expect("generated client");
    let domain = rest_registrar::types::DomainName::new("example.com").expect("valid");
    Setup {
        url: server.url("/Account/Auth/token"),
        runtime,
        _server: server,
        generated,
        http,
        request,
        domain_base: reqwest::Url::parse(&domain_server.url("/v1")).expect("url"),
        _domain_server: domain_server,
        registrar,
        details: rest_registrar::domains::DetailsRequest::new(domain),
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

    fn generated_domain_call(&self) {
        let domain = self
            .runtime
            .block_on(self.registrar.domains().details(&self.details))
            .expect("generated call");
        black_box(domain.status.len());
    }

    fn hand_domain_call(&self) {
        let domain = self
            .runtime
            .block_on(domain_by_hand(&self.http, &self.domain_base, "example.com"))
            .expect("hand-written call");
        black_box((domain.name.len(), domain.status.len()));
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn overhead(c: &mut Criterion) {
    let setup = setup();
    if let Ok(only) = std::env::var("OVERHEAD_ONLY") {
        run_only(&setup, &only);
        std::process::exit(0);
    }
    let mut group = c.benchmark_group("token call over loopback");
    group.bench_function("generated client", |b| b.iter(|| setup.generated_call()));
    group.bench_function("hand-written reqwest", |b| b.iter(|| setup.hand_call()));
    group.finish();
    let mut group = c.benchmark_group("path-parameter GET with Bearer over loopback");
    group.bench_function("generated client", |b| {
        b.iter(|| setup.generated_domain_call())
    });
    group.bench_function("hand-written reqwest", |b| {
        b.iter(|| setup.hand_domain_call())
    });
    group.finish();

    interleaved("token call", &|| setup.generated_call(), &|| {
        setup.hand_call()
    });
    interleaved(
        "path-parameter GET with Bearer",
        &|| setup.generated_domain_call(),
        &|| setup.hand_domain_call(),
    );
}

/// `side:calls` of `OVERHEAD_ONLY`: that many calls of one side, nothing
/// else.
fn run_only(setup: &Setup, only: &str) {
    let (side, calls) = only
        .split_once(':')
        .expect("OVERHEAD_ONLY is <side>:<calls>");
    let calls: u32 = calls.parse().expect("a number of calls");
    let call: &dyn Fn() = match side {
        "token-generated" => &|| setup.generated_call(),
        "token-hand" => &|| setup.hand_call(),
        "domain-generated" => &|| setup.generated_domain_call(),
        "domain-hand" => &|| setup.hand_domain_call(),
        other => panic!("unknown side `{other}`"),
    };
    for _ in 0..calls {
        call();
    }
}

/// Each round times one call of each, alternating which goes first, so
/// both see the same machine; prints the ratio of the medians.
fn interleaved(name: &str, generated_call: &dyn Fn(), hand_call: &dyn Fn()) {
    let rounds = 3000;
    let (mut generated, mut hand) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    let time = |f: &dyn Fn()| {
        let started = Instant::now();
        f();
        started.elapsed()
    };
    for round in 0..rounds {
        if round % 2 == 0 {
            generated.push(time(generated_call));
            hand.push(time(hand_call));
        } else {
            hand.push(time(hand_call));
            generated.push(time(generated_call));
        }
    }
    let (generated, hand) = (median(generated), median(hand));
    println!(
        "{name}: interleaved medians over {rounds} rounds: generated {generated:?}, \
         hand-written {hand:?}, ratio {:.3}",
        generated.as_secs_f64() / hand.as_secs_f64()
    );
}

criterion_group!(benches, overhead);
criterion_main!(benches);
