"""Runs union-maestro on MAESTRO reference records and compares every
figure: integers exactly, 6-significant-digit floats within 1e-5 relative
(the rule of the reference README). Usage:
  compare-reference.py <union-maestro> <records.jsonl> [--max-report N]
                       [--via-translate <union-translate>]
With --via-translate, each mapping file first goes through
union-translate --import-maestro | union-translate --export-maestro, so the
figures check that the round trip keeps every layer and directive.
Prints one line per mismatching case and a closing 'N passed, M failed'."""
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

def close(expected, actual):
    if isinstance(expected, bool) or isinstance(expected, str):
        return expected == actual
    if isinstance(expected, int):
        return isinstance(actual, int) and expected == actual
    if not isinstance(actual, (int, float)):
        return False
    if expected == 0:
        return actual == 0
    return abs(expected - actual) <= 1e-5 * max(abs(expected), abs(actual))

def diff(expected, actual, path=""):
    """Yields 'path: expected X, got Y' for every differing figure."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            yield "%s: expected an object" % path
            return
        for key, value in expected.items():
            if key in ("layer_type",):
                continue
            if key not in actual:
                yield "%s%s: missing" % (path, key)
            else:
                yield from diff(value, actual[key], path + key + ".")
        for key in actual:
            if key not in expected:
                yield "%s%s: unexpected key" % (path, key)
        return
    if not close(expected, actual):
        yield "%s expected %r, got %r" % (path.rstrip("."), expected, actual)

TRANSLATE = None

def round_trip(text, work):
    source = os.path.join(work, "original.m")
    with open(source, "w") as f:
        f.write(text)
    imported = subprocess.run([TRANSLATE, "--import-maestro", source],
                              capture_output=True, text=True)
    if imported.returncode != 0:
        return None, "import failed: " + imported.stderr[:300]
    exported = subprocess.run([TRANSLATE, "--export-maestro"],
                              input=imported.stdout, capture_output=True,
                              text=True)
    if exported.returncode != 0:
        return None, "export failed: " + exported.stderr[:300]
    return exported.stdout, None

class Failed:
    def __init__(self, message):
        self.returncode, self.stderr, self.stdout = 1, message, ""

def run_case(tool, record):
    with tempfile.TemporaryDirectory() as work:
        text = record["mapping_file"]
        if TRANSLATE:
            text, problem = round_trip(text, work)
            if problem:
                return Failed(problem)
        with open(os.path.join(work, record["mapping_file_name"]), "w") as f:
            f.write(text)
        if record.get("hw_file") is not None:
            with open(os.path.join(work, record["hw_file_name"]), "w") as f:
                f.write(record["hw_file"])
        proc = subprocess.run([tool] + record["args"] + ["--json"], cwd=work,
                              capture_output=True, text=True, timeout=60)
        return proc

def main():
    tool, records_path = os.path.abspath(sys.argv[1]), sys.argv[2]
    max_report = 20
    global TRANSLATE
    if "--via-translate" in sys.argv:
        TRANSLATE = os.path.abspath(sys.argv[sys.argv.index("--via-translate") + 1])
    if "--max-report" in sys.argv:
        max_report = int(sys.argv[sys.argv.index("--max-report") + 1])
    records = [json.loads(line) for line in open(records_path)]
    # Processes run in parallel; results are reported in file order.
    with ThreadPoolExecutor(max_workers=4) as pool:
        outputs = list(pool.map(lambda r: run_case(tool, r), records))
    passed = failed = 0
    for record, proc in zip(records, outputs):
        problems = []
        if proc.returncode != 0:
            problems.append("exit %d: %s" % (proc.returncode,
                                             proc.stderr.strip()[:300]))
        else:
            layers = [json.loads(l) for l in proc.stdout.splitlines() if l]
            if len(layers) != len(record["expected"]):
                problems.append("%d layers, expected %d" %
                                (len(layers), len(record["expected"])))
            for expected, actual in zip(record["expected"], layers):
                problems += list(diff(expected, actual,
                                      "layer %d: " % expected["layer_index"]))
        if problems:
            failed += 1
            if failed <= max_report:
                print("FAIL %s: %s" % (record["id"], "; ".join(problems[:6])))
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
