#!/usr/bin/env python3
"""Ops imported from Timeloop YAML cost what timeloop-model printed when
costed in-process by the `loopnest` cost model.

usage: check-imported.py UNION_TRANSLATE UNION_OPT SUMMARY.jsonl CASES_DIR

Every evaluated case is imported (union-translate --import-timeloop),
evaluated with union-evaluate=cost-model=loopnest, and its cycles, computes
and energy (to Timeloop's printed 0.01 pJ per figure) compared with the
summary. Prints the disagreements and a count; exits 1 on any.
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_cases import case_files  # noqa: E402


def run(translate, opt, cases_dir, case):
    files = case_files(cases_dir, case)
    args = [translate, "--import-timeloop", files[0]]
    for f in files[1:]:
        args += ["--timeloop-file", f]
    imported = subprocess.run(args, capture_output=True, text=True)
    if imported.returncode != 0:
        return None, "import failed: " + imported.stderr.strip()
    evaluated = subprocess.run(
        [opt, "--union-evaluate=cost-model=loopnest"], input=imported.stdout,
        capture_output=True, text=True)
    if evaluated.returncode != 0:
        return None, "evaluate failed: " + evaluated.stderr.strip()
    m = re.search(r'cost = #union.cost<model = "loopnest", cycles = (\d+), '
                  r'macs = (\d+), energy = ([0-9.e+-]+)', evaluated.stdout)
    if not m:
        return None, "no loopnest cost in the output"
    return (int(m.group(1)), int(m.group(2)), float(m.group(3))), None


def main():
    translate, opt, summary, cases_dir = sys.argv[1:5]
    cases = [json.loads(line) for line in open(summary) if line.strip()]
    cases = [c for c in cases if c["status"] == "ok"]
    problems = []

    def one(case):
        return case, run(translate, opt, cases_dir, case)

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(one, cases))
    for case, (got, error) in results:
        cid = case["id"]
        if error:
            problems.append(f"{cid}: {error}")
            continue
        cycles, macs, energy = got
        if cycles != case["cycles"]:
            problems.append(f"{cid}: cycles {cycles}, timeloop {case['cycles']}")
        if macs != case["macs"]:
            problems.append(f"{cid}: computes {macs}, timeloop {case['macs']}")
        # Timeloop's total is a sum of figures printed to 0.01 pJ.
        terms = 1 + sum(len(level["data_spaces"]) for level in case["levels"])
        if abs(energy - case["energy_total_pJ"]) > 0.005 * terms + 1e-6:
            problems.append(f"{cid}: energy {energy}, timeloop "
                            f"{case['energy_total_pJ']}")
    for problem in problems:
        print(problem)
    print(f"imported: {len(cases)} cases, {len(problems)} disagreements")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
