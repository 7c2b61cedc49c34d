//! How long generating all bundled specs takes, and how that splits between
//! loading (YAML), checking (IR) and emitting (tokens + prettyplease).
//! Run: `cargo bench -p hostapi-codegen --bench generate`.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn bench(c: &mut Criterion) {
    let spec = spec_dir();
    c.bench_function("generate all bundled specs", |b| {
        b.iter(|| hostapi_codegen::generate(&spec).expect("bundled specs generate"))
    });
    let set = hostapi_codegen::spec::load::load_paths(std::slice::from_ref(&spec)).unwrap();
    c.bench_function("load (parse YAML)", |b| {
        b.iter(|| hostapi_codegen::spec::load::load_paths(std::slice::from_ref(&spec)).unwrap())
    });
    c.bench_function("check (build IR)", |b| {
        b.iter(|| hostapi_codegen::ir::build(&set).unwrap())
    });
    let workspace = hostapi_codegen::ir::build(&set).unwrap();
    c.bench_function("emit (tokens + prettyplease)", |b| {
        b.iter(|| hostapi_codegen::emit::emit(&workspace, &spec).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
