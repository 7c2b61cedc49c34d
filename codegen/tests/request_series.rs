//! A numbered request series (`NS{n}` with `series: {first, max}`) becomes
//! one list field sent as `NS1`, `NS2`, …: the record declares its numbers,
//! its docs say how it travels, and `required_if` rules about it look at
//! its first value.

mod support;

fn generated_section(name: &str, params: &str) -> String {
    let spec = support::minimal_head()
        + "sections:
  Dns:
    doc: \"Name servers.\"
    methods:
      set:
        doc: \"Sets them.\"
        params:
" + params;
    support::generated_file(name, &spec, "dns.rs")
}

#[test]
fn a_series_is_one_list_field_with_its_numbers() {
    let section = generated_section(
        "request-series-list",
        "          NS{n}:
            type: string
            series: {first: 1, max: 12}
            rust_name: name_servers
            required_if: {UseDNS: null}
          UseDNS:
            type: string
            required_if:
              NS{n}: null
",
    );
    assert!(
        section
            .contains("            name_servers(\"NS{n}\") / with_name_servers [1..=12]: String,"),
        "{section}"
    );
    assert!(
        section.contains(
            "/// Sent as the numbered parameters `NS1` to `NS12`, in order: at most 12 values."
        ),
        "{section}"
    );
    // Present or absent as its first value is.
    assert!(
        section.contains("\"NS1\" if \"UseDNS\" absent;"),
        "{section}"
    );
    assert!(
        section.contains("\"UseDNS\" if \"NS1\" absent;"),
        "{section}"
    );
    assert!(!section.contains("NS2"), "{section}");
}

#[test]
fn a_required_series_from_another_first_number_says_so() {
    let section = generated_section(
        "request-series-required",
        "          Host{n}:
            type: string
            required: true
            series: {first: 0, max: 1}
            rust_name: hosts
",
    );
    assert!(
        section.contains("            hosts(\"Host{n}\") / with_hosts [0..=0 required]: String,"),
        "{section}"
    );
    assert!(
        section.contains("`Host0` to `Host0`, in order: at most 1 value, one at least."),
        "{section}"
    );
}

#[test]
fn a_series_without_max_is_open_ended() {
    let section = generated_section(
        "request-series-open",
        "          NS{n}:
            type: string
            series: {first: 1}
            rust_name: name_servers
",
    );
    assert!(
        section.contains("            name_servers(\"NS{n}\") / with_name_servers [1..]: String,"),
        "{section}"
    );
    assert!(
        section.contains("`NS1`, `NS2`, …, in order: as many values as given."),
        "{section}"
    );
}

/// A spec whose one method has `params` and `groups` as given.
fn groups_spec(name: &str, params: &str, groups: &str) -> std::path::PathBuf {
    let spec =
        support::minimal_head()
            + "sections:
  Mail:
    doc: \"Mail.\"
    methods:
      forward:
        doc: \"Sets forwardings.\"
        params:
          id: {type: integer}
" + params + "        groups:
" + groups + "        returns:
          ok: {type: string}
";
    let dir = support::temp_dir(name);
    std::fs::write(dir.join("api.yaml"), spec).unwrap();
    dir
}

/// `(rule, line, column)` of every error `generate` reports.
fn errors(dir: &std::path::Path) -> Vec<(String, u32, u32)> {
    let found = match hostapi_codegen::generate(dir) {
        Err(hostapi_codegen::Error::Spec(diagnostics)) => diagnostics
            .0
            .iter()
            .map(|d| (d.code.to_string(), d.pos.line, d.pos.column))
            .collect(),
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("{} generated", dir.display()),
    };
    let _ = std::fs::remove_dir_all(dir);
    found
}

#[test]
fn a_group_series_is_one_list_of_records_numbered_member_by_member() {
    let dir = groups_spec(
        "request-series-groups",
        "",
        "          entries:
            record: Entry
            required: true
            max: 50
            count: EntryCount
            members:
              Address{n}: {type: string, required: true}
              ForwardTo{n}: {type: string}
",
    );
    let generated = hostapi_codegen::generate(&dir).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let section = &generated
        .files
        .iter()
        .find(|f| f.path.ends_with("mail.rs"))
        .expect("the section's file")
        .contents;
    assert!(
        section.contains("    pub struct Entry: send {"),
        "{section}"
    );
    assert!(
        section.contains("        required { address(\"Address{n}\"): String }"),
        "{section}"
    );
    assert!(
        section.contains(
            "            entries / with_entries [1..=50 required] count \"EntryCount\": Entry,"
        ),
        "{section}"
    );
    assert!(
        section.contains(
            "`Address1`, `ForwardTo1` for the first, `Address2`, `ForwardTo2` for the second, \
             and so on, in order: at most 50 groups, one at least."
        ),
        "{section}"
    );
    assert!(
        section.contains("The client sets `EntryCount` to the number of groups."),
        "{section}"
    );
}

