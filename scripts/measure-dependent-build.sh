#!/usr/bin/env bash
# Clean debug build of an application that depends on `hostapi` (path
# dependency, only the `liquidweb_v1` feature), for two commits, in fresh
# target directories, interleaved: what a dependent pays for hostapi.
#
# Usage: scripts/measure-dependent-build.sh [BEFORE [AFTER [ROUNDS]]]
#        (default: main HEAD 2)
#
# Each commit is exported with `git archive`; the scratch crate copies the
# repository's Cargo.lock so both builds use the same dependency versions.
# Rounds alternate the order (before, after; after, before; …). Prints a
# Markdown table: wall time, user CPU, peak RSS of one process, and whether
# hostapi-codegen was compiled.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Resolved once: a commit made while the script runs must not change them.
before=$(git rev-parse --short "${1:-main}")
after=$(git rev-parse --short "${2:-HEAD}")
rounds=${3:-2}
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_INCREMENTAL=0

for label in before after; do
  commit=$before
  [ "$label" = after ] && commit=$after
  mkdir -p "$work/$label/hostapi" "$work/$label/app/src"
  git archive "$commit" | tar -x -C "$work/$label/hostapi"
  cp "$work/$label/hostapi/Cargo.lock" "$work/$label/app/Cargo.lock"
  cat >"$work/$label/app/Cargo.toml" <<TOML
[package]
name = "dependent-app"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
hostapi = { path = "../hostapi", default-features = false, features = ["liquidweb_v1"] }

[workspace]
TOML
  echo 'fn main() { let _ = hostapi::liquidweb_v1::Client::new; }' >"$work/$label/app/src/main.rs"
  (cd "$work/$label/app" && cargo fetch --quiet)
done

echo "| round | commit | wall | user CPU | peak RSS | compiled hostapi-codegen |"
echo "| --- | --- | --- | --- | --- | --- |"
for round in $(seq 1 "$rounds"); do
  order="before after"
  [ $((round % 2)) -eq 0 ] && order="after before"
  for label in $order; do
    target="$work/target-$label"
    rm -rf "$target"
    (cd "$work/$label/app" &&
      CARGO_TARGET_DIR="$target" /usr/bin/time -f "%e %U %M" -o "$work/time" \
        cargo build --quiet >"$work/log" 2>&1) || { cat "$work/log" >&2; exit 1; }
    read -r secs user kib <"$work/time"
    codegen=no
    if compgen -G "$target/debug/deps/libhostapi_codegen-*" >/dev/null; then
      codegen=yes
    fi
    commit=$before
    [ "$label" = after ] && commit=$after
    printf '| %s | %s (%s) | %s s | %s s | %s MiB | %s |\n' "$round" "$label" \
      "$commit" "$secs" "$user" "$((kib / 1024))" "$codegen"
    rm -rf "$target"
  done
done
