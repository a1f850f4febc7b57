"""Runs union-maestro on every input MAESTRO rejects, crashes on or answers
with nan (rejected.jsonl) and checks the clean behaviour: either a
non-zero exit with one 'union-maestro: error:' line that says where the
problem is (file:line:col, the layer, or the option), or a zero exit with
a result free of nan, infinities and negative counts. Never a signal or a
hang. Usage: check-rejected.py <union-maestro> <rejected.jsonl> [-v]"""
import json
import os
import re
import subprocess
import sys
import tempfile

def numbers(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from numbers(v)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield value

def check(tool, record):
    layer_names = re.findall(r"Layer\s+([^\s{]+)", record["mapping_file"])
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(work, record["mapping_file_name"]), "w") as f:
            f.write(record["mapping_file"])
        if record.get("hw_file") is not None:
            with open(os.path.join(work, record["hw_file_name"]), "w") as f:
                f.write(record["hw_file"])
        try:
            proc = subprocess.run([tool] + record["args"] + ["--json"],
                                  cwd=work, capture_output=True, text=True,
                                  timeout=20)
        except subprocess.TimeoutExpired:
            return "hang", "timed out after 20 s"
    if proc.returncode < 0:
        return "crash", "killed by signal %d" % -proc.returncode
    if proc.returncode != 0:
        lines = [l for l in proc.stderr.splitlines() if l.strip()]
        if len(lines) != 1 or not lines[0].startswith("union-maestro: error: "):
            return "bad-error", proc.stderr.strip()[:300]
        message = lines[0]
        located = (re.search(r"model\.m:\d+:\d+: ", message) or
                   re.search(r"hw\.(m|txt):(\d+:\d+: | missing)", message) or
                   any("layer %s:" % name in message for name in layer_names) or
                   re.search(r"option '--|must be positive", message))
        if not located:
            return "unlocated-error", message
        return "error", message
    text = proc.stdout
    if re.search(r"nan|inf", text, re.I):
        return "nan", text[:200]
    for line in text.splitlines():
        if any(v < 0 for v in numbers(json.loads(line))):
            return "negative", line[:200]
    return "result", ""

def main():
    tool, path = os.path.abspath(sys.argv[1]), sys.argv[2]
    verbose = "-v" in sys.argv
    passed = failed = 0
    for line in open(path):
        record = json.loads(line)
        outcome, detail = check(tool, record)
        ok = outcome in ("error", "result")
        if ok:
            passed += 1
        else:
            failed += 1
        if verbose or not ok:
            print("%s %s [%s]: %s %s" % ("ok  " if ok else "FAIL", record["id"],
                                        record["origin"], outcome, detail))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
