#!/usr/bin/env bash
# What checking `pattern`s the way the runtime compiles them costs the
# generator's build (it is a build dependency of every user of `hostapi`):
# CPU seconds of a clean debug build of a scratch crate depending on
#
#   syntax    regex-syntax alone (std, unicode): what the checker had before
#   automata  regex-automata with the checker's features (std, syntax,
#             nfa-pikevm, unicode; brings regex-syntax): what it has now
#   regex     the whole `regex` with the runtime's features (std, perf,
#             unicode): the alternative of sharing the runtime's own code
#
# Each is built RUNS times (default 3) in a fresh target directory, offline,
# with the workspace's Cargo.lock; prints user CPU and wall seconds per run.
# User CPU is what the machine pays; wall time depends on other builds and on
# how much of the rest of the build runs beside it.
#
# Then the time `PatternMatcher::compile` takes for a few patterns in a debug
# build (build scripts run the generator unoptimised).
#
# Usage: scripts/measure-pattern-check.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

crate() {
  local name=$1 dependency=$2
  mkdir -p "$work/$name/src"
  echo 'fn main() {}' > "$work/$name/src/main.rs"
  cat > "$work/$name/Cargo.toml" <<EOF
[package]
name = "measure-$name"
version = "0.1.0"
edition = "2024"
[dependencies]
$dependency
[workspace]
EOF
  cp "$root/Cargo.lock" "$work/$name/"
}

crate syntax 'regex-syntax = { version = "0.8", default-features = false, features = ["std", "unicode"] }'
crate automata 'regex-automata = { version = "0.4", default-features = false, features = ["std", "syntax", "nfa-pikevm", "unicode"] }'
crate regex 'regex = { version = "1", default-features = false, features = ["std", "perf", "unicode"] }'

echo "| dependency | run | user CPU (s) | wall (s) |"
echo "| --- | --- | --- | --- |"
for run in $(seq "$runs"); do
  for name in syntax automata regex; do
    rm -rf "$work/target-$name"
    times=$( { /usr/bin/time -f "%U %e" cargo build --offline --quiet \
      --manifest-path "$work/$name/Cargo.toml" --target-dir "$work/target-$name" >/dev/null; } 2>&1 | tail -1)
    echo "| $name | $run | ${times% *} | ${times#* } |"
  done
done

echo
echo "Compiling patterns the runtime's way, debug build:"
echo
echo "| pattern | time | verdict |"
echo "| --- | --- | --- |"
cd "$root"
cargo run --quiet -p hostapi-rules --features pattern-check --example pattern_compile_times
