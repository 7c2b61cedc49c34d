#!/usr/bin/env bash
# Instructions per call of the overhead bench's four sides (the token call
# and the path-parameter GET, generated and hand-written), counted by
# callgrind: a figure the shared machine's load does not move, to read
# beside the interleaved timings of `cargo bench --bench overhead`.
#
# Usage: scripts/overhead-instructions.sh [BENCH_BINARY]
#        (default: builds benches/overhead.rs in release and uses it)
#
# Each side runs alone (OVERHEAD_ONLY=<side>:<calls>) for 1,000 and then
# 3,000 calls; the difference divided by 2,000 is one call's count, set-up
# and warm-up cancelled out. Both client and loopback server run in the
# process, so a call's count includes the server's share, the same for
# both sides of a pair.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
bench=${1:-}
if [ -z "$bench" ]; then
  bench=$(cargo bench -p hostapi --bench overhead --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*overhead-[^"]*\)".*/\1/p' | tail -1)
fi
[ -x "$bench" ] || { echo "no bench binary at '$bench'" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count() { # side calls -> instructions of the whole run
  OVERHEAD_ONLY="$1:$2" valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
    "$bench" --bench 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | tail -1
}
per_call() {
  local small large
  small=$(count "$1" 1000)
  large=$(count "$1" 3000)
  echo $(((large - small) / 2000))
}
for call in token domain; do
  generated=$(per_call "$call-generated")
  hand=$(per_call "$call-hand")
  ratio=$(awk -v g="$generated" -v h="$hand" 'BEGIN { printf "%.3f", g / h }')
  echo "$call: generated $generated, hand-written $hand instructions per call, ratio $ratio"
done
