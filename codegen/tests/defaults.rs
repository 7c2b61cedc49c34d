//! `bad-default`: a documented default must be a value of its own type,
//! decided by the rules generated types run. One case per kind and rule,
//! each a small spec linted from memory; `defaults_agree.rs` proves the
//! verdicts equal the generated types' own.

mod support;

use std::path::Path;

use hostapi_codegen::diag::Severity;
use hostapi_codegen::lint;

/// A spec with `types` (YAML lines at type level) and one method whose
/// parameter `p` is `param` (a flow mapping).
fn spec(types: &str, param: &str) -> String {
    let types: String = types.lines().map(|l| format!("  {l}\n")).collect();
    let head = support::minimal_head();
    format!(
        "{head}types:
  Unused:
    doc: \"Keeps `types` a mapping.\"
    string: {{}}
{types}sections:
  Things:
    doc: \"Things.\"
    methods:
      get:
        doc: \"Gets a thing.\"
        params:
          p: {param}
"
    )
}

/// The `bad-default` message for `param`'s default, or `None`; panics on
/// any other error, so a case cannot pass by breaking the spec.
fn problem(types: &str, param: &str) -> Option<String> {
    let text = spec(types, param);
    let report = lint::lint_source(Path::new("defaults.yaml"), text.as_bytes());
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let others: Vec<_> = errors.iter().filter(|d| d.code != "bad-default").collect();
    assert!(others.is_empty(), "{others:#?}\nin:\n{text}");
    match errors.as_slice() {
        [] => None,
        [one] => Some(one.message.clone()),
        many => panic!("several findings: {many:#?}"),
    }
}

/// Every `ok` default passes; every `(bad, says)` is refused with a message
/// containing `says`.
fn check(types: &str, ty: &str, ok: &[&str], bad: &[(&str, &str)]) {
    for default in ok {
        let param = format!("{{type: {ty}, default: {default}}}");
        assert_eq!(problem(types, &param), None, "{ty} should take {default}");
    }
    for (default, says) in bad {
        let param = format!("{{type: {ty}, default: {default}}}");
        let message =
            problem(types, &param).unwrap_or_else(|| panic!("{ty} should refuse {default}"));
        assert!(
            message.contains(says),
            "{ty}, {default}: `{message}` lacks `{says}`"
        );
    }
}

