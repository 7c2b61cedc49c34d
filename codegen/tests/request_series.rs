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
    let dir = support::temp_dir(name);
    std::fs::write(dir.join("api.yaml"), spec).unwrap();
    let generated = hostapi_codegen::generate(&dir).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    generated
        .files
        .into_iter()
        .find(|f| f.path.ends_with("dns.rs"))
        .expect("the section's file")
        .contents
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
