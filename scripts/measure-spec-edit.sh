#!/usr/bin/env bash
# What a spec maintainer waits for after a one-field edit: `hostapi-codegen
# generate` (release) and then the debug build of an application that
# depends on this tree with only `liquidweb_v1`, with cargo's defaults
# (incremental compilation on for the edited path dependency), as the
# incremental row of scripts/compare-progenitor.sh does.
#
# Usage: scripts/measure-spec-edit.sh [EDITS]        (default: 6)
#
# The working tree is copied (without target/ and .git); the application is
# built once, then the first field of type NonNegInt in v1.yaml is switched
# to PositiveInt and back, EDITS times, each rebuild timed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib/dependent-app.sh"
cd "$root"
edits=${1:-6}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset CARGO_INCREMENTAL

cargo build --quiet --release -p hostapi-codegen --bin hostapi-codegen
codegen="$root/target/release/hostapi-codegen"
tree="$work/tree"
app="$work/app"
mkdir -p "$tree"
tar --exclude=./target --exclude=./.git -cf - . | tar -xf - -C "$tree"
make_dependent_app "$app" "$tree"
export CARGO_TARGET_DIR="$work/target"
(cd "$app" && cargo build --quiet)

spec="$tree/spec/liquidweb/v1.yaml"
grep -q '            type: NonNegInt' "$spec" || {
  echo "no NonNegInt field in v1.yaml to edit" >&2
  exit 1
}
cp "$spec" "$work/original.yaml"
sed '0,/            type: NonNegInt/s//            type: PositiveInt/' "$work/original.yaml" >"$work/edited.yaml"
echo "| edit | wall | user CPU |"
echo "| --- | --- | --- |"
for n in $(seq 1 "$edits"); do
  # Odd edits change the field, even ones change it back.
  if [ $((n % 2)) -eq 1 ]; then cp "$work/edited.yaml" "$spec"; else cp "$work/original.yaml" "$spec"; fi
  /usr/bin/time -f "%e %U" -o "$work/time" bash -c \
    "'$codegen' generate --spec '$tree/spec' --out '$tree/generated' >/dev/null && cd '$app' && cargo build --quiet"
  read -r wall user <"$work/time"
  printf '| %s | %s s | %s s |\n' "$n" "$wall" "$user"
done