/// A bad form: its name, the `params` and `groups` it adds, and the one
/// error it must get, `(rule, line, column)`.
type BadGroup = (
    &'static str,
    &'static str,
    &'static str,
    (&'static str, u32, u32),
);

#[test]
fn each_bad_group_is_a_located_error_with_its_rule() {
    let cases: [BadGroup; 7] = [
        (
            "member-without-number",
            "",
            "          entries:\n            record: Entry\n            members:\n              Address: {type: string}\n",
            ("series-group", 28, 15),
        ),
        (
            "two-groups-one-key",
            "",
            "          entries:\n            record: Entry\n            members:\n              To{n}: {type: string}\n          \
             others:\n            record: Other\n            members:\n              to{n}: {type: string}\n",
            ("series-group", 32, 15),
        ),
        (
            "count-set-by-the-caller",
            "          DomainCount: {type: integer}\n",
            "          entries:\n            record: Entry\n            count: DomainCount\n            members:\n              To{n}: {type: string}\n",
            ("series-group", 28, 20),
        ),
        (
            "count-is-a-member",
            "",
            "          entries:\n            record: Entry\n            count: To1\n            members:\n              To{n}: {type: string}\n",
            ("series-group", 27, 20),
        ),
        (
            "member-meets-a-parameter",
            "          To7: {type: string}\n",
            "          entries:\n            record: Entry\n            members:\n              To{n}: {type: string}\n",
            ("series-group", 29, 15),
        ),
        (
            "no-members",
            "",
            "          entries:\n            record: Entry\n            members: {}\n",
            ("series-group", 26, 21),
        ),
        (
            "zero-groups",
            "",
            "          entries:\n            record: Entry\n            max: 0\n            members:\n              To{n}: {type: string}\n",
            ("series", 27, 18),
        ),
    ];
    for (name, params, groups, (rule, line, column)) in cases {
        let dir = groups_spec(&format!("request-series-{name}"), params, groups);
        assert_eq!(
            errors(&dir),
            vec![(rule.to_string(), line, column)],
            "{name}"
        );
    }
}

#[test]
fn a_group_in_a_response_or_a_record_named_like_another_is_refused() {
    // `groups` belongs to a method's request: a returned field cannot
    // hold members.
    let dir = groups_spec(
        "request-series-group-returned",
        "",
        "          entries:\n            record: ForwardResponse\n            members:\n              To{n}: {type: string}\n",
    );
    assert_eq!(
        errors(&dir),
        vec![("name-collision".to_string(), 26, 21)],
        "the record may not take the response's name"
    );
    let spec = support::minimal_head()
        + "sections:
  Mail:
    doc: \"Mail.\"
    methods:
      forward:
        doc: \"Sets forwardings.\"
        returns:
          entries: {type: string, members: {To{n}: {type: string}}}
";
    let dir = support::temp_dir("request-series-group-in-returns");
    std::fs::write(dir.join("api.yaml"), spec).unwrap();
    assert_eq!(errors(&dir), vec![("unknown-key".to_string(), 23, 35)]);
}

#[test]
fn a_group_on_a_method_with_its_own_binding_is_refused() {
    let spec = support::minimal_head()
        + "sections:
  Mail:
    doc: \"Mail.\"
    methods:
      forward:
        doc: \"Sets forwardings.\"
        http: {method: put, path: /forwards}
        groups:
          entries:
            record: Entry
            members:
              To{n}: {type: string}
        returns:
          ok: {type: string}
";
    let dir = support::temp_dir("request-series-group-bound");
    std::fs::write(dir.join("api.yaml"), spec).unwrap();
    assert_eq!(errors(&dir), vec![("series-group".to_string(), 24, 11)]);
}
