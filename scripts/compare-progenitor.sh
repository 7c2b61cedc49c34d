#!/usr/bin/env bash
# hostapi against progenitor 0.15 (build.rs mode, its defaults) on the
# Liquid Web v1 API: generated lines, release generation time, clean debug
# build, rebuild after a one-field spec edit, and peak memory at 10× the API.
#
# Usage: scripts/compare-progenitor.sh [SCALE...]        (default: 1 10)
#
# The OpenAPI input comes from spec/liquidweb/source/docs-v1.json through
# the converter at $LW_DOCS_TO_OPENAPI (default
# /work/shared/tools/lw_docs_to_openapi.py; it is not part of this
# repository), with `--error-responses ranges` and `--replicate SCALE`.
# hostapi's SCALE× spec is the import of a synthetic docs.json SCALE times
# the real one (codegen/examples/synth_docs.rs; at 1×, the real one), as
# scripts/measure-build.sh does, merged with v1.overlay.yaml without its
# `additions: true` methods (scripts/lib/strip_additions.py): both sides
# then describe the same API, the 2013 file's. For each scale, two scratch crates are built in fresh target
# directories, interleaved (progenitor first, then hostapi):
#
#   progenitor  build.rs runs `progenitor::Generator::default()` on the
#               OpenAPI document (reqwest and rustls set up as hostapi's)
#   hostapi     depends on a copy of this tree (path dependency, only the
#               `liquidweb_v1` feature; it compiles the checked-in code)
#
# Rows: generated lines (progenitor's codegen.rs; hostapi's liquidweb_v1 +
# liquidweb_types), generation time in release (progenitor's generator in
# a release binary; `hostapi-codegen generate` of the whole spec/ in
# release), clean debug build (wall, peak RSS of one process), and the
# rebuild after changing one field's type in the spec (progenitor: edit the
# OpenAPI document, cargo build; hostapi: edit v1.yaml,
# `hostapi-codegen generate`, cargo build), once without incremental
# compilation and once with cargo's dev default (incremental on for the
# edited crate), editing the field back. Prints a Markdown table with
# ratios (progenitor / hostapi).
#
# UNICODE_BACKEND=unicode-rs applies README's lock choice for `url`'s host
# names (`cargo update -p idna_adapter --precise 1.1.0`) to both crates
# alike; the default keeps cargo's (ICU4X).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib/dependent-app.sh"
cd "$root"
converter=${LW_DOCS_TO_OPENAPI:-/work/shared/tools/lw_docs_to_openapi.py}
if [ ! -f "$converter" ]; then
  echo "the docs.json to OpenAPI converter is missing: set LW_DOCS_TO_OPENAPI" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
