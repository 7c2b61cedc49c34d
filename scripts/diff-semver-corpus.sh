#!/usr/bin/env bash
# Checks that the semver impact `hostapi-codegen diff` claims for every rule
# case (codegen/tests/fixtures/diff/cases.yaml) is never lower than what
# cargo-semver-checks finds in the generated crates. Installs
# cargo-semver-checks first if it is missing (a few minutes of compiling).
# Too slow for .ci/run; run it when the rules or the emitter change.
# HOSTAPI_SEMVER_CASES=rule-a,rule-b limits the run to those cases.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo semver-checks --version >/dev/null 2>&1; then
  cargo install cargo-semver-checks --locked
fi
HOSTAPI_SEMVER_CORPUS=1 cargo test -p hostapi-codegen --test diff_semver -- --nocapture
