//! The record macro's impls, through records declared here.

use serde_json::json;

use crate::validate::{Validate, Violations};

crate::record! {
    /// A nested object.
    pub struct Override: send receive {
        required {
            /// Record data.
            rdata: String => req,
        }
        optional {
            /// The region's name.
            region / with_region: String => opt,
            /// The region's id.
            region_id / with_region_id: i64 => opt_lenient,
        }
        required_if {
            "region" if "region_id" absent;
            "region_id" if "region" absent;
        }
    }
}

crate::record! {
    /// A response.
    pub struct Response: receive {
        required {
            /// An id.
            id: i64 => lenient,
            /// A name on the wire that is a keyword here.
            type_("type"): String => req,
        }
        optional {
            /// Maybe a list.
            overrides("regionOverrides"): Vec<Override> => opt,
            /// May be empty.
            ip: String => empty,
        }
        series {
            /// Numbered errors.
            errors("Err{n}"): String,
        }
    }
}

#[test]
fn reads_by_wire_name_and_leniently() {
    let response: Response = serde_json::from_value(json!({
        "id": "42", "type": "A", "ip": "",
        "regionOverrides": [{"rdata": "1.2.3.4", "region_id": "7"}],
        "unknown": true,
    }))
    .unwrap();
    assert_eq!(response.id, 42);
    assert_eq!(response.type_, "A");
    assert_eq!(response.ip, None);
    assert!(response.errors.is_empty());
    let overrides = response.overrides.unwrap();
    assert_eq!(overrides[0].region_id, Some(7));
    assert_eq!(overrides[0].region, None);
}

#[test]
fn unreadable_optional_fields_are_absent_and_reported_where_they_are() {
    let value = json!({
        "id": 1, "type": "A",
        "regionOverrides": [
            {"rdata": "x", "region_id": "7"},
            {"rdata": "y", "region_id": "n/a"},
        ],
    });
    let response: Response = serde_json::from_value(value.clone()).unwrap();
    let overrides = response.overrides.as_ref().unwrap();
    assert_eq!(overrides[1].region_id, None);
    let found = response.violations();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, "regionOverrides[1].region_id");
    assert_eq!(found[0].type_name, "integer");
    assert_eq!(found[0].violation.rule, "type");
    assert_eq!(found[0].received, Some(json!("n/a")));
    assert_eq!(overrides[1].violations()[0].path, "region_id");
    assert!(overrides[0].violations().is_empty());
    assert!(format!("{response:?}").contains("violations: ["));
    assert!(!format!("{:?}", overrides[0]).contains("violations"));

    let e = crate::decode::read::<Response>(value, crate::decode::Mode::Strict).unwrap_err();
    assert!(e.to_string().contains("field `regionOverrides`"), "{e}");
}

#[test]
fn the_clients_reader_hands_objects_over_and_refuses_the_rest() {
    use crate::decode::{Mode, read};
    let value = json!({"id": 1, "type": "A", "regionOverrides": [{"rdata": "x"}]});
    let (response, found) = read::<Response>(value, Mode::Tolerant).unwrap();
    assert_eq!(response.overrides.unwrap()[0].rdata, "x");
    assert!(found.is_empty());
    for (bad, kind) in [
        (json!(null), "null"),
        (json!([1]), "sequence"),
        (json!("s"), "string"),
    ] {
        let e = read::<Response>(bad, Mode::Tolerant).unwrap_err();
        assert!(
            e.to_string().contains(&format!("invalid type: {kind}")),
            "{e}"
        );
        assert!(e.to_string().contains("expected a map"), "{e}");
    }
    // Nothing handed over stays behind for the next reader.
    assert!(crate::decode::tracked::take_handed_over().is_none());
}

#[test]
fn missing_and_malformed_fields_are_named() {
    let e = serde_json::from_value::<Response>(json!({"type": "A"})).unwrap_err();
    assert!(e.to_string().contains("missing field `id`"), "{e}");
    let e = serde_json::from_value::<Response>(json!({"id": 1, "type": 5})).unwrap_err();
    assert!(e.to_string().contains("field `type`"), "{e}");
    let e = serde_json::from_value::<Response>(json!(["not an object"])).unwrap_err();
    assert!(e.to_string().contains("map"), "{e}");
}

#[test]
fn writes_set_fields_only_and_validates_conditions() {
    let full = Override::new("1.2.3.4".into()).with_region("US West".into());
    let other = Override::new("1.2.3.4".into()).with_region_id(3);
    assert_eq!(serde_json::to_value(&other).unwrap()["region_id"], 3);
    assert_eq!(
        serde_json::to_value(&full).unwrap(),
        json!({"rdata": "1.2.3.4", "region": "US West"})
    );
    let mut violations = Violations::with_root("params");
    full.validate(&mut violations);
    assert!(violations.is_empty());

    let bare = Override::new("1.2.3.4".into());
    let mut violations = Violations::with_root("params");
    bare.validate(&mut violations);
    let error = violations.into_result().unwrap_err();
    assert_eq!(
        error.to_string(),
        "params.region: `region` is required when `region_id` is absent; \
         params.region_id: `region_id` is required when `region` is absent"
    );
}

