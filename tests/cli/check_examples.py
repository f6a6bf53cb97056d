#!/usr/bin/env python3
"""Every example command of `entente ... --help`, README.md and docs/*.md runs.

Usage: check_examples.py ENTENTE SOURCE_DIR [--list]

The examples are what a reader copies, so an option, lever, policy or outcome
name that does not exist (or a file the docs never show) fails here. Each
source (every help text together, README.md, each docs page) runs in its own
scratch directory, in the order it is written, with `scenarios/` linked in and
`entente` first on PATH, so an example may use the files an earlier one wrote
(a design, a sweep database, a game session).

What is taken as an example, in fenced code blocks of the markdown:
  - a line `$ COMMAND` (a prompt): every such line runs, entente or not (the
    awk lines that compute a design's results are part of the chain);
  - in a block without prompts, a line `entente ...` or `$entente ...`;
  - continuation lines (ending in a backslash) are joined.
Synopsis lines (`entente design sobol|lhs|... --params PARAMS.yaml`) are not
examples: a word in capitals (FILE, DIR, N) or an alternative `a|b` marks them.
A ```yaml block whose first line is `# NAME.yaml`, or whose paragraph ends
with `NAME.yaml`:, is written to NAME.yaml before the page's examples run.
A help text's `analyze --design D --results R` gets R computed from D by the
Ishigami function (the docs' test function), standing in for the reader's model.
An example whose shown output says `error:` is expected to exit 2; every other
exits 0. `entente play serve` serves until stopped (its own tests cover it) and
is not run.

Sizes are capped (--runs 40, --samples 8, --replicates 2, ...) so the whole
check takes seconds: what it checks is that the command is accepted and
completes, not the numbers, which the docs' own tables record.
"""
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

CAPS = {"--runs": 40, "-n": 40, "--samples": 8, "-N": 8, "--replicates": 2, "-r": 2, "--runs-per-point": 4,
        "--runs-per-turn": 40, "--bootstrap": 20, "--maximin": 5}
# Options whose value is a size to cap, per command: -n/-N/-r mean sizes only where these take them.
HELP_COMMANDS = ["", "validate", "run", "compare", "report", "sweep", "design", "analyze", "backtest", "calibrate",
                 "models", "describe", "play new", "play move", "play inject", "play adjudicate", "play status",
                 "play log", "play fork", "play rewind", "play replay", "play report", "play serve"]
# Commands whose --runs defaults to thousands: an example without it runs with the cap.
DEFAULT_SIZED = {"run", "compare", "backtest"}
# Calibration needs enough points to accept any at its default --accept: at least this many samples.
MIN_SAMPLES = {"calibrate": 40}


def cap_sizes(line):
    """The example with every size option capped (the rest of the line as written)."""
    words = shlex.split(line, comments=True)
    if not words:
        return line
    sub = words[1] if len(words) > 1 else ""
    out = []
    i = 0
    while i < len(words):
        w = words[i]
        name, eq, value = w.partition("=")
        if name in CAPS and (eq or i + 1 < len(words)):
            if not eq:
                value = words[i + 1]
                i += 1
            try:
                cap = max(CAPS[name], MIN_SAMPLES.get(sub, 0)) if name in ("--samples", "-N") else CAPS[name]
                value = str(min(int(value), cap))
            except ValueError:
                pass
            out += [name, value]
        else:
            out.append(w)
        i += 1
    # An example that leaves its size at the default (2000 runs) gets the cap too.
    if sub in DEFAULT_SIZED and not any(w in ("--runs", "-n") or w.startswith("--runs=") for w in words):
        out[2:2] = ["--runs", str(CAPS["--runs"])]
    # Redirections and pipes were words of the shell: keep them as operators.
    return " ".join(x if x in (">", ">>", "|", "2>", "&&") else shlex.quote(x) for x in out)


