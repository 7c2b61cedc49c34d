//! Every bundled method called through the generated clients against the
//! mock server (`hostapi_codegen::mock`): a valid request, synthesized from
//! the method's parameter types, decodes into the method's typed response
//! with no violations; a request missing its required parameters gets the
//! API's documented input error, decoded as the typed error; every error a
//! query or form API documents for a method, forced, decodes into its
//! variant.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;

use hostapi::runtime::validate::{Validate, Violations};
use hostapi::runtime::wire::{ApiDescriptor, MethodDescriptor};
use hostapi::runtime::{Client, ClientConfig, Credentials, Error};
use hostapi_codegen::ir::{Api, Method, Workspace};
use hostapi_codegen::mock::synth::{Rng, Synth};
use hostapi_codegen::mock::{Options, Server, load};
use serde::Serialize;
use serde_json::{Map, Value};

/// Parameters as JSON. The generated request types validate before
/// sending; here the mock is what must validate, so this does not.
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
struct Params(Map<String, Value>);

impl Validate for Params {
    fn validate(&self, _: &mut Violations) {}
}

/// What a call came to, the same shape for every API.
enum Outcome {
    /// Decoded; the violations its typed response reports.
    Decoded(Vec<String>),
    /// An API error: its variant name.
    Api {
        variant: String,
        /// Class and message as received, joined.
        text: String,
    },
    Failed(String),
}

impl Outcome {
    fn describe(&self) -> String {
        match self {
            Outcome::Decoded(violations) => format!("decoded, violations: {violations:?}"),
            Outcome::Api { variant, text } => format!("API error {variant}: {text}"),
            Outcome::Failed(error) => format!("failed: {error}"),
        }
    }
}

type Call = fn(Client, &'static MethodDescriptor, Params) -> Pin<Box<dyn Future<Output = Outcome>>>;

struct Typed {
    api: &'static str,
    section: &'static str,
    method: &'static str,
    call: Call,
}

macro_rules! typed_methods {
    ($($api:ident :: $section:ident :: $method:ident -> $response:ident;)*) => {
        fn typed_methods() -> Vec<Typed> {
            vec![$(Typed {
                api: stringify!($api),
                section: stringify!($section),
                method: stringify!($method),
                call: |client, descriptor, params| Box::pin(async move {
                    let sent = client
                        .call::<Params, hostapi::$api::$section::$response, hostapi::$api::ApiError>(
                            descriptor, &params,
                        )
                        .await;
                    match sent {
                        Ok(response) => Outcome::Decoded(
                            response.violations().iter().map(|v| v.to_string()).collect(),
                        ),
                        Err(Error::Api(error)) => {
                            let shown = format!("{error:?}");
                            let variant = shown.split('(').next().unwrap_or_default().to_string();
                            let raw = error.raw();
                            let text = [raw.class.as_deref(), raw.message.as_deref()]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(": ");
                            Outcome::Api { variant, text }
                        }
                        Err(other) => Outcome::Failed(other.to_string()),
                    }
                }),
            },)*]
        }
    };
}

include!("mock_round_trip/methods.rs");

fn workspace() -> Workspace {
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")).expect("the bundled specs load")
}

fn descriptor_of(api: &str) -> &'static ApiDescriptor {
    match api {
        "enom" => &hostapi::enom::API,
        "sivehost" => &hostapi::sivehost::API,
        "liquidweb_v1" => &hostapi::liquidweb_v1::API,
        "liquidweb_bleed" => &hostapi::liquidweb_bleed::API,
        other => panic!("no generated module for API `{other}`"),
    }
}

/// One client per API (building one sets up TLS, which is slow), cheap
/// to clone.
fn clients(server: &Server, workspace: &Workspace) -> std::collections::HashMap<String, Client> {
    workspace
        .apis
        .iter()
        .map(|api| (api.module.clone(), client(server, api)))
        .collect()
}

fn client(server: &Server, api: &Api) -> Client {
    let mut credentials = Credentials::new();
    for credential in &api.credentials {
        let name: &'static str = Box::leak(credential.name.clone().into_boxed_str());
        credentials = credentials.with(name, "mock-credential");
    }
    let config = ClientConfig::default()
        .with_base_url(server.url(&api.module))
        .with_retry(hostapi::runtime::RetryPolicy::none());
    Client::new(descriptor_of(&api.module), credentials, config).expect("client builds")
}

