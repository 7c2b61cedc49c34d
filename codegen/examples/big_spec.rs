//! Writes one synthetic spec of about a given size, for measuring how
//! generating scales with spec text (docs/benchmarks.md,
//! `scripts/measure-generate.sh`):
//!
//! ```sh
//! cargo run -p hostapi-codegen --release --example big_spec -- --shape doc-lines --mb 24 --out /tmp/big
//! /usr/bin/time -v target/release/hostapi-codegen crate --spec /tmp/big --out /tmp/big-crate --name big
//! ```
//!
//! Shapes:
//! - `doc-lines`: one method whose doc is millions of short lines (the
//!   worst case for per-line costs);
//! - `shared-phrase`: one named type whose phrase is most of the spec, used
//!   by 40,000 fields (`--fields`) in methods of 100 fields each: the worst
//!   case for repeated text. With `--phrase-bytes`, the phrase has that
//!   size instead (400 is the longest members repeat) and `--mb` is ignored.
//!
//! serde-saphyr refuses YAML of more than 250,000 nodes, which bounds the
//! number of fields (about four nodes each) a spec can have.

use std::fmt::Write as _;
use std::process::ExitCode;

const HEAD: &str = "\
# A synthetic spec written by codegen/examples/big_spec.rs.
hostapi: 1
api:
  name: big
  title: Big API
  version: \"1\"
  base_url: https://api.example.test/v1
  credentials:
    username: {doc: The user.}
    password: {doc: The password., secret: true}
  wire:
    http_method: post
    method_name: path
    params: {json: {envelope: params}}
    auth:
      basic: {username: username, password: password}
    response: json
    error: {field_present: {field: error_class, message: full_message}}
";

fn doc_lines(bytes: usize) -> String {
    let mut spec = String::with_capacity(bytes + 4096);
    spec.push_str(HEAD);
    spec.push_str(
        "sections:\n  Big:\n    doc: A section.\n    methods:\n      read:\n        doc: |-\n",
    );
    let mut i = 0usize;
    while spec.len() < bytes {
        let _ = writeln!(spec, "          l{}", i % 1000);
        i += 1;
    }
    spec.push_str("        params:\n          id: {type: integer}\n");
    spec
}

/// `fields` fields of one type, whose phrase fills the rest of `bytes` (or
/// is `phrase` bytes long).
fn shared_phrase(bytes: usize, fields: usize, phrase: Option<usize>) -> String {
    let mut spec = String::with_capacity(bytes + 4096);
    spec.push_str(HEAD);
    spec.push_str("types:\n  Huge:\n    doc: |-\n");
    // About 25 bytes a field, 30 a method, 7 a phrase line around its text.
    let phrase = phrase.unwrap_or_else(|| {
        let rest = bytes.saturating_sub(spec.len() + fields * 25 + fields / 100 * 30);
        rest - rest / 90 * 7
    });
    // The phrase's text is exactly `phrase` bytes: lines and their breaks.
    let mut written = 0usize;
    let mut i = 0usize;
    while written < phrase {
        if written > 0 {
            written += 1;
        }
        let line =
            format!("Line {i} of a very long vendor phrase that every field of this type repeats.");
        let line = &line[..line.len().min(phrase - written)];
        let _ = writeln!(spec, "      {line}");
        written += line.len();
        i += 1;
    }
    spec.push_str(
        "    string: {max_length: 80}\nsections:\n  Big:\n    doc: A section.\n    methods:\n",
    );
    for field in 0..fields {
        if field % 100 == 0 {
            let _ = writeln!(
                spec,
                "      m{}:\n        doc: A method.\n        params:",
                field / 100
            );
        }
        let _ = writeln!(spec, "          f{field}: {{type: Huge}}");
    }
    spec
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut shape, mut mb, mut out) = (None, None, None);
    let (mut fields, mut phrase) = (40_000, None);
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        match (flag.as_str(), iter.next()) {
            ("--shape", Some(v)) => shape = Some(v.clone()),
            ("--mb", Some(v)) => mb = v.parse::<f64>().ok().filter(|m| *m > 0.0),
            ("--out", Some(v)) => out = Some(std::path::PathBuf::from(v)),
            ("--fields", Some(v)) => match v.parse() {
                Ok(n) => fields = n,
                Err(_) => shape = None,
            },
            ("--phrase-bytes", Some(v)) => phrase = v.parse::<usize>().ok(),
            _ => shape = None,
        }
    }
    let usage = "usage: big_spec --shape doc-lines|shared-phrase --mb SIZE --out DIR \
                 [--fields N (shared-phrase, default 40000)] [--phrase-bytes N]";
    let (Some(shape), Some(mb), Some(out)) = (shape, mb, out) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let bytes = (mb * 1_000_000.0) as usize;
    let spec = match shape.as_str() {
        "doc-lines" => doc_lines(bytes),
        "shared-phrase" => shared_phrase(bytes, fields, phrase),
        _ => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    let written = std::fs::remove_dir_all(&out)
        .or_else(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Ok(()),
            _ => Err(e),
        })
        .and_then(|()| std::fs::create_dir_all(&out))
        .and_then(|()| std::fs::write(out.join("big.yaml"), &spec));
    match written {
        Ok(()) => {
            println!("{} bytes", spec.len());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("big_spec: {}: {error}", out.display());
            ExitCode::from(2)
        }
    }
}