scales=("$@")
[ ${#scales[@]} -eq 0 ] && scales=(1 10)
export CARGO_INCREMENTAL=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --quiet --release -p hostapi-codegen --bin hostapi-codegen
cargo build --quiet -p hostapi-codegen --example synth_docs
codegen="$root/target/release/hostapi-codegen"
synth="$root/target/debug/examples/synth_docs"

# timed OUT COMMAND... : runs COMMAND, leaves "seconds kib" in OUT
timed() {
  local out=$1
  shift
  if ! /usr/bin/time -f "%e %M" -o "$out" "$@" >"$work/log" 2>&1; then
    cat "$work/log" >&2
    exit 1
  fi
}

# The progenitor scratch crate: the library built by build.rs, and a
# release binary running the same generation, for its time alone.
make_progenitor_crate() {
  local dir=$1
  mkdir -p "$dir/src" "$dir/gen/src"
  cat >"$dir/Cargo.toml" <<'TOML'
[package]
name = "lw-progenitor"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
futures = "0.3"
progenitor-client = "0.15"
reqwest = { version = "0.13", default-features = false, features = ["json", "query", "stream", "rustls-no-provider"] }
rustls = { version = "0.23", default-features = false, features = ["ring", "std", "tls12", "logging"] }
serde = { version = "1.0", features = ["derive"] }
serde_json = "1.0"
chrono = { version = "0.4", features = ["serde"] }
regress = "0.10"

[build-dependencies]
prettyplease = "0.2"
progenitor = "0.15"
serde_json = "1.0"
syn = "2.0"

[workspace]
members = ["gen"]
TOML
  cat >"$dir/build.rs" <<'RS'
fn main() {
    let src = "openapi.json";
    println!("cargo:rerun-if-changed={src}");
    let file = std::fs::File::open(src).unwrap();
    let spec = serde_json::from_reader(file).unwrap();
    let mut generator = progenitor::Generator::default();
    let tokens = generator.generate_tokens(&spec).unwrap();
    let ast = syn::parse2(tokens).unwrap();
    let content = prettyplease::unparse(&ast);
    let mut out_file = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).to_path_buf();
    out_file.push("codegen.rs");
    std::fs::write(out_file, content).unwrap();
}
RS
  echo 'include!(concat!(env!("OUT_DIR"), "/codegen.rs"));' >"$dir/src/lib.rs"
  cat >"$dir/gen/Cargo.toml" <<'TOML'
[package]
name = "lw-progenitor-gen"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
prettyplease = "0.2"
progenitor = "0.15"
serde_json = "1.0"
syn = "2.0"
TOML
  cat >"$dir/gen/src/main.rs" <<'RS'
//! progenitor's generation alone: read, generate, lay out, write.
fn main() {
    let mut args = std::env::args().skip(1);
    let (src, out) = (args.next().unwrap(), args.next().unwrap());
    let file = std::fs::File::open(src).unwrap();
    let spec = serde_json::from_reader(file).unwrap();
    let mut generator = progenitor::Generator::default();
    let tokens = generator.generate_tokens(&spec).unwrap();
    let ast = syn::parse2(tokens).unwrap();
    std::fs::write(out, prettyplease::unparse(&ast)).unwrap();
}
RS
}


secs() { cut -d' ' -f1 "$1"; }
mib() { echo $(($(cut -d' ' -f2 "$1") / 1024)); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "–" }'; }

echo "| scale | measure | progenitor | hostapi | progenitor / hostapi |"
echo "| --- | --- | --- | --- | --- |"
for scale in "${scales[@]}"; do
  prog="$work/progenitor-$scale"
  tree="$work/hostapi-tree-$scale"
  app="$work/hostapi-app-$scale"
  make_progenitor_crate "$prog"
  python3 "$converter" spec/liquidweb/source/docs-v1.json -o "$prog/openapi.json" \
    --error-responses ranges --replicate "$scale" 2>"$work/convert.log"
  mkdir -p "$tree"
  tar --exclude=./target --exclude=./.git -cf - . | tar -xf - -C "$tree"
  # The same API on both sides: docs-v1.json (SCALE times it), imported
  # with the overlay's hand transcriptions but not the members today's
  # sources add (`additions: true`), which progenitor's input lacks.
  python3 "$root/scripts/lib/strip_additions.py" <spec/liquidweb/v1.overlay.yaml \
    >"$tree/spec/liquidweb/v1.overlay.yaml"
  "$synth" "$scale" spec/liquidweb/source/docs-v1.json "$work/docs-$scale.json" >/dev/null
  "$codegen" import liquidweb-docs "$work/docs-$scale.json" --out "$tree/spec/liquidweb/v1.yaml" >/dev/null 2>&1
  make_dependent_app "$app" "$tree"
  if [ "${UNICODE_BACKEND:-}" = unicode-rs ]; then
    (cd "$prog" && cargo generate-lockfile --quiet && cargo update --quiet -p idna_adapter --precise 1.1.0)
    (cd "$app" && cargo update --quiet -p idna_adapter --precise 1.1.0)
  fi
  (cd "$prog" && cargo fetch --quiet) && (cd "$app" && cargo fetch --quiet)

  # Generation in release (the generator's own build not counted; its
  # target directory is kept, so later scales only relink it).
  (cd "$prog" && CARGO_TARGET_DIR="$work/gen-target" cargo build --quiet --release -p lw-progenitor-gen)
  timed "$work/t-gen-p" "$work/gen-target/release/lw-progenitor-gen" "$prog/openapi.json" "$work/progenitor-out.rs"
  timed "$work/t-gen-h" "$codegen" generate --spec "$tree/spec" --out "$tree/generated"
  p_lines=$(wc -l <"$work/progenitor-out.rs")
  h_lines=$(find "$tree/generated/liquidweb_v1" "$tree/generated/liquidweb_types" -name '*.rs' -exec cat {} + | wc -l)

  # Clean debug builds, interleaved, each in a fresh target directory.
  timed "$work/t-clean-p" env CARGO_TARGET_DIR="$work/target-p" cargo build --quiet --manifest-path "$prog/Cargo.toml" -p lw-progenitor
  timed "$work/t-clean-h" env CARGO_TARGET_DIR="$work/target-h" cargo build --quiet --manifest-path "$app/Cargo.toml"

  # The unedited inputs, to edit back to for the incremental rebuild.
  cp "$prog/openapi.json" "$work/openapi-before.json"
  cp "$tree/spec/liquidweb/v1.yaml" "$work/v1-before.yaml"
  # One field's type changes, the same edit on both sides: the first field
  # of type NonNegInt becomes PositiveInt (the converter writes each field
  # as a $ref to a named schema, never as an inline integer).
  python3 - "$prog/openapi.json" <<'PY'
import json, sys
path = sys.argv[1]
doc = json.load(open(path))
before, after = "#/components/schemas/NonNegInt", "#/components/schemas/PositiveInt"
def edit(node):
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for value in props.values():
                if isinstance(value, dict) and value.get("$ref") == before:
                    value["$ref"] = after
                    return True
        return any(edit(v) for v in node.values())
    if isinstance(node, list):
        return any(edit(v) for v in node)
    return False
assert edit(doc), "no NonNegInt field to edit"
json.dump(doc, open(path, "w"), indent=1)
PY
  # sed succeeds without a match: check there is one, or the rebuild
  # would be measured without any edit.
  grep -q '            type: NonNegInt' "$tree/spec/liquidweb/v1.yaml" || {
    echo "no NonNegInt field in v1.yaml to edit" >&2
    exit 1
  }
  sed -i '0,/            type: NonNegInt/s//            type: PositiveInt/' "$tree/spec/liquidweb/v1.yaml"
  build_p="cargo build --quiet --manifest-path '$prog/Cargo.toml' -p lw-progenitor"
  regen_build_h="'$codegen' generate --spec '$tree/spec' --out '$tree/generated' >/dev/null && cargo build --quiet --manifest-path '$app/Cargo.toml'"
  # Without incremental compilation, as the clean build above.
  timed "$work/t-edit-p" env CARGO_TARGET_DIR="$work/target-p" bash -c "$build_p"
  timed "$work/t-edit-h" env CARGO_TARGET_DIR="$work/target-h" bash -c "$regen_build_h"
  # With cargo's defaults for a dev build: incremental compilation is on for
  # workspace members and path dependencies, which the edited crate is on
  # both sides. One untimed build fills the incremental cache, then the
  # field is edited back and the rebuild timed.
  env CARGO_INCREMENTAL=1 CARGO_TARGET_DIR="$work/target-p" bash -c "$build_p"
  env CARGO_INCREMENTAL=1 CARGO_TARGET_DIR="$work/target-h" bash -c "$regen_build_h"
  cp "$work/openapi-before.json" "$prog/openapi.json"
  cp "$work/v1-before.yaml" "$tree/spec/liquidweb/v1.yaml"
  timed "$work/t-incr-p" env CARGO_INCREMENTAL=1 CARGO_TARGET_DIR="$work/target-p" bash -c "$build_p"
  timed "$work/t-incr-h" env CARGO_INCREMENTAL=1 CARGO_TARGET_DIR="$work/target-h" bash -c "$regen_build_h"
  rm -rf "$work/target-p" "$work/target-h" "$tree" "$prog" "$app"

  label="${scale}×"
  printf '| %s | generated lines | %s | %s | %s |\n' "$label" "$p_lines" "$h_lines" "$(ratio "$p_lines" "$h_lines")"
  printf '| %s | generation, release | %s s | %s s | %s |\n' "$label" "$(secs "$work/t-gen-p")" "$(secs "$work/t-gen-h")" \
    "$(ratio "$(secs "$work/t-gen-p")" "$(secs "$work/t-gen-h")")"
  printf '| %s | clean debug build | %s s | %s s | %s |\n' "$label" "$(secs "$work/t-clean-p")" "$(secs "$work/t-clean-h")" \
    "$(ratio "$(secs "$work/t-clean-p")" "$(secs "$work/t-clean-h")")"
  printf '| %s | clean build, peak RSS | %s MiB | %s MiB | %s |\n' "$label" "$(mib "$work/t-clean-p")" "$(mib "$work/t-clean-h")" \
    "$(ratio "$(mib "$work/t-clean-p")" "$(mib "$work/t-clean-h")")"
  printf '| %s | rebuild after a one-field spec edit, no incremental | %s s | %s s | %s |\n' "$label" "$(secs "$work/t-edit-p")" "$(secs "$work/t-edit-h")" \
    "$(ratio "$(secs "$work/t-edit-p")" "$(secs "$work/t-edit-h")")"
  printf '| %s | rebuild after a one-field spec edit, incremental (cargo default) | %s s | %s s | %s |\n' "$label" "$(secs "$work/t-incr-p")" "$(secs "$work/t-incr-h")" \
    "$(ratio "$(secs "$work/t-incr-p")" "$(secs "$work/t-incr-h")")"
done
