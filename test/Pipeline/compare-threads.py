"""Compares two union-map JSON reports op by op: the same mapping, cost and
evaluation counts; only the threads (and the times) may differ."""
import json
import sys

first, second = (json.load(open(path))["ops"] for path in sys.argv[1:3])
streams = int(sys.argv[3])
assert len(first) == len(second) > 0
for a, b in zip(first, second):
    assert a["op"] == b["op"]
    assert a["mapping"] == b["mapping"], (a["op"], a["mapping"], b["mapping"])
    assert a["cost"] == b["cost"], a["op"]
    sa, sb = a["search"], b["search"]
    assert (sa["threads"], sb["threads"]) == (1, 2), (sa["threads"], sb["threads"])
    assert sa["streams"] == sb["streams"] == streams
    for key in ("evaluated", "rejected", "rejections", "top"):
        assert sa[key] == sb[key], (a["op"], key, sa[key], sb[key])
print(f"{len(first)} ops: same mappings and costs on 1 and 2 threads "
      f"({streams} streams)")
