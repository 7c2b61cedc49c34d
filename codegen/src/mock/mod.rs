//! A mock server for every API of a spec, in each API's own wire style: it
//! checks each request with the spec's rules and answers a failing one in
//! the vendor's error format, a valid one with the method's documented
//! example (`returns_example`) or else a response synthesized from its
//! return types (deterministic for a seed).
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use hostapi_codegen::mock::{Server, load};
//! let server = Server::start(load("spec".as_ref())?).await?;
//! let base_url = server.url("enom"); // point a client's `with_base_url` here
//! # Ok(()) }
//! ```
//!
//! A method with its own HTTP binding is routed by its HTTP method and path
//! template and read where its parameters are bound ([`bound`]).
//!
//! Every API is served below `/<api name>/` (or one API at `/`, with
//! [`Options::only_api`]). [`Mock::answer`] is the whole behaviour without
//! sockets; [`Server`] and [`serve`] put it on HTTP/1.1.

pub mod auth;
pub mod bound;
pub mod check;
pub mod groups;
pub mod incoming;
mod log;
pub mod reply;
mod server;
pub mod state;
pub mod synth;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::ir::defaults::Defaults;
use crate::ir::{Api, Method, NamedType, ResponseFormat, Workspace};
pub use auth::ExpectedCredential;
pub use incoming::RawRequest;
pub use log::LogSink;
pub use reply::RawResponse;
pub use server::{Server, serve};

/// Bodies larger than this are refused with 413 unless configured.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

/// The numbers of an open-ended request series (or series of groups) the
/// mock reads: the docs give no highest number, and a request cannot make
/// the mock look at more names than this.
pub const OPEN_SERIES_READ: u32 = 1000;

/// How the mock behaves.
#[derive(Clone, Debug)]
pub struct Options {
    /// Seeds synthesized values: the same seed gives the same answers.
    pub seed: u64,
    /// Serve only this API, at `/`.
    pub only_api: Option<String>,
    /// Larger request bodies get 413.
    pub max_body_bytes: usize,
    /// Credentials requests must send; without any for an API, every
    /// credential must merely be present and not empty.
    pub credentials: Vec<ExpectedCredential>,
    /// Create, list, details, update and delete methods share an
    /// in-memory store per section (see [`state`]).
    pub state: bool,
    /// This fraction of otherwise valid requests (0 to 1) gets a
    /// documented error, a retryable one where the catalogue has one.
    pub fail_rate: f64,
    /// Every answer waits this long first.
    pub latency: Duration,
    /// One JSON line per request: API, method, outcome, status, time.
    pub log: Option<LogSink>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 0,
            only_api: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            credentials: Vec::new(),
            state: false,
            fail_rate: 0.0,
            latency: Duration::ZERO,
            log: None,
        }
    }
}

/// The request header forcing a documented error (its class, message or
/// variant name); the query or form parameter [`FORCE_ERROR_PARAM`] does
/// the same.
pub const FORCE_ERROR_HEADER: &str = "x-mock-error";
/// See [`FORCE_ERROR_HEADER`].
pub const FORCE_ERROR_PARAM: &str = "mock_error";

/// Loads and checks the spec(s) at `path` (a file or directory) into the
/// IR the mock serves.
pub fn load(path: &Path) -> Result<Workspace, crate::Error> {
    let set = crate::spec::load::load_paths_with(&[path.to_path_buf()], &Default::default())
        .map_err(crate::Error::Spec)?;
    crate::ir::build(&set).map_err(crate::Error::Spec)
}

/// What one request came to, for the request log (no values: they may be
/// secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub api: Option<String>,
    pub method: Option<String>,
    /// `ok`, `invalid`, `unauthorized`, `forced-error`, `injected-failure`,
    /// `not-found`, `unknown-method`, `unknown-api`, `unreadable`,
    /// `wrong-http-method`.
    pub kind: &'static str,
    pub violations: usize,
}

/// The mock's behaviour for a workspace, without sockets.
pub struct Mock {
    workspace: Workspace,
    options: Options,
    /// Per API: lower-case wire name → (section, method) index.
    methods: Vec<HashMap<String, (usize, usize)>>,
    live: Mutex<Live>,
}

/// What changes between requests.
struct Live {
    sessions: auth::Sessions,
    /// Decides injected failures.
    faults: synth::Rng,
    store: state::Store,
    /// Answers that depend on nothing but the method (see `answer`), by
    /// API, section, method and key/value style.
    answers: HashMap<(usize, usize, usize, incoming::KeyValueStyle), RawResponse>,
}

