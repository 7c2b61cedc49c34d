//! `hostapi-codegen call API METHOD`: calls any method of a spec without
//! writing Rust. Parameters are checked first with the rules the mock and
//! generated clients use (every violation listed); the call goes through
//! hostapi-runtime, so it travels exactly as a generated client's would.
//! Credentials come from environment variables or a profile file, never
//! from the command line, and are never printed.

use std::path::{Path, PathBuf};

use clap::Args;
use hostapi_codegen::ir::defaults::Defaults;
use hostapi_codegen::ir::{self, Api, Method, Workspace};
use hostapi_codegen::mock::{self, check, incoming};
use hostapi_runtime::validate::{Validate, Violations};
use hostapi_runtime::{Client, ClientConfig, Credentials, Error, RawApiError};
use serde_json::{Map, Value};

use super::{FINDINGS, Failure, USAGE_OR_IO};

#[derive(Args)]
#[command(disable_help_flag = true)]
pub struct CallArgs {
    /// The API's spec name (liquidweb_v1, enom, …).
    #[arg(value_name = "API")]
    api: Option<String>,
    /// `Section/method` (Network/DNS/Zone/list) or the method's wire name
    /// (GetBalance).
    #[arg(value_name = "METHOD")]
    method: Option<String>,
    /// A parameter, by its wire name (repeatable; repeat a list's name once
    /// per item; `name[key]=v` for an object's field).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// A JSON object of parameters; --param values win.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Send to this base URL instead of the spec's (a mock, a test host).
    #[arg(long, value_name = "URL", conflicts_with = "server")]
    base_url: Option<String>,
    /// Send to the spec's server of this name (`servers:`; the first is
    /// the default) instead of its default.
    #[arg(long, value_name = "NAME")]
    server: Option<String>,
    /// Take credentials and base URL from this profile of the profile file.
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// The profile file [default: $HOSTAPI_PROFILES, else
    /// ~/.config/hostapi/profiles.json].
    #[arg(long, value_name = "FILE")]
    profiles: Option<PathBuf>,
    /// A spec file or a folder of them.
    #[arg(long, value_name = "PATH", default_value = "spec")]
    spec: PathBuf,
    /// Print the response body as received (JSON, or eNom's key=value
    /// text) instead of the decoded answer as pretty JSON.
    #[arg(long)]
    raw: bool,
    /// Print the HTTP request (secrets redacted) instead of sending it.
    #[arg(long)]
    dry_run: bool,
    /// List APIs, sections and methods with their one-line docs.
    #[arg(long)]
    list: bool,
    /// With API and METHOD: the method's parameters; else this help.
    #[arg(long, short = 'h')]
    help: bool,
}

/// Usage notes printed after the flags.
pub const CALL_HELP: &str = "\
Credentials: from environment variables HOSTAPI_<API>_<NAME> (HOSTAPI_ENOM_PW,
HOSTAPI_LIQUIDWEB_V1_PASSWORD), or a profile: a JSON file
{\"profiles\": {\"NAME\": {\"api\": \"enom\", \"base_url\": \"…\", \"credentials\": {\"uid\": \"…\", \"pw\": \"…\"}}}}.
They never appear in output, errors or --dry-run.

Exit status:
  0  success
  1  the API answered with an error (printed with its class and fields)
  2  usage, parameter validation or transport errors";

/// The base URL of `api`'s server `name`, or a usage error naming the
/// servers it has.
fn server_url(api: &Api, name: &str) -> Result<String, Failure> {
    if let Some((_, url)) = api.servers.iter().find(|(n, _)| n == name) {
        return Ok(url.clone());
    }
    let names: Vec<&str> = api.servers.iter().map(|(n, _)| n.as_str()).collect();
    Err(Failure::usage(if names.is_empty() {
        format!(
            "no server `{name}`: `{}` has one base URL and no named servers (--base-url sends elsewhere)",
            api.module
        )
    } else {
        format!(
            "no server `{name}`; `{}` has {}",
            api.module,
            names.join(", ")
        )
    }))
}

/// Parameters as JSON; checked by the spec's rules before sending.
#[derive(serde::Serialize)]
#[serde(transparent)]
struct Params(Map<String, Value>);

impl Validate for Params {
    /// Checked before the call with every rule of the spec (see `run`):
    /// the runtime has no typed request to check here.
    fn validate(&self, _: &mut Violations) {}
}

pub fn run(args: CallArgs, print_help: impl Fn()) -> Result<(), Failure> {
    let workspace = mock::load(&args.spec)?;
    if args.list {
        list(&workspace);
        return Ok(());
    }
    let (Some(api_name), Some(method_name)) = (&args.api, &args.method) else {
        if args.help {
            print_help();
            return Ok(());
        }
        return Err(Failure::usage(
            "call needs API and METHOD (or --list); see --help",
        ));
    };
    let api = find_api(&workspace, api_name)?;
    let method = find_method(api, method_name)?;
    if args.help {
        method_help(&workspace, api, method);
        return Ok(());
    }
    let params = params(&workspace, api, method, &args)?;
    let profile = Profile::load(&args, api)?;
    let server = args
        .server
        .as_deref()
        .map(|name| server_url(api, name))
        .transpose()?;
    let base_url = args
        .base_url
        .clone()
        .or(server)
        .or(profile.base_url.clone())
        .unwrap_or_else(|| api.base_url.clone());
    if args.dry_run {
        outln!(
            "{}",
            super::call_wire::dry_run(api, method, &base_url, &params)
        );
        return Ok(());
    }
    let mut credentials = Credentials::new();
    for credential in &api.credentials {
        let value = profile.credential(api, &credential.name)?;
        credentials = credentials.with(leak(&credential.name), value);
    }
    let descriptor = super::call_wire::api_descriptor(api);
    let config = ClientConfig::default().with_base_url(base_url);
    let client = Client::new(descriptor, credentials, config)
        .map_err(|e| Failure::usage(format!("cannot build the client: {e}")))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::usage(format!("cannot start the runtime: {e}")))?;
    let method_descriptor = super::call_wire::method_descriptor(api, method);
    let params = Params(params);
    let sent = if args.raw {
        runtime
            .block_on(client.call_raw::<Params, RawApiError>(method_descriptor, &params))
            .map(|body| print_raw(body.as_bytes()))
    } else {
        runtime
            .block_on(client.call::<Params, Value, RawApiError>(method_descriptor, &params))
            .map(|answer| {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&answer).unwrap_or_default()
                )
            })
    };
    match sent {
        Ok(()) => Ok(()),
        Err(Error::Api(error)) => Err(Failure {
            code: FINDINGS,
            message: api_error(&error),
        }),
        Err(other) => Err(Failure {
            code: USAGE_OR_IO,
            message: other.to_string(),
        }),
    }
}

