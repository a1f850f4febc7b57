#!/usr/bin/env python3
"""Checks that Union's libraries depend one way, down the layers.

usage: check-layers.py UNION_SOURCE_DIR

Layers (docs/Architecture.md), lowest first:
  0 MLIR-free support: architecture specs, the MAESTRO, Timeloop-format and
    loop-nest engines, the map space, MAESTRO sweeps
  1 dialect IR
  2 translations (Target)
  3 cost models
  4 mappers
  5 passes and pipelines (and the DSE search mode)
A library may link to, and a file may include, only its own layer or lower
ones; layer-0 files include no MLIR header. Prints every breach and a
summary; exits 1 on any.
"""
import os
import re
import sys

# Longest prefix wins; paths are relative to the source tree.
LAYERS = [
    (0, "lib/Arch"), (0, "include/Union/Arch"),
    (0, "lib/Engine"), (0, "include/Union/Engine"),
    (0, "lib/MapSpace"), (0, "include/Union/MapSpace"),
    (0, "lib/Dse"), (0, "include/Union/Dse"),
    (0, "include/Union/Support"),
    (1, "lib/Dialect/Union/IR"), (1, "include/Union/Dialect/Union/IR"),
    (2, "lib/Target"), (2, "include/Union/Target"),
    (3, "lib/CostModel"), (3, "include/Union/CostModel"),
    (4, "lib/Mapper"), (4, "include/Union/Mapper"),
    (5, "lib/Dialect/Union/Transforms"),
    (5, "include/Union/Dialect/Union/Transforms"),
    (5, "lib/Conversion"), (5, "include/Union/Conversion"),
    (5, "lib/Pipeline"), (5, "include/Union/Pipeline"),
    (5, "lib/Dse/Search"), (5, "include/Union/Dse/SearchAnalysis.h"),
]
NAMES = ["MLIR-free support", "dialect IR", "translations", "cost models",
         "mappers", "passes and pipelines"]


def layer_of(path):
    best = None
    for layer, prefix in LAYERS:
        if path == prefix or path.startswith(prefix + "/"):
            if best is None or len(prefix) > len(best[1]):
                best = (layer, prefix)
    return None if best is None else best[0]


def libraries(root):
    """name -> (folder, [Union libraries it links])"""
    libs = {}
    for folder, _, files in os.walk(os.path.join(root, "lib")):
        if "CMakeLists.txt" not in files:
            continue
        text = open(os.path.join(folder, "CMakeLists.txt")).read()
        for match in re.finditer(r"add_mlir_\w*library\((\w+)(.*?)\n\)",
                                 text, re.S):
            name, body = match.group(1), match.group(2)
            deps = re.findall(r"^\s+((?:MLIR)?Union\w+)\s*$", body, re.M)
            libs[name] = (os.path.relpath(folder, root), deps)
    return libs


def main():
    root = sys.argv[1]
    problems = []
    libs = libraries(root)
    for name, (folder, deps) in sorted(libs.items()):
        own = layer_of(folder)
        if own is None:
            problems.append(f"{folder}: library {name} is in no layer")
            continue
        for dep in deps:
            if dep not in libs:
                continue
            theirs = layer_of(libs[dep][0])
            if theirs is not None and theirs > own:
                problems.append(
                    f"{folder}: {name} ({NAMES[own]}) links {dep} "
                    f"({NAMES[theirs]}), a layer above it")
    checked = 0
    for top in ("lib", "include/Union"):
        for folder, _, files in os.walk(os.path.join(root, top)):
            for file in files:
                if not file.endswith((".cpp", ".h", ".td")):
                    continue
                path = os.path.relpath(os.path.join(folder, file), root)
                own = layer_of(path)
                if own is None:
                    problems.append(f"{path}: in no layer")
                    continue
                checked += 1
                for number, line in enumerate(open(os.path.join(root, path)),
                                              1):
                    m = re.match(r'\s*#include\s+"(Union/[^"]+)"', line) or \
                        re.match(r'\s*include\s+"(Union/[^"]+)"', line)
                    if m:
                        target = "include/" + m.group(1)
                        theirs = layer_of(target)
                        if theirs is not None and theirs > own:
                            problems.append(
                                f"{path}:{number}: includes {m.group(1)} "
                                f"({NAMES[theirs]}) from {NAMES[own]}")
                    if own == 0 and re.match(r'\s*#include\s+"mlir/', line):
                        problems.append(f"{path}:{number}: MLIR header in "
                                        "MLIR-free code")
    for problem in problems:
        print(problem)
    print(f"layers: {len(libs)} libraries, {checked} files, "
          f"{len(problems)} breaches")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