/// A descriptor like the generated one: numbered series of the returns
/// and of the API's error messages.
fn method_descriptor(api: &Api, method: &Method) -> &'static MethodDescriptor {
    let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
    let mut series: Vec<&'static str> = method
        .returns
        .iter()
        .filter(|m| m.series)
        .map(|m| leak(&m.wire_name))
        .collect();
    if let hostapi_codegen::ir::ErrorRule::CountAbove { message_prefix, .. } = &api.wire.error {
        series.push(leak(&format!("{message_prefix}{{n}}")));
    }
    let headers: Vec<hostapi_runtime::wire::ResponseHeader> = method
        .response_headers
        .iter()
        .map(|(header, field)| hostapi_runtime::wire::ResponseHeader {
            header: leak(header),
            field: leak(field),
        })
        .collect();
    Box::leak(Box::new(MethodDescriptor {
        section: "",
        name: leak(&method.name),
        wire_name: leak(&method.wire_name),
        idempotent: method.idempotent,
        returns_secrets: method.returns_secrets,
        series: Box::leak(series.into_boxed_slice()),
        binding: None,
        headers: Box::leak(headers.into_boxed_slice()),
        text_body: method.text_body.as_deref().map(leak),
    }))
}

fn find<'w>(workspace: &'w Workspace, entry: &Typed) -> (&'w Api, &'w Method) {
    let api = workspace
        .apis
        .iter()
        .find(|a| a.module == entry.api)
        .expect("API");
    let method = api
        .sections
        .iter()
        .filter(|s| s.module == entry.section)
        .flat_map(|s| &s.methods)
        .find(|m| m.rust_name == entry.method)
        .unwrap_or_else(|| {
            panic!(
                "{}::{}::{} is in the spec",
                entry.api, entry.section, entry.method
            )
        });
    (api, method)
}

#[test]
fn the_table_lists_every_bundled_method() {
    let workspace = workspace();
    let table = typed_methods();
    assert_eq!(table.len(), workspace.method_count());
    for entry in &table {
        find(&workspace, entry);
    }
}

