#!/usr/bin/env bash
# What rustc's peak memory for the `hostapi` crate is made of, for a
# synthetic Liquid Web v1 SCALE times its size: the crate as generated (with
# the runtime's macros), then its macro-expanded source compiled directly,
# then that source with one kind of generated body taken out or emptied at a
# time (scripts/lib/expanded_variant.py names them). The variants do not
# work as clients; they only show what each kind of body costs the compiler.
#
# Usage: scripts/decompose-compile-memory.sh [SCALE] [VARIANT...]
#        (defaults: SCALE 10; every variant)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scale=${1:-10}
shift || true
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(expanded nodocs nodeser noclone novisit noviol nosetters)
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# -Z unpretty=expanded is a nightly flag: enabled on the stable compiler with
# RUSTC_BOOTSTRAP=1 for this measurement only (and for every build, so that
# cargo does not rebuild the dependencies between runs).
export CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" RUSTC_BOOTSTRAP=1
# shellcheck source=lib/scaled-tree.sh
. "$root/scripts/lib/scaled-tree.sh"
tree="$work/tree"
make_scaled_tree "$root" "$tree" "$scale"

compile=(cargo rustc --quiet --manifest-path "$tree/Cargo.toml" -p hostapi
  --no-default-features --features liquidweb_v1)
"${compile[@]}" >/dev/null 2>&1 # dependencies, once
measure() { # LABEL: compile the crate as it stands, print a table row
  touch "$tree/src/lib.rs"
  /usr/bin/time -f "%M %U" -o "$work/time" "${compile[@]}" >/dev/null 2>"$work/log" ||
    { cat "$work/log" >&2; exit 1; }
  read -r kib user <"$work/time"
  printf '| %s | %s MiB | %s s |\n' "$1" "$((kib / 1024))" "$user"
}
echo "| variant | peak RSS | user CPU |"
echo "| --- | --- | --- |"
measure "as generated (macros)"
"${compile[@]}" -- -Z unpretty=expanded >"$work/expanded.rs"
for variant in "${variants[@]}"; do
  python3 "$root/scripts/lib/expanded_variant.py" "$variant" <"$work/expanded.rs" >"$tree/src/lib.rs"
  measure "$variant"
done
