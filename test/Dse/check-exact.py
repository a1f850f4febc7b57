"""Checks union-dse's figures against single union-maestro evaluations.

For every n-th design of a union-dse CSV (written with --csv-rows=all), runs
union-maestro on the workload with that design's hardware and compares:
latency = the layers' runtime summed, energy = their energy_total summed,
the largest per-layer L1 and L2 requirements (total_l1/l2_size_req), area
and power (MAESTRO's model, spec section 2.5, written out again here, on
the design's buffer sizes) and the status (valid when the buffers hold the
requirements and the budgets hold).

Dataflows given as {"name", "directives"} are written into every layer of
the workload for union-maestro; dataflows given by name are checked
against the workload file as it is (name only presets equal to the
file's own dataflow, or "workload").

usage: check-exact.py UNION_MAESTRO WORKLOAD.m SWEEP.json DESIGNS.csv EVERY
"""

import csv
import json
import os
import re
import subprocess
import sys
import tempfile


def area_power(pes, lanes, noc_bw, l1, l2):
    l1 = l1 or 1
    l2 = l2 or 1
    a = 1.2886 * pes * pes + 5.5814 * pes - 23.711
    bus = 14.662 * pes + 28.895
    area = pes * (283 * lanes + 0.104 * l1) + 0.104 * l2 + 101.7938 * bus * noc_bw + max(395.473, 395.473 * a)
    power = (1.2223 * lanes * pes + 0.00345 * pes * l1 + 0.00345 * l2
             + 0.8 * bus / 1000 * noc_bw + max(0.34, 0.34 * a / 1000))
    return area, power


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-300)


def main():
    maestro, workload, sweep_path, designs_path, every = sys.argv[1:6]
    sweep = json.load(open(sweep_path))
    sized = "l1_size" in sweep
    rows = list(csv.DictReader(open(designs_path)))
    files = {}
    tmp = tempfile.mkdtemp()
    text = open(workload).read()
    for entry in sweep.get("dataflows", ["workload"]):
        if isinstance(entry, str):
            files[entry] = workload
        else:
            path = os.path.join(tmp, entry["name"] + ".m")
            with open(path, "w") as f:
                f.write(re.sub(r"Dataflow \{[^}]*\}",
                               "Dataflow {\n" + entry["directives"] + "\n}", text))
            files[entry["name"]] = path
    checked = bad = 0
    for row in rows[::int(every)]:
        args = [maestro, f"--Mapping_file={files[row['dataflow']]}", f"--num_pes={row['pes']}",
                f"--noc_bw_cstr={row['noc_bw']}", f"--offchip_bw_cstr={row['offchip_bw']}",
                "--noc_hops=1", f"--noc_hop_latency={row['noc_latency']}",
                f"--num_simd_lanes={row['vector_width']}", "--print_res_csv_file=false", "--json"]
        out = subprocess.run(args, capture_output=True, text=True)
        if out.returncode != 0:
            expected_status = "unmappable"
            layers = None
        else:
            layers = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        problems = []
        if layers is None:
            if row["status"] != "unmappable":
                problems.append(f"union-maestro failed ({out.stderr.strip()}) but status is {row['status']}")
        else:
            latency = sum(l["runtime_cycles"] for l in layers)
            energy = sum(l["energy_total"] for l in layers)
            l1 = max(l["total_l1_size_req"] for l in layers)
            l2 = max(l["total_l2_size_req"] for l in layers)
            if int(row["latency_cycles"]) != latency:
                problems.append(f"latency {row['latency_cycles']} != {latency}")
            if not close(float(row["energy"]), energy, 1e-12):
                problems.append(f"energy {row['energy']} != {energy}")
            if int(row["l1_required"]) != l1 or int(row["l2_required"]) != l2:
                problems.append(f"requirements {row['l1_required']}/{row['l2_required']} != {l1}/{l2}")
            l1_size = int(row["l1_size"]) if sized else l1
            l2_size = int(row["l2_size"]) if sized else l2
            area, power = area_power(int(row["pes"]), int(row["vector_width"]),
                                     int(row["noc_bw"]), l1_size, l2_size)
            if not close(float(row["area_um2"]), area) or not close(float(row["power_mw"]), power):
                problems.append(f"area/power {row['area_um2']}/{row['power_mw']} != {area}/{power}")
            if not sized and len(layers) == 1:
                # Sized to fit, MAESTRO's own area and power apply as printed.
                if not close(float(row["area_um2"]), layers[0]["area"], 1e-12):
                    problems.append(f"area {row['area_um2']} != MAESTRO's {layers[0]['area']}")
            status = "valid"
            if sized and l1 > int(row["l1_size"]):
                status = "l1_too_small"
            elif sized and l2 > int(row["l2_size"]):
                status = "l2_too_small"
            elif "max_area" in sweep and area > sweep["max_area"]:
                status = "over_area"
            elif "max_power" in sweep and power > sweep["max_power"]:
                status = "over_power"
            if row["status"] != status:
                problems.append(f"status {row['status']} != {status}")
        checked += 1
        if problems:
            bad += 1
            print(f"FAIL design {row['design']}: " + "; ".join(problems))
    print(f"exact: {checked} designs checked, {bad} differ")
    return 1 if bad or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
