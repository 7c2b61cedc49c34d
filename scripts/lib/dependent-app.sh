# Sourced by the measurement scripts: the scratch application they build to
# see what a dependent of `hostapi` compiles.

# make_dependent_app DIR HOSTAPI_PATH: a library crate at DIR depending on
# the hostapi at HOSTAPI_PATH with only `liquidweb_v1`, locked to that
# tree's Cargo.lock so both sides of a comparison build the same versions.
make_dependent_app() {
  local dir=$1 hostapi=$2
  mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<TOML
[package]
name = "hostapi-dependent"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
hostapi = { path = "$hostapi", default-features = false, features = ["liquidweb_v1"] }

[workspace]
TOML
  cp "$hostapi/Cargo.lock" "$dir/Cargo.lock"
  echo 'pub use hostapi::liquidweb_v1;' >"$dir/src/lib.rs"
}
