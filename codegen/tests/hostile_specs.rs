//! Hostile specs: whole spec files with hostile content in every place spec
//! text can reach (names, docs, wire names, constraints, defaults, type
//! graphs, file names, `uses`), checked against the generator's promises:
//! nothing panics, lint and generate agree, every rejection is a located
//! diagnostic, and an accepted spec's output holds no spec text as code and
//! nothing rustc or rustdoc would trip on (see `hostile/check.rs`).
//!
//! One test per kind of hostile place, so a broken class in one does not
//! hide another. Each test runs every case, and for each property that
//! breaks, shrinks the first case that broke it to a minimal one that still
//! does, then fails listing them all.
//!
//! Knobs (environment):
//! - `PROPTEST_CASES`: cases per test (default 40).
//! - `HOSTAPI_HOSTILE_LONG=1`: a long local run (2000 cases per test, 24
//!   compiled samples, longer shrinking).
//! - `HOSTAPI_HOSTILE_SEED`: the base seed (default fixed, so CI is
//!   reproducible); a failure names the seed and case to re-run.
//! - `HOSTAPI_HOSTILE_CRATES`: how many accepted specs `sampled_specs_compile`
//!   builds (default 3); `HOSTAPI_HOSTILE_DOCTEST=1` also runs their doctests.
//! - `HOSTAPI_HOSTILE_TRACE=1`: print each case before checking it (to find
//!   the spec behind an abort such as a stack overflow).

mod hostile;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use hostile::case::Case;
use hostile::check::{Violations, check_case};
use hostile::strategy::{Focus, case};
use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn long_run() -> bool {
    std::env::var_os("HOSTAPI_HOSTILE_LONG").is_some_and(|v| v != "0")
}

fn cases_per_test() -> u64 {
    env_number("PROPTEST_CASES").unwrap_or(if long_run() { 2000 } else { 40 })
}

fn base_seed() -> u64 {
    env_number("HOSTAPI_HOSTILE_SEED").unwrap_or(0x686f_7374_696c_6521)
}

/// A runner whose first tree is case `index` of `focus` under `seed`, so
/// any case can be made again (to shrink it, or to reproduce it).
fn runner(seed: u64, focus: &Focus, index: u64) -> TestRunner {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&index.to_le_bytes());
    for (i, b) in focus.name.bytes().take(16).enumerate() {
        bytes[16 + i] = b;
    }
    TestRunner::new_with_rng(
        Config {
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    )
}

fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{}-{name}", std::process::id()))
}

/// The smallest case the tree shrinks to that still breaks `property`.
fn shrink(
    strategy: &BoxedStrategy<Case>,
    mut runner: TestRunner,
    property: &'static str,
    dir: &Path,
) -> (Case, Violations) {
    let mut tree = strategy.new_tree(&mut runner).expect("a case");
    let first = tree.current();
    let mut best = (first.clone(), check_case(&first, dir).violations);
    let (limit, budget) = if long_run() {
        (5000, Duration::from_secs(120))
    } else {
        (500, Duration::from_secs(8))
    };
    let started = Instant::now();
    let mut steps = 0;
    if !tree.simplify() {
        return best;
    }
    while steps < limit && started.elapsed() < budget {
        steps += 1;
        let candidate = tree.current();
        let outcome = check_case(&candidate, dir);
        if outcome.violations.has(property) {
            best = (candidate, outcome.violations);
            if !tree.simplify() {
                break;
            }
        } else if !tree.complicate() {
            break;
        }
    }
    best
}

