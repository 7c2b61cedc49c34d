//! `hostapi-codegen mock`: serves every API of a spec as a checking mock
//! server (`hostapi_codegen::mock`) until stopped.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use hostapi_codegen::mock::{self, ExpectedCredential, LogSink, Mock, Options};

use super::{Failure, USAGE_OR_IO};

#[derive(Args)]
pub struct MockArgs {
    /// A spec file or a folder of them.
    #[arg(long, value_name = "PATH", default_value = "spec")]
    spec: PathBuf,
    /// The address to listen on (port 0 picks a free one).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Serve only this API, at / instead of /NAME/.
    #[arg(long, value_name = "NAME")]
    api: Option<String>,
    /// Seed of the synthesized answers: the same seed, the same answers
    /// (a method with a documented example always answers with it).
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u64,
    /// Keep created records: list, details, update and delete see them
    /// (each method's `role` in the spec, else its name, says which it is).
    #[arg(long)]
    state: bool,
    /// The user name every API expects (HTTP Basic, or the first credential
    /// parameter, such as eNom's uid).
    #[arg(long, value_name = "USER", requires = "password")]
    user: Option<String>,
    /// The password every API expects (HTTP Basic, or the second credential
    /// parameter). Without --user/--password/--credential any non-empty
    /// credentials are accepted.
    /// (A mock's password, not a real one: it may stand on the command line.)
    #[arg(long, value_name = "PASSWORD", requires = "user")]
    password: Option<String>,
    /// A credential one API expects, by its spec name (repeatable):
    /// sivehost.api_key=KEY.
    #[arg(long, value_name = "API.NAME=VALUE")]
    credential: Vec<String>,
    /// Answer this fraction (0 to 1) of valid requests with a retryable
    /// documented error.
    #[arg(long, value_name = "FRACTION", default_value_t = 0.0)]
    fail_rate: f64,
    /// Delay every answer: 250ms, 2s.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    latency: Option<Duration>,
    /// Larger request bodies get 413.
    #[arg(long, value_name = "BYTES", default_value_t = mock::DEFAULT_MAX_BODY_BYTES)]
    max_body_bytes: usize,
    /// Write one JSON line per request to FILE (- for standard output).
    #[arg(long, value_name = "FILE")]
    log: Option<PathBuf>,
}

/// Usage notes printed after the flags.
pub const MOCK_HELP: &str = "\
Routes: every API at /NAME/ (its spec name), e.g. /liquidweb_v1/Network/DNS/Zone/list,
/enom?command=GetBalance, /sivehost with action= in the form. Requests are checked with
the spec's rules and refused in the vendor's own error format; valid ones get answers
synthesized from the return types.

Force a documented error with the header `X-Mock-Error: CLASS` or the parameter
mock_error=CLASS (class, message or variant name, e.g. RecordNotFound).

Prints one line with the address, then nothing unless --log is given.

Exit status:
  0  never (runs until stopped)
  1  spec errors
  2  usage or I/O errors (the address is taken, the spec is unreadable)";

pub fn run(args: MockArgs) -> Result<(), Failure> {
    if !(0.0..=1.0).contains(&args.fail_rate) {
        return Err(Failure::usage("--fail-rate must be between 0 and 1"));
    }
    let workspace = mock::load(&args.spec)?;
    if let Some(only) = &args.api
        && !workspace.apis.iter().any(|a| &a.module == only)
    {
        let names: Vec<&str> = workspace.apis.iter().map(|a| a.module.as_str()).collect();
        return Err(Failure::usage(format!(
            "no API `{only}` in the spec; it has {}",
            names.join(", ")
        )));
    }
    let mut credentials = Vec::new();
    if let (Some(user), Some(password)) = (&args.user, &args.password) {
        for api in &workspace.apis {
            credentials.extend(ExpectedCredential::user_and_password(api, user, password));
        }
    }
    for given in &args.credential {
        let parsed = given.split_once('=').and_then(|(name, value)| {
            let (api, name) = name.split_once('.')?;
            Some(ExpectedCredential {
                api: Some(api.to_string()),
                name: name.to_string(),
                value: value.to_string(),
            })
        });
        // The value may be a secret: the message names only the form.
        credentials
            .push(parsed.ok_or_else(|| Failure::usage("--credential takes API.NAME=VALUE"))?);
    }
    let log = match &args.log {
        None => None,
        Some(path) if path.as_os_str() == "-" => Some(LogSink::new(std::io::stdout())),
        Some(path) => {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
            Some(LogSink::new(file))
        }
    };
    let options = Options {
        seed: args.seed,
        only_api: args.api.clone(),
        max_body_bytes: args.max_body_bytes,
        credentials,
        state: args.state,
        fail_rate: args.fail_rate,
        latency: args.latency.unwrap_or_default(),
        log,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::usage(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .map_err(|e| Failure::usage(format!("cannot listen on {}: {e}", args.listen)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Failure::usage(e.to_string()))?;
        let apis: Vec<String> = match &args.api {
            Some(only) => vec![format!("{only} at http://{addr}/")],
            None => workspace
                .apis
                .iter()
                .map(|a| format!("http://{addr}/{}/", a.module))
                .collect(),
        };
        outln!("mock serving {}", apis.join(", "));
        let served = mock::serve(listener, Arc::new(Mock::new(workspace, options))).await;
        served.map_err(|e| Failure {
            code: USAGE_OR_IO,
            message: format!("the mock stopped: {e}"),
        })
    })
}

/// `250ms`, `2s` or a number of milliseconds.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => text.split_at(i),
        None => (text, "ms"),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration such as 250ms or 2s"))?;
    match unit {
        "ms" => Ok(Duration::from_millis(n)),
        "s" => Ok(Duration::from_secs(n)),
        _ => Err(format!("`{text}`: the unit must be ms or s")),
    }
}
