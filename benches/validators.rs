//! Each generated validator against the `regex` crate doing the same check,
//! side by side in one run, so the ratio survives a noisy machine.
//!
//! Run: `cargo bench --bench validators`. Results and ratios are written
//! down in docs/benchmarks.md.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hostapi::liquidweb_bleed::types::*;
use hostapi::liquidweb_types::{Cvv2, SubaccntUsername, Word};
use hostapi::runtime::newtype::StringConstraint;
use regex::Regex;

/// One validator, the regex that states the same rule (plus any length
/// check a regex without look-ahead cannot express), a valid value, and
/// invalid values both must refuse.
struct Case {
    name: &'static str,
    check: fn(&str) -> bool,
    regex: &'static str,
    regex_extra: fn(&str) -> bool,
    valid: String,
    invalid: Vec<String>,
}

fn check<T: StringConstraint>(value: &str) -> bool {
    T::check(value).is_ok()
}

fn always(_: &str) -> bool {
    true
}

const LABEL: &str = r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";

fn cases() -> Vec<Case> {
    let octet = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    vec![
        Case {
            name: "SingleUseHash (27 or 86 characters)",
            check: check::<SingleUseHash>,
            regex: r"(?s)\A(?:.{27}|.{86})\z",
            regex_extra: always,
            valid: "a".repeat(27),
            invalid: vec!["a".repeat(28), "a".repeat(85)],
        },
        Case {
            name: "SubaccntUniqId (6 of A-Z0-9)",
            check: check::<SubaccntUniqId>,
            regex: r"\A[A-Z0-9]{6}\z",
            regex_extra: always,
            valid: "AB12CD".into(),
            invalid: vec!["AB12C".into(), "ab12cd".into()],
        },
        Case {
            name: "Cvv2 (3 or 4 digits)",
            check: check::<Cvv2>,
            regex: r"\A[0-9]{3,4}\z",
            regex_extra: always,
            valid: "123".into(),
            invalid: vec!["12".into(), "12a".into()],
        },
        Case {
            name: "Word (1 or more of A-Za-z0-9)",
            check: check::<Word>,
            regex: r"\A[A-Za-z0-9]+\z",
            regex_extra: always,
            valid: "domainRenewal2024".into(),
            invalid: vec![String::new(), "two words".into()],
        },
        Case {
            name: "SubaccntUsername (at most 20 of A-Za-z0-9._-)",
            check: check::<SubaccntUsername>,
            regex: r"\A[-.0-9A-Z_a-z]{0,20}\z",
            regex_extra: always,
            valid: "john.doe_01".into(),
            invalid: vec!["j".repeat(21), "john doe".into()],
        },
        Case {
            name: "AccountUsername",
            check: check::<AccountUsername>,
            regex: r"\A[a-zA-Z0-9][a-zA-Z0-9._-]{0,19}\z",
            regex_extra: always,
            valid: "john.doe_01".into(),
            invalid: vec!["_john".into(), "j".repeat(21)],
        },
        Case {
            name: "Base64 (40 characters)",
            check: check::<Base64>,
            regex: r"\A[A-Za-z0-9+/]*={0,2}\z",
            regex_extra: always,
            valid: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MTIz".into(),
            invalid: vec!["QUJD===".into(), "QU JD".into()],
        },
        Case {
            name: "IpDec",
            check: check::<IpDec>,
            regex: Box::leak(format!(r"\A(?:{octet}\.){{3}}{octet}\z").into_boxed_str()),
            regex_extra: always,
            valid: "192.168.100.200".into(),
            invalid: vec!["256.1.1.1".into(), "1.2.3".into()],
        },
        Case {
            name: "Hostname",
            check: check::<Hostname>,
            regex: Box::leak(format!(r"\A{LABEL}(?:\.{LABEL})+\z").into_boxed_str()),
            regex_extra: |v| v.len() <= 253,
            valid: "www.liquidweb.com".into(),
            invalid: vec!["localhost".into(), "-a.com".into()],
        },
        Case {
            name: "EmailAddr",
            check: check::<EmailAddr>,
            regex: Box::leak(
                format!(r"\A[a-zA-Z0-9!#$%&'*+/=?^_`{{|}}~-]+(?:\.[a-zA-Z0-9!#$%&'*+/=?^_`{{|}}~-]+)*@{LABEL}(?:\.{LABEL})*\z")
                    .into_boxed_str(),
            ),
            regex_extra: |v| v.len() <= 254 && v.find('@').is_some_and(|at| at <= 64),
            valid: "first.last@example.com".into(),
            invalid: vec!["first..last@example.com".into(), "nobody".into()],
        },
        Case {
            name: "DateValid (regex cannot check month lengths)",
            check: check::<DateValid>,
            regex: r"\A[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\z",
            regex_extra: always,
            valid: "2024-02-29".into(),
            invalid: vec!["2024-13-01".into(), "2024-1-01".into()],
        },
        Case {
            name: "TimestampValid",
            check: check::<TimestampValid>,
            regex: r"\A[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]) (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\z",
            regex_extra: always,
            valid: "2024-02-29 23:59:59".into(),
            invalid: vec!["2024-02-29 24:00:00".into(), "2024-02-29".into()],
        },
        Case {
            name: "Price (2 to 5 decimals, above zero)",
            check: check::<Price>,
            regex: r"\A[0-9]*\.[0-9]{2,5}\z",
            regex_extra: |v| v.bytes().any(|b| (b'1'..=b'9').contains(&b)),
            valid: "12.345".into(),
            invalid: vec!["12.3".into(), "0.00".into()],
        },
        Case {
            name: "StormInstancePassword (3 of 4 classes; regex needs 5 passes)",
            check: check::<StormInstancePassword>,
            regex: r"\A[^ ]{7,30}\z",
            regex_extra: |v| {
                static CLASSES: std::sync::OnceLock<[Regex; 4]> = std::sync::OnceLock::new();
                let classes = CLASSES.get_or_init(|| {
                    [r"\p{Ll}", r"\p{Lu}", r"[0-9]", r"[^\p{L}0-9\s\p{Cc}]"].map(|p| Regex::new(p).unwrap())
                });
                classes.iter().filter(|r| r.is_match(v)).count() >= 3
            },
            valid: "Hunter2Hunter".into(),
            invalid: vec!["hunter2hunter".into(), "Hunt 2Hunter!".into()],
        },
        Case {
            name: "Line (80 characters)",
            check: check::<Line>,
            regex: r"\A[^\p{Cc}]*\z",
            regex_extra: always,
            valid: "A short line of text that a user typed, with no breaks in it at all; ok!!".into(),
            invalid: vec!["two\nlines".into()],
        },
        Case {
            name: "TextGeneral (1 MiB)",
            check: check::<TextGeneral>,
            regex: r"\A[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*\z",
            regex_extra: always,
            valid: {
                let line = "Ticket text with\ttabs, accents (é, ©) and line breaks.\r\n";
                line.repeat((1 << 20) / line.len() + 1)[..(1 << 20) - 2].to_string() + "\r\n"
            },
            invalid: vec!["bell\u{7}".into(), "next line\u{85}".into()],
        },
    ]
}