def is_synopsis(line):
    try:
        words = shlex.split(line, comments=True)
    except ValueError:
        return True
    for w in words[1:]:
        if w.startswith("--") or w.startswith("-") and len(w) == 2:
            continue
        core = w.split("=")[-1]
        if re.fullmatch(r"[A-Z][A-Z0-9_]*(\.[a-z]+)?", core) or ("|" in w and "\"" not in line) or w.startswith("["):
            return True
        if "─" in w:
            return True
    return False


def joined(lines, i):
    """The command starting at lines[i] with its continuation lines; the index after it."""
    cmd = lines[i].rstrip()
    i += 1
    while cmd.endswith("\\") and i < len(lines):
        cmd = cmd[:-1].rstrip() + " " + lines[i].strip()
        i += 1
    return cmd, i


def markdown_examples(path):
    """(files, examples): files to write {name: text}; examples [(line number, command, expect_error)]."""
    text = open(path, encoding="utf-8").read().split("\n")
    files, examples = {}, []
    i, paragraph = 0, ""
    while i < len(text):
        line = text[i]
        fence = re.match(r"\s*```(\w*)", line)
        if not fence:
            if line.strip():
                paragraph = line.strip()
            i += 1
            continue
        lang = fence.group(1)
        j = i + 1
        block = []
        while j < len(text) and not re.match(r"\s*```", text[j]):
            block.append(text[j])
            j += 1
        start = i + 2
        i = j + 1
        if lang == "yaml":
            name = None
            m = re.match(r"#\s*([\w.-]+\.yaml)\s*$", block[0].strip()) if block else None
            if m:
                name = m.group(1)
            m = re.search(r"`([\w.-]+\.yaml)`:?\s*$", paragraph)
            if not name and m:
                name = m.group(1)
            if name:
                files[name] = "\n".join(block) + "\n"
            continue
        prompts = any(b.startswith("$ ") for b in block)
        k = 0
        while k < len(block):
            b = block[k].strip() if not prompts else block[k]
            lineno = start + k
            if prompts and b.startswith("$ "):
                cmd, k = joined(block, k)
                cmd = cmd[2:]
                shown = []
                while k < len(block) and not block[k].startswith("$ "):
                    shown.append(block[k])
                    k += 1
                if cmd.startswith("entente") and is_synopsis(cmd):
                    continue
                # Other programs' lines run when they write a file a later example reads
                # (the awk that computes a design's results); the rest illustrate.
                if not cmd.startswith("entente") and ">" not in cmd:
                    continue
                examples.append((lineno, cmd, any("error:" in s for s in shown)))
                continue
            if not prompts and (b.startswith("entente ") or b.startswith("$entente ")):
                cmd, k = joined([x.strip() for x in block], k)
                cmd = cmd.lstrip("$")
                if not is_synopsis(cmd):
                    examples.append((lineno, cmd, False))
                continue
            k += 1
    return files, examples


def help_examples(entente):
    examples = []
    for command in HELP_COMMANDS:
        args = [entente] + command.split() + ["--help"]
        out = subprocess.run(args, capture_output=True, text=True).stdout
        lines = out.split("\n")
        inside = False
        i = 0
        while i < len(lines):
            line = lines[i]
            if re.match(r"^(Examples|Start with):", line):
                inside = True
                i += 1
                continue
            if inside and line.startswith("  entente "):
                cmd, i = joined(lines, i)
                examples.append(("entente " + command + " --help", cmd.strip(), False))
                continue
            if inside and line and not line.startswith(" "):
                inside = False
            i += 1
    return examples


