//! Every diff rule has a fixture case that triggers it at the documented
//! level and direction; a spec compared with itself reports nothing.

mod diff_cases;

use std::collections::BTreeSet;

use hostapi_codegen::diff::{self, Level};

#[test]
fn every_case_reports_its_rule_at_its_level() {
    let base = diff_cases::base();
    let mut failures = Vec::new();
    for case in diff_cases::cases() {
        let (old, new) = case.sides(&base);
        let comparison = match diff_cases::try_compare(&old, &new) {
            Ok(comparison) => comparison,
            Err(error) => {
                failures.push(format!("{}: {error}", case.rule));
                continue;
            }
        };
        let found = comparison.findings.iter().find(|f| {
            f.rule == case.rule
                && case
                    .direction
                    .as_deref()
                    .is_none_or(|d| d == f.direction.as_str())
        });
        match found {
            None => failures.push(format!(
                "{}: not reported; found {:?}",
                case.rule,
                comparison
                    .findings
                    .iter()
                    .map(|f| f.rule)
                    .collect::<Vec<_>>()
            )),
            Some(f) if f.level != Level::from_name(&case.level).expect("a level") => {
                failures.push(format!(
                    "{}: level {}, expected {}",
                    case.rule, f.level, case.level
                ));
            }
            Some(f) => {
                assert!(f.old.is_some() || f.new.is_some(), "{f:?}");
                assert!(diff::rule(f.rule).is_some());
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_case() {
    let covered: BTreeSet<String> = diff_cases::cases().into_iter().map(|c| c.rule).collect();
    let missing: Vec<&str> = diff::RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !covered.contains(*id))
        .collect();
    assert!(missing.is_empty(), "rules without a case: {missing:?}");
    for id in &covered {
        assert!(diff::rule(id).is_some(), "case for unknown rule {id}");
    }
}

#[test]
fn the_base_compared_with_itself_reports_nothing() {
    let base = diff_cases::base();
    let comparison = diff_cases::compare(&base, &base);
    assert!(comparison.findings.is_empty(), "{:?}", comparison.findings);
    assert_eq!(comparison.impact(), None);
}

#[test]
fn both_places_point_at_the_changed_text() {
    let base = diff_cases::base();
    let new = base.replace("coupon: {type: string}", "voucher: {type: string}");
    let comparison = diff_cases::compare(&base, &new);
    let renamed = comparison
        .findings
        .iter()
        .find(|f| f.rule == "param-renamed")
        .expect("a rename");
    let line = |text: &str, pos: hostapi_codegen::spec::span::Pos| {
        let line = text.lines().nth(pos.line as usize - 1).unwrap();
        line.chars()
            .skip(pos.column as usize - 1)
            .collect::<String>()
    };
    let old = renamed.old.as_ref().unwrap();
    let new_place = renamed.new.as_ref().unwrap();
    assert!(line(&base, old.pos).starts_with("coupon"), "{old}");
    assert!(
        line(&new, new_place.pos).starts_with("voucher"),
        "{new_place}"
    );
    assert!(old.file.ends_with("old/shop.yaml") && new_place.file.ends_with("new/shop.yaml"));
}

#[test]
fn a_sent_enum_may_grow_but_a_received_one_may_not() {
    let base = diff_cases::base();
    let grown = |ty: &str| {
        let find =
            format!("  {ty}:\n    doc: one of red, green\n    enum: {{values: [red, green]}}");
        let replace = find.replace("[red, green]", "[red, green, blue]");
        diff_cases::compare(&base, &base.replace(&find, &replace))
    };
    let sent = grown("SentColour");
    let received = grown("GotColour");
    let level = |c: &diff::Comparison| {
        c.findings
            .iter()
            .find(|f| f.rule == "enum-value-added")
            .unwrap()
            .level
    };
    assert_eq!(level(&sent), Level::Info);
    assert_eq!(level(&received), Level::Breaking);
}

/// docs/diff.md's row for a rule.
fn docs_row(rule: &diff::DiffRule) -> String {
    let effect = |e: diff::registry::Effect| format!("{} / {}", e.level, e.impact);
    format!(
        "| `{}` | {} | {} | {} | {} |",
        rule.id,
        rule.summary,
        effect(rule.request),
        effect(rule.response),
        rule.rationale
    )
}

#[test]
fn docs_list_every_rule_with_its_levels() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/diff.md");
    let docs = std::fs::read_to_string(path).unwrap_or_default();
    let missing: Vec<String> = diff::RULES
        .iter()
        .map(docs_row)
        .filter(|row| !docs.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/diff.md lacks these rows:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_single_value_that_became_a_series_is_numbered_not_renamed() {
    let base = diff_cases::base();
    let coupon = "coupon: {type: string}";
    let rules = |old: &str, new: &str| {
        let comparison =
            diff_cases::compare(&base.replace(coupon, old), &base.replace(coupon, new));
        comparison
            .findings
            .iter()
            .map(|f| f.rule)
            .collect::<Vec<_>>()
    };
    let series = "coupon{n}: {type: string, series: {max: 2}}";
    // `coupon` and `coupon1` both stand where `coupon{n}`'s first value goes.
    for single in ["coupon: {type: string}", "coupon1: {type: string}"] {
        assert_eq!(rules(single, series), ["series-added"], "{single}");
        assert_eq!(rules(series, single), ["series-removed"], "{single}");
    }
    // Numbered from 0, `coupon1` is its second value: another member.
    let from_zero = "coupon{n}: {type: string, series: {first: 0, max: 2}}";
    let found = rules("coupon1: {type: string}", from_zero);
    assert!(!found.contains(&"series-added"), "{found:?}");
    // A series whose name says nothing of the old one is another member.
    let found = rules(coupon, "voucher{n}: {type: string, series: {max: 2}}");
    assert!(!found.contains(&"series-added"), "{found:?}");
}

#[test]
fn a_group_renamed_on_the_rust_side_is_reported_though_the_wire_is_the_same() {
    let base = diff_cases::base();
    let coupon = "          coupon: {type: string}\n";
    let with_group = |key: &str, record: &str| {
        base.replace(
            coupon,
            &format!(
                "{coupon}        groups:\n          {key}:\n            record: {record}\n            \
                 members:\n              Gift{{n}}: {{type: string}}\n              \
                 GiftNote{{n}}: {{type: string}}\n"
            ),
        )
    };
    let found = |old: &str, new: &str| -> Vec<String> {
        diff_cases::compare(old, new)
            .findings
            .iter()
            .map(|f| format!("{}: {}", f.rule, f.message))
            .collect()
    };
    let before = with_group("gifts", "Gift");
    assert_eq!(found(&before, &before), Vec::<String>::new());
    let record = found(&before, &with_group("gifts", "GiftCard"));
    assert_eq!(record.len(), 1, "{record:?}");
    assert!(
        record[0].starts_with("rust-name-changed: group `gifts`")
            && record[0].contains("record: Rust name `Gift` is now `GiftCard`"),
        "{record:?}"
    );
    // The key names the request's field; the same members are the same group.
    let field = found(&before, &with_group("presents", "Gift"));
    assert_eq!(field.len(), 1, "{field:?}");
    assert!(
        field[0].contains("Rust name `gifts` is now `presents`"),
        "{field:?}"
    );
}
