//! Fuzzing every response decoder for a bounded time: JSON responses into
//! typed records (tolerant and strict), key=value text, HTML and XML, and
//! error recognition. Each target runs random and structured inputs for
//! `HOSTAPI_FUZZ_MS` milliseconds (default 1500) and checks that nothing
//! panics and that the results are sane: a body that cannot be read never
//! decodes, strict and tolerant reads agree, what was kept is reported.
//!
//! A failure prints the seed; `HOSTAPI_FUZZ_SEED=N` replays it.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use hostapi_runtime::decode::{self, Mode};
use hostapi_runtime::keyvalue::{self, KeyValueFormat};
use hostapi_runtime::newtype::{EnumValues, IntegerConstraint, StringConstraint};
use hostapi_runtime::validate::{Violation, rules};
use hostapi_runtime::wire::{
    ApiDescriptor, ErrorRule, HttpMethod, MethodDescriptor, MethodName, ParamEncoding,
    ResponseFormat, Wire,
};
use hostapi_runtime::{Error, RawApiError, RawBody, Sensitive};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseResult, TestRunner};
use serde_json::{Map, Value, json};

/// Runs `test` on values of `strategy` until the time budget is spent.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> TestCaseResult)
where
    S::Value: std::fmt::Debug,
{
    let budget = std::env::var("HOSTAPI_FUZZ_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .unwrap_or(1500);
    let first_seed = std::env::var("HOSTAPI_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64)
        });
    let deadline = Instant::now() + Duration::from_millis(budget);
    let mut round = 0u64;
    // A runner runs its number of cases once, so each round has its own,
    // seeded so that a failure can be replayed.
    while round == 0 || Instant::now() < deadline {
        let seed = first_seed.wrapping_add(round);
        let mut runner = TestRunner::new(Config {
            cases: 64,
            failure_persistence: None,
            rng_seed: RngSeed::Fixed(seed),
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{name}: {e} (replay with HOSTAPI_FUZZ_SEED={seed})");
        }
        round += 1;
    }
}

// ---- A response shape with every kind of field generated code uses. ----

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos(i64);
hostapi_runtime::integer_newtype!(Pos);
impl IntegerConstraint for Pos {
    fn check(value: i64) -> Result<(), Violation> {
        rules::int_min(value, 1)
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct Name(String);
hostapi_runtime::string_newtype!(Name);
impl StringConstraint for Name {
    fn check(value: &str) -> Result<(), Violation> {
        rules::max_length(value, 5)?;
        rules::chars(value, |c| c.is_ascii_lowercase(), "a-z")
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);
hostapi_runtime::string_newtype!(Password, sensitive);
impl StringConstraint for Password {
    fn check(value: &str) -> Result<(), Violation> {
        rules::control_chars(value, false, false, false)?;
        rules::min_length(value, 6)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    A,
    B,
    Unknown(String),
}
hostapi_runtime::enum_newtype!(Kind);
impl EnumValues for Kind {
    const VALUES: &'static [&'static str] = &["a", "b"];
    fn as_wire(&self) -> &str {
        match self {
            Kind::A => "a",
            Kind::B => "b",
            Kind::Unknown(v) => v,
        }
    }
    fn from_wire(value: &str) -> Self {
        match value {
            "a" => Kind::A,
            "b" => Kind::B,
            other => Kind::Unknown(other.to_owned()),
        }
    }
    fn is_known(&self) -> bool {
        !matches!(self, Kind::Unknown(_))
    }
}

/// A union as generated code writes one.
#[derive(Clone, Debug, PartialEq)]
pub enum NameOrPos {
    Name(Name),
    Pos(Pos),
}
impl<'de> serde::Deserialize<'de> for NameOrPos {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let read = decode::union("NameOrPos", &["Name", "Pos"], &value, |value| {
            if let Some(member) = decode::member(value) {
                return Some(Self::Name(member));
            }
            if let Some(member) = decode::member(value) {
                return Some(Self::Pos(member));
            }
            None
        });
        read.map_err(<D::Error as serde::de::Error>::custom)
    }
}

hostapi_runtime::record! {
    /// A nested object.
    pub struct Item: receive {
        required {
            /// An id.
            id: Pos => req,
        }
        optional {
            /// A name.
            name: Name => opt,
            /// A count.
            count: i64 => opt_lenient,
        }
    }
}

hostapi_runtime::record! {
    /// A response.
    pub struct Page: receive {
        required {
            /// An id.
            id: Pos => req,
        }
        optional {
            /// A name.
            name: Name => opt,
            /// A kind.
            kind: Kind => opt,
            /// Items.
            items: Vec<Item> => opt,
            /// Either.
            either: NameOrPos => opt,
            /// A total.
            total: i64 => opt_lenient,
            /// A flag.
            flag: bool => opt_lenient,
            /// A note.
            note: String => empty,
            /// A map.
            map: BTreeMap<String, Pos> => opt,
            /// A secret.
            secret: Sensitive<Password> => opt,
        }
        series {
            /// Numbered errors.
            errors("Err{n}"): String,
        }
    }
}

const FIELDS: &[&str] = &[
    "id", "name", "kind", "items", "either", "total", "flag", "note", "map", "secret",
];

fn descriptor(response: ResponseFormat, error: ErrorRule) -> &'static ApiDescriptor {
    Box::leak(Box::new(ApiDescriptor {
        name: "fuzz",
        title: "Fuzz",
        default_base_url: "http://127.0.0.1:9",
        wire: Wire {
            http_method: HttpMethod::Post,
            method_name: MethodName::Path,
            params: ParamEncoding::Json { envelope: None },
            basic_auth: None,
            credential_params: &[],
            auth_schemes: &[],
            response,
            error,
        },
        session: None,
        statuses: &[],
        servers: &[],
    }))
}

const LIQUIDWEB_ERRORS: ErrorRule = ErrorRule::FieldPresent {
    field: "error_class",
    message: Some("full_message"),
};
const SIVEHOST_ERRORS: ErrorRule = ErrorRule::FieldEquals {
    field: "result",
    value: "error",
    message: "message",
};
const ENOM_ERRORS: ErrorRule = ErrorRule::CountAbove {
    field: "ErrCount",
    message_prefix: "Err",
    number_prefix: Some("ResponseNumber"),
    text_prefix: Some("ResponseString"),
};

static METHOD: MethodDescriptor = MethodDescriptor {
    section: "Fuzz",
    name: "page",
    wire_name: "Fuzz/page",
    idempotent: true,
    returns_secrets: true,
    series: &["Err{n}"],
    binding: None,
    headers: &[],
    text_body: None,
};

// ---- Strategies. ----

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(FIELDS).prop_map(str::to_owned),
        1 => proptest::sample::select(&["Err1", "Err2", "ErrCount", "error_class", "full_message", "result", "message"][..]).prop_map(str::to_owned),
        1 => "[a-zA-Z_]{1,6}",
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-3i64..1000).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e3f64..1e3).prop_map(Value::from),
        "[a-z]{0,7}".prop_map(Value::from),
        "[ -~\u{7}\u{e9}]{0,10}".prop_map(Value::from),
        proptest::sample::select(&["n/a", "", " ", "0", "1", "a", "b", "true", "error"][..])
            .prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 32, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

