#!/usr/bin/env python3
"""Checks union-loopnest against real timeloop-model outputs.

usage: check-reference.py UNION_LOOPNEST SUMMARY.jsonl CASES_DIR

CASES_DIR holds a directory per case (dev/) or archs/, problems/,
erts/ and mappings/ (random/).

For every case of the summary (the reference set's schema, see
Inputs/README.md): an evaluated case must give the same cycles, computes,
utilization, MAC figures and, per storage level and kept data space, the
same reads, fills, updates, utilized capacity and instances, partition
size and temporal reductions; every energy must round to the printed one
(0.01 pJ) and the total must equal energy_total_pJ. A rejected case must
exit 1 with Timeloop's message (its first line) where Timeloop printed one,
and with an error naming the problem where Timeloop aborted (map::at).
Prints one line per disagreement and a count; exits 1 on any.
"""
import concurrent.futures
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_cases import case_files  # noqa: E402

COUNTS = ["reads", "fills", "updates", "utilized_instances",
          "utilized_capacity", "partition_size", "temporal_reductions"]


def run(tool, cases_dir, case):
    return subprocess.run([tool, "--json"] + case_files(cases_dir, case),
                          capture_output=True, text=True, timeout=120)


def r2(value):
    return round(value + 0.0, 2)


def check_ok(case, out, problems):
    got = json.loads(out)
    cid = case["id"]

    def expect(what, mine, ref):
        if mine != ref:
            problems.append(f"{cid}: {what}: union {mine}, timeloop {ref}")

    expect("cycles", got["cycles"], case["cycles"])
    expect("computes", got["computes"], case["macs"])
    if abs(got["utilization"] - case["utilization_exact"]) > 1e-12:
        expect("utilization", got["utilization"], case["utilization_exact"])
    arith = case["arithmetic"]
    expect("MAC utilized instances", got["arithmetic"]["utilized_instances"],
           arith["utilized_instances"])
    mac_energy = r2(got["arithmetic"]["energy_pJ"])
    if abs(mac_energy - arith["energy_pJ"]) > 0.0051:
        expect("MAC energy", mac_energy, arith["energy_pJ"])
    total = mac_energy
    levels = {level["name"]: level for level in got["levels"]}
    for ref_level in case["levels"]:
        name = ref_level["name"]
        mine = levels.get(name)
        if mine is None:
            problems.append(f"{cid}: level {name} missing")
            continue
        expect(f"{name} cycles", mine["cycles"], ref_level["cycles"])
        if abs(mine["bandwidth_throttling"] -
               ref_level["bandwidth_throttling"]) > 0.0051:
            expect(f"{name} throttling", mine["bandwidth_throttling"],
                   ref_level["bandwidth_throttling"])
        ref_spaces = ref_level["data_spaces"]
        my_spaces = mine["data_spaces"]
        if sorted(ref_spaces) != sorted(my_spaces):
            expect(f"{name} kept data spaces", sorted(my_spaces),
                   sorted(ref_spaces))
        for space, ref in ref_spaces.items():
            m = my_spaces.get(space)
            if m is None:
                continue
            for key in COUNTS:
                expect(f"{name} {space} {key}", m[key], ref[key])
            energy = r2(m["energy_pJ"])
            total += energy
            if abs(energy - ref["energy_pJ"]) > 0.0051:
                expect(f"{name} {space} energy", energy, ref["energy_pJ"])
    if abs(total - case["energy_total_pJ"]) > 0.0051 * (len(case["levels"]) * 3 + 1):
        expect("total energy", round(total, 2), case["energy_total_pJ"])


def check_rejected(case, proc, problems):
    cid = case["id"]
    expected = case["error"]["message"].strip().splitlines()[0].strip()
    got = proc.stderr.strip().splitlines()
    first = got[0].strip() if got else ""
    if proc.returncode != 1:
        problems.append(f"{cid}: exit {proc.returncode}, expected 1 "
                        f"(stderr: {first})")
    elif expected.startswith("ERROR:"):
        if first != expected:
            problems.append(f"{cid}: message '{first}', timeloop '{expected}'")
    elif "map::at" in expected:
        # Timeloop aborts here; Union must say what is wrong instead.
        if "not a d" not in first:
            problems.append(f"{cid}: message '{first}' does not name the "
                            "unknown dimension or data space")


def main():
    tool, summary, cases_dir = sys.argv[1:4]
    tool = os.path.abspath(tool)
    cases = [json.loads(line) for line in open(summary) if line.strip()]
    problems = []

    def one(case):
        proc = run(tool, cases_dir, case)
        return case, proc

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(one, cases))
    evaluated = rejected = 0
    for case, proc in results:
        if case["status"] == "ok":
            evaluated += 1
            if proc.returncode != 0:
                problems.append(f"{case['id']}: exit {proc.returncode}: "
                                f"{proc.stderr.strip()}")
                continue
            check_ok(case, proc.stdout, problems)
        else:
            rejected += 1
            check_rejected(case, proc, problems)
    for problem in problems:
        print(problem)
    print(f"{evaluated} evaluated, {rejected} rejected, "
          f"{len(problems)} disagreements")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
