//! `returns_example`: a method's documented response is checked as the
//! generated response type reads it (located `bad-example` errors that never
//! quote a secret), and the mock answers a valid request with it, as given,
//! whatever the seed.

mod support;

use std::path::Path;

use hostapi_codegen::diag::Severity;
use hostapi_codegen::lint;
use hostapi_codegen::mock::{Mock, Options, RawRequest, load};

/// A spec whose method `get` returns `returns` (YAML lines at field level)
/// and shows `example` (a flow mapping), on the wire `head` gives.
fn spec(head: &str, returns: &str, example: &str) -> String {
    let returns: String = returns
        .lines()
        .map(|l| format!("          {l}\n"))
        .collect();
    format!(
        "{head}types:
  Code:
    doc: \"A two-letter code.\"
    string: {{length: [2], chars: \"A-Z\"}}
sections:
  Things:
    doc: \"Things.\"
    methods:
      get:
        doc: \"Gets a thing.\"
        returns:
{returns}        returns_example: {example}
"
    )
}

/// The errors linting `text` reports, as (rule, line, column, message).
fn errors(text: &str) -> Vec<(String, u32, u32, String)> {
    let report = lint::lint_source(Path::new("example.yaml"), text.as_bytes());
    report
        .findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.code.to_string(),
                d.pos.line,
                d.pos.column,
                d.message.clone(),
            )
        })
        .collect()
}

/// The eNom-like key=value wire with `ErrCount` as its error rule.
fn key_value_head() -> String {
    support::minimal_head()
        .replace("response: json", "response: key_value")
        .replace(
            "error: {field_present: {field: error_class}}",
            "error: {count_above: {field: ErrCount, message_prefix: Err}}",
        )
}

#[test]
fn an_example_that_fits_is_accepted() {
    let text = spec(
        &support::minimal_head(),
        "id: {type: integer}\ncode: {type: Code, optional: true}",
        "{id: \"7\", code: AB}",
    );
    assert_eq!(errors(&text), []);
}

#[test]
fn a_wrong_example_is_a_located_bad_example() {
    let head = support::minimal_head();
    let example_line = u32::try_from(head.lines().count() + 14).unwrap();
    for (example, says) in [
        ("{id: 7, code: ab}", "`Code`"),
        ("{code: AB}", "the required field `id` is missing"),
        ("{id: 7, colur: AB}", "there is no field `colur`"),
        ("{id: seven}", "expected an integer"),
        ("{id: 7, error_class: Oops}", "reads as an error"),
    ] {
        let text = spec(
            &head,
            "id: {type: integer}\ncode: {type: Code, optional: true}",
            example,
        );
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{example}: {found:?}");
        let (rule, line, col, message) = &found[0];
        assert_eq!(rule, "bad-example", "{example}");
        assert_eq!((*line, *col), (example_line, 26), "{example}: {message}");
        assert!(
            message.contains(says),
            "{example}: `{message}` lacks `{says}`"
        );
    }
}

#[test]
fn a_secret_fields_value_is_never_quoted() {
    let text = spec(
        &support::minimal_head(),
        "token: {type: Code, secret: true}",
        "{token: SECRETVALUE}",
    );
    let found = errors(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "bad-example");
    assert!(!found[0].3.contains("SECRETVALUE"), "{}", found[0].3);
}

#[test]
fn a_key_value_example_is_flat_and_not_an_error() {
    let head = key_value_head();
    let returns = "ErrCount: {type: integer}\nErr{n}: {type: string, optional: true, series: true}\nid: {type: integer, optional: true}";
    assert_eq!(
        errors(&spec(&head, returns, "{ErrCount: \"0\", id: \"7\"}")),
        []
    );
    let nested = errors(&spec(&head, returns, "{ErrCount: 0, id: [7]}"));
    assert!(nested[0].3.contains("holds only text"), "{nested:?}");
    let failed = errors(&spec(&head, returns, "{ErrCount: 1, Err1: \"Bad\"}"));
    assert!(failed[0].3.contains("`ErrCount` is above 0"), "{failed:?}");
    let series = errors(&spec(
        &head,
        returns,
        "{ErrCount: 0, Err1: \"A note\", Err2: \"\"}",
    ));
    assert_eq!(series, []);
}

fn enom_check(seed: u64, response_type: &str) -> String {
    static WORKSPACE: std::sync::OnceLock<hostapi_codegen::ir::Workspace> =
        std::sync::OnceLock::new();
    let workspace = WORKSPACE
        .get_or_init(|| load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap());
    let mock = Mock::new(
        workspace.clone(),
        Options {
            seed,
            ..Options::default()
        },
    );
    let request = RawRequest {
        method: "GET".into(),
        path: "/enom".into(),
        query: format!("command=Check&uid=u&pw=p&SLD=example&TLD=com{response_type}"),
        ..RawRequest::default()
    };
    let (response, outcome) = mock.answer(&request);
    assert_eq!((response.status, outcome.kind), (200, "ok"));
    String::from_utf8(response.body).unwrap()
}

#[test]
fn the_mock_answers_with_the_documented_example_whatever_the_seed() {
    let text = enom_check(0, "");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    assert_eq!(
        lines,
        [
            "Command=CHECK",
            "ErrCount=0",
            "RRPCode=210",
            "RRPText=Domain name available"
        ],
        "nothing added to the example: {text}"
    );
    assert_eq!(enom_check(99, ""), text, "the seed does not matter");
    let xml = enom_check(7, "&ResponseType=XML");
    assert!(
        xml.contains("<RRPText>Domain name available</RRPText>"),
        "{xml}"
    );
}

#[test]
fn without_an_example_the_answer_is_synthesized_for_the_seed() {
    // The same request to a method without an example differs by seed.
    let workspace = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap();
    let answer = |seed| {
        let mock = Mock::new(
            workspace.clone(),
            Options {
                seed,
                ..Options::default()
            },
        );
        let request = RawRequest {
            method: "GET".into(),
            path: "/enom".into(),
            query: "command=GetBalance&uid=u&pw=p".into(),
            ..RawRequest::default()
        };
        mock.answer(&request).0.body
    };
    assert_ne!(answer(0), answer(99));
}
