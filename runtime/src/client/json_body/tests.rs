//! The JSON body written straight from the request must be the bytes the
//! map path wrote: the request serialized to a `serde_json::Map`, then
//! written with credentials first and nulls dropped. That path is kept here
//! as the reference.

use proptest::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::JsonBody;
use crate::client::request::to_object;

/// The body as it was encoded before it was serialized straight from the
/// request (kept as the reference): the request turned into a
/// `serde_json::Map` first, then written with the credentials first, the
/// parameters of a credential's name left out and nulls dropped.
struct MapBody<'a> {
    envelope: Option<&'static str>,
    credentials: Vec<(&'static str, &'a str)>,
    params: &'a Map<String, Value>,
}

impl Serialize for MapBody<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self.envelope {
            Some(key) => {
                let mut outer = serializer.serialize_map(Some(1))?;
                outer.serialize_entry(key, &MapParams(self))?;
                outer.end()
            }
            None => MapParams(self).serialize(serializer),
        }
    }
}

/// The parameter object of a [`MapBody`].
struct MapParams<'a, 'b>(&'a MapBody<'b>);

impl Serialize for MapParams<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let body = self.0;
        let mut map = serializer.serialize_map(None)?;
        for (name, value) in &body.credentials {
            map.serialize_entry(name, value)?;
        }
        for (k, v) in body.params {
            if !v.is_null() && !body.credentials.iter().any(|(name, _)| name == k) {
                map.serialize_entry(k, &ValueNoNulls(v))?;
            }
        }
        map.end()
    }
}

/// Serializes a value with null object fields left out, recursively (nulls
/// inside arrays stay: they hold a position).
struct ValueNoNulls<'a>(&'a Value);

impl Serialize for ValueNoNulls<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.0 {
            Value::Object(object) => {
                let mut map = serializer.serialize_map(None)?;
                for (k, v) in object.iter().filter(|(_, v)| !v.is_null()) {
                    map.serialize_entry(k, &ValueNoNulls(v))?;
                }
                map.end()
            }
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&ValueNoNulls(item))?;
                }
                seq.end()
            }
            other => other.serialize(serializer),
        }
    }
}

