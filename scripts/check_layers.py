#!/usr/bin/env python3
"""No upward include: the layer rule of docs/architecture.md ("Layers").

Libraries, lowest first: sim < models < analysis < cli. Inside sim/, lowest
first: util < rng < io < model < scenario < engine < output < play. A file may
include its own layer and any lower one, never a higher one, so each layer can
be read, tested and reused without the ones above it. python/, tests/, bench/
and fuzz/ sit above everything and are not scanned.

Usage:
    scripts/check_layers.py [ROOT]      scan ROOT (default: the repository)
    scripts/check_layers.py --self-test check the rule on a synthetic tree

Scans every `#include "..."` in sim/, models/, analysis/ and cli/ (.hpp, .cpp,
.h). Includes that name no layered path (the generated entente/version.hpp)
are not judged. Prints one `file:line: error: ...` per upward include and
exits 1 when there is any, 0 when there is none, 2 on bad usage.
"""
import os
import re
import sys
import tempfile

LIBRARIES = ["sim", "models", "analysis", "cli"]
SIM_LAYERS = ["util", "rng", "io", "model", "scenario", "engine", "output", "play"]
SOURCE_EXTENSIONS = (".hpp", ".cpp", ".h")
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def layer_of(path):
    """(rank, name) of a root-relative path, or None when it is not layered.

    Ranks order sim's layers before the other libraries, so one comparison
    covers both rules: sim/play (the top of sim) still sits below models."""
    parts = path.split("/")
    if not parts or parts[0] not in LIBRARIES:
        return None
    if parts[0] == "sim":
        if len(parts) < 3 or parts[1] not in SIM_LAYERS:
            return None
        return SIM_LAYERS.index(parts[1]), "sim/" + parts[1]
    return len(SIM_LAYERS) + LIBRARIES.index(parts[0]), parts[0]


def source_files(root):
    for library in LIBRARIES:
        top = os.path.join(root, library)
        for directory, subdirs, files in os.walk(top):
            subdirs.sort()
            for name in sorted(files):
                if name.endswith(SOURCE_EXTENSIONS):
                    yield os.path.relpath(os.path.join(directory, name), root).replace(os.sep, "/")


def violations(root):
    """Every upward include under root, as printable lines, in file order."""
    found = []
    for rel in source_files(root):
        own = layer_of(rel)
        if own is None:
            # A file directly in sim/ or in a folder that is no layer: the rule
            # cannot place it, which is itself a mistake worth reporting.
            found.append(f"{rel}:1: error: {rel} is in no layer (scripts/check_layers.py lists them)")
            continue
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                target = layer_of(m.group(1))
                if target is None or target[0] <= own[0]:
                    continue
                found.append(f"{rel}:{number}: error: {own[1]} (layer {own[0]}) includes "
                             f"{m.group(1)} ({target[1]}, layer {target[0]}), a higher layer")
    return found


def self_test():
    """The rule on a tree made for it: a downward, a same-layer and an unlayered
    include pass; an upward include inside sim/, one between libraries and a
    file in a folder that is no layer fail."""
    files = {
        "sim/util/a.hpp": '#include <vector>\n',
        "sim/engine/run.hpp": '#include "sim/util/a.hpp"\n#include "sim/engine/other.hpp"\n',
        "sim/engine/other.hpp": '#include "entente/version.hpp"\n',
        "sim/scenario/compiled.hpp": '// upward\n#include "sim/engine/run.hpp"\n',
        "models/m.cpp": '#include "sim/play/x.hpp"\n',
        "sim/play/x.hpp": '#include "models/m.hpp"\n',
        "cli/main.cpp": '#include "analysis/a.hpp"\n#include "sim/util/a.hpp"\n',
        "sim/misc/stray.hpp": '#include "sim/util/a.hpp"\n',
    }
    expected = [
        "sim/misc/stray.hpp:1: error: sim/misc/stray.hpp is in no layer (scripts/check_layers.py lists them)",
        "sim/play/x.hpp:1: error: sim/play (layer 7) includes models/m.hpp (models, layer 9), a higher layer",
        "sim/scenario/compiled.hpp:2: error: sim/scenario (layer 4) includes sim/engine/run.hpp "
        "(sim/engine, layer 5), a higher layer",
    ]
    with tempfile.TemporaryDirectory() as root:
        for rel, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                f.write(text)
        got = violations(root)
    if got != expected:
        print("check_layers self-test failed:\n expected:\n  " + "\n  ".join(expected) +
              "\n got:\n  " + "\n  ".join(got), file=sys.stderr)
        return 1
    print("check_layers self-test: ok")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) > 2 or (len(argv) == 2 and argv[1].startswith("-")):
        print("usage: scripts/check_layers.py [ROOT] | --self-test", file=sys.stderr)
        return 2
    root = argv[1] if len(argv) == 2 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = violations(root)
    for line in found:
        print(line)
    if found:
        print(f"check_layers: {len(found)} upward include(s) (docs/architecture.md, \"Layers\")", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
