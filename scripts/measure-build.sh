#!/usr/bin/env bash
# Clean debug build time (and peak memory) of the hostapi crate with all
# features, in a throwaway target directory. Usage: scripts/measure-build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=$(mktemp -d)
trap 'rm -rf "$target"' EXIT
CARGO_TARGET_DIR="$target" cargo fetch --quiet
/usr/bin/time -f "clean build of hostapi: %e s wall, %M KiB peak RSS" \
  env CARGO_TARGET_DIR="$target" cargo build --quiet -p hostapi
touch spec/liquidweb/bleed.yaml
/usr/bin/time -f "rebuild after touching a spec: %e s wall, %M KiB peak RSS" \
  env CARGO_TARGET_DIR="$target" cargo build --quiet -p hostapi