/// The body byte for byte, with a line break after it if it has none, so
/// the shell's prompt starts on a line of its own.
fn print_raw(body: &[u8]) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(body);
    if !body.ends_with(b"\n") {
        let _ = stdout.write_all(b"\n");
    }
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

fn find_api<'w>(workspace: &'w Workspace, name: &str) -> Result<&'w Api, Failure> {
    workspace
        .apis
        .iter()
        .find(|a| a.module == name)
        .ok_or_else(|| {
            let names: Vec<&str> = workspace.apis.iter().map(|a| a.module.as_str()).collect();
            Failure::usage(format!(
                "no API `{name}`; the spec has {}",
                names.join(", ")
            ))
        })
}

fn find_method<'a>(api: &'a Api, name: &str) -> Result<&'a Method, Failure> {
    let lower = name.trim_matches('/').to_ascii_lowercase();
    api.sections
        .iter()
        .flat_map(|s| s.methods.iter().map(move |m| (s, m)))
        .find(|(s, m)| {
            format!("{}/{}", s.name, m.name).to_ascii_lowercase() == lower
                || m.wire_name.trim_matches('/').to_ascii_lowercase() == lower
        })
        .map(|(_, m)| m)
        .ok_or_else(|| {
            Failure::usage(format!(
                "no method `{name}` in {}; see call --list",
                api.module
            ))
        })
}

/// The parameters from --json and --param, shaped by the method's types
/// and checked with every rule; all violations are listed.
fn params(
    workspace: &Workspace,
    api: &Api,
    method: &Method,
    args: &CallArgs,
) -> Result<Map<String, Value>, Failure> {
    let mut params = match &args.json {
        Some(path) => read_json(path)?,
        None => Map::new(),
    };
    let mut pairs = Vec::new();
    for given in &args.params {
        let (name, value) = given
            .split_once('=')
            .ok_or_else(|| Failure::usage("--param takes NAME=VALUE"))?;
        pairs.push((name.to_string(), value.to_string()));
    }
    let types: Vec<&ir::NamedType> = workspace.types_of(api).collect();
    // A series of groups is given as its members' numbered names.
    let sent = method.sent_params();
    let known: Vec<&str> = sent.iter().map(|p| p.wire_name.as_str()).collect();
    for (name, _) in &pairs {
        let base = name.split('[').next().unwrap_or(name);
        if !known.iter().any(|k| super::call_wire::names_match(k, base)) {
            return Err(Failure::usage(format!(
                "`{name}` is not a parameter of {}; it takes: {}",
                method.wire_name,
                known.join(", ")
            )));
        }
    }
    params.extend(incoming::shape_pairs(&pairs, &sent, &types));
    let mut checker = Defaults::new(types.iter().copied());
    let mut violations = check::check(&mut checker, &sent, &params);
    violations.extend(mock::groups::check(&method.groups, &params));
    if violations.is_empty() {
        return Ok(params);
    }
    let lines: Vec<String> = violations
        .iter()
        .map(|v| format!("  {} [{}]: {}", v.field, v.rule.name(), v.message))
        .collect();
    Err(Failure::usage(format!(
        "invalid parameters, nothing was sent:\n{}",
        lines.join("\n")
    )))
}