/// The body through the map path.
fn via_map<T: Serialize + ?Sized>(
    envelope: Option<&'static str>,
    credentials: &[(&'static str, &str)],
    request: &T,
) -> String {
    let params = to_object(request).unwrap();
    let body = MapBody {
        envelope,
        credentials: credentials.to_vec(),
        params: &params,
    };
    serde_json::to_string(&body).unwrap()
}

/// The body written straight from the request.
fn direct<T: Serialize + ?Sized>(
    envelope: Option<&'static str>,
    credentials: &[(&'static str, &str)],
    request: &T,
) -> String {
    let bytes = JsonBody {
        envelope,
        credentials,
        request,
    }
    .encode()
    .unwrap();
    String::from_utf8(bytes).unwrap()
}

/// Both paths give `expected`.
fn assert_body<T: Serialize + ?Sized>(
    envelope: Option<&'static str>,
    credentials: &[(&'static str, &str)],
    request: &T,
    expected: &str,
) {
    assert_eq!(
        via_map(envelope, credentials, request),
        expected,
        "map path"
    );
    assert_eq!(direct(envelope, credentials, request), expected, "direct");
}

crate::record! {
    /// A nested record.
    pub struct Contact: send {
        required {
            /// Always sent.
            name: String,
        }
        optional {
            /// Often absent.
            phone / with_phone: String,
            /// Often absent.
            fax / with_fax: String,
        }
    }

    /// A request with a renamed field, a nested record, a field named like
    /// a credential, a free-form value and a series.
    pub struct Order: send {
        required {
            /// Renamed on the wire.
            domain ("domain_name"): String,
        }
        optional {
            /// A nested record.
            contact / with_contact: Contact,
            /// Named like eNom's user credential.
            uid / with_uid: String,
            /// A number.
            years / with_years: u32,
            /// Free-form JSON, nulls and all.
            extra / with_extra: Value,
            /// A secret.
            password / with_password [secret]: crate::Secret,
        }
        series {
            /// Repeated.
            tags ("tag"): String,
        }
    }
}

#[test]
fn records_with_and_without_envelope() {
    let order = Order::new("example.com".into())
        .with_contact(Contact::new("Ann".into()).with_fax("+1.5551234".into()))
        .with_years(2);
    assert_body(
        None,
        &[],
        &order,
        r#"{"domain_name":"example.com","contact":{"name":"Ann","fax":"+1.5551234"},"years":2,"tag":[]}"#,
    );
    assert_body(
        Some("params"),
        &[],
        &order,
        r#"{"params":{"domain_name":"example.com","contact":{"name":"Ann","fax":"+1.5551234"},"years":2,"tag":[]}}"#,
    );
}

#[test]
fn credentials_come_first_and_win_over_a_field_of_their_name() {
    let mut order = Order::new("example.com".into())
        .with_uid("field-uid".into())
        .with_password("pw");
    order.tags = vec!["a".into(), "b".into()];
    assert_body(
        None,
        &[("uid", "cred-uid"), ("pw", "cred-pw")],
        &order,
        r#"{"uid":"cred-uid","pw":"cred-pw","domain_name":"example.com","password":"pw","tag":["a","b"]}"#,
    );
    let order = Order::new("example.com".into())
        .with_contact(Contact::new("Ann".into()).with_phone("+1.5550000".into()))
        .with_uid("field-uid".into());
    assert_body(
        Some("params"),
        &[("uid", "cred-uid")],
        &order,
        r#"{"params":{"uid":"cred-uid","domain_name":"example.com","contact":{"name":"Ann","phone":"+1.5550000"},"tag":[]}}"#,
    );
}

#[test]
fn nulls_are_dropped_at_every_depth_but_kept_in_arrays() {
    let order = Order::new("example.com".into())
        .with_contact(Contact::new("Ann".into()))
        .with_extra(json!({"a": null, "b": {"c": null, "d": [null, {"e": null}]}, "f": 1.5}));
    assert_body(
        Some("params"),
        &[],
        &order,
        r#"{"params":{"domain_name":"example.com","contact":{"name":"Ann"},"extra":{"b":{"d":[null,{}]},"f":1.5},"tag":[]}}"#,
    );
    let map = json!({"a": null, "b": {"c": null, "d": 1}, "e": [null], "uid": "mine"});
    assert_body(
        Some("params"),
        &[("uid", "cred")],
        &map,
        r#"{"params":{"uid":"cred","b":{"d":1},"e":[null]}}"#,
    );
    assert_body(None, &[], &map, r#"{"b":{"d":1},"e":[null],"uid":"mine"}"#);
}

#[test]
fn null_requests_are_empty_and_others_are_refused() {
    assert_body(Some("params"), &[], &(), r#"{"params":{}}"#);
    assert_body(
        Some("params"),
        &[("uid", "u")],
        &(),
        r#"{"params":{"uid":"u"}}"#,
    );
    assert_body(None, &[("uid", "u")], &None::<Order>, r#"{"uid":"u"}"#);
    for (request, kind) in [
        (json!("text"), "a string"),
        (json!([1]), "an array"),
        (json!(3), "a number"),
    ] {
        let error = JsonBody {
            envelope: Some("params"),
            credentials: &[],
            request: &request,
        }
        .encode()
        .unwrap_err();
        assert_eq!(
            error.message,
            to_object(&request).unwrap_err().message,
            "{request}"
        );
        assert_eq!(
            error.message,
            format!("the request must serialize to a JSON object, not {kind}")
        );
    }
}

#[test]
fn serialization_errors_name_the_field() {
    /// A value whose `Serialize` fails.
    #[derive(Clone, Debug, PartialEq)]
    struct Broken;
    impl Serialize for Broken {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("broken"))
        }
    }
    impl crate::validate::Validate for Broken {
        fn validate(&self, _: &mut crate::validate::Violations) {}
    }
    crate::record! {
        /// Holds a broken value.
        pub struct Holder: send {
            required {
                /// Fails to serialize.
                inner: Broken,
            }
        }
    }
    let error = JsonBody {
        envelope: None,
        credentials: &[],
        request: &Holder::new(Broken),
    }
    .encode()
    .unwrap_err();
    assert_eq!(
        error.message,
        "the request could not be serialized: field `inner`: broken"
    );
}

/// JSON values up to a few levels deep, nulls frequent.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        3 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from),
        2 => "[a-z\\\"é]{0,4}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z]{1,3}", inner), 0..5)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    /// Any parameter object, any credentials (some named like parameters),
    /// with or without envelope: the same bytes as the map path.
    #[test]
    fn same_bytes_as_the_map_path(
        params in prop::collection::vec(("[a-z]{1,3}", json_value()), 0..6),
        credentials in prop::sample::subsequence(vec!["a", "b", "uid", "pw"], 0..3),
        envelope in prop::option::of(Just("params")),
    ) {
        let params: Map<String, Value> = params.into_iter().collect();
        let credentials: Vec<(&'static str, &str)> =
            credentials.into_iter().map(|name| (name, "secret \"value\"")).collect();
        prop_assert_eq!(
            direct(envelope, &credentials, &params),
            via_map(envelope, &credentials, &params)
        );
    }
}
