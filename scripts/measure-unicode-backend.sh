#!/usr/bin/env bash
# What the Unicode back end of `url`'s host parsing costs a dependent of
# `hostapi`: a clean debug build of an application depending on hostapi
# with only `liquidweb_v1`, once with this repository's lock (idna_adapter
# 1.2, cargo's default: ICU4X, whose derive macros bring syn into the build) and once with
# the lock choice README recommends (`cargo update -p idna_adapter
# --precise 1.1.0`: unicode-rs, no procedural macro anywhere), interleaved,
# each in a fresh target directory, without incremental compilation.
#
# Usage: scripts/measure-unicode-backend.sh [ROUNDS]        (default: 2)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib/dependent-app.sh"
rounds=${1:-2}
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_INCREMENTAL=0

for backend in icu4x unicode-rs; do
  app="$work/app-$backend"
  make_dependent_app "$app" "$root"
  if [ "$backend" = unicode-rs ]; then
    (cd "$app" && cargo update --quiet -p idna_adapter --precise 1.1.0)
  fi
  (cd "$app" && cargo fetch --quiet)
  macros=$(cd "$app" && cargo tree --quiet --prefix none -e normal,build | grep -E '^(syn|proc-macro2) ' | sed 's/ (.*//' | sort -u | tr '\n' ' ' || true)
  echo "$backend: procedural macro support in the tree: ${macros:-none}" >&2
done

echo "| round | back end | wall | user CPU | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
for round in $(seq 1 "$rounds"); do
  order=(icu4x unicode-rs)
  [ $((round % 2)) -eq 0 ] && order=(unicode-rs icu4x)
  for backend in "${order[@]}"; do
    app="$work/app-$backend"
    rm -rf "$app/target"
    (cd "$app" && /usr/bin/time -f "%e %U %M" -o "$work/time" cargo build --quiet)
    read -r wall user kib <"$work/time"
    printf '| %s | %s | %s s | %s s | %s MiB |\n' "$round" "$backend" "$wall" "$user" "$((kib / 1024))"
  done
done