fn read_json(path: &Path) -> Result<Map<String, Value>, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    match serde_json::from_str(&text) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(Failure::usage(format!(
            "{}: not a JSON object",
            path.display()
        ))),
        Err(e) => Err(Failure::usage(format!("{}: {e}", path.display()))),
    }
}

/// An API error's class, message, numbered entries and fields.
fn api_error(error: &RawApiError) -> String {
    let mut out = format!(
        "API error {}: {}",
        error.class.as_deref().unwrap_or("(no class)"),
        error.message.as_deref().unwrap_or("(no message)")
    );
    for detail in &error.details {
        out.push_str(&format!("\n  {}", detail.message));
    }
    if !error.fields.is_empty() {
        let fields = serde_json::to_string_pretty(&error.fields).unwrap_or_default();
        out.push_str(&format!("\nfields: {fields}"));
    }
    out
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

fn list(workspace: &Workspace) {
    for api in &workspace.apis {
        outln!("{}  {} ({})", api.module, api.title, api.version);
        for section in &api.sections {
            outln!("  {}", section.name);
            for method in &section.methods {
                outln!(
                    "    {}/{}  {}",
                    section.name,
                    method.name,
                    first_line(&method.doc)
                );
            }
        }
    }
}

fn method_help(workspace: &Workspace, api: &Api, method: &Method) {
    outln!(
        "{} {}: {}",
        api.module,
        method.wire_name,
        first_line(&method.doc)
    );
    outln!();
    if !method.has_request() {
        outln!("No parameters.");
    }
    for param in &method.sent_params() {
        let required = if param.required {
            "required".to_string()
        } else if !param.required_if.is_empty() {
            let when: Vec<String> = param
                .required_if
                .iter()
                .map(|c| match &c.value {
                    None => format!("{} is absent", c.wire_name),
                    Some(v) => format!("{} is {v}", c.wire_name),
                })
                .collect();
            format!("required when {}", when.join(" and "))
        } else {
            "optional".to_string()
        };
        outln!(
            "  --param {}=…  {}, {required}",
            param.wire_name,
            type_text(workspace, api, &param.ty)
        );
        if let Some(doc) = &param.doc {
            outln!("      {}", first_line(doc));
        }
    }
}

/// A type's name and the rule it documents.
fn type_text(workspace: &Workspace, api: &Api, ty: &ir::TypeRef) -> String {
    match ty {
        ir::TypeRef::Builtin(b) => b.variant_name().to_ascii_lowercase(),
        ir::TypeRef::Named(name) => match workspace.types_of(api).find(|t| &t.rust_name == name) {
            Some(t) => format!("{name} ({})", first_line(&t.doc)),
            None => name.clone(),
        },
    }
}

/// Credentials and a base URL from the profile file.
#[derive(Default)]
struct Profile {
    base_url: Option<String>,
    credentials: Map<String, Value>,
}

impl Profile {
    fn load(args: &CallArgs, api: &Api) -> Result<Profile, Failure> {
        let Some(name) = &args.profile else {
            return Ok(Profile::default());
        };
        let path = args
            .profiles
            .clone()
            .or_else(|| std::env::var_os("HOSTAPI_PROFILES").map(PathBuf::from))
            .or_else(|| {
                std::env::var_os("HOME")
                    .map(|h| Path::new(&h).join(".config/hostapi/profiles.json"))
            })
            .ok_or_else(|| Failure::usage("no profile file: give --profiles FILE"))?;
        let file = read_json(&path)?;
        let profile = file
            .get("profiles")
            .and_then(|p| p.get(name))
            .and_then(Value::as_object)
            .ok_or_else(|| Failure::usage(format!("{}: no profile `{name}`", path.display())))?;
        if let Some(other) = profile.get("api").and_then(Value::as_str)
            && other != api.module
        {
            return Err(Failure::usage(format!(
                "profile `{name}` is for {other}, not {}",
                api.module
            )));
        }
        Ok(Profile {
            base_url: profile
                .get("base_url")
                .and_then(Value::as_str)
                .map(str::to_string),
            credentials: profile
                .get("credentials")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
        })
    }

    /// A credential from the environment, else the profile; a missing one
    /// is named with where to put it, never shown.
    fn credential(&self, api: &Api, name: &str) -> Result<String, Failure> {
        let variable = format!("HOSTAPI_{}_{}", api.module, name).to_ascii_uppercase();
        if let Ok(value) = std::env::var(&variable) {
            return Ok(value);
        }
        if let Some(value) = self.credentials.get(name).and_then(Value::as_str) {
            return Ok(value.to_string());
        }
        Err(Failure::usage(format!(
            "the credential `{name}` is not set: set {variable} or use --profile"
        )))
    }
}
