"""Maps one bundled model on every preset in examples/arch/ with
--union-map's defaults (the loop-nest cost model) and checks that every op
is mapped and costed: exit status 0, every op in the JSON report has a
cost, the totals count them all, and the MAC total is the model's own
(the same on every preset, and the sum of the per-op products of the
problem bounds).

usage: map-every-preset.py UNION_OPT SRC_ROOT MODEL EXPECTED_OPS BUDGET
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

union_opt, src, model, expected_ops, budget = sys.argv[1:6]
expected_ops = int(expected_ops)
presets = sorted(glob.glob(os.path.join(src, "examples", "arch", "*.json")))
assert len(presets) >= 5, presets
macs_seen = set()
with tempfile.TemporaryDirectory() as tmp:
    for arch in presets:
        name = os.path.splitext(os.path.basename(arch))[0]
        report = os.path.join(tmp, name + ".json")
        run = subprocess.run(
            [union_opt, os.path.join(src, "examples", "models", model),
             f"--union-map=arch={arch} budget={budget} threads=2 "
             f"json={report} table=",
             "-o", os.devnull],
            capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"{model} on {name}: exit {run.returncode}\n"
                     + run.stderr[-3000:])
        data = json.load(open(report))
        ops, totals = data["ops"], data["totals"]
        assert len(ops) == expected_ops, (name, len(ops))
        uncosted = [o["op"] for o in ops if not o.get("cost")]
        assert not uncosted, (name, uncosted)
        assert totals["costed"] == expected_ops, (name, totals)
        for o in ops:
            cost = o["cost"]
            assert cost["model"] == "loopnest", (name, o["op"], cost)
            assert cost["cycles"] > 0 and cost["energy_pj"] > 0, (name, o)
            assert 0 < cost["utilization"] <= 1, (name, o)
        assert sum(o["cost"]["macs"] for o in ops) == totals["macs"]
        macs_seen.add(totals["macs"])
        print(f"{name}: {len(ops)} of {expected_ops} ops costed, "
              f"{totals['macs']} MACs")
assert len(macs_seen) == 1, macs_seen
print("all presets ok")