fn bench(c: &mut Criterion) {
    for case in cases() {
        let regex = Regex::new(case.regex).expect("benchmark regex compiles");
        let by_regex = |v: &str| regex.is_match(v) && (case.regex_extra)(v);
        // Both must agree before their speed is worth comparing.
        assert!(
            (case.check)(&case.valid),
            "{}: valid value refused",
            case.name
        );
        assert!(
            by_regex(&case.valid),
            "{}: regex refuses the valid value",
            case.name
        );
        for bad in &case.invalid {
            assert!(!(case.check)(bad), "{}: accepts {bad:?}", case.name);
            assert!(!by_regex(bad), "{}: regex accepts {bad:?}", case.name);
        }
        let mut group = c.benchmark_group(case.name);
        group.throughput(Throughput::Bytes(case.valid.len() as u64));
        group.bench_function("specialised", |b| {
            b.iter(|| (case.check)(black_box(&case.valid)))
        });
        group.bench_function("regex", |b| b.iter(|| by_regex(black_box(&case.valid))));
        group.finish();
    }
}

/// Criterion times the two sides one after the other, and this shared
/// machine drifts between them; this measures them interleaved (rounds of a
/// batch of each, order alternating) and prints the median per-call times
/// and their ratio, which is the figure docs/benchmarks.md reports.
fn interleaved(_: &mut Criterion) {
    const ROUNDS: usize = 101;
    println!("\ninterleaved medians ({ROUNDS} rounds; specialised, regex, ratio):");
    let mut all = cases();
    // The harness alone: a check that does nothing, called the same way.
    all.insert(
        0,
        Case {
            name: "(harness floor: a check that does nothing)",
            check: always,
            regex: r"\A",
            regex_extra: always,
            valid: "AB12CD".into(),
            invalid: Vec::new(),
        },
    );
    for case in all {
        let regex = Regex::new(case.regex).expect("benchmark regex compiles");
        let by_regex = |v: &str| regex.is_match(v) && (case.regex_extra)(v);
        // About 2 ms of work per batch and side.
        let batch = (2_000_000 / (case.valid.len() * 8).max(50)).max(1);
        fn time(f: impl Fn(&str) -> bool, value: &str, batch: usize) -> f64 {
            let start = std::time::Instant::now();
            for _ in 0..batch {
                black_box(f(black_box(value)));
            }
            start.elapsed().as_secs_f64() * 1e9 / batch as f64
        }
        let value = case.valid.as_str();
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            if round % 2 == 0 {
                ours.push(time(case.check, value, batch));
                theirs.push(time(by_regex, value, batch));
            } else {
                theirs.push(time(by_regex, value, batch));
                ours.push(time(case.check, value, batch));
            }
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let (ours, theirs) = (median(&mut ours), median(&mut theirs));
        println!(
            "| {} | {ours:.1} ns | {theirs:.1} ns | {:.1}× |",
            case.name,
            theirs / ours
        );
    }
}

criterion_group!(benches, bench, interleaved);
criterion_main!(benches);
