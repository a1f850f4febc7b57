"""Parity of the loop-nest model with the real timeloop-model on random
mappings of every preset: the bundled ResNet-50 layers and the BERT layer
are mapped at random (union-search mapper=random, several seeds) on each
architecture of examples/arch, then costed by union-evaluate with the
`loopnest` model and with the `timeloop` model (which runs
timeloop-model); cycles, MACs, utilization, energy and every per-level
read, fill and update count must agree.

usage: check-preset-parity.py UNION_OPT EXAMPLES_DIR [REFERENCE_MODEL]
(REFERENCE_MODEL defaults to timeloop.)
"""

import glob
import os
import re
import subprocess
import sys


def costs(ir):
    result = []
    for op in re.finditer(r'union\.compute "([^"]+)".*', ir):
        m = re.search(r"cost = #union\.cost<([^>]*)>", op.group(0))
        if not m:
            result.append((op.group(1), None))
            continue
        body = m.group(1)
        cost = {k: float(re.search(k + r" = ([-0-9.e+]+)", body).group(1))
                for k in ("cycles", "macs", "energy", "utilization")}
        breakdown = re.search(r"breakdown = \{([^}]*)\}", body)
        cost["breakdown"] = dict(
            (k.strip('"'), float(v)) for k, v in re.findall(
                r'("[^"]+"|[A-Za-z_][\w.$-]*) = ([-0-9.e+]+)',
                breakdown.group(1) if breakdown else ""))
        result.append((op.group(1), cost))
    return result


def differ(a, b):
    for key in ("cycles", "macs"):
        if a[key] != b[key]:
            return f"{key} {a[key]:.0f} != {b[key]:.0f}"
    if abs(a["utilization"] - b["utilization"]) > 1e-6:
        return f"utilization {a['utilization']} != {b['utilization']}"
    # timeloop-model prints each level's and tensor's energy to 0.01 pJ,
    # and the timeloop model sums those printed values.
    terms = max(1, len(b["breakdown"]))
    if abs(a["energy"] - b["energy"]) > 0.005 * terms + 1e-9 * abs(b["energy"]):
        return f"energy {a['energy']} != {b['energy']}"
    for key, value in b["breakdown"].items():
        if key.endswith((".reads", ".fills", ".updates")) and \
                a["breakdown"].get(key) != value:
            return f"{key} {a['breakdown'].get(key)} != {value}"
    return None


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(" ".join(cmd[:3]) + ": " + p.stderr[-2000:])
    return p.stdout


def main():
    opt, examples = sys.argv[1], sys.argv[2]
    reference = sys.argv[3] if len(sys.argv) > 3 else "timeloop"
    models = [(os.path.join(examples, "resnet50-layers.mlir"), []),
              (os.path.join(examples, "models", "bert-layer.tosa.mlir"),
               ["--union-from-tosa"])]
    equal = failed = 0
    for arch in sorted(glob.glob(os.path.join(examples, "arch", "*.json"))):
        preset = os.path.basename(arch)[:-5]
        for model, frontend in models:
            for seed in (1, 2):
                mapped = run([opt, model] + frontend + [
                              f"--union-attach-arch=file={arch}",
                              "--union-prune-hw", "--union-prune-workload",
                              "--union-search=cost-model=loopnest mapper=random "
                              f"budget=20 seed={seed} threads=1",
                              "--mlir-print-op-on-diagnostic=false"])
                ours = costs(run([opt, "--union-evaluate=cost-model=loopnest"],
                                 mapped))
                theirs = costs(run([opt, f"--union-evaluate=cost-model={reference}"],
                                   mapped))
                for (name, a), (_, b) in zip(ours, theirs):
                    if a is None or b is None:
                        continue
                    why = differ(a, b)
                    if why:
                        failed += 1
                        print(f"FAIL {preset} {os.path.basename(model)} {name} "
                              f"seed {seed}: {why}")
                    else:
                        equal += 1
    print(f"preset parity: {equal} equal, {failed} failed")


if __name__ == "__main__":
    main()
