#!/usr/bin/env python3
"""How close the heuristic mappers get to the optimum, and how fast.

On the unique layers of the bundled models (ResNet-50, BERT-base,
MobileNetV2, VGG16 and the TCCG contractions, from examples/models) on the
256-PE MAESTRO-style architecture, with the MAESTRO cost model and the EDP
objective:
  - the exhaustive mapper (branch and bound, a time limit per layer)
    proves the optimum where it finishes;
  - the annealing and decoupled mappers run with an evaluation budget
    (the README's 3000 by default), once per seed.
Prints, per mapper: the share of proven layers within 2% of the optimum
(median seed and worst seed) and the worst gap to it over all runs, the
worst gap to the best EDP any run found on the layers without a proven
optimum, and the wall time per layer; and
how many optima the exhaustive mapper proved. --verbose adds a row per
layer.

  python3 bench/mappers.py [--build build] [--budget 3000] [--seeds 1,2,3]
                           [--exhaustive-seconds 60] [--threads 2]
                           [--models resnet50,bert-layer,...]
                           [--mappers annealing,decoupled]
                           [--options "streams=4 ..."]
                           [--reuse-exhaustive DIR] [--keep DIR] [--verbose]

--keep DIR keeps the JSON reports; --reuse-exhaustive DIR takes the
exhaustive reports (<model>-exhaustive.json) from such a directory instead
of running the exhaustive mapper again.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = {"resnet50": "resnet50.tosa.mlir", "bert-layer": "bert-layer.tosa.mlir",
          "mobilenetv2": "mobilenetv2.tosa.mlir", "vgg16": "vgg16.tosa.mlir",
          "tccg": "tccg.linalg.mlir"}


def run(opt, model, options, report, cost_model):
    """union-map on a model; returns the report and the wall seconds."""
    start = time.time()
    subprocess.run(
        [opt, os.path.join(ROOT, "examples", "models", MODELS[model]),
         "--union-map=arch=%s/examples/arch/maestro-256.json "
         "cost-model=%s objective=edp table= json=%s %s"
         % (ROOT, cost_model, report, options), "-o", os.devnull],
        check=True, stderr=subprocess.DEVNULL)
    seconds = time.time() - start
    with open(report) as f:
        return json.load(f)["ops"], seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--budget", type=int, default=3000)
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--exhaustive-seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--cost-model", default="maestro")
    parser.add_argument("--mappers", default="annealing,decoupled")
    parser.add_argument("--options", default="",
                        help="more --union-map options for the heuristics")
    parser.add_argument("--reuse-exhaustive")
    parser.add_argument("--keep")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    opt = os.path.join(args.build, "bin", "union-opt")
    work = args.keep or tempfile.mkdtemp()
    os.makedirs(work, exist_ok=True)
    seeds = [int(s) for s in args.seeds.split(",")]
    models = args.models.split(",")
    heuristics = tuple(args.mappers.split(","))

    # runs[(mapper, seed)][model] = (ops, seconds)
    runs = {}
    for model in models:
        name = "%s-exhaustive.json" % model
        if args.reuse_exhaustive:
            with open(os.path.join(args.reuse_exhaustive, name)) as f:
                runs.setdefault(("exhaustive", 0), {})[model] = (
                    json.load(f)["ops"], 0.0)
        else:
            runs.setdefault(("exhaustive", 0), {})[model] = run(
                opt, model, "mapper=exhaustive budget=0 time-limit=%g "
                "threads=%d" % (args.exhaustive_seconds, args.threads),
                os.path.join(work, name), args.cost_model)
        for mapper in heuristics:
            for seed in seeds:
                runs.setdefault((mapper, seed), {})[model] = run(
                    opt, model, "mapper=%s budget=%d seed=%d threads=%d %s"
                    % (mapper, args.budget, seed, args.threads,
                       args.options),
                    os.path.join(work, "%s-%s-%d.json" % (model, mapper, seed)),
                    args.cost_model)
        print("mapped %s" % model, file=sys.stderr)

    # Unique layers: ops with the same problem dims and the same exhaustive
    # result are one layer (the search maps repeated layers once).
    layers = []  # (label, model, op index, proven EDP or None)
    for model in models:
        seen = set()
        for i, op in enumerate(runs[("exhaustive", 0)][model][0]):
            if "cost" not in op:
                continue
            key = (json.dumps(op["problem"], sort_keys=True),
                   op["cost"]["edp"], op["search"]["exhausted"])
            if key in seen:
                continue
            seen.add(key)
            proven = op["cost"]["edp"] if op["search"]["exhausted"] else None
            layers.append(("%s/%s" % (model, op["op"]), model, i, proven))

    def edp(mapper, seed, model, i):
        op = runs[(mapper, seed)][model][0][i]
        return op["cost"]["edp"] if "cost" in op else float("inf")

    # The best EDP any run found, per layer.
    best_known = {}
    for label, model, i, proven in layers:
        found = [edp("exhaustive", 0, model, i)]
        found += [edp(m, s, model, i) for m in heuristics for s in seeds]
        best_known[label] = min(found)

    proven_layers = [l for l in layers if l[3] is not None]
    open_layers = [l for l in layers if l[3] is None]
    if args.verbose:
        print("%-40s %12s %s" % ("layer", "best EDP", " ".join(
            "%s/%d" % (m[:4], s) for m in heuristics for s in seeds)))
        for label, model, i, proven in layers:
            ref = proven if proven is not None else best_known[label]
            gaps = ["%+8.2f%%" % (100 * (edp(m, s, model, i) / ref - 1))
                    for m in heuristics for s in seeds]
            print("%-40s %12.4g%s %s" % (label, ref,
                                         " " if proven is not None else "?",
                                         " ".join(gaps)))
    exhaustive_seconds = [runs[("exhaustive", 0)][model][0][i]["search"]["seconds"]
                          for _, model, i, proven in proven_layers]
    print("%d unique layers; exhaustive proved the optimum on %d "
          "(time limit %g s per layer, %d threads; proofs took %.1f s at "
          "most)" % (len(layers), len(proven_layers), args.exhaustive_seconds,
                     args.threads, max(exhaustive_seconds, default=0)))
    for mapper in heuristics:
        shares, worst_open, worst_proven = [], 0.0, 0.0
        for seed in seeds:
            within = sum(edp(mapper, seed, model, i) <= 1.02 * proven
                         for _, model, i, proven in proven_layers)
            shares.append(within)
            for _, model, i, proven in proven_layers:
                worst_proven = max(worst_proven,
                                   edp(mapper, seed, model, i) / proven - 1)
            for label, model, i, _ in open_layers:
                worst_open = max(worst_open, edp(mapper, seed, model, i)
                                 / best_known[label] - 1)
        ops = sum(len(runs[(mapper, seeds[0])][m][0]) for m in models)
        seconds = statistics.median(
            sum(runs[(mapper, s)][m][1] for m in models) for s in seeds)
        searching = statistics.median(
            sum(op.get("search", {}).get("seconds", 0)
                for m in models for op in runs[(mapper, s)][m][0])
            for s in seeds)
        print("%-10s within 2%% of the optimum on %s of %d proven layers "
              "(seeds %s; median %.1f%%, worst seed %.1f%%; worst run "
              "%+.1f%%); unproven "
              "layers: at most %+.1f%% from the best known; %.3f s of "
              "search per op, %.2f s per op in whole runs (budget %d)"
              % (mapper, "/".join(str(n) for n in shares), len(proven_layers),
                 args.seeds,
                 100 * statistics.median(shares) / max(1, len(proven_layers)),
                 100 * min(shares) / max(1, len(proven_layers)),
                 100 * worst_proven,
                 100 * worst_open, searching / ops, seconds / ops,
                 args.budget))
    unmapped = sorted({"%s/%s" % (m, op["op"]) for m in models
                       for op in runs[("exhaustive", 0)][m][0]
                       if "cost" not in op})
    if unmapped:
        print("not mapped under %s (left out): %s"
              % (args.cost_model, ", ".join(unmapped)))


if __name__ == "__main__":
    main()
