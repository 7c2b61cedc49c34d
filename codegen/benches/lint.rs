//! How long `lint` takes on the bundled specs, and how it scales: synthetic
//! spec sets of 1×, 10× and 100× the bundled size (support/synth.rs), with
//! throughput in bytes so linear scaling shows as equal MiB/s.
//! Run: `cargo bench -p hostapi-codegen --bench lint`.

mod support {
    pub mod synth;
}

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hostapi_codegen::{ir, lint, spec::load};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn bench(c: &mut Criterion) {
    let spec = spec_dir();
    let bundled = std::slice::from_ref(&spec);
    c.bench_function("lint all bundled specs", |b| {
        b.iter(|| {
            let report = lint::lint_paths(bundled);
            assert!(report.findings.is_empty());
            report
        })
    });
    c.bench_function("lint: load (lenient)", |b| {
        b.iter(|| load::load_lenient(bundled))
    });
    let loaded = load::load_lenient(bundled);
    c.bench_function("lint: check (ir::check)", |b| {
        b.iter(|| ir::check(&loaded.set))
    });

    let root = std::env::temp_dir().join(format!("hostapi-lint-bench-{}", std::process::id()));
    let mut group = c.benchmark_group("lint synthetic specs");
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
                    let report = lint::lint_paths(paths);
                    assert!(report.findings.is_empty());
                    report
                })
            },
        );
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&root);
}

criterion_group!(benches, bench);
criterion_main!(benches);
