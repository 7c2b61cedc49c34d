//! How long `diff` takes: the bundled specs against themselves and against
//! a copy with 100 random single edits (goal: under 50 ms in release), and
//! synthetic sets of 1×, 10× and 100× the bundled size against themselves
//! (support/synth.rs), with throughput in bytes so linear scaling shows as
//! equal MiB/s. Each run loads and checks both sides, then compares them.
//! Run: `cargo bench -p hostapi-codegen --bench diff`.

mod support {
    pub mod synth;
}

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hostapi_codegen::diff;
use hostapi_codegen::spec::load::{self, LoadOptions};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// Edits that keep a spec valid, as (text found, text it becomes).
const EDITS: [(&str, &str); 4] = [
    ("required: true", "required: false"),
    ("optional: true", "optional: false"),
    ("max_length: 1", "max_length: 91"),
    ("max: 1", "max: 91"),
];

/// A copy of the spec tree with `count` edits at places picked by a fixed
/// pseudo-random sequence, so every run measures the same change.
fn edited_copy(spec: &Path, out: &Path, count: usize) -> usize {
    let _ = std::fs::remove_dir_all(out);
    // Loaded files are keyed by normalized paths.
    let spec = load::normalize(spec);
    let spec = spec.as_path();
    let files: Vec<PathBuf> = load::load_lenient(&[spec.to_path_buf()])
        .set
        .files
        .into_keys()
        .collect();
    let mut texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % bound as u64).unwrap_or(0)
    };
    let mut made = 0;
    while made < count {
        let (find, replace) = EDITS[next(EDITS.len())];
        let file = next(texts.len());
        let sites: Vec<usize> = texts[file].match_indices(find).map(|(i, _)| i).collect();
        if sites.is_empty() {
            continue;
        }
        let at = sites[next(sites.len())];
        texts[file].replace_range(at..at + find.len(), replace);
        made += 1;
    }
    for (file, text) in files.iter().zip(&texts) {
        let target = out.join(file.strip_prefix(spec).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
    made
}

fn bench(c: &mut Criterion) {
    let spec = spec_dir();
    let options = LoadOptions::default();
    let bundled = std::slice::from_ref(&spec);
    c.bench_function("diff bundled specs with themselves", |b| {
        b.iter(|| {
            let comparison = diff::diff_paths(bundled, bundled, &options).expect("valid");
            assert!(comparison.findings.is_empty());
            comparison
        })
    });

    let root = std::env::temp_dir().join(format!("hostapi-diff-bench-{}", std::process::id()));
    let edited = root.join("edited");
    edited_copy(&spec, &edited, 100);
    let edited_paths = [edited.clone()];
    let findings = diff::diff_paths(bundled, &edited_paths, &options)
        .expect("the edited copy checks")
        .findings
        .len();
    println!("100 edits: {findings} findings");
    c.bench_function("diff bundled specs with 100 random edits", |b| {
        b.iter(|| diff::diff_paths(bundled, &edited_paths, &options).expect("valid"))
    });

    let mut group = c.benchmark_group("diff synthetic specs with themselves");
    group.sample_size(10);
    for scale in [1, 10, 100] {
        let dir = root.join(format!("x{scale}"));
        let written = support::synth::write(&spec, &dir, scale).expect("synthetic specs");
        group.throughput(Throughput::Bytes(written.bytes as u64));
        let paths = [dir];
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{scale}x")),
            &paths,
            |b, paths| {
                b.iter(|| {
                    let comparison = diff::diff_paths(paths, paths, &options)
                        .unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
                    assert!(comparison.findings.is_empty());
                    comparison
                })
            },
        );
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&root);
}

criterion_group!(benches, bench);
criterion_main!(benches);
