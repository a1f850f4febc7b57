"""Brute-force check of union-dse's Pareto front: a valid design is on the
front exactly when no other valid design is at most as large in latency,
energy and area and smaller in one. Also checks the best design per
objective in the JSON summary.

usage: check-pareto.py DESIGNS.csv SUMMARY.json
"""

import csv
import json
import sys


def main():
    rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["status"] == "valid"]
    points = [(int(r["latency_cycles"]), float(r["energy"]), float(r["area_um2"]), int(r["design"]))
              for r in rows]
    front = set()
    for p in points:
        dominated = any(q[0] <= p[0] and q[1] <= p[1] and q[2] <= p[2] and q[:3] != p[:3]
                        for q in points)
        if not dominated:
            front.add(p[3])
    marked = {int(r["design"]) for r in rows if r["pareto"] == "1"}
    summary = json.load(open(sys.argv[2]))
    listed = {d["design"] for d in summary["pareto"]}
    ok = front == marked == listed and summary["pareto_size"] == len(front)
    best = {
        "latency": min(points, key=lambda p: (p[0], p[1], p[2], p[3])),
        "energy": min(points, key=lambda p: (p[1], p[0], p[2], p[3])),
        "area": min(points, key=lambda p: (p[2], p[0], p[1], p[3])),
        "edp": min(points, key=lambda p: (p[0] * p[1], p[0], p[1], p[2], p[3])),
    }
    for objective, p in best.items():
        if summary["best"][objective]["design"] != p[3]:
            ok = False
            print(f"FAIL best {objective}: {summary['best'][objective]['design']} != {p[3]}")
    print(f"pareto: {len(points)} valid designs, {len(front)} on the front, "
          f"{'agrees' if ok else 'DIFFERS'} with union-dse")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
