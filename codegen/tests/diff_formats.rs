//! Every output format of `diff`, snapshot-tested on one comparison with
//! findings of each level; JSON and SARIF parse back, and spec text cannot
//! inject Markdown.

mod diff_cases;

use hostapi_codegen::diff::Level;
use hostapi_codegen::diff::render::{Format, render};

/// Several cases' edits at once: a breaking, a warning and an info finding.
fn comparison() -> hostapi_codegen::diff::Comparison {
    let base = diff_cases::base();
    let new = base
        .replace("          coupon: {type: string}\n", "")
        .replace("default: 0", "default: 1")
        .replace(
            "note: {type: string, optional: true}",
            "note: {type: string, rust_name: remark, optional: true}",
        );
    diff_cases::compare(&base, &new)
}

#[test]
fn formats() {
    let comparison = comparison();
    assert!(comparison.count(Level::Breaking) > 0);
    assert!(comparison.count(Level::Warning) > 0);
    assert!(comparison.count(Level::Info) > 0);
    for name in Format::NAMES {
        let format = Format::from_name(name).unwrap();
        let out = render(&comparison, format, Level::Breaking);
        if matches!(format, Format::Json | Format::Sarif) {
            serde_json::from_str::<serde_json::Value>(&out).expect("valid JSON");
        }
        insta::assert_snapshot!(format!("diff_{name}"), out);
    }
}

#[test]
fn nothing_changed_says_so() {
    let base = diff_cases::base();
    let comparison = diff_cases::compare(&base, &base);
    let markdown = render(&comparison, Format::Markdown, Level::Breaking);
    assert!(markdown.contains("no changes"), "{markdown}");
}

#[test]
fn spec_names_cannot_inject_markdown() {
    let base = diff_cases::base();
    let hostile = "\"x](https://evil.test) | <b>\"";
    let new = base.replace(
        "          coupon: {type: string}\n",
        &format!("          coupon: {{type: string}}\n          {hostile}: {{type: string}}\n"),
    );
    let comparison = diff_cases::compare(&base, &new);
    let markdown = render(&comparison, Format::Markdown, Level::Breaking);
    assert!(!markdown.contains("](https://evil.test)"), "{markdown}");
    assert!(!markdown.contains("<b>"), "{markdown}");
    assert!(
        markdown.contains("\\]\\(https://evil.test\\) \\| &lt;b&gt;"),
        "{markdown}"
    );
}
