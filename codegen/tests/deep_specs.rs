//! A hostile spec's very long chain of types (each holding the next) is
//! refused with a located `type-depth` error by `generate` and `lint`
//! alike, without exhausting the stack on the way (test threads have 2 MiB).

mod support;

use std::path::PathBuf;

use hostapi_codegen::lint;

fn spec(links: usize) -> String {
    let mut text = support::minimal_head()
        + "sections:
  Things:
    doc: Things.
    methods:
      get:
        doc: Gets the chain.
        params:
          value: {type: T0}
        returns:
          value: {type: T0}
types:
";
    for i in 0..links {
        let next = format!("T{}", i + 1);
        let rule = match i % 3 {
            0 => format!("object: {{fields: {{next: {{type: {next}}}}}}}"),
            1 => format!("array: {{items: {next}}}"),
            _ => format!("map: {{values: {next}}}"),
        };
        text.push_str(&format!("  T{i}: {{doc: Link., {rule}}}\n"));
    }
    text.push_str(&format!("  T{links}: {{doc: End., integer: {{}}}}\n"));
    text
}

#[test]
fn a_chain_of_thousands_of_types_is_a_located_error() {
    let dir = support::temp_dir("deep");
    let file: PathBuf = dir.join("deep.yaml");
    std::fs::write(&file, spec(10_000)).unwrap();

    let error = hostapi_codegen::generate(&file).unwrap_err().to_string();
    assert!(error.contains("error[type-depth]"), "{error}");
    assert_eq!(error.matches("error[").count(), 1, "reported once: {error}");

    let report = lint::lint_paths(std::slice::from_ref(&file));
    let depth: Vec<_> = report
        .findings
        .iter()
        .filter(|d| d.code == "type-depth")
        .collect();
    assert_eq!(depth.len(), 1, "{:?}", report.findings);
    assert!(depth[0].pos.is_known());
    let _ = std::fs::remove_dir_all(&dir);
}
