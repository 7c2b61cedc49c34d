"""Rewrites the macro-expanded source of the `hostapi` crate (stdin) into a
variant that compiles on the stable compiler with RUSTC_BOOTSTRAP=1
(stdout), for scripts/decompose-compile-memory.sh.

expanded   the expanded source as it is
nodocs     without doc attributes and doc comments
nodeser    every `Deserialize::deserialize` body emptied (`loop {}`)
noclone    every derived `Clone::clone` body emptied
novisit    every `Fields::visit` / `SentFields::visit` body emptied
noviol     without the records' `violations()` methods
nosetters  without the records' `with_` setters
"""
import re
import sys

# The derives' expansions use library internals, allowed by these features.
FEATURES = (
    "#![feature(prelude_import, stmt_expr_attributes, coverage_attribute, core_intrinsics,"
    " derive_clone_copy_internals, derive_eq_internals, fmt_helpers_for_derive,"
    " structural_match, trivial_clone)]\n#![allow(internal_features)]"
)


def empty_bodies(src, signature):
    """Replaces the body after each match of `signature` with `{ loop {} }`."""
    out, pos = [], 0
    for match in re.finditer(signature, src):
        if match.start() < pos:
            continue
        start = src.index("{", match.end())
        depth, end = 0, start
        while True:
            if src[end] == "{":
                depth += 1
            elif src[end] == "}":
                depth -= 1
                if depth == 0:
                    break
            end += 1
        out += [src[pos:start], "{ loop {} }"]
        pos = end + 1
    out.append(src[pos:])
    return "".join(out)


def main():
    variant = sys.argv[1]
    src = sys.stdin.read()
    first, _, rest = src.partition("\n")
    if first != "#![feature(prelude_import)]":
        sys.exit("expected the expanded source's feature line first")
    src = FEATURES + "\n" + rest
    if variant == "nodocs":
        src = re.sub(r'#\[doc\s*=\s*r?"(?:[^"\\]|\\.)*"\]', "", src)
        src = re.sub(r'#\[doc\s*=\s*r#"(?:.|\n)*?"#\]', "", src)
        src = re.sub(r"^\s*//[/!].*$", "", src, flags=re.M)
    elif variant == "nodeser":
        src = empty_bodies(src, r"fn deserialize<D: ::serde::Deserializer<'de>>\(deserializer: D\)")
    elif variant == "noclone":
        src = empty_bodies(src, r"fn clone\(&self\) -> \w+ ")
    elif variant == "novisit":
        src = empty_bodies(
            src,
            r"fn visit<'a,\s*V: ::hostapi_runtime::record::(Sent)?FieldVisitor<'a>>\(&'a self,\s*v: &mut V\)",
        )
    elif variant == "noviol":
        src = re.sub(
            r"impl \w+ \{\s*(#\[doc[^\]]*\]\s*|///[^\n]*\n\s*)*#\[inline\]\s*pub fn violations\(&self\)"
            r"\s*->\s*&\[::hostapi_runtime::decode::ResponseViolation\]\s*\{\s*&self.__violations\s*\}\s*\}",
            "",
            src,
        )
    elif variant == "nosetters":
        src = re.sub(
            r'#\[doc = "Sets `\w+`[^"]*"\]\s*#\[inline\]\s*pub fn with_\w+\([^{]*\{[^{}]*\}', "", src
        )
    elif variant != "expanded":
        sys.exit(f"unknown variant {variant!r}: see this file's docstring")
    sys.stdout.write(src)


main()
