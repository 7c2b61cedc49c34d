//! Liquid Web: every Cloud server on the account, fetched a page at a time
//! by `Storm/Server/list`'s `list_all` stream.
//!
//! ```sh
//! export LIQUIDWEB_USERNAME=alice LIQUIDWEB_PASSWORD='…'
//! cargo run --example liquidweb_list_servers -- [--base-url URL]
//! ```

use std::collections::HashMap;
use std::process::ExitCode;

use hostapi::liquidweb_v1::{Client, Credentials, storm_server::ListRequest, types::PositiveInt};
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
    let flags = parse_flags(&["--base-url", "--username"])?;
    let username = setting(&flags, "--username", "LIQUIDWEB_USERNAME")?;
    // Secrets come from the environment only: a command line is visible to other users.
    let password = std::env::var("LIQUIDWEB_PASSWORD").map_err(|_| "set LIQUIDWEB_PASSWORD")?;
    let mut config = ClientConfig::default();
    if let Some(base_url) = flags.get("--base-url") {
        config = config.with_base_url(base_url);
    }
    let client = Client::with_config(Credentials::new(username, password), config)?;

    let request = ListRequest::new().with_page_size(PositiveInt::new(25)?);
    let mut servers = client.storm_server().list_all(&request);
    let mut count = 0;
    // The next page is requested only once this one is used up.
    while let Some(server) = servers.next().await {
        let server = server?;
        println!("{}  {}  {}", server.uniq_id, server.domain, server.ip);
        count += 1;
    }
    println!("{count} servers");
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
