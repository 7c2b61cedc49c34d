#!/usr/bin/env bash
# Time and peak memory of generating synthetic specs of growing size, with
# the release build of hostapi-codegen.
#
# Usage: scripts/measure-generate.sh
#
# Specs (codegen/examples/big_spec.rs, codegen/examples/synth_docs.rs):
#   doc-lines N      one method whose doc is N MB of short lines
#   shared-phrase N  one type whose phrase is most of N MB, used by 40,000
#                    fields (members refer to a phrase this long)
#   phrase 400 B     a 400-byte phrase (the longest members copy) used by
#                    40,000 fields: the most repeated text a spec can make
#   v1 ×K            spec/ with Liquid Web v1 replaced by the import of a
#                    docs.json K times the real one
#
# For each: `hostapi-codegen crate` end to end (GNU time: wall time and
# peak resident memory), then load, check and emit on their own
# (codegen/examples/measure_generate.rs, peak memory from /proc/self/status
# after each step). Prints a Markdown table. Takes a few minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --quiet --release -p hostapi-codegen --bin hostapi-codegen \
  --example big_spec --example synth_docs --example measure_generate
bin="$root/target/release"

echo "| spec | size | crate: wall | crate: peak RSS | peak / size | load, check, emit (time; peak after each) | output |"
echo "| --- | --- | --- | --- | --- | --- | --- |"

# row LABEL SPEC_PATH
row() {
  local label=$1 spec=$2
  local size wall peak steps
  size=$(find "$spec" -name '*.yaml' -exec cat {} + | wc -c)
  rm -rf "$work/crate"
  /usr/bin/time -f '%e %M' -o "$work/time" \
    "$bin/hostapi-codegen" crate --spec "$spec" --out "$work/crate" --name big >/dev/null
  read -r wall peak <"$work/time"
  steps=$("$bin/examples/measure_generate" "$spec")
  awk -v l="$label" -v s="$size" -v w="$wall" -v p="$peak" -v steps="$steps" 'BEGIN {
    n = split(steps, part, " \\| ");
    load = part[2]; check = part[3]; emit = part[4]; out = part[5];
    gsub(/^(load|check|emit|output) /, "", load); gsub(/^check /, "", check);
    gsub(/^emit /, "", emit); gsub(/^output /, "", out);
    printf "| %s | %.2f MB | %.2f s | %.0f MiB | %.1f× | %s; %s; %s | %s |\n",
      l, s / 1e6, w, p / 1024, p * 1024 / s, load, check, emit, out
  }'
}

for mb in 1.5 6 24; do
  "$bin/examples/big_spec" --shape doc-lines --mb "$mb" --out "$work/spec" >/dev/null
  row "doc-lines $mb" "$work/spec"
done
for mb in 1.5 6 24; do
  "$bin/examples/big_spec" --shape shared-phrase --mb "$mb" --out "$work/spec" >/dev/null
  row "shared-phrase $mb" "$work/spec"
done
"$bin/examples/big_spec" --shape shared-phrase --phrase-bytes 400 --mb 1 --out "$work/spec" >/dev/null
row "phrase 400 B" "$work/spec"
for k in 1 5 10 20; do
  rm -rf "$work/spec"
  cp -r spec "$work/spec"
  rm -rf "$work/spec/liquidweb/source"
  if [ "$k" -gt 1 ]; then
    "$bin/examples/synth_docs" "$k" spec/liquidweb/source/docs-v1.json "$work/docs.json" >/dev/null
    "$bin/hostapi-codegen" import liquidweb-docs "$work/docs.json" \
      --out "$work/spec/liquidweb/v1.yaml" >/dev/null 2>&1
  fi
  row "v1 ×$k" "$work/spec"
done
