//! Writes a synthetic spec set N times the size of the bundled specs, for
//! measuring the linter by hand (docs/benchmarks.md):
//!
//! ```sh
//! cargo run -p hostapi-codegen --release --example synth_spec -- --scale 100 --out /tmp/synth-100
//! cargo run -p hostapi-codegen --release -- lint /tmp/synth-100
//! ```

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut scale = None;
    let mut out = None;
    let mut spec = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"));
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let value = iter.next();
        match (flag.as_str(), value) {
            ("--scale", Some(v)) => scale = v.parse::<usize>().ok().filter(|&n| n > 0),
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            ("--spec", Some(v)) => spec = PathBuf::from(v),
            _ => {
                eprintln!("usage: synth_spec --scale N --out DIR [--spec DIR]");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(scale), Some(out)) = (scale, out) else {
        eprintln!("usage: synth_spec --scale N --out DIR [--spec DIR]  (N a positive integer)");
        return ExitCode::from(2);
    };
    match synth::write(&spec, &out, scale) {
        Ok(written) => {
            println!(
                "wrote {} files, {} bytes ({scale}x {}) to {}",
                written.files,
                written.bytes,
                spec.display(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("synth_spec: {error}");
            ExitCode::from(2)
        }
    }
}
