//! A fuzz target for the YAML loader (`spec::load::parse_source`) and the
//! linter on top of it (`lint::lint_source`), run as an ordinary test for a
//! bounded time.
//!
//! - `mutated_real_specs`: the real specs under spec/ and the test
//!   fixtures, as trees, mutated structurally (entries dropped, repeated,
//!   moved, grafted from other specs, of the wrong kind, wrapped deep) and
//!   written back in a random mix of YAML syntax (flow and block, every
//!   scalar style, anchors and aliases, tags, merge keys, comments,
//!   directives, CRLF, byte-order marks), sometimes with byte edits on top.
//!   Nothing may panic; every finding has a registered rule, errors have a
//!   line and column, messages stay on one line.
//! - `pathological_inputs_are_bounded`: deep nesting (100k `[`), alias and
//!   merge-key bombs, huge scalars and documents, each loaded in a child
//!   process with a main thread's stack, a memory cap and a time limit. The
//!   limits are generous guards against a blow-up (a stack overflow, an
//!   exponential expansion), not speed targets: those are benchmarks.
//!
//! Knobs: `HOSTAPI_FUZZ_SECONDS` (default 10) bounds the mutation run,
//! `HOSTAPI_FUZZ_SEED` sets its base seed (default fixed; a failure names
//! the seed of its input).

mod yaml_fuzz;

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Once;
use std::time::{Duration, Instant};

use hostapi_codegen::diag::Severity;
use hostapi_codegen::lint;
use hostapi_codegen::spec::load::parse_source;
use yaml_fuzz::rng::Rng;
use yaml_fuzz::tree::{Node, mutate};

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Runs `f`, turning a panic into its message without printing it.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                LAST_PANIC.with(|p| *p.borrow_mut() = info.to_string());
            } else {
                default(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|_| LAST_PANIC.with(|p| p.borrow().clone()))
}

/// What is wrong with how the loader and the linter took `bytes`, if
/// anything.
fn check(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        match quietly(|| parse_source(path, text)) {
            Err(panic) => return Err(format!("parse_source panicked: {panic}")),
            Ok(Err(d)) => {
                if lint::rule(d.code).is_none() {
                    return Err(format!("parse_source: unregistered rule in {d}"));
                }
                if !d.pos.is_known() {
                    return Err(format!(
                        "parse_source: an error without a line and column: {d}"
                    ));
                }
            }
            Ok(Ok(_)) => {}
        }
    }
    let report = quietly(|| lint::lint_source(path, bytes))
        .map_err(|p| format!("lint_source panicked: {p}"))?;
    for d in &report.findings {
        if lint::rule(d.code).is_none() {
            return Err(format!("lint_source: unregistered rule in {d}"));
        }
        if d.severity == Severity::Error && !d.pos.is_known() && d.code != "io" {
            return Err(format!(
                "lint_source: an error without a line and column: {d}"
            ));
        }
        if d.message.contains(['\n', '\r']) {
            return Err(format!(
                "lint_source: a message over several lines: {:?}",
                d.message
            ));
        }
    }
    Ok(())
}

/// The real specs: the bundled ones and every test fixture.
fn real_specs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![
        root.join("../spec"),
        root.join("../tests/fixtures/specs"),
        root.join("tests/lint/fixtures"),
    ];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).expect("a fixture directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

struct Corpus {
    specs: Vec<(PathBuf, Node, usize)>,
    donors: Vec<Node>,
}

fn corpus() -> Corpus {
    let mut specs = Vec::new();
    let mut donors = Vec::new();
    for path in real_specs() {
        let text = std::fs::read_to_string(&path).expect("a readable spec");
        // Fixtures that are meant not to parse add nothing as trees.
        if let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(&text) {
            let node = Node::from_json(&value);
            node.subtrees(&mut donors);
            specs.push((path, node, text.len()));
        }
    }
    Corpus { specs, donors }
}

/// The input made from `seed`, and the real spec it comes from (its path
/// is used, so `uses` still finds the libraries beside it).
fn input(corpus: &Corpus, seed: u64) -> (PathBuf, Vec<u8>) {
    let mut rng = Rng::new(seed);
    let (path, tree, size) = &corpus.specs[rng.below(corpus.specs.len())];
    let mut tree = tree.clone();
    if *size > 20_000 || !rng.one_in(10) {
        tree.prune(6, &mut rng, 0);
    }
    for _ in 0..rng.below(3) {
        mutate(&mut tree, &corpus.donors, &mut rng);
    }
    let mut bytes = yaml_fuzz::render::render(&tree, &mut rng);
    if rng.one_in(8) {
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(4) {
                0 => bytes.insert(at, rng.next() as u8),
                1 => bytes.truncate(at),
                2 => {
                    let end = (at + rng.below(16)).min(bytes.len());
                    bytes.drain(at..end);
                }
                _ => {
                    let end = (at + rng.below(64)).min(bytes.len());
                    let copy = bytes[at..end].to_vec();
                    bytes.splice(at..at, copy);
                }
            }
        }
    }
    (path.clone(), bytes)
}

