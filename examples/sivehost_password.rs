//! Sive.Host: set a new control panel password for one hosting service
//! (`passwdUpd`).
//!
//! ```sh
//! export SIVEHOST_USERNAME=… SIVEHOST_PASSWORD='…' \
//!        SIVEHOST_API_KEY='…' SIVEHOST_API_SECRET='…' SIVEHOST_NEW_PASSWORD='…'
//! cargo run --example sivehost_password -- --service-id 2633 [--base-url URL]
//! ```

use std::collections::HashMap;
use std::process::ExitCode;

use hostapi::runtime::ClientConfig;
use hostapi::sivehost::{
    Client, Credentials, hosting::PasswdUpdRequest, types::ControlPanelPassword,
};

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
    let flags = parse_flags(&["--base-url", "--username", "--service-id"])?;
    let username = setting(&flags, "--username", "SIVEHOST_USERNAME")?;
    let service_id = flags.get("--service-id").ok_or("pass --service-id ID")?;
    // Secrets come from the environment only: a command line is visible to other users.
    let secret = |var: &str| std::env::var(var).map_err(|_| format!("set {var}"));
    let credentials = Credentials::new(
        username,
        secret("SIVEHOST_PASSWORD")?,
        secret("SIVEHOST_API_KEY")?,
        secret("SIVEHOST_API_SECRET")?,
    );
    // Checked here, before anything is sent: more than 8 characters.
    let new_password = ControlPanelPassword::new(secret("SIVEHOST_NEW_PASSWORD")?)?;
    let mut config = ClientConfig::default();
    if let Some(base_url) = flags.get("--base-url") {
        config = config.with_base_url(base_url);
    }
    let client = Client::with_config(credentials, config)?;

    let request = PasswdUpdRequest::new(service_id.clone(), new_password);
    // A `"result":"error"` answer arrives as an error naming Sive.Host's message.
    let response = client.hosting().passwd_upd(&request).await?;
    println!(
        "service {service_id}: password changed ({})",
        response.message
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
