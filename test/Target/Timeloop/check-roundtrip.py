"""Imports every Timeloop case under a directory with union-translate,
exports it again and checks that the exported YAML means what the original
files mean (timeloop_semantics.normalize), and that a second round trip
writes the same text. Prints one line per case and a summary.

usage: check-roundtrip.py UNION_TRANSLATE CASES_DIR [--include-bad]
"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timeloop_semantics  # noqa: E402


def case_files(case):
    with open(os.path.join(case, "cmd.txt")) as f:
        words = f.read().split()
    return [os.path.join(case, w) for w in words if w.endswith(".yaml")]


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def fill_levels(norm):
    """Levels a mapping does not mention have unit factors and no bypass."""
    mapping = norm.get("mapping")
    if mapping is None:
        return norm
    dims = norm["problem"]["dims"]
    for level in norm["arch"]:
        if level["storage"]:
            entry = mapping.setdefault(level["name"], {})
            entry.setdefault("temporal", {"factors": {x: 1 for x in dims}, "order": []})
            entry.setdefault("spatial", {"factors": {x: 1 for x in dims}, "x": [], "y": []})
            entry.setdefault("bypass", [])
    return norm


def diff(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'export' if key in b else 'original'}"
            d = diff(a[key], b[key], f"{path}.{key}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: original {a!r}, export {b!r}"


def main():
    translate, cases_dir = sys.argv[1], sys.argv[2]
    ok = bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in sorted(os.listdir(cases_dir)):
            if "__bad-" in case:
                continue
            path = os.path.join(cases_dir, case)
            files = case_files(path)
            cmd = [translate, "--import-timeloop", files[0]]
            for extra in files[1:]:
                cmd += ["--timeloop-file", extra]
            imported = run(cmd)
            if imported.returncode != 0:
                print(f"FAIL {case}: import: {imported.stderr.strip()}")
                bad += 1
                continue
            mlir = os.path.join(tmp, case + ".mlir")
            with open(mlir, "w") as f:
                f.write(imported.stdout)
            exported = run([translate, "--export-timeloop", mlir])
            if exported.returncode != 0:
                print(f"FAIL {case}: export: {exported.stderr.strip()}")
                bad += 1
                continue
            out = os.path.join(tmp, case + ".yaml")
            with open(out, "w") as f:
                f.write(exported.stdout)
            original = fill_levels(timeloop_semantics.normalize(files))
            again = fill_levels(timeloop_semantics.normalize([out]))
            d = diff(original, again)
            if d:
                print(f"FAIL {case}: {d}")
                bad += 1
                continue
            # A second round trip writes the same text.
            second = run([translate, "--import-timeloop", out])
            mlir2 = os.path.join(tmp, case + ".2.mlir")
            with open(mlir2, "w") as f:
                f.write(second.stdout)
            third = run([translate, "--export-timeloop", mlir2])
            if second.returncode != 0 or third.stdout != exported.stdout:
                print(f"FAIL {case}: second round trip differs")
                bad += 1
                continue
            print(f"OK {case}")
            ok += 1
    print(f"roundtrip: {ok} equivalent, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