/// A smaller input that still fails the same way (chunks of lines, then
/// of bytes, removed while the failure's first line stays the same).
fn minimize(path: &Path, bytes: &[u8], failure: &str) -> Vec<u8> {
    let key = failure
        .lines()
        .next()
        .unwrap_or_default()
        .split(" in ")
        .next()
        .unwrap_or_default()
        .to_string();
    let same = |candidate: &[u8]| {
        check(path, candidate)
            .is_err_and(|f| f.lines().next().unwrap_or_default().starts_with(&key))
    };
    let mut best = bytes.to_vec();
    let mut chunk = best.len() / 2;
    let mut tries = 0;
    while chunk > 0 && tries < 400 {
        let mut at = 0;
        while at < best.len() && tries < 400 {
            tries += 1;
            let mut candidate = best.clone();
            let end = (at + chunk).min(candidate.len());
            candidate.drain(at..end);
            if same(&candidate) {
                best = candidate;
            } else {
                at += chunk;
            }
        }
        chunk /= 2;
    }
    best
}

#[test]
fn mutated_real_specs() {
    let seconds = std::env::var("HOSTAPI_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10u64);
    let base: u64 = std::env::var("HOSTAPI_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x7961_6d6c_6675_7a7a);
    let corpus = corpus();
    assert!(
        corpus.specs.len() > 20,
        "too few real specs parsed as trees"
    );
    let started = Instant::now();
    let mut failures: Vec<(String, u64, PathBuf, Vec<u8>)> = Vec::new();
    let (mut count, mut parsed) = (0u64, 0u64);
    while started.elapsed() < Duration::from_secs(seconds) && failures.len() < 5 {
        let seed = base.wrapping_add(count);
        count += 1;
        let (path, bytes) = input(&corpus, seed);
        if std::str::from_utf8(&bytes).is_ok_and(|t| parse_source(&path, t).is_ok()) {
            parsed += 1;
        }
        if let Err(failure) = check(&path, &bytes) {
            let first = failure.lines().next().unwrap_or_default().to_string();
            if failures
                .iter()
                .all(|(f, ..)| f.lines().next() != Some(first.as_str()))
            {
                let small = minimize(&path, &bytes, &failure);
                failures.push((failure, seed, path, small));
            }
        }
    }
    eprintln!(
        "{count} inputs in {:.1} s, {parsed} parsed as specs",
        started.elapsed().as_secs_f64()
    );
    let report: Vec<String> = failures
        .iter()
        .map(|(failure, seed, path, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            let shown: String = text.chars().take(3000).collect();
            format!(
                "{failure}\n  input (seed {seed}, as {}, minimised):\n{shown:?}",
                path.display()
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} kinds of failure:\n\n{}",
        failures.len(),
        report.join("\n\n")
    );
    // The mutations must leave most inputs loadable, so the checker and
    // the lint rules see them too, not only the parser's error paths.
    assert!(
        parsed * 4 >= count,
        "only {parsed} of {count} inputs parsed as specs"
    );
}

const STACK: usize = 8 << 20;
const MEMORY_KIB: u64 = 4 << 20;
/// Children run side by side, so this allows for a busy machine.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// The child side of `pathological_inputs_are_bounded`: loads the input in
/// `HOSTAPI_PATHOLOGICAL_FILE` (or, run by hand, every pathological input)
/// on a thread with a main thread's stack.
#[test]
#[ignore = "run by pathological_inputs_are_bounded in a child process"]
fn pathological_child() {
    let inputs: Vec<(String, Vec<u8>)> = match std::env::var_os("HOSTAPI_PATHOLOGICAL_FILE") {
        Some(file) => vec![(
            "input".to_string(),
            std::fs::read(&file).expect("the input file"),
        )],
        None => yaml_fuzz::pathological::inputs()
            .into_iter()
            .map(|(name, text)| (name.to_string(), text.into_bytes()))
            .collect(),
    };
    for (name, bytes) in inputs {
        let path = PathBuf::from("pathological.yaml");
        let result = std::thread::Builder::new()
            .stack_size(STACK)
            .spawn(move || check(&path, &bytes))
            .expect("a thread")
            .join()
            .expect("no panic escapes check");
        if let Err(failure) = result {
            panic!("{name}: {failure}");
        }
    }
}

/// A child process loading one input, and what it printed.
struct Child {
    name: &'static str,
    process: std::process::Child,
    started: Instant,
    stdout: std::thread::JoinHandle<String>,
    stderr: std::thread::JoinHandle<String>,
}

/// Reads a pipe to its end on a thread, so a chatty child never blocks.
fn drain(stream: Option<impl std::io::Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut stream) = stream {
            let _ = stream.read_to_string(&mut text);
        }
        text
    })
}

