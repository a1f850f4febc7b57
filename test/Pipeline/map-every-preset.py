"""Maps one bundled model on every preset in examples/arch/ with
--union-map's defaults (the loop-nest cost model) and checks that every op
is mapped and costed: exit status 0, every op in the JSON report has a
cost, the totals count them all, and the MAC total is the model's own
(the same on every preset, and the sum of the per-op products of the
problem bounds).

With WIDTHS (e.g. 1,2,4,16), every preset runs once per vector width, its
compute level's `vector_width` set to it.

usage: map-every-preset.py UNION_OPT SRC_ROOT MODEL EXPECTED_OPS BUDGET [WIDTHS]
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

union_opt, src, model, expected_ops, budget = sys.argv[1:6]
widths = [int(w) for w in sys.argv[6].split(",")] if len(sys.argv) > 6 else []
expected_ops = int(expected_ops)
presets = sorted(glob.glob(os.path.join(src, "examples", "arch", "*.json")))
assert len(presets) >= 5, presets
macs_seen = set()


def variants(tmp):
    """(name, architecture file) per preset, and per vector width if any."""
    for arch in presets:
        name = os.path.splitext(os.path.basename(arch))[0]
        if not widths:
            yield name, arch
            continue
        spec = json.load(open(arch))
        compute = [level for level in spec["levels"]
                   if level["kind"] == "compute"]
        assert len(compute) == 1, (name, compute)
        for width in widths:
            compute[0]["vector_width"] = width
            path = os.path.join(tmp, f"{name}-vw{width}.json")
            json.dump(spec, open(path, "w"))
            yield f"{name} vector_width={width}", path


with tempfile.TemporaryDirectory() as tmp:
    for name, arch in variants(tmp):
        report = os.path.join(tmp, "report.json")
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
