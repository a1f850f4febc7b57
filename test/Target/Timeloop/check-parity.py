"""End-to-end parity with the real Timeloop: every evaluated case under a
reference directory is imported with union-translate, costed with
union-opt --union-evaluate=cost-model=timeloop (which exports it again and
runs timeloop-model), and Union's cost must equal the case's recorded
figures (summary.jsonl): cycles, computes, utilization, total energy, and
per level and data space the reads, fills and updates of all instances.

usage: check-parity.py UNION_TRANSLATE UNION_OPT REFERENCE_DIR
"""

import json
import os
import re
import subprocess
import sys


def case_files(case):
    with open(os.path.join(case, "cmd.txt")) as f:
        return [os.path.join(case, w) for w in f.read().split() if w.endswith(".yaml")]


def parse_cost(ir):
    m = re.search(r"cost = #union\.cost<([^>]*)>", ir)
    if not m:
        return None
    body = m.group(1)
    cost = {}
    for key in ("cycles", "macs"):
        cost[key] = int(re.search(key + r" = (\d+)", body).group(1))
    for key in ("energy", "utilization"):
        cost[key] = float(re.search(key + r" = ([-0-9.e+]+)", body).group(1))
    breakdown = re.search(r"breakdown = \{([^}]*)\}", body)
    cost["breakdown"] = {k.strip('"'): float(v) for k, v in re.findall(
        r'("[^"]+"|[A-Za-z_][\w.$-]*) = ([-0-9.e+]+)',
        breakdown.group(1) if breakdown else "")}
    return cost


def compare(expected, cost):
    if cost["cycles"] != expected["cycles"]:
        return f"cycles {cost['cycles']} != {expected['cycles']}"
    if cost["macs"] != expected["macs"]:
        return f"computes {cost['macs']} != {expected['macs']}"
    if abs(cost["utilization"] - expected["utilization_exact"]) > 1e-9:
        return f"utilization {cost['utilization']} != {expected['utilization_exact']}"
    # Both are sums of the per-level energies Timeloop prints (0.01 pJ).
    if abs(cost["energy"] - expected["energy_total_pJ"]) > 0.05:
        return f"energy {cost['energy']} != {expected['energy_total_pJ']}"
    for level in expected["levels"]:
        for space, figures in level["data_spaces"].items():
            for action in ("reads", "fills", "updates"):
                key = f"{level['name']}.{space}.{action}"
                got = cost["breakdown"].get(key)
                if got is None or got != figures[action + "_total"]:
                    return f"{key} {got} != {figures[action + '_total']}"
    return None


def main():
    translate, opt, reference = sys.argv[1:4]
    with open(os.path.join(reference, "summary.jsonl")) as f:
        cases = [json.loads(line) for line in f]
    ok = bad = 0
    for expected in cases:
        if expected["status"] != "ok":
            continue
        files = case_files(os.path.join(reference, "cases", expected["id"]))
        cmd = [translate, "--import-timeloop", files[0]]
        for extra in files[1:]:
            cmd += ["--timeloop-file", extra]
        imported = subprocess.run(cmd, capture_output=True, text=True)
        if imported.returncode != 0:
            print(f"FAIL {expected['id']}: import: {imported.stderr.strip()}")
            bad += 1
            continue
        evaluated = subprocess.run(
            [opt, "--union-evaluate=cost-model=timeloop cost-model-options={timeout=600}"],
            input=imported.stdout, capture_output=True, text=True)
        cost = parse_cost(evaluated.stdout) if evaluated.returncode == 0 else None
        if cost is None:
            print(f"FAIL {expected['id']}: evaluate: {evaluated.stderr.strip()}")
            bad += 1
            continue
        problem = compare(expected, cost)
        if problem:
            print(f"FAIL {expected['id']}: {problem}")
            bad += 1
        else:
            print(f"OK {expected['id']}")
            ok += 1
    print(f"parity: {ok} equal, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