fn spawn_child(exe: &Path, name: &'static str, file: &Path) -> Child {
    let mut command = if cfg!(target_os = "linux") {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
            .arg(exe);
        c
    } else {
        Command::new(exe)
    };
    command
        .args([
            "--exact",
            "pathological_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("HOSTAPI_PATHOLOGICAL_FILE", file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut process = command.spawn().expect("the child runs");
    Child {
        name,
        started: Instant::now(),
        stdout: drain(process.stdout.take()),
        stderr: drain(process.stderr.take()),
        process,
    }
}

/// Waits for `child` (killing it after the time limit); the failure, if any.
fn outcome(mut child: Child) -> Option<String> {
    let status = loop {
        if let Some(status) = child.process.try_wait().expect("the child's status") {
            break Some(status);
        }
        if child.started.elapsed() > TIME_LIMIT {
            let _ = child.process.kill();
            let _ = child.process.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = child.started.elapsed();
    let stdout = child.stdout.join().unwrap_or_default();
    let stderr = child.stderr.join().unwrap_or_default();
    let name = child.name;
    eprintln!("{name}: {:.2} s", elapsed.as_secs_f64());
    match status {
        None => Some(format!(
            "{name}: still loading after {} s",
            TIME_LIMIT.as_secs()
        )),
        Some(status) if !status.success() => {
            let why = if stderr.contains("overflowed its stack") {
                "stack overflow".to_string()
            } else if stderr.contains("memory allocation") {
                format!("more than {} GiB of memory", MEMORY_KIB >> 20)
            } else {
                let lines: Vec<&str> = stderr
                    .lines()
                    .filter(|l| {
                        l.contains("panicked") || (l.contains(": ") && !l.starts_with("note"))
                    })
                    .take(4)
                    .collect();
                format!("{status}: {}", lines.join(" / "))
            };
            Some(format!("{name}: {why}"))
        }
        // A filter that matched nothing would pass without loading.
        Some(_) if !stdout.contains("1 passed") => {
            Some(format!("{name}: the child ran no test:\n{stdout}"))
        }
        Some(_) => None,
    }
}

#[test]
fn pathological_inputs_are_bounded() {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pathological-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let exe = std::env::current_exe().expect("the test binary");
    let children: Vec<Child> = yaml_fuzz::pathological::inputs()
        .into_iter()
        .enumerate()
        .map(|(i, (name, text))| {
            let file = dir.join(format!("input-{i}.yaml"));
            std::fs::write(&file, &text).expect("input written");
            spawn_child(&exe, name, &file)
        })
        .collect();
    let failures: Vec<String> = children.into_iter().filter_map(outcome).collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        failures.is_empty(),
        "pathological inputs the loader does not survive:\n  {}",
        failures.join("\n  ")
    );
}
