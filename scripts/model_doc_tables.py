#!/usr/bin/env python3
"""Regenerates (or checks) the parameter tables of docs/models/*.md.

Each page holds its component's declared parameters between two marker
comments:

    <!-- begin generated: entente models NAME --format markdown -->
    ...
    <!-- end generated -->

and the text between them must be the command's output, so the page cannot
drift from the declarations in models/ (defaults, ranges, units, sources).
The hand-written tables beside it argue the scenarios' values; only the
marked block is generated.

    scripts/model_doc_tables.py [--check] [ENTENTE]

Without --check the blocks are rewritten in place; with --check nothing is
written and the exit status is 1 when a block differs (the CTest test
docs.model_tables) or a page has no block. ENTENTE defaults to
build/release/cli/entente.
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BLOCK = re.compile(
    r"(<!-- begin generated: entente models (\w+) --format markdown -->\n)(.*?)(<!-- end generated -->)",
    re.S)
# Pages that describe no single component.
NOT_COMPONENTS = {"coupling.md"}


def main(argv):
    check = "--check" in argv
    rest = [a for a in argv if a != "--check"]
    entente = rest[0] if rest else str(ROOT / "build/release/cli/entente")
    stale = []
    for page in sorted((ROOT / "docs/models").glob("*.md")):
        if page.name in NOT_COMPONENTS:
            continue
        text = page.read_text()
        if not BLOCK.search(text):
            stale.append(f"{page.relative_to(ROOT)}: no generated parameter table (markers missing)")
            continue

        def regenerate(m):
            out = subprocess.run([entente, "models", m.group(2), "--format", "markdown"],
                                 check=True, capture_output=True, text=True).stdout
            return m.group(1) + out + m.group(4)

        new = BLOCK.sub(regenerate, text)
        if new != text:
            stale.append(f"{page.relative_to(ROOT)}: generated table differs from `entente models ... --format markdown`")
            if not check:
                page.write_text(new)
    if check and stale:
        print("\n".join(stale), file=sys.stderr)
        print("run scripts/model_doc_tables.py to regenerate", file=sys.stderr)
        return 1
    for line in stale:
        print(("rewrote " if "differs" in line else "") + line)
    return 1 if any("markers missing" in s for s in stale) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
