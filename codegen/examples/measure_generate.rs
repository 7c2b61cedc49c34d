//! Time and peak memory of each step of generating a spec (load, check,
//! emit), for docs/benchmarks.md (`scripts/measure-generate.sh`):
//!
//! ```sh
//! cargo run -p hostapi-codegen --release --example measure_generate -- /tmp/big
//! ```
//!
//! Prints one line: the spec's size, then for each step its time and the
//! process's peak resident memory after it (`VmHWM`, Linux only), then the
//! size of the generated code. Writes nothing.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// The process's peak resident set so far, in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// The size of the YAML files at `path`.
fn spec_bytes(path: &std::path::Path) -> u64 {
    if path.is_file() {
        let yaml = path.extension().is_some_and(|e| e == "yaml");
        return if yaml {
            path.metadata().map_or(0, |m| m.len())
        } else {
            0
        };
    }
    std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| spec_bytes(&e.path()))
        .sum()
}

fn main() -> ExitCode {
    let Some(spec) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: measure_generate SPEC_PATH");
        return ExitCode::from(2);
    };
    let mb = |bytes: f64| bytes / 1_000_000.0;
    print!("spec {:.2} MB", mb(spec_bytes(&spec) as f64));
    let start = Instant::now();
    let set = match hostapi_codegen::spec::load::load_paths(std::slice::from_ref(&spec)) {
        Ok(set) => set,
        Err(diagnostics) => {
            eprintln!("\n{diagnostics}");
            return ExitCode::from(1);
        }
    };
    print!(
        " | load {:.2} s, peak {:.0} MiB",
        start.elapsed().as_secs_f64(),
        peak_mib()
    );
    let start = Instant::now();
    let workspace = match hostapi_codegen::ir::build(&set) {
        Ok(workspace) => workspace,
        Err(diagnostics) => {
            eprintln!("\n{diagnostics}");
            return ExitCode::from(1);
        }
    };
    print!(
        " | check {:.2} s, peak {:.0} MiB",
        start.elapsed().as_secs_f64(),
        peak_mib()
    );
    let root = if spec.is_dir() {
        spec.clone()
    } else {
        spec.parent().map(PathBuf::from).unwrap_or_default()
    };
    let start = Instant::now();
    let files = match hostapi_codegen::emit::emit(&workspace, &root) {
        Ok(files) => files,
        Err(error) => {
            eprintln!("\n{error}");
            return ExitCode::from(1);
        }
    };
    let output: usize = files.iter().map(|f| f.contents.len()).sum();
    println!(
        " | emit {:.2} s, peak {:.0} MiB | output {:.2} MB",
        start.elapsed().as_secs_f64(),
        peak_mib(),
        mb(output as f64)
    );
    ExitCode::SUCCESS
}
