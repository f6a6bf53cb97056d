#!/usr/bin/env python3
"""Scenario mutation check (docs/reliability.md, "Mutation check").

Applies random mutations to a scenario file — a deleted, duplicated or
swapped line, a flipped or inserted byte, a number made huge, negative,
zero, NaN or a word, a truncated file, a key renamed — and runs
`entente validate` (and, for mutants that validate, a short `entente run`)
on each with a time limit. Every outcome falls in one class:

  valid       exit 0 (the mutation kept a valid scenario)
  located     exit 2, every error line is FILE:LINE:COLUMN: error: ...
  unlocated   exit 2 with an error line that names no location   <- a defect
  crash       killed by a signal or an exit code other than 0/2   <- a defect
  hang        over the time limit                                 <- a defect
  nan         a run whose summary holds nan or inf                <- a defect

Usage: scripts/mutate_scenarios.py ENTENTE SCENARIO [N] [SEED]
Prints the count per class and the first mutants of each defect class; exit 1
when any defect was found. The mutants are deterministic for a seed.
"""
import os
import random
import re
import subprocess
import sys
import tempfile

TIME_LIMIT = 20  # seconds per command: validate takes ~0.05 s, a 4-run run ~0.1 s
LOCATED = re.compile(r"^.+:\d+:\d+: (error|note|warning): ")
NUMBER = re.compile(r"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?(?![\w.])")


def mutate(lines, rng):
    lines = list(lines)
    kind = rng.choice(["delete", "duplicate", "swap", "flip", "insert", "number", "truncate", "rename"])
    i = rng.randrange(len(lines))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind in ("flip", "insert"):
        line = lines[i]
        k = rng.randrange(len(line) + 1)
        c = chr(rng.choice([0, 9, 13, 27, 34, 35, 38, 39, 45, 58, 60, 62, 91, 93, 123, 125, 124, 42, 33, 64, 0x7F]))
        lines[i] = line[:k] + c + line[k + (1 if kind == "flip" else 0):]
    elif kind == "number":
        candidates = [n for n, l in enumerate(lines) if NUMBER.search(l)]
        if candidates:
            i = rng.choice(candidates)
            matches = list(NUMBER.finditer(lines[i]))
            m = rng.choice(matches)
            repl = rng.choice(["1e308", "-1e308", "-1", "0", "nan", ".nan", "inf", "-.inf", "1e-320", "huge",
                               "99999999999999999999", "0x10", "1_000"])
            lines[i] = lines[i][:m.start()] + repl + lines[i][m.end():]
    elif kind == "truncate":
        cut = rng.randrange(len(lines))
        lines = lines[:cut] + [lines[cut][: rng.randrange(len(lines[cut]) + 1)]]
    elif kind == "rename":
        m = re.match(r"^(\s*(?:- )?)([A-Za-z_][\w]*)(:.*)$", lines[i])
        if m:
            lines[i] = m.group(1) + m.group(2) + rng.choice(["x", "_", "s"]) + m.group(3)
    return kind, lines


def run(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=TIME_LIMIT)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "", ""


def classify(entente, path, outdir):
    code, _, err = run([entente, "validate", path])
    if code is None:
        return "hang", "validate"
    if code == 2:
        errors = [l for l in err.splitlines() if ": error: " in l or l.startswith("entente: error")]
        bad = [l for l in errors if not LOCATED.match(l)]
        return ("unlocated", bad[0]) if bad or not errors else ("located", "")
    if code != 0:
        return "crash", f"validate exit {code}: {err.strip()[:200]}"
    code, out, err = run([entente, "run", path, "--runs", "4", "--seed", "1", "--quiet", "--format", "csv"])
    if code is None:
        return "hang", "run"
    if code == 2:  # a run-time numeric guard or a located error: a clear refusal
        return "located", ""
    if code != 0:
        return "crash", f"run exit {code}: {err.strip()[:200]}"
    if re.search(r"(?i)\b(nan|inf)\b", out):
        return "nan", "summary holds nan/inf"
    return "valid", ""


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    entente, scenario = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    with open(scenario, encoding="utf-8") as f:
        lines = f.read().split("\n")
    counts, examples, kinds = {}, {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(n):
            kind, mutant = mutate(lines, rng)
            path = os.path.join(tmp, f"mutant_{k}.yaml")
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write("\n".join(mutant))
            cls, why = classify(entente, path, tmp)
            counts[cls] = counts.get(cls, 0) + 1
            kinds.setdefault(kind, {}).setdefault(cls, 0)
            kinds[kind][cls] += 1
            if cls in ("unlocated", "crash", "hang", "nan"):
                examples.setdefault(cls, []).append(f"mutant {k} ({kind}): {why}")
                keep = os.path.join(os.getcwd(), f"mutant_{cls}_{k}.yaml")
                with open(keep, "w", encoding="utf-8", errors="surrogateescape") as f:
                    f.write("\n".join(mutant))
    print(f"{n} mutants of {scenario} (seed {sys.argv[4] if len(sys.argv) > 4 else 1}):")
    for cls in ("valid", "located", "unlocated", "crash", "hang", "nan"):
        print(f"  {cls:10s} {counts.get(cls, 0)}")
    print("by mutation:", ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items())))
    for cls, ex in examples.items():
        print(f"{cls}:")
        for e in ex[:5]:
            print("  " + e)
    return 1 if examples else 0


if __name__ == "__main__":
    sys.exit(main())