#[test]
fn string_lengths_and_characters() {
    let types = "Code:
  doc: \"A code.\"
  string: {length: [2, 4], first_char: \"A-Z\", chars: \"A-Z0-9\"}
Name:
  doc: \"A name.\"
  string: {min_length: 1, max_length: 5, not_chars: \" \", control_chars: {allow: [tab]}}
Strong:
  doc: \"Strong.\"
  string: {classes: {at_least: 2, of: [lowercase, uppercase, digit]}}";
    check(
        types,
        "Code",
        &["AB", "A1B2", "\"AB\""],
        &[
            ("ABC", "expected 2 or 4 characters, got 3"),
            ("1B", "first character (U+0031) is not allowed"),
            (
                "Ab",
                "character 2 (U+0062) is not allowed; expected only 0-9, A-Z",
            ),
            ("12", "`Code`: first character"),
        ],
    );
    check(
        types,
        "Name",
        &["a", "\"a\\tb\"", "12345"],
        &[
            ("\"\"", "expected at least 1 character, got 0"),
            ("abcdef", "expected at most 5 characters, got 6"),
            ("\"a b\"", "expected no space"),
            ("\"a\\nb\"", "is a control character; only tab is allowed"),
            ("true", "expected a string or a number, got a boolean"),
        ],
    );
    check(
        types,
        "Strong",
        &["aB", "a1", "123456b"],
        &[("abc", "at least 2"), ("\"123\"", "at least 2")],
    );
}

#[test]
fn string_formats_run_their_rules() {
    let types = "Host:
  doc: \"A host.\"
  string: {format: hostname}
Address:
  doc: \"An address.\"
  string: {format: ipv4}
Mail:
  doc: \"A mail address.\"
  string: {format: email}
Day:
  doc: \"A day.\"
  string: {format: date}
Key:
  doc: \"A key.\"
  string: {format: base64}";
    check(
        types,
        "Host",
        &["example.com", "localhost"],
        &[("\"exa mple.com\"", "`Host`: ")],
    );
    check(
        types,
        "Address",
        &["127.0.0.1"],
        &[("127.0.0.256", "IPv4"), ("\"01.2.3.4\"", "IPv4")],
    );
    check(
        types,
        "Mail",
        &["a@example.com"],
        &[("a.example.com", "`Mail`: ")],
    );
    check(
        types,
        "Day",
        &["2024-02-29"],
        &[("2023-02-29", "`Day`: "), ("\"2024-2-1\"", "`Day`: ")],
    );
    check(types, "Key", &["\"aGk=\""], &[("\"a=b\"", "padding")]);
}

#[test]
fn patterns_match_as_generated_code_matches() {
    let types = "Slug:
  doc: \"A slug.\"
  string: {pattern: \"(?x) [a-z]+ (-[a-z]+)* # words joined by dashes\"}";
    check(
        types,
        "Slug",
        &["abc", "a-bc"],
        &[
            ("a-", "expected A slug (pattern `(?x)[a-z]+(-[a-z]+)*`)"),
            ("\"a b\"", "pattern"),
        ],
    );
}

#[test]
fn numbers_and_their_bounds() {
    let types = "Count:
  doc: \"A count.\"
  integer: {min: 1, max: 10}
Ratio:
  doc: \"A ratio.\"
  float: {min: 0, max: 1}
Positive:
  doc: \"Above zero.\"
  float: {above: 0}
Stamp:
  doc: \"A time.\"
  unix_time: {}";
    check(
        types,
        "Count",
        &["1", "10", "\"5\"", "3.0"],
        &[
            ("0", "must be at least 1"),
            ("11", "must be at most 10"),
            (
                "2.5",
                "expected an integer or a string holding one, got a number",
            ),
            ("true", "got a boolean"),
            ("ten", "got a string"),
        ],
    );
    check(
        types,
        "Ratio",
        &["0", "0.5", "1", "\"0.25\""],
        &[("1.5", "must be at most 1"), ("-0.1", "must be at least 0")],
    );
    check(types, "Positive", &["0.1"], &[("0", "must be above 0")]);
    check(
        types,
        "Stamp",
        &["0", "1700000000"],
        &[("-1", "must be at least 0")],
    );
}

#[test]
fn decimals() {
    let types = "Price:
  doc: \"A price.\"
  decimal: {currency: \"$\", min_fraction_digits: 2, max_fraction_digits: 2}
Amount:
  doc: \"An amount.\"
  decimal: {positive: true}";
    // A number has lost its written digits: generated code reads it, and
    // then its validation refuses the digits it has.
    check(
        types,
        "Price",
        &["\"$5.00\"", "\"5.25\""],
        &[
            (
                "\"5.0\"",
                "`Price`: expected exactly 2 digits after the point, got 1",
            ),
            (
                "5",
                "`Price`: expected exactly 2 digits after the point, got 0",
            ),
            ("\"-1.00\"", "`Price`: "),
        ],
    );
    check(
        types,
        "Amount",
        &["\"0.5\"", "2"],
        &[("\"0\"", "`Amount`: "), ("0", "`Amount`: ")],
    );
}

#[test]
fn booleans_in_either_encoding() {
    let types = "Flag:
  doc: \"A flag.\"
  boolean: {encoding: zero_one}
Answer:
  doc: \"An answer.\"
  boolean: {encoding: true_false}";
    for ty in ["Flag", "Answer", "boolean"] {
        check(
            types,
            ty,
            &["0", "1", "true", "\"True\"", "\" false \""],
            &[
                ("\"yes\"", "expected a boolean"),
                ("2", "expected a boolean"),
                ("1.0", "expected a boolean"),
            ],
        );
    }
}

#[test]
fn enums_take_their_values_in_the_written_case() {
    let types = "Level:
  doc: \"A level.\"
  enum: {values: [\"1\", \"2\"]}
Format:
  doc: \"A format.\"
  enum: {values: [Text, HTML], case_insensitive: true}
Mode:
  doc: \"A mode.\"
  enum: {values: [on, off]}";
    check(
        types,
        "Level",
        &["1", "\"2\""],
        &[("3", "`Level`: expected one of \"1\", \"2\"")],
    );
    check(
        types,
        "Format",
        &["text", "HTML", "Html"],
        &[("xml", "expected one of \"Text\", \"HTML\"")],
    );
    check(
        types,
        "Mode",
        &["\"on\""],
        &[("On", "expected one of"), ("\"on \"", "expected one of")],
    );
}

#[test]
fn builtins_read_as_their_fields_read() {
    check(
        "",
        "integer",
        &["5", "\"-3\""],
        &[
            ("1.5", "expected an integer"),
            ("\"x\"", "expected an integer"),
        ],
    );
    check(
        "",
        "float",
        &["1.5", "2", "\"3.5\""],
        &[("true", "expected a number")],
    );
    check(
        "",
        "string",
        &["text", "5", "false"],
        &[("[a]", "expected a string, number or boolean, got a list")],
    );
    check("", "json", &["[1, {a: 2}]", "x"], &[]);
}

#[test]
fn maps_and_lists_check_every_entry() {
    let types = "Count:
  doc: \"A count.\"
  integer: {min: 1}
Counts:
  doc: \"Counts by name.\"
  map: {values: Count}
Bag:
  doc: \"Anything.\"
  map: {}
Counted:
  doc: \"Counts.\"
  array: {items: Count}
Numbers:
  doc: \"Numbers.\"
  array: {items: integer}";
    check(
        types,
        "Counts",
        &["{a: 1}", "{}"],
        &[
            ("{a: 1, b: 0}", "at `[b]`, `Count`: must be at least 1"),
            ("[]", "expected an object"),
        ],
    );
    check(
        types,
        "Bag",
        &["{a: [1]}", "[]"],
        &[("[1]", "expected an associative array")],
    );
    check(
        types,
        "Counted",
        &["[1, 2]", "[]"],
        &[
            ("[1, 0]", "at `[1]`, `Count`: must be at least 1"),
            ("1", "expected a list"),
        ],
    );
    // Inside a list a builtin is read strictly, like serde reads an i64.
    check(
        types,
        "Numbers",
        &["[1, -2]"],
        &[("[\"1\"]", "at `[0]`, expected an integer, got a string")],
    );
}

#[test]
fn unions_take_the_first_member_that_accepts_the_value() {
    let types = "Count:
  doc: \"A count.\"
  integer: {min: 1}
Word:
  doc: \"A word.\"
  string: {chars: \"a-z\"}
Level:
  doc: \"A level.\"
  enum: {values: [low, high]}
CountOrWord:
  doc: \"Either.\"
  union: {of: [Count, Word]}
LevelOrWord:
  doc: \"Either.\"
  union: {of: [Level, Word]}";
    check(
        types,
        "CountOrWord",
        &["3", "abc"],
        &[(
            "0",
            "no member reads it; expected a value of one of: Count, Word",
        )],
    );
    // An enum reads every text (an unknown value is kept), but a strict
    // read, as of a value to send, takes the first member that accepts it:
    // `abc` is a `Word`. Refused by every member, the first that reads it
    // says why.
    check(
        types,
        "LevelOrWord",
        &["low", "abc"],
        &[("ABC", "`Level`: expected one of \"low\", \"high\"")],
    );
}

#[test]
fn objects_need_their_required_fields_and_valid_ones() {
    let types = "Count:
  doc: \"A count.\"
  integer: {min: 1}
Port:
  doc: \"A port rule.\"
  object:
    fields:
      src: {type: Count, required: true}
      dest: {type: Count, default: 0}
      zone: {type: string}
      zone_id: {type: integer, required_if: {zone: null}}
      note: {type: Count, allow_empty: true}
Ports:
  doc: \"Port rules.\"
  array: {items: Port}";
    let port = "{type: Port, default: {src: 1, zone: a}}";
    assert_eq!(
        problem(&types.replace("default: 0", "default: 2"), port),
        None
    );
    // The object's own field default is checked where it is written.
    let message = problem(types, port).expect("dest's default 0 is refused");
    assert!(
        message.contains("default `0`: `Count`: must be at least 1"),
        "{message}"
    );
    let types = types.replace("default: 0", "default: 2");
    check(
        &types,
        "Port",
        &["{src: 1, zone_id: 3}", "{src: \"2\", zone: a, note: \"\"}"],
        &[
            ("{zone: a}", "`Port`: the required field `src` is missing"),
            ("{src: 0, zone: a}", "at `src`, `Count`: must be at least 1"),
            ("{src: 1}", "`zone_id` is required when `zone` is absent"),
            (
                "{src: 1, zone: a, srcc: 2}",
                "there is no field `srcc`; did you mean `src`?",
            ),
            ("{src: 1, zone: a, note: 0}", "at `note`, `Count`"),
            ("[]", "expected an object, got a list"),
        ],
    );
    check(
        &types,
        "Ports",
        &["[{src: 1, zone: a}]"],
        &[(
            "[{src: 1, zone: a}, {src: 5}]",
            "at `[1]`, `Port`: `zone_id` is required",
        )],
    );
}

#[test]
fn secret_defaults_are_never_shown() {
    let types = "Password:
  doc: \"A password.\"
  secret: true
  string: {min_length: 8, control_chars: {allow: []}}
Login:
  doc: \"A login.\"
  object:
    fields:
      user: {type: string, required: true}
      pass: {type: string, secret: true}";
    for (ty, default, says) in [
        (
            "Password",
            "\"hunter\\u0007\"",
            "expected at least 8 characters",
        ),
        (
            "Password",
            "\"hunter2hunter\\u0007\"",
            "character 14 is not allowed",
        ),
        (
            "Login",
            "{pass: hunter2}",
            "the required field `user` is missing",
        ),
    ] {
        let message = problem(types, &format!("{{type: {ty}, default: {default}}}")).unwrap();
        assert!(
            message.starts_with("the default of a secret member (not shown): "),
            "{message}"
        );
        assert!(message.contains(says), "{message}");
        assert!(
            !message.contains("hunter") && !message.contains("U+0007"),
            "{message}"
        );
    }
    // A secret list: its items are not shown either.
    let types = "Word:
  doc: \"A word.\"
  string: {chars: \"a-z\"}
Words:
  doc: \"Words.\"
  array: {items: Word}";
    let message = problem(
        types,
        "{type: Words, secret: true, default: [abc, \"ab\\u0007\"]}",
    )
    .unwrap();
    assert!(
        message.ends_with("at `[1]`, `Word`: character 3 is not allowed"),
        "{message}"
    );
    let message = problem("", "{type: integer, secret: true, default: pin}").unwrap();
    assert!(!message.contains("pin"), "{message}");
}

#[test]
fn null_is_no_default() {
    // YAML's `null` is an absent key to the spec model: there is no default.
    assert_eq!(problem("", "{type: integer, default: null}"), None);
}

#[test]
fn recursive_types_do_not_make_the_checker_loop() {
    // Unions that contain each other through another never read a value;
    // the checker gives up on them instead of trying forever.
    let types = "Ring:
  doc: \"One.\"
  union: {of: [Loop, integer]}
Loop:
  doc: \"Two.\"
  union: {of: [Ring, boolean]}
Tree:
  doc: \"A tree.\"
  object:
    fields:
      children: {type: Trees}
Trees:
  doc: \"Trees.\"
  array: {items: Tree}";
    assert!(problem(types, "{type: Ring, default: x}").is_some());
    assert_eq!(problem(types, "{type: Ring, default: 3}"), None);
    assert_eq!(
        problem(
            types,
            "{type: Tree, default: {children: [{children: []}, {}]}}"
        ),
        None
    );
    let message = problem(
        types,
        "{type: Tree, default: {children: [{children: [{kids: 1}]}]}}",
    )
    .unwrap();
    assert!(
        message.contains("at `children[0].children[0]`, `Tree`: there is no field `kids`"),
        "{message}"
    );
}
