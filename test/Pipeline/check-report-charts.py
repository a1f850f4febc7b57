"""Checks union-report's SVG charts against its JSON report of the same run:
one cycles bar per costed op with its cycles, one energy segment per op and
level, and each roofline point at MACs / (DRAM reads + updates, or the
maestro model's off-chip words) and MACs / cycles, as the JSON's cost
breakdown gives them.

usage: check-report-charts.py report.json charts.svg
"""
import json
import re
import sys


def main():
    report = json.load(open(sys.argv[1]))
    svg = open(sys.argv[2]).read()
    costed = [op for op in report["ops"] if "cost" in op]
    group = lambda name: re.search(r'<g class="%s"[^>]*>(.*?)</g>' % name,
                                   svg, re.S).group(1)
    cycles = re.findall(r"<title>([^<:]+): (\d+) cycles", group("cycles"))
    assert [(label, int(n)) for label, n in cycles] == [
        (op["op"], op["cost"]["cycles"]) for op in costed], cycles[:3]
    segments = re.findall(r"<title>([^<:]+): ([^ <]+) ([^ <]+) uJ",
                          group("energy"))
    expected = [(op["op"], level, energy)
                for op in costed
                for level, energy in op["cost"]["energy_by_level_pj"].items()]
    assert len(segments) == len(expected), (len(segments), len(expected))
    for (label, level, uj), (op, want_level, pj) in zip(segments, expected):
        assert (label, level) == (op, want_level), (label, level, op)
        assert abs(float(uj) - pj / 1e6) <= 1e-3 * max(pj / 1e6, 1e-9), uj
    points = re.findall(r"<title>([^<:]+): ([^ ]+) MACs/word, ([^ ]+) MACs/cycle",
                        group("ops"))
    by_label = {op["op"]: op for op in costed}
    for label, intensity, rate in points:
        op = by_label[label]
        # The DRAM level's reads and updates per tensor, or else the maestro
        # model's off-chip totals.
        breakdown = op["cost"]["breakdown"]
        words = sum(v for k, v in breakdown.items()
                    if k.startswith("DRAM.") and
                    (k.endswith(".reads") or k.endswith(".updates")))
        if not words:
            words = sum(breakdown.get(k, 0)
                        for k in ("offchip_read", "offchip_write"))
        macs = op["problem"]["macs"]
        assert abs(float(intensity) - macs / words) <= 1e-3 * macs / words
        rate_want = macs / op["cost"]["cycles"]
        assert abs(float(rate) - rate_want) <= 1e-3 * rate_want
    assert len(points) == len(costed), (len(points), len(costed))
    print("agree: %d ops" % len(costed))


if __name__ == "__main__":
    main()
