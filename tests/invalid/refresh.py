#!/usr/bin/env python3
"""Show or rewrite the `# expect:` lines of the invalid-input corpus.

    python3 tests/invalid/refresh.py [--cli PATH] [--write] [--force] [CASE ...]

Runs `entente validate` on each case (tests/invalid/*.yaml, or the named ones)
with the case's `# args:` and `# policy:` lines and prints the diagnostics in
`# expect:` form. With --write it replaces the case's expect lines with them
(repeating until the line numbers settle, since the expect lines live in the
header). Cases tagged `# known-bug:` (the last line of the file) are shown but
never rewritten unless --force is given: their expectation is what the loader
SHOULD say, not what it says.

Read every message before you freeze it (tests/invalid/README.md).
"""
import argparse
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "invalid"
DIRECTIVE = re.compile(r"^# (expect|args|policy|known-bug):(?: (.*))?$")


def directives(text):
    out = {"expect": [], "args": [], "policy": [], "known-bug": []}
    for line in text.splitlines():
        m = DIRECTIVE.match(line)
        if m:
            out[m.group(1)].append(m.group(2) or "")
    return out


def run_cli(cli, rel, d):
    cmd = [cli, "validate", rel]
    for a in d["args"]:
        opt, _, value = a.partition(" ")
        cmd += [opt, value]
    for p in d["policy"]:
        cmd += ["--policy", p]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    lines = [l for l in r.stderr.splitlines() if not re.match(r"^\d+ errors?; nothing was run$", l)]
    return r.returncode, [to_expect(rel, l) for l in lines]


def to_expect(rel, line):
    # The case's own path is left out: "12:5: error: ..." or "error: ..." (no position).
    if line.startswith(rel + ":"):
        rest = line[len(rel) + 1:]
        return rest[1:] if rest.startswith(" error:") else rest
    return line


def rewrite(text, expect):
    lines = text.splitlines(keepends=True)
    kept = [l for l in lines if not l.startswith("# expect:")]
    # The expect lines go after the leading comment block (or where they were).
    at = 0
    while at < len(kept) and kept[at].startswith("#"):
        at += 1
    new = ["# expect: " + e + "\n" for e in expect]
    return "".join(kept[:at] + new + kept[at:])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=str(ROOT / "build" / "release" / "cli" / "entente"))
    ap.add_argument("--write", action="store_true", help="rewrite the expect lines in place")
    ap.add_argument("--force", action="store_true", help="also rewrite cases tagged known-bug")
    ap.add_argument("cases", nargs="*", help="case names (without .yaml); default: all")
    args = ap.parse_args()
    paths = [CASES / (c if c.endswith(".yaml") else c + ".yaml") for c in args.cases] or sorted(CASES.glob("*.yaml"))
    status = 0
    for path in paths:
        rel = path.relative_to(ROOT).as_posix()
        # surrogateescape: a case may hold bytes that are not UTF-8 on purpose
        # (text_not_utf8.yaml); they are written back unchanged.
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        d = directives(text)
        rc, expect = run_cli(args.cli, rel, d)
        mark = "" if expect == d["expect"] else "  (differs from the file)"
        if d["known-bug"]:
            mark += "  [known-bug]"
        if args.write and expect != d["expect"] and (not d["known-bug"] or args.force):
            mark = "  (rewritten)"
            for _ in range(5):  # the number of expect lines shifts the line numbers
                text = rewrite(text, expect)
                path.write_text(text, encoding="utf-8", errors="surrogateescape")
                rc, again = run_cli(args.cli, rel, directives(text))
                if again == expect:
                    break
                expect = again
        print(f"== {rel} (exit {rc}){mark}")
        for e in expect:
            print("# expect: " + e)
        if rc != 2:
            print(f"   !! exit code {rc}, expected 2")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