crate::record! {
    /// A sent record with a numbered series and a list.
    pub struct Hosts: send {
        required {
            /// The domain.
            domain("SLD"): String,
        }
        optional {
            /// A note.
            note / with_note: String,
        }
        series {
            /// Name servers.
            ns("NS{n}") / with_ns [1..=2]: String,
            /// Tags, sent as one list.
            tags / with_tags: String,
        }
    }
}

#[test]
fn debug_lists_fields_in_order_then_violations() {
    let hosts = Hosts::new("example".into())
        .with_ns(["a".to_string()])
        .with_tags(["t".to_string()]);
    assert_eq!(
        format!("{hosts:?}"),
        r#"Hosts { domain: "example", note: None, ns: ["a"], tags: ["t"] }"#
    );
    // The client collects `Err1`, `Err2`, … under the series' name.
    let response: Response =
        serde_json::from_value(json!({"id": 1, "type": "A", "Err{n}": ["x"]})).unwrap();
    assert_eq!(
        format!("{response:?}"),
        r#"Response { id: 1, type_: "A", overrides: None, ip: None, errors: ["x"] }"#
    );
}

#[test]
fn equality_compares_every_documented_field_and_not_the_violations() {
    let a = Hosts::new("example".into()).with_ns(["a".to_string()]);
    assert_eq!(a, a.clone());
    assert_ne!(a, Hosts::new("example".into()).with_ns(["b".to_string()]));
    assert_ne!(a, a.clone().with_note("n".into()));
    assert_ne!(a, Hosts::new("other".into()).with_ns(["a".to_string()]));

    let read = |value| serde_json::from_value::<Response>(value).unwrap();
    let clean = read(json!({"id": 1, "type": "A", "regionOverrides": [{"rdata": "x"}]}));
    let reported = read(
        json!({"id": 1, "type": "A", "regionOverrides": [{"rdata": "x", "region_id": "n/a"}]}),
    );
    assert!(!reported.violations().is_empty());
    assert_eq!(clean, reported, "what a read reported is not a field");
    assert_ne!(
        clean,
        read(json!({"id": 2, "type": "A", "regionOverrides": [{"rdata": "x"}]}))
    );
}

#[test]
fn serializes_series_numbered_or_as_one_list_and_validates_them() {
    let hosts = Hosts::new("example".into())
        .with_ns(["a".to_string(), "b".to_string()])
        .with_tags(["t".to_string()]);
    assert_eq!(
        serde_json::to_value(&hosts).unwrap(),
        json!({"SLD": "example", "NS1": "a", "NS2": "b", "tags": ["t"]})
    );
    let mut violations = Violations::with_root("params");
    hosts.validate(&mut violations);
    assert!(violations.is_empty());

    let too_many = hosts.with_ns(["a", "b", "c"].map(String::from));
    let mut violations = Violations::with_root("params");
    too_many.validate(&mut violations);
    let error = violations.into_result().unwrap_err().to_string();
    assert!(error.contains("params.NS{n}"), "{error}");
}

#[test]
fn the_first_failing_field_is_reported_when_several_fail() {
    // `id` is missing and `type` malformed: the error names `id`, the
    // first in the record's order, as reading field by field did.
    let e = serde_json::from_value::<Response>(json!({"type": 5})).unwrap_err();
    assert!(e.to_string().contains("missing field `id`"), "{e}");
    // A required field present and an optional one unreadable: strict
    // reads refuse it, naming the optional field.
    let e = crate::decode::read::<Response>(
        json!({"id": 1, "type": "A", "regionOverrides": "nope"}),
        crate::decode::Mode::Strict,
    )
    .unwrap_err();
    assert!(e.to_string().contains("field `regionOverrides`"), "{e}");
}

crate::record! {
    /// One forwarding: a group of two members.
    pub struct Forward: send {
        required {
            /// The mailbox.
            address("Address{n}"): String,
        }
        optional {
            /// Where to.
            forward_to("ForwardTo{n}") / with_forward_to: String,
        }
    }

    /// A sent record with an open-ended series and a counted group series.
    pub struct Forwards: send {
        required {
            /// The domain.
            domain("SLD"): String,
        }
        series {
            /// Name servers, as many as sent.
            ns("NS{n}") / with_ns [1..]: String,
        }
        groups {
            /// The forwardings.
            entries / with_entries [1.. required] count "EntryCount": Forward,
            /// At most one, from 0, no count.
            spare / with_spare [0..=0]: Forward,
        }
    }
}

