"""What a set of Timeloop v3.0.3 YAML files means, as Timeloop reads it.

An independent reading (PyYAML, written from the reference set's README, not
from Union's C++) used to check that Union's export says the same as the
files it imported. `normalize(files)` returns plain data:

  problem:  dims, bounds, per data space its read-write flag and, per tensor
            dimension, the multiset of (dim, coefficient value) terms
  arch:     per level (outermost first) name, class, instances, meshX,
            capacity in words, block size, word bits, bandwidths, the other
            attributes (with the containers' inherited ones)
  energy:   per level the energies Timeloop charges (read, fill, update,
            compute: the first action of each family, largest variant) and
            the other actions, or None when the level has no ERT table
  mapping:  per level the temporal factors and the order of its loops with
            more than one iteration; the spatial factors and which of them
            lie along mesh X and Y; the bypassed data spaces
"""

import re

import yaml

STORAGE_CLASSES = ("DRAM", "SRAM", "regfile", "smartbuffer", "storage")
COMPUTE_CLASSES = ("mac", "compute")
FAMILIES = {
    "read": ["random_read", "read"],
    "fill": ["random_fill", "write"],
    "update": ["random_update", "random_fill", "write"],
    "compute": ["mac_random", "mult_random", "mac", "mult", "compute"],
}
MODELLED = {"depth", "entries", "block-size", "word-bits", "read_bandwidth",
            "write_bandwidth", "meshX", "instances"}


def load(paths):
    tree = {}
    for path in paths:
        with open(path) as f:
            for doc in yaml.safe_load_all(f):
                if doc:
                    tree.update(doc)
    return tree


def split_range(name):
    m = re.fullmatch(r"(.*)\[(\d+)\.\.(\d+)\]", name)
    if not m:
        return name, 1
    return m.group(1), int(m.group(3)) - int(m.group(2)) + 1


def problem_of(tree):
    p = tree["problem"]
    shape, inst = p["shape"], p["instance"]
    coef = {c["name"]: c.get("default", 1) for c in shape.get("coefficients", [])}
    coef.update({k: v for k, v in inst.items() if k in coef})
    spaces = {}
    for s in shape["data-spaces"]:
        dims = []
        for terms in s["projection"]:
            t = []
            for term in terms:
                if len(term) == 1:
                    t.append((term[0], 1))
                else:
                    d, c = (term[0], term[1]) if term[0] in shape["dimensions"] else (term[1], term[0])
                    t.append((d, coef[c]))
            dims.append(sorted((d, c) for d, c in t if c != 0))
        spaces[s["name"]] = {"rw": bool(s.get("read-write", False)), "proj": dims}
    bounds = {d: inst.get(d, 1) for d in shape["dimensions"]}
    return {"dims": list(shape["dimensions"]), "bounds": bounds, "spaces": spaces}


def arch_levels(tree):
    levels = []
    if "architecture" in tree:
        def walk(node, inherited, instances):
            name, count = split_range(node["name"])
            attrs = dict(inherited)
            attrs.update(node.get("attributes") or {})
            instances *= count
            for comp in node.get("local") or []:
                cls = comp["class"]
                cname, ccount = split_range(comp["name"])
                a = dict(attrs)
                a.update(comp.get("attributes") or {})
                storage = any(k in cls for k in STORAGE_CLASSES)
                compute = not storage and any(k in cls for k in COMPUTE_CLASSES)
                if not storage and not compute:
                    continue
                levels.append(make_level(cname, cls, storage, instances * ccount, a))
            for child in node.get("subtree") or []:
                walk(child, attrs, instances)
        walk(tree["architecture"]["subtree"][0], {}, 1)
    else:
        flat = tree["arch"]
        for s in reversed(flat["storage"]):
            a = {k: v for k, v in s.items() if k not in ("name", "technology", "class")}
            cls = s.get("technology", s.get("class", "SRAM"))
            levels.append(make_level(s["name"], cls, True, a.get("instances", 1), a))
        a = {k: v for k, v in flat["arithmetic"].items() if k != "name"}
        levels.append(make_level(flat["arithmetic"].get("name", "MAC"), "intmac",
                                 False, a.get("instances", 1), a))
    return levels


def make_level(name, cls, storage, instances, a):
    instances = a.get("instances", instances)
    block = a.get("block-size", 1)
    if "entries" in a:
        capacity = a["entries"]
    else:
        capacity = a.get("depth", 0) * block
    return {
        "name": name, "class": cls, "storage": storage, "instances": instances,
        "meshX": a.get("meshX"), "capacity": capacity if storage else None,
        "block": block if storage else None,
        "word_bits": a.get("word-bits", 16),
        "read_bw": a.get("read_bandwidth", 0), "write_bw": a.get("write_bandwidth", 0),
        "other": {k: str(v) for k, v in a.items() if k not in MODELLED},
    }


def table_level(name):
    name = re.sub(r"\[[^\]]*\]$", "", name)
    return name.rsplit(".", 1)[-1]


def energies(tree, levels):
    if "ERT" not in tree:
        return None
    out = {}
    for table in tree["ERT"]["tables"]:
        level = table_level(table["name"])
        if level not in (l["name"] for l in levels) or level in out:
            continue
        by_name = {}
        for action in table["actions"]:
            by_name[action["name"]] = max(by_name.get(action["name"], float("-inf")),
                                          float(action["energy"]))
        resolved = {}
        for family, names in FAMILIES.items():
            for n in names:
                if n in by_name:
                    resolved[family] = round(by_name[n], 9)
                    break
        used = {n for names in FAMILIES.values() for n in names}
        resolved["other"] = {n: round(e, 9) for n, e in by_name.items() if n not in used}
        out[level] = resolved
    return out


def mapping_of(tree, problem, levels):
    dims = problem["dims"]
    out = {}
    for d in tree["mapping"]:
        kind = "bypass" if d["type"] == "datatype" else d["type"]
        entry = out.setdefault(d["target"], {})
        if kind in ("temporal", "spatial"):
            factors = {x: 1 for x in dims}
            for m in re.finditer(r"([A-Za-z])=?(\d+)", d.get("factors", "")):
                f = int(m.group(2))
                factors[m.group(1)] = problem["bounds"][m.group(1)] if f == 0 else f
            perm = d.get("permutation", "")
            perm += "".join(x for x in dims if x not in perm)
            if kind == "temporal":
                entry["temporal"] = {"factors": factors,
                                     "order": [x for x in perm if factors[x] > 1]}
            else:
                split = d.get("split", len(perm))
                entry["spatial"] = {
                    "factors": factors,
                    "x": [x for x in perm[:split] if factors[x] > 1],
                    "y": [x for x in perm[split:] if factors[x] > 1]}
        elif kind == "bypass":
            entry["bypass"] = sorted(d.get("bypass") or [])
    # A level without a spatial directive has unit spatial factors.
    for entry in out.values():
        entry.setdefault("spatial", {"factors": {x: 1 for x in dims}, "x": [], "y": []})
        entry.setdefault("temporal", {"factors": {x: 1 for x in dims}, "order": []})
        entry.setdefault("bypass", [])
    return out


def normalize(paths):
    tree = load(paths)
    result = {}
    problem = problem_of(tree) if "problem" in tree else None
    result["problem"] = problem
    if "architecture" in tree or "arch" in tree:
        levels = arch_levels(tree)
        result["arch"] = levels
        result["energy"] = energies(tree, levels)
        if "mapping" in tree and problem:
            result["mapping"] = mapping_of(tree, problem, levels)
    return result
