#!/usr/bin/env python3
"""How close the heuristic mappers get to the optimum, and how fast.

On the unique layers of ResNet-50 and BERT-base (from examples/models) on
the 256-PE MAESTRO-style architecture, with the MAESTRO cost model and the
EDP objective: the exhaustive mapper (branch and bound, a time limit per
layer) gives the optimum where it finishes; the annealing and decoupled
mappers run with an evaluation budget. Prints, per layer, each heuristic's
EDP relative to the optimum, the share of layers within 2%, and the wall
time to map both whole networks with each heuristic.

  python3 bench/mappers.py [--build build] [--budget 5000]
                           [--exhaustive-seconds 90] [--threads 2]
                           [--reuse-exhaustive DIR]

--reuse-exhaustive takes the exhaustive reports (<model>-exhaustive.json)
from an earlier run instead of running the exhaustive mapper again.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(opt, model, search, report):
    start = time.time()
    subprocess.run(
        [opt, model,
         "--union-attach-arch=file=%s/examples/arch/maestro-256.json" % ROOT,
         "--union-prune-hw", "--union-prune-workload",
         "--union-search=" + search, "--union-report=table= json=" + report,
         "-o", os.devnull], check=True, stderr=subprocess.DEVNULL)
    seconds = time.time() - start
    with open(report) as f:
        return json.load(f), seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--budget", type=int, default=5000)
    parser.add_argument("--exhaustive-seconds", type=float, default=90)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--reuse-exhaustive")
    args = parser.parse_args()
    opt = os.path.join(args.build, "bin", "union-opt")
    work = tempfile.mkdtemp()
    models = {}
    for name in ("resnet50", "bert-layer"):
        lowered = os.path.join(work, name + ".mlir")
        subprocess.run([opt, "%s/examples/models/%s.tosa.mlir" % (ROOT, name),
                        "--union-from-tosa", "-o", lowered], check=True)
        models[name] = lowered

    results = {}
    for mapper, search in (
            ("exhaustive", "mapper=exhaustive budget=0 time-limit=%g threads=%d"
             % (args.exhaustive_seconds, args.threads)),
            ("annealing", "mapper=annealing budget=%d threads=%d"
             % (args.budget, args.threads)),
            ("decoupled", "mapper=decoupled budget=%d threads=%d"
             % (args.budget, args.threads))):
        for name, lowered in models.items():
            report = os.path.join(work, "%s-%s.json" % (name, mapper))
            if mapper == "exhaustive" and args.reuse_exhaustive:
                with open(os.path.join(args.reuse_exhaustive,
                                       "%s-exhaustive.json" % name)) as f:
                    results[(mapper, name)] = (json.load(f), 0.0)
                continue
            results[(mapper, name)] = run(opt, lowered, search, report)
            print("%-10s %-10s %7.1f s" % (mapper, name,
                                           results[(mapper, name)][1]),
                  file=sys.stderr)

    print("%-34s %12s %9s %9s" % ("layer (unique shapes)", "optimal EDP",
                                   "annealing", "decoupled"))
    within = {"annealing": 0, "decoupled": 0}
    compared = 0
    for name in models:
        seen = set()
        exhaustive = results[("exhaustive", name)][0]["ops"]
        for i, op in enumerate(exhaustive):
            shape = json.dumps(op["problem"]["dims"], sort_keys=True)
            if shape in seen or "cost" not in op:
                continue
            seen.add(shape)
            label = "%s/%s" % (name, op["op"])
            if not op["search"]["exhausted"]:
                print("%-34s %12s" % (label, "(not finished)"))
                continue
            compared += 1
            best = op["cost"]["edp"]
            row = "%-34s %12.4g" % (label, best)
            for mapper in within:
                other = results[(mapper, name)][0]["ops"][i]["cost"]["edp"]
                gap = other / best - 1
                within[mapper] += gap <= 0.02
                row += " %+8.2f%%" % (100 * gap)
            print(row)
    for mapper, count in within.items():
        print("%s: within 2%% of the optimum on %d of %d layers (%.0f%%)"
              % (mapper, count, compared, 100.0 * count / max(1, compared)))
        total = sum(results[(mapper, name)][1] for name in models)
        print("%s: ResNet-50 + BERT-base mapped in %.1f s" % (mapper, total))


if __name__ == "__main__":
    main()