impl Mock {
    pub fn new(workspace: Workspace, options: Options) -> Mock {
        let methods = workspace
            .apis
            .iter()
            .map(|api| {
                let mut index = HashMap::new();
                for (s, section) in api.sections.iter().enumerate() {
                    for (m, method) in section.methods.iter().enumerate() {
                        // A method with a path template is routed by it.
                        if method.binding.as_ref().is_some_and(|b| b.path.is_some()) {
                            continue;
                        }
                        let name = method.wire_name.trim_matches('/').to_ascii_lowercase();
                        index.entry(name).or_insert((s, m));
                    }
                }
                index
            })
            .collect();
        let live = Mutex::new(Live {
            sessions: auth::Sessions::default(),
            faults: synth::Rng::new(options.seed, "faults"),
            store: state::Store::default(),
            answers: HashMap::new(),
        });
        Mock {
            workspace,
            options,
            methods,
            live,
        }
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Answers one request.
    pub fn answer(&self, request: &RawRequest) -> (RawResponse, Outcome) {
        let mut outcome = Outcome {
            api: None,
            method: None,
            kind: "unknown-api",
            violations: 0,
        };
        let Some((index, rest)) = self.route(&request.path) else {
            let known: Vec<&str> = self
                .workspace
                .apis
                .iter()
                .map(|a| a.module.as_str())
                .collect();
            let text = format!("no API here; this mock serves /{}/", known.join("/, /"));
            return (RawResponse::plain(404, &text), outcome);
        };
        let api = &self.workspace.apis[index];
        outcome.api = Some(api.module.clone());
        let types: Vec<&NamedType> = self.workspace.types_of(api).collect();
        let mut incoming = incoming::read(api, request, rest);
        let (s, m, path_values) = match bound::route(api, rest, &request.method) {
            Some(Ok(found)) => (found.section, found.method, found.path_values),
            Some(Err(refusal)) => return refused_route(api, refusal, outcome),
            None => {
                let key = incoming.method_name.to_ascii_lowercase();
                let Some(&(s, m)) = self.methods[index].get(&key) else {
                    outcome.kind = "unknown-method";
                    let failure = unknown_method(api, &incoming.method_name);
                    return (
                        reply::error(api, &failure, &incoming.method_name, incoming.style),
                        outcome,
                    );
                };
                (s, m, Vec::new())
            }
        };
        let method = &api.sections[s].methods[m];
        outcome.method = Some(method.wire_name.clone());
        if let Some(binding) = &method.binding {
            let wanted = bound::http_method_name(bound::http_method_of(api, method));
            if request.method != wanted {
                let refusal = bound::Refusal::WrongMethod(vec![wanted]);
                return refused_route(api, refusal, outcome);
            }
            bound::read(
                api,
                method,
                binding,
                request,
                &path_values,
                &types,
                &mut incoming,
            );
        }
        let style = incoming.style;
        let fail = |outcome: &mut Outcome, kind, failure: reply::Failure| {
            outcome.kind = kind;
            reply::error(api, &failure, &method.wire_name, style)
        };
        if let Some(forced) = forced_error(request, &incoming) {
            return match failure_named(api, &forced) {
                Some(failure) => (fail(&mut outcome, "forced-error", failure), outcome),
                None => {
                    outcome.kind = "unknown-forced-error";
                    let text = format!(
                        "`{}` is not a documented error of this API",
                        forced.escape_debug()
                    );
                    (RawResponse::plain(400, &text), outcome)
                }
            };
        }
        let now = Instant::now();
        let mut live = self
            .live
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let credentials = auth::check(
            api,
            &self.options.credentials,
            &incoming.credentials,
            &live.sessions,
            now,
        );
        if let Err(auth::Refused(why)) = credentials {
            let class = reply::catalog_key(
                api,
                &["api key", "authentication", "authorization", "unauthorized"],
            )
            .unwrap_or_else(|| format!("Authentication failed: {why}"));
            return (
                fail(
                    &mut outcome,
                    "unauthorized",
                    reply::Failure::new(class, why),
                ),
                outcome,
            );
        }
        if let Some(problem) = &incoming.unreadable {
            let class = reply::catalog_key(api, &["invalidencoding", "deserialize"])
                .unwrap_or_else(|| problem.clone());
            let failure = reply::Failure::new(class, problem.clone());
            return (fail(&mut outcome, "unreadable", failure), outcome);
        }
        // Each member of a series of groups reads and checks as a numbered
        // series; `groups::check` ties them together.
        let sent = method.sent_params();
        let params = match &incoming.pairs {
            Some(pairs) => incoming::shape_pairs(pairs, &sent, &types),
            None => incoming.params.clone(),
        };
        let mut checker = Defaults::new(types.iter().copied());
        let mut violations = check::check(&mut checker, &sent, &params);
        violations.extend(groups::check(&method.groups, &params));
        if !violations.is_empty() {
            outcome.violations = violations.len();
            let failure = reply::invalid_params(api, &violations);
            return (fail(&mut outcome, "invalid", failure), outcome);
        }
        if self.options.fail_rate > 0.0 && live.faults.fraction() < self.options.fail_rate {
            return (
                fail(&mut outcome, "injected-failure", injected(api)),
                outcome,
            );
        }
        let is_session_method = api
            .wire
            .session
            .as_ref()
            .is_some_and(|session| session.method_wire_name == method.wire_name);
        // Without state, tokens or pages an answer depends only on the seed
        // and the method: made once, then served from the cache.
        let cacheable = !self.options.state && !is_session_method && method.paging.is_none();
        let cache_key = (index, s, m, style);
        if cacheable && let Some(answer) = live.answers.get(&cache_key) {
            outcome.kind = "ok";
            return (answer.clone(), outcome);
        }
        // The vendor's documented response when the spec has one (checked
        // when the spec was loaded), else one synthesized for the seed.
        let mut values = match &method.returns_example {
            Some(example) => example.clone(),
            None => self.synthesize(api, method, &types, &params, live.store.created()),
        };
        if let Some(session) = &api.wire.session
            && is_session_method
        {
            let presented = incoming
                .credentials
                .iter()
                .find(|(name, _)| *name == session.replaces)
                .map(|(_, v)| v.as_str());
            let timeout = session
                .timeout_param
                .as_ref()
                .and_then(|p| params.get(p))
                .and_then(Value::as_u64);
            let (token, idle) =
                live.sessions
                    .issue(api, presented, timeout, self.options.seed, now);
            values.insert(session.token_field.clone(), Value::from(token));
            if let Some(expires) = &session.expires_field {
                let unix = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap_or_default();
                values.insert(expires.clone(), Value::from((unix + idle).as_secs()));
            }
        }
        if self.options.state
            && let Err(missing) = live.store.apply(api, s, method, &params, &mut values)
        {
            let class = reply::catalog_key(api, &["recordnotfound", "not found", "notfound"])
                .unwrap_or_else(|| missing.clone());
            return (
                fail(
                    &mut outcome,
                    "not-found",
                    reply::Failure::new(class, missing),
                ),
                outcome,
            );
        }
        outcome.kind = "ok";
        let answer = if let Some(field) = &method.text_body {
            reply::text(values.get(field))
        } else if method.returns_example.is_some() {
            reply::example(api, values, style)
        } else {
            reply::success(api, values, &method.wire_name, style)
        };
        if cacheable {
            live.answers.insert(cache_key, answer.clone());
        }
        (answer, outcome)
    }

    /// The API a path belongs to and the path below its prefix.
    fn route<'p>(&self, path: &'p str) -> Option<(usize, &'p str)> {
        if let Some(only) = &self.options.only_api {
            let index = self.workspace.apis.iter().position(|a| &a.module == only)?;
            return Some((index, path));
        }
        let trimmed = path.trim_start_matches('/');
        let (first, rest) = trimmed.split_once('/').unwrap_or((trimmed, ""));
        let index = self.workspace.apis.iter().position(|a| a.module == first)?;
        Some((index, rest))
    }