def write_model_results(work, cmd):
    """Stand in for the reader's model where a help text's `analyze --design D --results R` names
    results no example computes (the docs compute theirs with awk): R gets the Ishigami function
    (a = 7, b = 0.1, docs/sensitivity.md) of D's x1..x3, one row per design row, as column y."""
    m = re.search(r"--design (\S+) --results (\S+)", cmd)
    if not m or not os.path.exists(os.path.join(work, m.group(1))):
        return
    with open(os.path.join(work, m.group(1)), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split(",") for line in f if line.strip()]
    col = {n: i for i, n in enumerate(rows[0])}
    with open(os.path.join(work, m.group(2)), "w", encoding="utf-8") as f:
        f.write("y\n")
        for r in rows[1:]:
            x1, x2, x3 = (float(r[col[n]]) for n in ("x1", "x2", "x3"))
            f.write(repr(math.sin(x1) + 7 * math.sin(x2) ** 2 + 0.1 * x3 ** 4 * math.sin(x1)) + "\n")


def run_examples(name, examples, files, entente, source, bindir, failures, ran):
    work = tempfile.mkdtemp(prefix="entente_examples_")
    try:
        os.symlink(os.path.join(source, "scenarios"), os.path.join(work, "scenarios"))
        fixtures = os.path.join(source, "tests", "cli", "examples")
        for fname in os.listdir(fixtures):
            if fname.endswith(".yaml"):
                shutil.copy(os.path.join(fixtures, fname), work)
        for fname, body in files.items():
            with open(os.path.join(work, fname), "w", encoding="utf-8") as f:
                f.write(body)
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""), entente="entente")
        for where, cmd, expect_error in examples:
            if re.match(r"entente play serve\b", cmd):
                continue
            runnable = cap_sizes(cmd) if cmd.startswith("entente") else cmd
            if name == "help":
                write_model_results(work, cmd)
            try:
                r = subprocess.run(["sh", "-c", runnable], cwd=work, env=env, capture_output=True, text=True,
                                   timeout=120)
                code, err = r.returncode, r.stderr
            except subprocess.TimeoutExpired:
                code, err = "timeout", ""
            ran.append((name, where, cmd))
            expected = 2 if expect_error else 0
            if code != expected:
                failures.append(f"{name}:{where}: `{cmd}` exited {code}, expected {expected}\n    ran: {runnable}\n"
                                + "".join("    " + l + "\n" for l in err.strip().split("\n")[-6:]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    entente, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    listing = "--list" in sys.argv
    bindir = tempfile.mkdtemp(prefix="entente_bin_")
    os.symlink(entente, os.path.join(bindir, "entente"))
    failures, ran = [], []
    pages = [os.path.join(source, "README.md")] + sorted(
        os.path.join(source, "docs", f) for f in os.listdir(os.path.join(source, "docs")) if f.endswith(".md"))
    sets = [("help", help_examples(entente), {})]
    for page in pages:
        files, examples = markdown_examples(page)
        sets.append((os.path.relpath(page, source), examples, files))
    if listing:
        for name, examples, files in sets:
            for f in files:
                print(f"{name}: file {f}")
            for where, cmd, err in examples:
                print(f"{name}:{where}: {'(error) ' if err else ''}{cmd}")
        return 0
    # A file one page shows (ishigami.yaml, in designs.md) may be named by
    # another page or a help text that does not repeat it: every set gets
    # every page's files, its own taking precedence.
    shown = {}
    for _, _, files in sets[1:]:
        for k, v in files.items():
            shown.setdefault(k, v)
    sets = [(name, examples, {**shown, **files}) for name, examples, files in sets]
    for name, examples, files in sets:
        run_examples(name, examples, files, entente, source, bindir, failures, ran)
    shutil.rmtree(bindir, ignore_errors=True)
    counts = {}
    for name, _, _ in ran:
        counts[name] = counts.get(name, 0) + 1
    print(f"{len(ran)} examples run: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    # The extraction itself must not go quiet: the help texts and the docs hold dozens.
    if counts.get("help", 0) < 30 or len(ran) < 80:
        failures.append(f"only {counts.get('help', 0)} help and {len(ran)} examples in all were found")
    for f in failures:
        print(f, end="")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