/// Runs the cases of `focus`; fails with a minimal case per broken property.
fn run(focus: Focus) {
    let strategy = case(focus);
    let seed = base_seed();
    let cases = cases_per_test();
    let dir = scratch(focus.name);
    let trace = std::env::var_os("HOSTAPI_HOSTILE_TRACE").is_some();
    let mut broken: BTreeMap<&'static str, (u64, Case, Violations)> = BTreeMap::new();
    let mut accepted = 0;
    let mut rejections: BTreeMap<&'static str, u64> = BTreeMap::new();
    let started = Instant::now();
    let mut shrinking = Duration::ZERO;
    for index in 0..cases {
        let mut runner = runner(seed, &focus, index);
        let case = strategy.new_tree(&mut runner).expect("a case").current();
        if trace {
            eprintln!("case {index} of {}:\n{case:?}", focus.name);
        }
        let outcome = check_case(&case, &dir);
        accepted += u64::from(outcome.accepted);
        if trace {
            for d in &outcome.rejected_by {
                eprintln!("  rejected: {d}");
            }
        }
        let mut rules: Vec<&str> = outcome.rejected_by.iter().map(|d| d.code).collect();
        rules.sort();
        rules.dedup();
        for rule in rules {
            *rejections.entry(rule).or_default() += 1;
        }
        for violation in &outcome.violations.0 {
            if broken.contains_key(violation.property) {
                continue;
            }
            // Shrinking is capped per test, so a run that breaks many
            // properties still ends in reasonable time.
            let entry = if long_run() || shrinking < Duration::from_secs(30) {
                let shrink_started = Instant::now();
                let (small, violations) = shrink(
                    &strategy,
                    self::runner(seed, &focus, index),
                    violation.property,
                    &dir,
                );
                shrinking += shrink_started.elapsed();
                (index, small, violations)
            } else {
                (index, case.clone(), outcome.violations.clone())
            };
            broken.insert(violation.property, entry);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "{}: {cases} cases in {:.1} s (+{:.1} s shrinking), {accepted} accepted by generate; rejections by rule: {rejections:?}",
        focus.name,
        (started.elapsed() - shrinking).as_secs_f64(),
        shrinking.as_secs_f64()
    );
    let mut report = String::new();
    for (property, (index, case, violations)) in &broken {
        report.push_str(&format!(
            "\n=== property `{property}` broken (seed {seed}, case {index} of `{}`), smallest case found:\n{case:?}\n{}",
            focus.name,
            describe(property, violations)
        ));
    }
    assert!(
        broken.is_empty(),
        "{} properties broken by hostile specs (re-run one with HOSTAPI_HOSTILE_SEED={seed}):{report}",
        broken.len()
    );
    // The cases must reach generation, or the output checks test nothing.
    assert!(
        accepted * 5 >= cases,
        "only {accepted} of {cases} `{}` cases were accepted: the strategy is too hostile to test the output",
        focus.name
    );
}

/// The first findings of `property`.
fn describe_only(property: &str, violations: &Violations) -> String {
    let own: Vec<_> = violations
        .0
        .iter()
        .filter(|v| v.property == property)
        .collect();
    let mut text = String::new();
    for v in own.iter().take(3) {
        text.push_str(&format!("  [{}] {}\n", v.property, v.detail));
    }
    if own.len() > 3 {
        text.push_str(&format!("  … and {} more like these\n", own.len() - 3));
    }
    text
}

/// What a case breaks: the property's first findings, then the names of
/// the others it breaks too.
fn describe(property: &str, violations: &Violations) -> String {
    let mut text = describe_only(property, violations);
    let mut others: Vec<&str> = violations
        .0
        .iter()
        .map(|v| v.property)
        .filter(|p| *p != property)
        .collect();
    others.sort();
    others.dedup();
    if !others.is_empty() {
        text.push_str(&format!(
            "  (this case also breaks: {})\n",
            others.join(", ")
        ));
    }
    text
}

/// Runs `f` on a thread with a main thread's stack (build scripts call the
/// generator on theirs), so long type chains are judged fairly.
fn on_big_stack(f: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(f)
        .expect("a thread");
    if let Err(panic) = handle.join() {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn hostile_names() {
    on_big_stack(|| run(Focus::NAMES));
}

#[test]
fn hostile_text() {
    on_big_stack(|| run(Focus::TEXT));
}

#[test]
fn hostile_constraints_and_defaults() {
    on_big_stack(|| run(Focus::CONSTRAINTS));
}

#[test]
fn hostile_type_graphs() {
    on_big_stack(|| run(Focus::GRAPHS));
}

#[test]
fn hostile_files_and_uses() {
    on_big_stack(|| run(Focus::FILES));
}

#[test]
fn hostile_everything() {
    on_big_stack(|| run(Focus::EVERYTHING));
}

/// The smallest spec of every class found so far, each checked like a
/// generated case.
#[test]
fn known_hostile_specs() {
    let dir = scratch("known");
    let mut report = String::new();
    let mut broken = 0;
    for (i, (what, case)) in hostile::known::cases().into_iter().enumerate() {
        let outcome = check_case(&case, &dir.join(i.to_string()));
        let mut properties: Vec<&str> = outcome.violations.0.iter().map(|v| v.property).collect();
        properties.sort();
        properties.dedup();
        if properties.is_empty() {
            continue;
        }
        broken += 1;
        report.push_str(&format!(
            "\n=== {what}: breaks {}\n{case:?}\n",
            properties.join(", ")
        ));
        for property in properties {
            report.push_str(&describe_only(property, &outcome.violations));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        report.is_empty(),
        "{broken} known hostile specs still break properties:{report}"
    );
}

/// A handful of accepted hostile specs (deterministic: the first accepted
/// cases of each focus in turn) are written out with `hostapi-codegen
/// crate` and built by cargo; with `HOSTAPI_HOSTILE_DOCTEST=1`,
/// their doctests run too, and there must be none (the generator writes no
/// code blocks, so any doctest is spec text).
#[test]
fn sampled_specs_compile() {
    let wanted = env_number("HOSTAPI_HOSTILE_CRATES").unwrap_or(if long_run() { 24 } else { 3 });
    let doctests = std::env::var_os("HOSTAPI_HOSTILE_DOCTEST").is_some_and(|v| v != "0");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let target: PathBuf = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let seed = base_seed();
    let dir = scratch("crates");
    let mut failures = Vec::new();
    let mut built = 0;
    let mut index = 0;
    while built < wanted && index < wanted * 40 {
        let focus = Focus::ALL[(index % Focus::ALL.len() as u64) as usize];
        let case_index = 100_000 + index / Focus::ALL.len() as u64;
        index += 1;
        let case = case(focus)
            .new_tree(&mut runner(seed, &focus, case_index))
            .expect("a case")
            .current();
        let case_dir = dir.join(format!("case-{built}"));
        if !check_case(&case, &case_dir).accepted {
            continue;
        }
        built += 1;
        let out = case_dir.join("out");
        let name = format!("hostile-sample-{built}");
        let status = Command::new(env!("CARGO_BIN_EXE_hostapi-codegen"))
            .args(["crate", "--spec"])
            .arg(case_dir.join("spec"))
            .arg("--out")
            .arg(&out)
            .args(["--name", &name])
            // Local development's runtime: the sampled crates build against
            // this tree's runtime without a registry.
            .arg("--runtime-path")
            .arg(root.join("runtime"))
            .output()
            .expect("hostapi-codegen runs");
        if !status.status.success() {
            failures.push(format!(
                "`hostapi-codegen crate` failed on an accepted spec:\n{}\n{case:?}",
                String::from_utf8_lossy(&status.stderr)
            ));
            continue;
        }
        std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).expect("Cargo.lock copied");
        // In the workspace's target folder, as crate_builds.rs builds its
        // crate; `build`, not `check`, which would compile every dependency
        // again as metadata.
        let check = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--all-features", "--manifest-path"])
            .arg(out.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .expect("cargo runs");
        if !check.status.success() {
            let stderr = String::from_utf8_lossy(&check.stderr);
            let errors: Vec<&str> = stderr
                .lines()
                .filter(|l| l.starts_with("error"))
                .take(12)
                .collect();
            failures.push(format!(
                "[compiles] the crate of an accepted spec does not compile (seed {seed}, case {case_index} of `{}`):\n  {}\n{case:?}",
                focus.name,
                errors.join("\n  ")
            ));
            continue;
        }
        if doctests {
            let test = Command::new(env!("CARGO"))
                .args(["test", "--doc", "--all-features", "--manifest-path"])
                .arg(out.join("Cargo.toml"))
                .env("CARGO_TARGET_DIR", &target)
                .output()
                .expect("cargo runs");
            let stdout = String::from_utf8_lossy(&test.stdout);
            if !stdout.contains("running 0 tests") {
                failures.push(format!(
                    "[no-doctest-from-spec] rustdoc found doctests in the crate of an accepted spec:\n{stdout}\n{case:?}"
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(built > 0, "no accepted spec to build among {index} cases");
    assert!(
        failures.is_empty(),
        "{} of {built} sampled crates fail:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The checks pass on the bundled specs and fixtures (so a failure on a
/// hostile spec is about the spec, not a checker that refuses everything).
#[test]
fn the_checks_pass_on_the_bundled_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for spec in [root.join("spec"), root.join("tests/fixtures/specs")] {
        let generated = hostapi_codegen::generate(&spec).expect("the bundled specs generate");
        let mut violations = Violations::default();
        let mut files = Vec::new();
        for file in &generated.files {
            let label = file.path.to_string_lossy().into_owned();
            let parsed = hostile::tokens::check_file(&label, &file.contents, &mut violations);
            files.extend(parsed.map(|parsed| (label, parsed)));
        }
        hostile::items::check_items(&files, &mut violations);
        assert!(violations.is_empty(), "{}:\n{violations}", spec.display());
    }
}

/// The token checks see each kind of spec text turned into code.
#[test]
fn the_token_checks_catch_spec_text_as_code() {
    let cases: &[(&str, &str)] = &[
        ("fn ZQJX_x() {}", "no-spec-text-in-identifier"),
        (
            "#![doc = include_str!(\"/etc/passwd\")]",
            "no-forbidden-macro",
        ),
        ("//! a\n#![allow(unused)]\n", "no-foreign-inner-attribute"),
        ("#[path = \"x\"] mod m;", "no-foreign-attribute"),
        (
            "#[cfg(feature = \"ZQJX\")] fn f() {}",
            "no-spec-text-in-attribute",
        ),
        (
            "/// ```\n/// let x = 1;\n/// ```\nfn f() {}",
            "no-doctest-from-spec",
        ),
        ("//! ~~~\n//! x\n//! ~~~\n", "no-doctest-from-spec"),
        ("/// a\u{202e}b\nfn f() {}", "no-raw-control-or-bidi"),
        ("fn maß() {}", "ascii-identifiers"),
        ("extern crate std;", "no-forbidden-macro"),
        ("fn f() { x", "parses-with-syn"),
    ];
    for (code, property) in cases {
        let mut v = Violations::default();
        hostile::tokens::check_file("x.rs", code, &mut v);
        assert!(
            v.has(property),
            "{code:?} should break {property}, found:\n{v}"
        );
    }
    let mut v = Violations::default();
    hostile::tokens::check_file(
        "x.rs",
        "//! ZQJX text\n/// ```text\n/// ZQJX\n/// ```\n#[derive(Debug)]\npub struct S { f: &'static str }\nstatic X: &str = \"ZQJX\\u{202e}\";",
        &mut v,
    );
    assert!(v.is_empty(), "spec text in docs and strings is fine:\n{v}");
}
