//! Liquid Web with a token session: the first call trades the password for
//! a token (`Account/Auth/token`, HTTP Basic), later calls send the token,
//! and the token is expired when the program is done.
//!
//! ```sh
//! export LIQUIDWEB_USERNAME=alice LIQUIDWEB_PASSWORD='…'
//! cargo run --example liquidweb_token_session -- [--base-url URL]
//! ```

use std::collections::HashMap;
use std::process::ExitCode;

use hostapi::liquidweb_v1::{Client, Credentials};
use hostapi::runtime::{ClientConfig, SessionConfig};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let flags = parse_flags(&["--base-url", "--username"])?;
    let username = setting(&flags, "--username", "LIQUIDWEB_USERNAME")?;
    // Secrets come from the environment only: a command line is visible to other users.
    let password = std::env::var("LIQUIDWEB_PASSWORD").map_err(|_| "set LIQUIDWEB_PASSWORD")?;
    let mut config = ClientConfig::default();
    if let Some(base_url) = flags.get("--base-url") {
        config = config.with_base_url(base_url);
    }

    let credentials = Credentials::new(username, password);
    let client = Client::with_token_session(credentials, config, SessionConfig::default())?;

    // Both calls share the one token the first of them asked for.
    let version = client.utilities_info().version().await?;
    let ping = client.utilities_info().ping().await?;
    println!(
        "Liquid Web API version {}, ping: {}",
        version.version, ping.ping
    );

    let expired = client.account_auth().expire_token().await?;
    println!(
        "token expired: {}",
        if expired.expired.get() { "yes" } else { "no" }
    );
    Ok(())
}

/// `--flag value` pairs from the command line; only flags in `known` are accepted.
fn parse_flags(known: &[&str]) -> Result<HashMap<String, String>, String> {
    let mut flags = HashMap::new();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if !known.contains(&flag.as_str()) {
            return Err(format!(
                "unknown argument `{flag}` (expected one of {known:?})"
            ));
        }
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        flags.insert(flag, value);
    }
    Ok(flags)
}

/// The value of `flag`, else of the environment variable `var`.
fn setting(flags: &HashMap<String, String>, flag: &str, var: &str) -> Result<String, String> {
    match flags.get(flag) {
        Some(value) => Ok(value.clone()),
        None => std::env::var(var).map_err(|_| format!("pass {flag} or set {var}")),
    }
}
