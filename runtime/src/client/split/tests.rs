//! Splitting straight from the request must file every member where the
//! map path filed it: the request serialized to a `serde_json::Map`, then
//! each member sorted by the binding. That path is kept here as the
//! reference.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use super::{Split, split};
use crate::binding::{MethodBinding, ParamBinding, ParamPlace};
use crate::client::request::to_object;
use crate::error::EncodeError;

/// The split as it was made before it was made straight from the request
/// (kept as the reference).
fn via_map(binding: &MethodBinding, request: &Value) -> Result<Split, EncodeError> {
    let mut out = Split::default();
    for (key, value) in to_object(request)? {
        out.member(binding, &key, value)
            .map_err(|super::Refused(message)| EncodeError { message })?;
    }
    Ok(out)
}

static PARAMS: [ParamBinding; 6] = [
    ParamBinding {
        name: "id",
        place: ParamPlace::Path,
    },
    ParamBinding {
        name: "key",
        place: ParamPlace::Header {
            name: "X-Key",
            sensitive: true,
        },
    },
    ParamBinding {
        name: "ttl",
        place: ParamPlace::Json,
    },
    ParamBinding {
        name: "gone",
        place: ParamPlace::Query,
    },
    ParamBinding {
        name: "f",
        place: ParamPlace::Form,
    },
    ParamBinding {
        name: "all",
        place: ParamPlace::Body,
    },
];

static BINDING: MethodBinding = MethodBinding {
    http_method: None,
    path: None,
    params: &PARAMS,
};

/// The parts of a split, comparable.
fn parts(split: &Split) -> Value {
    json!({
        "path": split.path,
        "headers": split.headers,
        "query": split.query,
        "form": split.form,
        "json": split.json,
        "body": split.body,
        "unbound": split.unbound,
    })
}

#[test]
fn members_go_where_they_are_bound() {
    let request = json!({"id": 7, "key": "k", "ttl": 60, "gone": null, "other": true});
    let split = split(&BINDING, &request).unwrap();
    assert_eq!(split.path, [("id", "7".to_owned())]);
    assert_eq!(split.headers, [("X-Key", "k".to_owned(), true)]);
    assert_eq!(Value::Object(split.json), json!({"ttl": 60}));
    assert!(split.query.is_empty());
    assert_eq!(Value::Object(split.unbound), json!({"other": true}));

    let e = super::split(&BINDING, &json!({"id": [1]})).unwrap_err();
    assert!(
        e.message
            .contains("must be a string, number or boolean, not an array")
    );
}

crate::record! {
    /// A bound request as the generator writes one.
    pub struct Details: send {
        required {
            /// In the path.
            id: String,
        }
        optional {
            /// A header.
            key / with_key: String,
            /// In the query.
            gone / with_gone: Vec<u32>,
            /// Bound nowhere.
            other / with_other: bool,
        }
    }
}

#[test]
fn records_split_as_their_map_does() {
    let full = Details::new("a/b".into())
        .with_key("k".into())
        .with_gone(vec![1, 2])
        .with_other(false);
    for request in [Details::new("x".into()), full] {
        let direct = split(&BINDING, &request).unwrap();
        let reference = via_map(&BINDING, &serde_json::to_value(&request).unwrap()).unwrap();
        assert_eq!(parts(&direct), parts(&reference));
    }
}

#[test]
fn requests_that_are_no_object() {
    for (request, kind) in [
        (json!("text"), "a string"),
        (json!(3), "a number"),
        (json!([1]), "an array"),
        (json!(true), "a boolean"),
    ] {
        let e = split(&BINDING, &request).unwrap_err();
        assert_eq!(
            e.message,
            format!("the request must serialize to a JSON object, not {kind}")
        );
        assert_eq!(via_map(&BINDING, &request).unwrap_err().message, e.message);
    }
    assert_eq!(
        parts(&split(&BINDING, &()).unwrap()),
        parts(&Split::default())
    );
    assert_eq!(
        parts(&split(&BINDING, &Option::<u8>::None).unwrap()),
        parts(&Split::default())
    );
}

/// Any JSON value, a few levels deep.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z./%é ]{0,6}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec(("[a-z]{1,3}", inner), 0..4)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// A request object whose keys are mostly the bound names.
fn request() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("id".to_owned()),
        Just("key".to_owned()),
        Just("ttl".to_owned()),
        Just("gone".to_owned()),
        Just("f".to_owned()),
        Just("all".to_owned()),
        "[a-z]{1,3}",
    ];
    prop::collection::vec((key, value()), 0..8)
        .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>()))
}

proptest! {
    #[test]
    fn same_split_as_the_map_path(request in request()) {
        let direct = split(&BINDING, &request);
        let reference = via_map(&BINDING, &request);
        match (direct, reference) {
            (Ok(direct), Ok(reference)) => prop_assert_eq!(parts(&direct), parts(&reference)),
            (Err(direct), Err(reference)) => prop_assert_eq!(direct.message, reference.message),
            (direct, reference) => prop_assert!(
                false,
                "direct {:?}, map path {:?}",
                direct.map(|s| parts(&s)),
                reference.map(|s| parts(&s))
            ),
        }
    }
}

#[test]
fn keys_that_are_no_string_are_written_as_serde_json_writes_them() {
    let request = std::collections::BTreeMap::from([(7u32, "x"), (8, "y")]);
    let direct = split(&BINDING, &request).unwrap();
    let reference = via_map(&BINDING, &serde_json::to_value(&request).unwrap()).unwrap();
    assert_eq!(parts(&direct), parts(&reference));
    assert_eq!(Value::Object(direct.unbound), json!({"7": "x", "8": "y"}));
    let bad = std::collections::BTreeMap::from([((1u8, 2u8), "x")]);
    let e = split(&BINDING, &bad).unwrap_err();
    assert_eq!(
        e.message,
        "the request could not be serialized: key must be a string"
    );
}
