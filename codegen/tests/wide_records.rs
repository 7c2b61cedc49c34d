//! A received record with more fields in one group than the runtime reads
//! as one tuple (`MAX_GROUP_FIELDS`) goes out as several groups of that
//! kind, in the spec's order; a record only sent keeps its groups whole.

mod support;

use hostapi_codegen::emit::MAX_GROUP_FIELDS;

fn generated_section(params: usize, returned: usize) -> String {
    let mut spec = support::minimal_head()
        + "sections:
  Wide:
    doc: \"Many fields.\"
    methods:
      get:
        doc: \"Gets them.\"
        params:
";
    for i in 0..params {
        spec += &format!("          p{i:03}: {{type: string, required: false}}\n");
    }
    spec += "        returns:\n";
    for i in 0..returned {
        spec += &format!("          f{i:03}: {{type: string}}\n");
    }
    support::generated_file(
        &format!("wide-records-{params}-{returned}"),
        &spec,
        "wide.rs",
    )
}

/// The record named `name`'s text, from its `pub struct` line to the end
/// of its `record!` invocation.
fn record<'a>(section: &'a str, name: &str) -> &'a str {
    let start = section
        .find(&format!("pub struct {name}:"))
        .unwrap_or_else(|| panic!("no record {name} in\n{section}"));
    let end = section[start..]
        .find("\n}\n")
        .map_or(section.len(), |e| start + e);
    &section[start..end]
}

#[test]
fn long_groups_are_split_in_order() {
    let params = 2 * MAX_GROUP_FIELDS + 3;
    let returned = 2 * MAX_GROUP_FIELDS + 1;
    let section = generated_section(params, returned);

    // Only sent: never read as tuples, so one group.
    let request = record(&section, "GetRequest");
    assert_eq!(request.matches("optional {").count(), 1, "{request}");
    let response = record(&section, "GetResponse");
    assert_eq!(response.matches("required {").count(), 3, "{response}");

    // Every field once, in the spec's order, whatever group holds it.
    let order = |text: &str, prefix: char| -> Vec<String> {
        text.split_whitespace()
            .map(|word| word.trim_end_matches(':'))
            .filter(|word| {
                word.len() == 4
                    && word.starts_with(prefix)
                    && word[1..].bytes().all(|b| b.is_ascii_digit())
            })
            .map(str::to_string)
            .collect()
    };
    let expected: Vec<String> = (0..params).map(|i| format!("p{i:03}")).collect();
    assert_eq!(order(request, 'p'), expected);
    let expected: Vec<String> = (0..returned).map(|i| format!("f{i:03}")).collect();
    assert_eq!(order(response, 'f'), expected);
}

#[test]
fn a_group_at_the_limit_stays_whole() {
    let section = generated_section(MAX_GROUP_FIELDS, MAX_GROUP_FIELDS);
    assert_eq!(
        record(&section, "GetRequest").matches("optional {").count(),
        1
    );
    assert_eq!(
        record(&section, "GetResponse")
            .matches("required {")
            .count(),
        1
    );
}