    /// A response for `method`: its return members (or its map type),
    /// one page of one for a paged list.
    fn synthesize(
        &self,
        api: &Api,
        method: &Method,
        types: &[&NamedType],
        params: &serde_json::Map<String, Value>,
        created: u64,
    ) -> serde_json::Map<String, Value> {
        // Under `state`, each create gets values of its own.
        let salt = format!("{}/{}#{created}", api.module, method.wire_name);
        let mut synth = synth::Synth::new(types, synth::Rng::new(self.options.seed, &salt));
        let mut values = match &method.returns_map {
            Some(ty) => match synth.value(ty, 0) {
                Value::Object(map) => map,
                _ => serde_json::Map::new(),
            },
            None => synth.members(&method.returns, 0),
        };
        if let Some(paging) = &method.paging {
            last_page(paging, params, &mut values);
        }
        if api.wire.response == ResponseFormat::KeyValue {
            flatten_series_free(&mut values);
        }
        values
    }
}

/// Makes a made-up answer the last page, whatever the paging style: page
/// walkers stop there rather than follow invented cursors or links.
fn last_page(
    paging: &crate::ir::Paging,
    params: &serde_json::Map<String, Value>,
    values: &mut serde_json::Map<String, Value>,
) {
    use crate::ir::PagingStyle;
    match &paging.style {
        PagingStyle::Page { page, page_total } => {
            // One page only, the one asked for.
            let page = params.get(page).cloned().unwrap_or(Value::from(1));
            values.insert(page_total.clone(), Value::from(1));
            if values.contains_key("page_num") {
                values.insert("page_num".into(), page);
            }
        }
        PagingStyle::Offset { offset, total, .. } => {
            // The list ends with this page: its items after the offset asked
            // for.
            if let Some(total) = total {
                let from = params.get(offset).and_then(Value::as_u64).unwrap_or(0);
                let held = values
                    .get(&paging.items)
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                values.insert(total.clone(), Value::from(from + held as u64));
            }
        }
        PagingStyle::Cursor { next, .. } => {
            values.remove(next);
        }
        PagingStyle::Link { link } => {
            values.remove(link);
        }
    }
}

