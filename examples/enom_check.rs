//! eNom: is a domain name free to register? One `Check` command.
//!
//! ```sh
//! export ENOM_UID=resellid ENOM_PW='…'   # account ID and API token
//! cargo run --example enom_check -- --domain example.com \
//!     [--base-url https://resellertest.enom.com/interface.asp]
//! ```

use std::collections::HashMap;
use std::process::ExitCode;

use hostapi::enom::{
    Client, Credentials,
    domain::CheckRequest,
    types::{SecondLevelDomain, TopLevelDomain},
};
use hostapi::runtime::ClientConfig;

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
    let flags = parse_flags(&["--base-url", "--uid", "--domain"])?;
    let uid = setting(&flags, "--uid", "ENOM_UID")?;
    // Secrets come from the environment only: a command line is visible to other users.
    let api_token = std::env::var("ENOM_PW").map_err(|_| "set ENOM_PW")?;
    let domain = flags.get("--domain").ok_or("pass --domain NAME")?;
    let (sld, tld) = domain
        .split_once('.')
        .ok_or("--domain needs a name and an extension, such as example.com")?;
    let mut config = ClientConfig::default();
    if let Some(base_url) = flags.get("--base-url") {
        config = config.with_base_url(base_url);
    }
    let client = Client::with_config(Credentials::new(uid, api_token), config)?;

    let request = CheckRequest::new()
        .with_sld(SecondLevelDomain::new(sld)?)
        .with_tld(TopLevelDomain::new(tld)?);
    // An answer with ErrCount above 0 arrives as an error, with eNom's messages.
    let response = client.domain().check(&request).await?;
    match (response.rrp_code, response.rrp_text) {
        (Some(code), Some(text)) => println!("{domain}: {text} (code {code})"),
        _ => println!("{domain}: no result in the answer"),
    }
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
