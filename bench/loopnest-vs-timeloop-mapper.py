#!/usr/bin/env python3
"""Union's search with the loop-nest model against timeloop-mapper.

For every architecture x problem pair of the Timeloop reference set's dev
split (test/Target/Timeloop/Inputs/dev/cases/*__mapper__ert), the recorded
run of timeloop-mapper (random-pruned, EDP, 3000 valid mappings, 2
threads) found a mapping whose EDP timeloop-model printed. Union imports
the same architecture, problem, ERT and mapper constraints
(mapgen/constraints.yaml), prunes the space with the hardware, workload
and imported mapper constraints, and searches it with the loopnest cost
model (equal to timeloop-model) within a time per layer that includes
the pruning (the search gets what pruning left of it). Prints, per
pair, both EDPs, their ratio and Union's wall time, then how many pairs
are at or below Timeloop's EDP.

  python3 bench/loopnest-vs-timeloop-mapper.py [--build build]
      [--seconds 5] [--threads 2] [--mapper decoupled] [--seed 1]
      [--options "streams=4"]
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "test", "Target", "Timeloop", "Inputs", "dev",
                     "cases")


def timeloop_figures(case):
    """Cycles and energy (pJ) timeloop-model printed for the mapper's
    mapping, and the mapper's wall time."""
    stats = open(os.path.join(case, "timeloop-model.stats.txt")).read()
    cycles = int(re.search(r"^Cycles: (\d+)", stats, re.M).group(1))
    energy_uj = float(re.search(r"^Energy: ([0-9.]+) uJ", stats, re.M).group(1))
    mapgen = json.load(open(os.path.join(case, "mapgen", "mapgen.json")))
    return cycles, energy_uj * 1e6, mapgen["wall_s"]


def union_search(build, case, tmp, seconds, threads, mapper, seed, options):
    name = os.path.basename(case)
    imported = os.path.join(tmp, name + ".mlir")
    files = ["problem.yaml", "ert.yaml", os.path.join("mapgen",
                                                      "constraints.yaml")]
    command = [os.path.join(build, "bin", "union-translate"),
               "--import-timeloop", os.path.join(case, "arch.yaml")]
    for f in files:
        command += ["--timeloop-file", os.path.join(case, f)]
    subprocess.run(command + ["-o", imported], check=True)
    pruned = os.path.join(tmp, name + ".pruned.mlir")
    report = os.path.join(tmp, name + ".json")
    # The per-layer time counts pruning too: the search gets what is left.
    start = time.monotonic()
    run = subprocess.run(
        [os.path.join(build, "bin", "union-opt"), imported,
         "--union-prune-hw", "--union-prune-workload", "--union-prune-mapper",
         "-o", pruned], capture_output=True, text=True)
    if run.returncode != 0:
        return None, time.monotonic() - start, \
            run.stderr.strip().splitlines()[0][:200]
    left = seconds - (time.monotonic() - start) - 0.1
    run = subprocess.run(
        [os.path.join(build, "bin", "union-opt"), pruned,
         f"--union-search=cost-model=loopnest mapper={mapper} objective=edp "
         f"budget=0 time-limit={max(left, 0.1):.2f} threads={threads} "
         f"seed={seed} {options}".strip(),
         f"--union-report=json={report} table=", "-o", os.devnull],
        capture_output=True, text=True)
    wall = time.monotonic() - start
    if run.returncode != 0:
        return None, wall, run.stderr.strip().splitlines()[0][:200]
    op = json.load(open(report))["ops"][0]
    cost = op.get("cost")
    if not cost:
        return None, wall, "not costed"
    return (cost["cycles"], cost["energy_pj"], op["search"]), wall, ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--mapper", default="decoupled")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--options", default="",
                        help="more --union-search options, e.g. streams=4")
    args = parser.parse_args()

    cases = sorted(glob.glob(os.path.join(CASES, "*__mapper__ert")))
    if not cases:
        sys.exit("no mapper cases under " + CASES)
    print(f"{'architecture x problem':42} {'timeloop-mapper EDP':>20} "
          f"{'Union EDP':>12} {'ratio':>7} {'Union s':>8} {'mapper s':>8}")
    at_or_below = 0
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            pair = os.path.basename(case).replace("__mapper__ert", "")
            cycles, energy, mapper_wall = timeloop_figures(case)
            reference = cycles * energy
            found, wall, why = union_search(args.build, case, tmp,
                                             args.seconds, args.threads,
                                             args.mapper, args.seed,
                                             args.options)
            if not found:
                print(f"{pair:42} {reference:20.4e} {'-':>12} {'-':>7} "
                      f"{wall:8.2f} {mapper_wall:8.1f}  failed: {why}")
                worst = float("inf")
                continue
            edp = found[0] * found[1]
            ratio = edp / reference
            # Timeloop prints the energy to 0.01 uJ.
            tolerance = cycles * 0.005e6 / reference
            ok = ratio <= 1 + tolerance
            at_or_below += ok
            worst = max(worst, ratio)
            print(f"{pair:42} {reference:20.4e} {edp:12.4e} {ratio:7.3f} "
                  f"{wall:8.2f} {mapper_wall:8.1f}{'' if ok else '  above'}")
    print(f"{at_or_below} of {len(cases)} pairs at or below timeloop-mapper's "
          f"EDP (worst ratio {worst:.3f}); "
          f"{' '.join([args.mapper] + args.options.split())}, "
          f"{args.seconds:g} s per layer, {args.threads} threads")


if __name__ == "__main__":
    main()