fn id_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (1i64..1000).prop_map(Value::from),
        1 => (1i64..1000).prop_map(|n| Value::from(n.to_string())),
        1 => proptest::sample::select(vec![json!(0), json!(-1), json!("n/a"), json!(1.5), json!(null)]),
        1 => scalar(),
    ]
}

fn name_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => "[a-z]{1,5}".prop_map(Value::from),
        1 => "[a-zA-Z \u{7}]{0,8}".prop_map(Value::from),
        1 => scalar(),
    ]
}

fn item_value() -> impl Strategy<Value = Value> {
    let item = (
        proptest::option::weighted(0.9, id_value()),
        proptest::option::of(name_value()),
        proptest::option::of(prop_oneof![
            (0i64..9).prop_map(Value::from),
            Just(json!("7")),
            Just(json!("n/a")),
            Just(json!("")),
        ]),
    )
        .prop_map(|(id, name, count)| {
            let mut object = Map::new();
            for (key, value) in [("id", id), ("name", name), ("count", count)] {
                if let Some(value) = value {
                    object.insert(key.to_owned(), value);
                }
            }
            Value::Object(object)
        });
    prop_oneof![4 => item, 1 => json_value()]
}

/// An object shaped like [`Page`], each field present or not, valid or
/// breaking its rule in the ways servers do.
fn page_object() -> impl Strategy<Value = Map<String, Value>> {
    let fields = (
        proptest::option::weighted(0.95, id_value()),
        proptest::option::of(name_value()),
        proptest::option::of(prop_oneof![
            proptest::sample::select(&["a", "b", "c", ""][..]).prop_map(Value::from),
            scalar(),
        ]),
        proptest::option::of(prop_oneof![
            4 => proptest::collection::vec(item_value(), 0..4).prop_map(Value::Array),
            1 => json_value(),
        ]),
        proptest::option::of(prop_oneof![name_value(), id_value()]),
        proptest::option::of(prop_oneof![
            (0i64..100).prop_map(Value::from),
            proptest::sample::select(&["12", "n/a", "", " 3 ", "1e3"][..]).prop_map(Value::from),
        ]),
        proptest::option::of(proptest::sample::select(vec![
            json!(0),
            json!(1),
            json!("true"),
            json!("maybe"),
            json!(true),
        ])),
        proptest::option::of(prop_oneof![
            Just(json!("")),
            Just(json!([])),
            Just(json!({})),
            scalar(),
        ]),
        proptest::option::of(
            proptest::collection::btree_map("[a-z.]{1,4}", id_value(), 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ),
        proptest::option::of(prop_oneof![
            Just(json!("hunter22")),
            Just(json!("pw")),
            Just(json!("hunter\u{7}22")),
            Just(json!(["hunter22"])),
            scalar(),
        ]),
        proptest::collection::vec(("Err[0-9]{1,2}", scalar()), 0..3),
    );
    fields.prop_map(
        |(id, name, kind, items, either, total, flag, note, map, secret, errors)| {
            let mut object = Map::new();
            let named = [
                ("id", id),
                ("name", name),
                ("kind", kind),
                ("items", items),
                ("either", either),
                ("total", total),
                ("flag", flag),
                ("note", note),
                ("map", map),
                ("secret", secret),
            ];
            for (key, value) in named {
                if let Some(value) = value {
                    object.insert(key.to_owned(), value);
                }
            }
            for (key, value) in errors {
                object.insert(key, value);
            }
            object
        },
    )
}

/// A response body, shown as text when a case fails.
#[derive(Clone)]
struct Body(Vec<u8>);

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.0))
    }
}

