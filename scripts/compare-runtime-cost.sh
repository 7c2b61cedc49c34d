#!/usr/bin/env bash
# What compiling the `hostapi` crate costs with two versions of the
# runtime's macros: rustc's peak memory, CPU time and the memory each
# compiler phase adds, for the real Liquid Web v1 spec or a synthetic one
# SCALE times its size.
#
# Usage: scripts/compare-runtime-cost.sh REF_A REF_B [SCALE] [ROUNDS]
#        (defaults: SCALE 10, ROUNDS 2; REF may be WORKTREE for the working tree)
#
# The working tree is copied (without target/ and .git) to a temporary
# directory; for SCALE > 1 its spec/liquidweb/v1.yaml is replaced by the
# import of a synthetic docs.json SCALE times spec/liquidweb/source/
# docs-v1.json, and generated/ is regenerated. The generated code is the
# same for both sides: only runtime/src is swapped (from `git archive REF`),
# so the figures isolate what the macros make of it. Dependencies are built
# once; each measurement then recompiles the runtime and the `hostapi`
# crate with only `liquidweb_v1`, without incremental compilation, rounds
# interleaved (A, B, A, B). The compile of `hostapi` alone is measured
# with GNU time (%M, %U) and `-Z time-passes` (nightly flag, enabled on the
# stable compiler with RUSTC_BOOTSTRAP=1 for this measurement only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ $# -ge 2 ] || { sed -n 2,9p "$0" >&2; exit 2; }
ref_a=$1 ref_b=$2 scale=${3:-10} rounds=${4:-2}
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# RUSTC_BOOTSTRAP for every build, not only the measured one: cargo
# rebuilds what was built without it, which would be timed too.
export CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" RUSTC_BOOTSTRAP=1

# shellcheck source=lib/scaled-tree.sh
. "$root/scripts/lib/scaled-tree.sh"
tree="$work/tree"
make_scaled_tree "$root" "$tree" "$scale"

runtime_of() { # REF DIR: that ref's runtime/src into DIR
  mkdir -p "$2"
  if [ "$1" = WORKTREE ]; then
    cp -r "$root/runtime/src" "$2/src"
  else
    git archive "$1" runtime/src | tar -x -C "$2" --strip-components=1
  fi
}
runtime_of "$ref_a" "$work/runtime-a"
runtime_of "$ref_b" "$work/runtime-b"

measure=(cargo rustc --quiet --manifest-path "$tree/Cargo.toml" -p hostapi
  --no-default-features --features liquidweb_v1 -- -Z time-passes)
"${measure[@]}" >/dev/null 2>&1 # dependencies, once

echo "| side | round | peak RSS | user CPU | macro expansion | type check | borrow check | metadata | code generation |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
phase() { # FILE PHASE: the memory that phase added
  grep -E "rss:.*[[:space:]]$2\$" "$1" | tail -1 | sed -E 's/.*\( *([+-][0-9]+MB)\).*/\1/'
}
for round in $(seq 1 "$rounds"); do
  for side in a b; do
    rm -rf "$tree/runtime/src"
    cp -r "$work/runtime-$side/src" "$tree/runtime/src"
    "${measure[@]}" >/dev/null 2>&1 # the runtime, and a first hostapi build
    touch "$tree/src/lib.rs"
    /usr/bin/time -f "%M %U" -o "$work/time" "${measure[@]}" 2>"$work/passes"
    read -r kib user <"$work/time"
    label=$([ "$side" = a ] && echo "$ref_a" || echo "$ref_b")
    printf '| %s | %s | %s MiB | %s s | %s | %s | %s | %s | %s |\n' "$label" "$round" "$((kib / 1024))" "$user" \
      "$(phase "$work/passes" macro_expand_crate)" "$(phase "$work/passes" type_check_crate)" \
      "$(phase "$work/passes" MIR_borrow_checking)" "$(phase "$work/passes" generate_crate_metadata)" \
      "$(phase "$work/passes" codegen_crate)"
  done
done
