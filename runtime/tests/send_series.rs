//! A sent numbered series (`NS{n}`): written as one parameter per value,
//! numbered in order from its first number, and validated value by value
//! and against its maximum.

use hostapi_runtime::validate::{Validate, Violations, rules};
use serde_json::json;

hostapi_runtime::string_type! {
    /// A short name.
    pub struct Short(String);
    check |value| { rules::max_length(value, 5)?; }
}

hostapi_runtime::record! {
    /// Name servers.
    pub struct NameServers: send {
        required {
            /// The domain.
            domain("Domain"): String,
        }
        series {
            /// Up to three, from `NS1`.
            servers("NS{n}") / with_servers [1..=3]: Short,
            /// One to three, `Alt0` to `Alt2`.
            alternates("Alt{n}") / with_alternates [0..=2 required]: String,
        }
    }
}

fn short(name: &str) -> Short {
    Short::new(name).unwrap()
}

fn violations(request: &NameServers) -> Vec<(String, &'static str, String)> {
    let mut found = Violations::with_root("");
    request.validate(&mut found);
    found
        .violations()
        .iter()
        .map(|v| {
            (
                v.path.clone(),
                v.violation.rule,
                v.violation.message.clone(),
            )
        })
        .collect()
}

#[test]
fn each_value_is_its_own_numbered_parameter_in_order() {
    let request = NameServers::new("example.com".into())
        .with_servers([short("ns1"), short("ns2")])
        .with_alternates(["a".to_string()]);
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"Domain": "example.com", "NS1": "ns1", "NS2": "ns2", "Alt0": "a"})
    );
    let keys: Vec<String> = serde_json::to_value(&request)
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["Domain", "NS1", "NS2", "Alt0"]);
    assert!(violations(&request).is_empty());
}

#[test]
fn too_many_values_name_the_series_and_bad_values_their_number() {
    let mut request = NameServers::new("example.com".into())
        .with_servers([short("a"), short("b"), short("c"), short("d")])
        .with_alternates(["x".to_string()]);
    assert_eq!(
        violations(&request),
        [(
            "NS{n}".to_string(),
            "max_items",
            "at most 3 values (`NS1` to `NS3`), got 4".to_string()
        )]
    );
    request.servers.truncate(3);
    assert!(violations(&request).is_empty());
}

/// A value that reports a violation when told to, to see where it lands.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Flagged(bool);

impl Validate for Flagged {
    fn validate(&self, v: &mut Violations) {
        let broken = hostapi_runtime::validate::Violation::new("flag", "flagged");
        v.check(
            if self.0 {
                Err(broken.for_type("Flagged"))
            } else {
                Ok(())
            },
            false,
        );
    }
}

hostapi_runtime::record! {
    /// Flags.
    pub struct Flags: send {
        series {
            /// From `F1`.
            flags("F{n}") / with_flags [1..=4]: Flagged,
        }
    }
}

#[test]
fn a_bad_value_is_reported_at_its_own_number() {
    let request = Flags::new().with_flags([Flagged(false), Flagged(true)]);
    let mut found = Violations::with_root("params");
    request.validate(&mut found);
    let paths: Vec<&str> = found.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["params.F2"]);
}

#[test]
fn a_required_series_wants_one_value() {
    let request = NameServers::new("example.com".into());
    assert_eq!(
        violations(&request),
        [(
            "Alt{n}".to_string(),
            "required",
            "at least one value (`Alt0`) is required".to_string()
        )]
    );
}
