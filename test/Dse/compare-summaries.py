"""Two union-dse JSON summaries say the same, apart from how they were run
(time, rate, threads, shard or merge, CSV path).

usage: compare-summaries.py A.json B.json
"""

import json
import sys

RUN_KEYS = {"seconds", "designs_per_second", "threads", "shard", "merged_shards", "csv"}
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for key in sorted(set(a) | set(b)):
    if key in RUN_KEYS:
        continue
    if a.get(key) != b.get(key):
        print(f"DIFFER {key}: {json.dumps(a.get(key))[:200]} vs {json.dumps(b.get(key))[:200]}")
        sys.exit(1)
print("summaries agree")