/// JSON response bodies: objects shaped like the response, any JSON, and
/// bytes that are not JSON at all.
fn json_body() -> impl Strategy<Value = Body> {
    let text = |v: Value| v.to_string().into_bytes();
    prop_oneof![
        6 => page_object().prop_map(move |object| text(Value::Object(object))),
        2 => proptest::collection::vec((key(), json_value()), 0..10)
            .prop_map(move |entries| text(Value::Object(entries.into_iter().collect()))),
        1 => json_value().prop_map(text),
        1 => (json_value(), "[ -~]{0,6}").prop_map(|(v, tail)| format!("{v}{tail}").into_bytes()),
        1 => proptest::collection::vec(any::<u8>(), 0..64),
    ]
    .prop_map(Body)
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Key/value bodies: the vendor's examples with random edits, markup soup,
/// and random bytes.
fn keyvalue_body() -> impl Strategy<Value = String> {
    let fixtures: Vec<String> = [
        "enom_getaccountpassword.txt",
        "enom_getaccountpassword.html",
        "enom_setaccountpassword.xml",
        "enom_error_errcount2.txt",
        "enom_error_errcount2.html",
        "enom_error_errcount2.xml",
        "enom_check_success_rrpcode210.xml",
    ]
    .iter()
    .map(|name| fixture(name))
    .collect();
    let edit = (
        proptest::sample::select(fixtures),
        proptest::collection::vec(
            (
                any::<prop::sample::Index>(),
                0usize..4,
                "[<>/!?=:;a-zA-Z0-9 \n&#\\[\\]-]{0,6}",
            ),
            0..4,
        ),
    )
        .prop_map(|(mut body, edits)| {
            for (at, remove, insert) in edits {
                let mut start = at.index(body.len() + 1);
                while !body.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + remove).min(body.len());
                while !body.is_char_boundary(end) {
                    end += 1;
                }
                body.replace_range(start..end, &insert);
            }
            body
        });
    prop_oneof![
        4 => edit,
        2 => "[<>/!?=:;a-zA-Z0-9 \n&#\\[\\]-]{0,120}",
        1 => "(<interface-response>|<HTML>|<\\?xml version=\"1.0\"\\?>)[<>/=:a-zA-Z0-9 \n]{0,80}",
        1 => proptest::collection::vec(any::<u8>(), 0..96)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

// ---- Targets. ----

fn is_error_object(rule: &ErrorRule, body: &[u8]) -> bool {
    matches!(serde_json::from_slice::<Value>(body), Ok(Value::Object(o)) if RawApiError::recognize(rule, &o, 200).is_some())
}

#[test]
fn json_responses() {
    let api = descriptor(ResponseFormat::Json, LIQUIDWEB_ERRORS);
    fuzz(
        "json",
        (
            json_body(),
            prop_oneof![6 => Just(200u16), 1 => Just(404), 1 => Just(500)],
        ),
        |(Body(body), status)| {
            let tolerant = decode::response::<Page, RawApiError>(
                api,
                &METHOD,
                status,
                RawBody::sensitive(body.clone()),
                Mode::Tolerant,
            );
            let strict = decode::response::<Page, RawApiError>(
                api,
                &METHOD,
                status,
                RawBody::sensitive(body.clone()),
                Mode::Strict,
            );
            let parsed = serde_json::from_slice::<Value>(&body);
            let object = match &parsed {
                Ok(Value::Object(o)) => Some(o),
                _ => None,
            };
            // An API error is recognised whatever the status, and only then.
            prop_assert_eq!(
                matches!(tolerant, Err(Error::Api(_))),
                is_error_object(&LIQUIDWEB_ERRORS, &body)
            );
            if let Ok(page) = &tolerant {
                // Success needs a readable object with its required field.
                let object = object.expect("decoded a body that is not a JSON object");
                prop_assert!((200..300).contains(&status));
                prop_assert!(object.get("id").is_some_and(|v| !v.is_null()));
                for v in page.violations() {
                    let head = v.path.split(['.', '[']).next().unwrap_or("");
                    prop_assert!(
                        FIELDS.contains(&head) || head == "Err{n}",
                        "path {}",
                        v.path
                    );
                    if head == "secret" {
                        prop_assert!(v.received.is_none());
                        prop_assert!(
                            !v.violation.message.contains("U+"),
                            "{}",
                            v.violation.message
                        );
                    }
                }
            }
            // Strict and tolerant agree: strict succeeds exactly when the
            // tolerant read finds nothing to report, with the same result.
            match (&tolerant, &strict) {
                (Ok(t), Ok(s)) => {
                    prop_assert!(t.violations().is_empty());
                    prop_assert_eq!(format!("{t:?}"), format!("{s:?}"));
                }
                (Ok(t), Err(Error::Decode(e))) => {
                    // What strict refused first, tolerant reported.
                    let refused = e
                        .message
                        .split("field `")
                        .nth(1)
                        .and_then(|rest| rest.split('`').next())
                        .unwrap_or_default();
                    let heads: Vec<&str> = t
                        .violations()
                        .iter()
                        .map(|v| v.path.split(['.', '[']).next().unwrap_or(""))
                        .collect();
                    prop_assert!(heads.contains(&refused), "{} not in {:?}", e.message, heads);
                }
                (Err(_), Err(_)) => {}
                (t, s) => prop_assert!(false, "tolerant {:?}, strict {:?}", t, s),
            }
            // No read is left open behind: a newtype on its own is strict.
            prop_assert!(serde_json::from_str::<Pos>("0").is_err());
            Ok(())
        },
    );
}

#[test]
fn json_errors_of_every_rule() {
    let rules = [LIQUIDWEB_ERRORS, SIVEHOST_ERRORS, ENOM_ERRORS];
    fuzz(
        "error recognition",
        (json_value(), 0usize..3, 100u16..600),
        |(value, rule, status)| {
            let rule = &rules[rule];
            let Value::Object(object) = value else {
                return Ok(());
            };
            let Some(raw) = RawApiError::recognize(rule, &object, status) else {
                // Not an error: the rule's field says so.
                match rule {
                    ErrorRule::FieldPresent { field, .. } => {
                        prop_assert!(object.get(*field).is_none_or(
                            |v| v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty())
                        ))
                    }
                    ErrorRule::FieldEquals { field, value, .. } => prop_assert!(
                        object
                            .get(*field)
                            .and_then(Value::as_str)
                            .is_none_or(|s| !s.trim().eq_ignore_ascii_case(value))
                    ),
                    ErrorRule::CountAbove { .. } => {}
                }
                return Ok(());
            };
            prop_assert_eq!(raw.status, status);
            if let ErrorRule::FieldPresent { field, message } = rule {
                prop_assert!(raw.class.is_some());
                prop_assert!(!raw.fields.contains_key(*field));
                prop_assert!(message.is_none_or(|m| !raw.fields.contains_key(m)));
            }
            // Every other value is kept.
            for (k, v) in &raw.fields {
                prop_assert_eq!(object.get(k), Some(v));
            }
            // Reading fields, nested errors and the message never panics.
            let _ = raw.to_string();
            for name in FIELDS {
                let _ = raw.field::<Pos>(name);
                let _ = raw.field::<Vec<String>>(name);
                let _ = raw.field::<NameOrPos>(name);
                for nested in raw.nested(name, rule) {
                    let _ = nested.to_string();
                }
            }
            Ok(())
        },
    );
}

#[test]
fn keyvalue_bodies() {
    fuzz("key/value", keyvalue_body(), |body| {
        let Ok(map) = keyvalue::decode_str(&body) else {
            return Ok(());
        };
        prop_assert!(!map.is_empty());
        prop_assert!(map.values().all(Value::is_string));
        match keyvalue::detect(&body) {
            KeyValueFormat::Text => {
                for (key, value) in &map {
                    prop_assert!(body.contains(key.as_str()), "{key:?}");
                    prop_assert!(
                        !key.contains(char::is_whitespace) && !key.contains('<'),
                        "{key:?}"
                    );
                    prop_assert!(body.contains(value.as_str().unwrap_or_default()));
                }
            }
            KeyValueFormat::Xml => {
                // Nothing but markup after the root element.
                let end = body.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
                prop_assert!(end.ends_with('>'), "{body:?}");
            }
            KeyValueFormat::Html => {
                for key in map.keys() {
                    prop_assert!(
                        !key.contains(char::is_whitespace) && !key.contains('<'),
                        "{key:?}"
                    );
                }
            }
        }
        Ok(())
    });
}

#[test]
fn keyvalue_documents_with_data_after_their_end() {
    let xml = fixture("enom_setaccountpassword.xml");
    let html = fixture("enom_getaccountpassword.html");
    fuzz(
        "trailing data",
        ("[ \n]{0,3}", "[a-zA-Z0-9=:;&]{1,12}"),
        |(space, tail)| {
            for document in [&xml, &html] {
                let body = format!("{document}{space}{tail}");
                prop_assert!(keyvalue::decode_str(&body).is_err(), "{body:?}");
            }
            Ok(())
        },
    );
}

#[test]
fn keyvalue_responses() {
    let api = descriptor(ResponseFormat::KeyValue, ENOM_ERRORS);
    fuzz("key/value responses", keyvalue_body(), |body| {
        let decoded = keyvalue::decode_str(&body);
        let result = decode::response::<Map<String, Value>, RawApiError>(
            api,
            &METHOD,
            200,
            RawBody::new(body.clone()),
            Mode::Tolerant,
        );
        match (&decoded, &result) {
            (Err(_), Err(Error::Decode(_))) => {}
            (Ok(map), Err(Error::Api(raw))) => {
                prop_assert!(RawApiError::recognize(&ENOM_ERRORS, map, 200).is_some());
                prop_assert!(!raw.to_string().is_empty());
            }
            (Ok(map), Ok(response)) => {
                prop_assert!(RawApiError::recognize(&ENOM_ERRORS, map, 200).is_none());
                // The numbered errors are collected into their list.
                let series = response.get("Err{n}").is_some_and(Value::is_array);
                let numbered = response.keys().any(|k| {
                    k.strip_prefix("Err")
                        .is_some_and(|n| n.parse::<u32>().is_ok())
                });
                prop_assert!(series && !numbered);
            }
            (d, r) => prop_assert!(false, "decoded {:?}, response {:?}", d, r),
        }
        Ok(())
    });
}