#[test]
fn writes_groups_member_by_member_in_order_after_their_count() {
    let forwards = Forwards::new("example".into())
        .with_ns((1..=20).map(|i| format!("ns{i}")))
        .with_entries([
            Forward::new("a".into()).with_forward_to("x@example.org".into()),
            Forward::new("b".into()),
            Forward::new("c".into()).with_forward_to("z@example.org".into()),
        ]);
    let text = serde_json::to_string(&forwards).unwrap();
    let entries = text.split_once("\"EntryCount\"").unwrap().1;
    assert_eq!(
        entries,
        ":3,\"Address1\":\"a\",\"ForwardTo1\":\"x@example.org\",\"Address2\":\"b\",\
         \"Address3\":\"c\",\"ForwardTo3\":\"z@example.org\"}"
    );
    assert!(text.contains("\"NS20\":\"ns20\""), "{text}");
    // An open-ended series takes any number of values.
    let mut violations = Violations::with_root("params");
    forwards.validate(&mut violations);
    assert!(violations.is_empty(), "{violations:?}");
    assert_eq!(
        format!("{:?}", forwards.entries[1]),
        r#"Forward { address: "b", forward_to: None }"#
    );
}

#[test]
fn validates_the_number_of_groups() {
    let mut violations = Violations::with_root("params");
    Forwards::new("example".into()).validate(&mut violations);
    let error = violations.into_result().unwrap_err().to_string();
    assert!(error.contains("params.entries"), "{error}");
    assert!(error.contains("at least one group is required"), "{error}");

    let two = Forwards::new("example".into())
        .with_entries([Forward::new("a".into())])
        .with_spare([Forward::new("s".into()), Forward::new("t".into())]);
    assert!(
        serde_json::to_string(&two)
            .unwrap()
            .contains("\"Address0\":\"s\",\"Address1\":\"t\"")
    );
    let mut violations = Violations::with_root("params");
    two.validate(&mut violations);
    let error = violations.into_result().unwrap_err().to_string();
    assert!(error.contains("params.spare"), "{error}");
    assert!(error.contains("at most 1 group, got 2"), "{error}");
}

// A record longer than one tuple of slots: the generator splits such a
// group into several of the same kind, as here (32 + 1 required fields,
// then two optional groups and a series).
crate::record! {
    /// Many fields.
    pub struct Wide: receive {
        required {
            r0: i64 => lenient,
            r1: i64 => lenient,
            r2: i64 => lenient,
            r3: i64 => lenient,
            r4: i64 => lenient,
            r5: i64 => lenient,
            r6: i64 => lenient,
            r7: i64 => lenient,
            r8: i64 => lenient,
            r9: i64 => lenient,
            r10: i64 => lenient,
            r11: i64 => lenient,
            r12: i64 => lenient,
            r13: i64 => lenient,
            r14: i64 => lenient,
            r15: i64 => lenient,
            r16: i64 => lenient,
            r17: i64 => lenient,
            r18: i64 => lenient,
            r19: i64 => lenient,
            r20: i64 => lenient,
            r21: i64 => lenient,
            r22: i64 => lenient,
            r23: i64 => lenient,
            r24: i64 => lenient,
            r25: i64 => lenient,
            r26: i64 => lenient,
            r27: i64 => lenient,
            r28: i64 => lenient,
            r29: i64 => lenient,
            r30: i64 => lenient,
            r31: i64 => lenient,
        }
        required {
            r32("last"): String => req,
        }
        optional {
            o0: i64 => opt_lenient,
        }
        optional {
            o1("second"): String => opt,
        }
        series {
            s: String,
        }
    }
}

#[test]
fn reads_fields_split_over_several_groups_in_order() {
    let mut object = serde_json::Map::new();
    for i in 0..32 {
        object.insert(format!("r{i}"), json!(i.to_string()));
    }
    object.insert("last".into(), json!("end"));
    object.insert("o0".into(), json!("7"));
    object.insert("second".into(), json!("two"));
    object.insert("s".into(), json!(["x", "y"]));
    let wide: Wide = serde_json::from_value(serde_json::Value::Object(object.clone())).unwrap();
    assert_eq!((wide.r0, wide.r17, wide.r31), (0, 17, 31));
    assert_eq!(wide.r32, "end");
    assert_eq!(wide.o0, Some(7));
    assert_eq!(wide.o1.as_deref(), Some("two"));
    assert_eq!(wide.s, ["x", "y"]);
    assert_eq!(wide.clone(), wide);
    assert!(wide.violations().is_empty());

    // A required field of the second group missing names that field.
    object.remove("last");
    let error = serde_json::from_value::<Wide>(serde_json::Value::Object(object))
        .unwrap_err()
        .to_string();
    assert!(error.contains("last"), "{error}");
}
