"""Prints an import overlay without its `additions: true` methods.

The measurement scripts compare hostapi with progenitor on the same API:
Liquid Web v1 as docs-v1.json (2013) describes it. The overlay's methods
marked `additions: true` add what today's sources show (v1.provenance.md),
which the converted OpenAPI document that progenitor reads does not have,
so the compared spec is imported without them. The overlay's hand
transcriptions (methods that replace an imported one) stay, as in every
earlier measurement.

Works on the overlay's layout (sections at two spaces, methods at six, a
method's keys at eight): drops each method block holding `additions: true`,
each section left without methods, and each twin section (`twin_of`: a
section today's docs name whose methods are a 2013 section's). Anchors defined inside a dropped
block must not be used outside one; the import then fails, loudly.

Usage: python3 strip_additions.py < v1.overlay.yaml > stripped.yaml
"""

import sys

SECTION, METHOD, KEY = 2, 6, 8


def indent(line):
    return len(line) - len(line.lstrip(" "))


def blocks(lines, start, end, width):
    """Splits lines[start:end] into blocks that open at `width` spaces."""
    out, current = [], []
    for line in lines[start:end]:
        if line.strip() and indent(line) == width and not line.lstrip().startswith("#"):
            if current:
                out.append(current)
            current = [line]
        else:
            current.append(line)
    if current:
        out.append(current)
    return out


def is_additions(block):
    return any(
        indent(line) == KEY and line.strip() == "additions: true" for line in block
    )


def strip_section(block):
    """The section without its additions methods, or None if none is left
    (or it is a twin: a section today's docs name, `twin_of` the 2013 one)."""
    if any(indent(line) == 4 and line.strip().startswith("twin_of:") for line in block):
        return None
    head = next(i for i, line in enumerate(block) if line.strip() == "methods:")
    methods = blocks(block, head + 1, len(block), METHOD)
    kept = [m for m in methods if m[0].strip() and indent(m[0]) == METHOD and not is_additions(m)]
    if not kept:
        return None
    # Lines before the first method (comments) stay with the header.
    lead = [] if methods and methods[0][0].strip() and indent(methods[0][0]) == METHOD else methods[0]
    return block[: head + 1] + lead + [line for m in kept for line in m]


def main():
    lines = sys.stdin.read().split("\n")
    top = lines.index("sections:")
    out = lines[: top + 1]
    for block in blocks(lines, top + 1, len(lines), SECTION):
        if not (block[0].strip() and indent(block[0]) == SECTION):
            out.extend(block)  # comments or blank lines before the first section
            continue
        stripped = strip_section(block)
        if stripped is not None:
            out.extend(stripped)
    sys.stdout.write("\n".join(out).rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
