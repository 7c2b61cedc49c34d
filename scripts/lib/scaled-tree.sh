# Sourced by the measurement scripts that compile the `hostapi` crate for a
# synthetic Liquid Web v1 SCALE times its size.

# make_scaled_tree ROOT TREE SCALE: a copy of the checkout at ROOT (without
# target/ and .git) in TREE whose spec/liquidweb/v1.yaml is the import of a
# synthetic docs.json SCALE times spec/liquidweb/source/docs-v1.json (for
# SCALE > 1; merged with the overlay's hand transcriptions, not its
# additions), with generated/ regenerated from it.
make_scaled_tree() {
  local root=$1 tree=$2 scale=$3
  (cd "$root" && cargo build --quiet -p hostapi-codegen --bin hostapi-codegen --example synth_docs)
  # Where that build went (the caller's CARGO_TARGET_DIR, if it set one).
  local built="${CARGO_TARGET_DIR:-$root/target}/debug"
  local codegen="$built/hostapi-codegen" synth="$built/examples/synth_docs"
  mkdir -p "$tree"
  (cd "$root" && tar --exclude=./target --exclude=./.git -cf - .) | tar -xf - -C "$tree"
  if [ "$scale" -gt 1 ]; then
    "$synth" "$scale" "$root/spec/liquidweb/source/docs-v1.json" "$tree/../docs.json" >/dev/null
    # SCALE times the 2013 file: the overlay's hand transcriptions, not the
    # members today's sources add (strip_additions.py says why).
    python3 "$root/scripts/lib/strip_additions.py" <"$root/spec/liquidweb/v1.overlay.yaml" \
      >"$tree/spec/liquidweb/v1.overlay.yaml"
    "$codegen" import liquidweb-docs "$tree/../docs.json" --out "$tree/spec/liquidweb/v1.yaml" >/dev/null 2>&1
  fi
  "$codegen" generate --spec "$tree/spec" --out "$tree/generated" >/dev/null
}
