#!/usr/bin/env bash
# Debug build time and peak memory of the hostapi crate, for the real
# Liquid Web v1 spec and for synthetic ones N times its size.
#
# Usage: scripts/measure-build.sh [SCALE...]        (default: 1 10)
#
# For each scale the working tree is copied (without target/ and .git) to a
# temporary directory; for SCALE > 1, spec/liquidweb/v1.yaml there is
# replaced by the import of a synthetic docs.json SCALE times the size of
# spec/liquidweb/source/docs-v1.json (codegen/examples/synth_docs.rs). Then,
# once with all features and once with only `liquidweb_v1`, each in a fresh
# target directory:
#
#   clean        cargo build -p hostapi, nothing built yet (dependencies too)
#   crate only   the same after `cargo clean -p hostapi` (dependencies built)
#   spec edit    after changing one parameter's type in v1.yaml (build.rs
#                regenerates, then the crate rebuilds incrementally)
#   no change    after touching src/lib.rs
#
# Peak memory is the largest resident set of any one process (GNU time's
# %M: rustc, in practice). Prints a Markdown table and the generated line
# counts. Each scale takes several minutes on a 2-core machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --quiet -p hostapi-codegen --bin hostapi-codegen --example synth_docs
codegen="$root/target/debug/hostapi-codegen"
synth="$root/target/debug/examples/synth_docs"

# measure LABEL COMMAND... : one table row
measure() {
  local label=$1
  shift
  if ! /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/log" 2>&1; then
    cat "$work/log" >&2
    exit 1
  fi
  local secs kib
  read -r secs kib <"$work/time"
  printf '| %s | %s | %s | %s s | %s MiB |\n' "$scale_label" "$features_label" "$label" "$secs" "$((kib / 1024))"
}

echo "| spec | features | build | wall time | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
lines_report=""
scales=("$@")
if [ ${#scales[@]} -eq 0 ]; then
  scales=(1 10)
fi
for scale in "${scales[@]}"; do
  copy="$work/hostapi-$scale"
  mkdir -p "$copy"
  tar --exclude=./target --exclude=./.git -cf - . | tar -xf - -C "$copy"
  if [ "$scale" -gt 1 ]; then
    "$synth" "$scale" spec/liquidweb/source/docs-v1.json "$work/docs-$scale.json" >/dev/null
    "$codegen" import liquidweb-docs "$work/docs-$scale.json" \
      --out "$copy/spec/liquidweb/v1.yaml" 2>/dev/null >/dev/null
  fi
  # Method counts from the generator's summary line (`…, 265 methods, …`):
  # sections declare their methods through a macro, so the generated
  # files have no `fn` per method to count.
  count_methods() { sed -n 's/.* \([0-9][0-9]*\) methods,.*/\1/p'; }
  all_methods=$("$codegen" generate --spec "$copy/spec" --out "$work/generated-$scale" | count_methods)
  methods=$("$codegen" generate --spec "$copy/spec/liquidweb/v1.yaml" --out "$work/v1-$scale" | count_methods)
  v1_lines=$(find "$work/generated-$scale/liquidweb_v1" -name '*.rs' -exec cat {} + | wc -l)
  all_lines=$(find "$work/generated-$scale" -name '*.rs' -exec cat {} + | wc -l)
  lines_report+="| ${scale}× | $methods | $all_methods | $v1_lines | $all_lines |"$'\n'
  scale_label="v1 ×$scale ($methods methods; $all_methods in all APIs)"
  for features in all liquidweb_v1; do
    # `regenerate`: build.rs generates from the spec, so the spec edit
    # below reaches the crate (scripts/measure-dependent-build.sh measures
    # a dependent, which compiles generated/ instead).
    if [ "$features" = all ]; then
      flags=(--features regenerate)
      features_label="all"
    else
      flags=(--no-default-features --features liquidweb_v1,regenerate)
      features_label="liquidweb_v1"
    fi
    export CARGO_TARGET_DIR="$copy/target-$features"
    (cd "$copy" && cargo fetch --quiet)
    cd "$copy"
    measure "clean" cargo build --quiet -p hostapi "${flags[@]}"
    cargo clean --quiet -p hostapi
    measure "crate only" cargo build --quiet -p hostapi "${flags[@]}"
    # One parameter's type changes: what a spec maintainer's edit does.
    sed -i '0,/            type: NonNegInt/s//            type: PositiveInt/' spec/liquidweb/v1.yaml
    measure "spec edit" cargo build --quiet -p hostapi "${flags[@]}"
    touch src/lib.rs
    measure "no change" cargo build --quiet -p hostapi "${flags[@]}"
    cd "$root"
    rm -rf "$copy/target-$features"
    unset CARGO_TARGET_DIR
  done
done
echo
echo "| spec | methods, liquidweb_v1 | methods, all APIs | generated lines, liquidweb_v1 | generated lines, all APIs |"
echo "| --- | --- | --- | --- | --- |"
printf '%s' "$lines_report"
