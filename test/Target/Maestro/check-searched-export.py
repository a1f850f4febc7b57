"""Runs union-maestro on every layer that `union-translate --export-maestro`
wrote for searched mappings, with the flags in the comment above it, and
checks that its runtime (times the batch) is the cycles the maestro cost
model reported for that op in union-report's JSON.

usage: check-searched-export.py union-maestro exported.m report.json workdir
"""
import json
import os
import re
import subprocess
import sys


def main():
    tool, exported, report, work = sys.argv[1:5]
    cycles = {op["op"]: op["cost"]["cycles"]
              for op in json.load(open(report))["ops"] if "cost" in op}
    text = open(exported).read()
    blocks = re.findall(
        r"\t// analysed on: ([^\n(]*)(?:\(a batch: (\d+) [^\n]*)?\n"
        r"(\tLayer (\S+) \{.*?\n\t\})", text, re.S)
    checked = 0
    for flags, batch, block, name in blocks:
        path = os.path.join(work, name + ".m")
        with open(path, "w") as f:
            f.write("Network one {\n" + block + "\n}\n")
        out = subprocess.run([tool, "--Mapping_file=" + path, "--json",
                              "--print_res_csv_file=false"] + flags.split(),
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("%s: union-maestro failed: %s" % (name, out.stderr))
        runtime = json.loads(out.stdout)["runtime_cycles"] * int(batch or 1)
        if runtime != cycles[name]:
            sys.exit("%s: union-maestro says %d cycles, the report %d"
                     % (name, runtime, cycles[name]))
        checked += 1
    if checked != len(cycles):
        sys.exit("checked %d layers of %d costed ops" % (checked, len(cycles)))
    print("agree: %d layers" % checked)


if __name__ == "__main__":
    main()