/// Key/value answers are flat: lists and objects a spec nests anyway are
/// left out rather than written as text a client cannot read.
fn flatten_series_free(values: &mut serde_json::Map<String, Value>) {
    values.retain(|_, v| !matches!(v, Value::Array(_) | Value::Object(_)));
}

/// The error a request asks for by header or parameter, if any.
fn forced_error(request: &RawRequest, incoming: &incoming::Incoming) -> Option<String> {
    if let Some(value) = request.header(FORCE_ERROR_HEADER) {
        return Some(value.to_string());
    }
    let from_pairs = incoming
        .pairs
        .as_ref()
        .and_then(|pairs| pairs.iter().find(|(k, _)| k == FORCE_ERROR_PARAM))
        .map(|(_, v)| v.clone());
    from_pairs.or_else(|| {
        form_urlencoded::parse(request.query.as_bytes())
            .find(|(k, _)| k == FORCE_ERROR_PARAM)
            .map(|(_, v)| v.into_owned())
    })
}

/// The documented error `name` stands for (its key, or its Rust variant
/// name, ASCII case ignored); an API without a catalogue sends `name` as
/// its message.
fn failure_named(api: &Api, name: &str) -> Option<reply::Failure> {
    if api.errors.is_empty() {
        return Some(reply::Failure::new(name, name));
    }
    let error = api
        .errors
        .iter()
        .find(|e| e.key.eq_ignore_ascii_case(name) || e.rust_name.eq_ignore_ascii_case(name))?;
    Some(reply::Failure::new(
        &error.key,
        format!("{} (forced by the mock)", error.doc),
    ))
}

/// An injected failure: the first retryable documented error, else a
/// temporary failure in the API's message field.
fn injected(api: &Api) -> reply::Failure {
    match api.errors.iter().find(|e| e.retryable) {
        Some(error) => reply::Failure::new(&error.key, "temporary failure injected by the mock"),
        None => {
            let text = "Temporary failure injected by the mock";
            reply::Failure::new(text, text)
        }
    }
}

/// The answer to a request for a bound path that no method serves as
/// sent: 405 for another HTTP method, the API's invalid-parameter error for
/// a segment the runtime would never send.
fn refused_route(
    api: &Api,
    refusal: bound::Refusal,
    mut outcome: Outcome,
) -> (RawResponse, Outcome) {
    match refusal {
        bound::Refusal::WrongMethod(allowed) => {
            outcome.kind = "wrong-http-method";
            let text = format!("this path takes {}", allowed.join(", "));
            (RawResponse::plain(405, &text), outcome)
        }
        bound::Refusal::BadSegment { param, why } => {
            outcome.kind = "invalid";
            outcome.violations = 1;
            let violation = check::Violation {
                field: param.clone(),
                rule: check::Rule::Invalid,
                message: format!("the path segment for `{}` {why}", param.escape_debug()),
            };
            let failure = reply::invalid_params(api, &[violation]);
            let method = outcome.method.clone().unwrap_or_default();
            (
                reply::error(api, &failure, &method, incoming::KeyValueStyle::Text),
                outcome,
            )
        }
    }
}

fn unknown_method(api: &Api, name: &str) -> reply::Failure {
    let message = if name.is_empty() {
        "no method name was sent".to_string()
    } else {
        format!("`{}` is not a method of this API", name.escape_debug())
    };
    let class = reply::catalog_key(api, &["invalidmethod", "missing action", "action"])
        .unwrap_or_else(|| message.clone());
    reply::Failure::new(class, message)
}