#[tokio::test]
async fn every_bundled_method_decodes_a_synthesized_answer() {
    let workspace = workspace();
    let server = Server::start(workspace.clone()).await.unwrap();
    let clients = clients(&server, &workspace);
    let mut failures = Vec::new();
    for entry in typed_methods() {
        let (api, method) = find(&workspace, &entry);
        let types: Vec<_> = workspace.types_of(api).collect();
        let mut synth = Synth::new(&types, Rng::new(7, &method.wire_name));
        let mut params = synth.members(&method.params, 0);
        params.extend(synth.groups(&method.groups));
        let params = Params(params);
        let outcome = (entry.call)(
            clients[&api.module].clone(),
            method_descriptor(api, method),
            params,
        )
        .await;
        match outcome {
            Outcome::Decoded(violations) if violations.is_empty() => {}
            other => failures.push(format!(
                "{}::{}: {}",
                api.module,
                method.wire_name,
                other.describe()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} methods failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn a_request_without_its_required_parameters_gets_the_documented_error() {
    let workspace = workspace();
    let server = Server::start(workspace.clone()).await.unwrap();
    let clients = clients(&server, &workspace);
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in typed_methods() {
        let (api, method) = find(&workspace, &entry);
        let required_group = method.groups.iter().any(|g| g.required);
        if !method.params.iter().any(|p| p.required) && !required_group {
            continue;
        }
        checked += 1;
        let outcome = (entry.call)(
            clients[&api.module].clone(),
            method_descriptor(api, method),
            Params(Map::new()),
        )
        .await;
        let (expected, text_start) = match &api.wire.error {
            // Liquid Web: every violation nested in Input::Multiple.
            hostapi_codegen::ir::ErrorRule::FieldPresent { .. } => (
                "InputMultiple",
                "LW::Exception::Input::Multiple: Invalid parameters: ",
            ),
            // Free text outside the catalogue is kept whole: one message
            // (Sive.Host), or one numbered message per violation (eNom).
            hostapi_codegen::ir::ErrorRule::FieldEquals { .. } => ("Other", "Invalid parameters: "),
            hostapi_codegen::ir::ErrorRule::CountAbove { .. } => ("Other", ""),
        };
        let first_required = method.params.iter().find(|p| p.required).unwrap();
        let names_it = format!("`{}` is required", first_required.wire_name);
        match &outcome {
            Outcome::Api { variant, text }
                if variant == expected
                    && text.starts_with(text_start)
                    && text.contains(&names_it) => {}
            other => failures.push(format!(
                "{}::{}: {}",
                api.module,
                method.wire_name,
                other.describe()
            )),
        }
    }
    assert!(
        checked > 100,
        "only {checked} methods have required parameters"
    );
    assert!(
        failures.is_empty(),
        "{} methods failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn every_documented_error_of_every_method_decodes_into_its_variant() {
    // Forced with the mock's `mock_error` parameter, which travels with the
    // parameters of query and form APIs (eNom, Sive.Host). Liquid Web's
    // errors: the test above (Input::Multiple) and tests/clients.rs.
    let workspace = workspace();
    let server = Server::start(workspace.clone()).await.unwrap();
    let clients = clients(&server, &workspace);
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in typed_methods() {
        let (api, method) = find(&workspace, &entry);
        if matches!(
            api.wire.params,
            hostapi_codegen::ir::ParamEncoding::Json { .. }
        ) {
            continue;
        }
        // (forced by, expected variant, expected in class or message)
        let wanted: Vec<(String, String, String)> = if api.errors.is_empty() {
            // eNom documents no catalogue: any text, kept as `Other`.
            let text = format!("Not allowed for {}", method.wire_name);
            vec![(text.clone(), "Other".into(), text)]
        } else {
            let listed: Vec<_> = api
                .errors
                .iter()
                .filter(|e| method.errors.is_empty() || method.errors.contains(&e.rust_name))
                .take(if method.errors.is_empty() {
                    1
                } else {
                    usize::MAX
                })
                .collect();
            listed
                .into_iter()
                .map(|e| (e.rust_name.clone(), e.rust_name.clone(), e.key.clone()))
                .collect()
        };
        let types: Vec<_> = workspace.types_of(api).collect();
        for (force, variant, text) in wanted {
            checked += 1;
            let mut synth = Synth::new(&types, Rng::new(7, &method.wire_name));
            let mut params = synth.members(&method.params, 0);
            params.extend(synth.groups(&method.groups));
            params.insert(
                hostapi_codegen::mock::FORCE_ERROR_PARAM.into(),
                Value::from(force),
            );
            let outcome = (entry.call)(
                clients[&api.module].clone(),
                method_descriptor(api, method),
                Params(params),
            )
            .await;
            match &outcome {
                Outcome::Api {
                    variant: v,
                    text: t,
                } if *v == variant && t.contains(&text) => {}
                other => failures.push(format!(
                    "{}::{} ({variant}): {}",
                    api.module,
                    method.wire_name,
                    other.describe()
                )),
            }
        }
    }
    assert!(checked > 50, "only {checked} errors were forced");
    assert!(
        failures.is_empty(),
        "{} errors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn answers_are_the_same_for_the_same_seed_and_differ_between_seeds() {
    let workspace = workspace();
    let entry = typed_methods()
        .into_iter()
        .find(|e| {
            e.api == "liquidweb_v1" && e.section == "network_dns_record" && e.method == "details"
        })
        .expect("Network/DNS/Record/details");
    let (api, method) = find(&workspace, &entry);
    let mut bodies = Vec::new();
    for seed in [1, 1, 2] {
        let options = Options {
            seed,
            ..Options::default()
        };
        let server = Server::start_with(workspace.clone(), options)
            .await
            .unwrap();
        let params = Params(Map::from_iter([("id".to_string(), Value::from(7))]));
        let outcome =
            (entry.call)(client(&server, api), method_descriptor(api, method), params).await;
        assert!(
            matches!(&outcome, Outcome::Decoded(v) if v.is_empty()),
            "{}",
            outcome.describe()
        );
        let raw = reqwest::Client::new()
            .post(format!(
                "{}/Network/DNS/Record/details",
                server.url(&api.module)
            ))
            .basic_auth("u", Some("p"))
            .body(r#"{"params":{"id":7}}"#)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        bodies.push(raw);
    }
    assert_eq!(bodies[0], bodies[1]);
    assert_ne!(bodies[0], bodies[2]);
}

#[tokio::test]
async fn a_documented_example_decodes_into_the_typed_response() {
    use hostapi::enom::types::{SecondLevelDomain, TopLevelDomain};
    let server = Server::start(workspace()).await.unwrap();
    let config = ClientConfig::default().with_base_url(server.url("enom"));
    let client =
        hostapi::enom::Client::with_config(hostapi::enom::Credentials::new("u", "p"), config)
            .unwrap();
    let request = hostapi::enom::domain::CheckRequest::new()
        .with_sld(SecondLevelDomain::new("example").unwrap())
        .with_tld(TopLevelDomain::new("com").unwrap());
    let response = client.domain().check(&request).await.unwrap();
    // spec/enom.yaml's `returns_example` for Check, from eNom's guide.
    assert_eq!(response.command, "CHECK");
    assert_eq!(response.rrp_code, Some(210));
    assert_eq!(response.rrp_text.as_deref(), Some("Domain name available"));
    assert_eq!(response.err_count, 0);
    assert!(response.done.is_none(), "nothing added to the example");
    assert!(response.violations().is_empty());
}
