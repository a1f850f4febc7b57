"""Maps one bundled model on every preset in examples/arch/ with
--union-map's defaults (the loop-nest cost model) and checks that every op
is mapped and costed: exit status 0, every op in the JSON report has a
cost, the totals count them all, and the MAC total is the model's own
(the same on every preset, and the sum of the per-op products of the
problem bounds).

Every best mapping fits the buffers under the model that costed it: the
words the cost says each level needs (`<level>.capacity_needed`) are at
most the capacity in the preset's file.

With WIDTHS (e.g. 1,2,4,16), every preset runs once per vector width, its
compute level's `vector_width` set to it. With --cost-model=maestro the
MAESTRO model maps instead; it cannot express every op on every preset,
so ops may be left unmapped, each with its reason.

usage: map-every-preset.py UNION_OPT SRC_ROOT MODEL EXPECTED_OPS BUDGET
                           [WIDTHS] [--cost-model=NAME]
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

args = [a for a in sys.argv[1:] if not a.startswith("--cost-model=")]
cost_model = "loopnest"
for a in sys.argv[1:]:
    if a.startswith("--cost-model="):
        cost_model = a.split("=", 1)[1]
union_opt, src, model, expected_ops, budget = args[:5]
widths = [int(w) for w in args[5].split(",")] if len(args) > 5 else []
expected_ops = int(expected_ops)
presets = sorted(glob.glob(os.path.join(src, "examples", "arch", "*.json")))
assert len(presets) >= 5, presets
macs_seen = set()


def check_buffers(name, spec, op):
    """Every level with a capacity holds what the op's cost says it needs;
    the cost names at least one level's need."""
    capacity = {level["name"]: level["capacity"] for level in spec["levels"]
                if level.get("capacity")}
    needs = {key[:-len(".capacity_needed")]: words
             for key, words in op["cost"]["breakdown"].items()
             if key.endswith(".capacity_needed")}
    assert needs and set(needs) <= {l["name"] for l in spec["levels"]}, \
        (name, op["op"], needs)
    for level, words in needs.items():
        assert words <= capacity.get(level, float("inf")), \
            (name, op["op"], level, words, capacity[level], op["mapping"])
    return len(needs)


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
             f"--union-map=arch={arch} cost-model={cost_model} "
             f"budget={budget} threads=2 json={report} table=",
             "-o", os.devnull],
            capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"{model} on {name}: exit {run.returncode}\n"
                     + run.stderr[-3000:])
        data = json.load(open(report))
        spec = json.load(open(arch))
        ops, totals = data["ops"], data["totals"]
        assert len(ops) == expected_ops, (name, len(ops))
        costed = [o for o in ops if o.get("cost")]
        unmapped = [o for o in ops if not o.get("cost")]
        if cost_model == "loopnest":
            assert not unmapped, (name, [o["op"] for o in unmapped])
        # An op without a mapping says why.
        assert all(o.get("not_mapped") for o in unmapped), (name, unmapped)
        assert totals["costed"] == len(costed), (name, totals)
        checked = 0
        for o in costed:
            cost = o["cost"]
            assert cost["model"] == cost_model, (name, o["op"], cost)
            assert cost["cycles"] > 0 and cost["energy_pj"] > 0, (name, o)
            assert 0 < cost["utilization"] <= 1, (name, o)
            checked += check_buffers(name, spec, o)
        # The totals count every op's MACs, costed or not. MAESTRO's own
        # count overshoots on strided layers (its quirk Q11), so only the
        # loop-nest model's costs must count the problem's MACs.
        assert sum(o["problem"]["macs"] for o in ops) == totals["macs"]
        if cost_model == "loopnest":
            assert all(o["cost"]["macs"] == o["problem"]["macs"]
                       for o in costed)
        macs_seen.add(totals["macs"])
        print(f"{name}: {len(costed)} of {expected_ops} ops costed, "
              f"{totals['macs']} MACs, {checked} buffers within capacity")
        for o in unmapped:
            print(f"  {o['op']} not mapped: {o['not_mapped'][:160]}")
assert len(macs_seen) == 1, macs_seen
print("all presets ok")
