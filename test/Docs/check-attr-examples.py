"""Extracts every attribute example (```mlir blocks starting with #union. or [#union.)
from the ODS descriptions and writes them as one module whose function
carries each as a discardable attribute, so union-opt can parse and verify
them. Keeps the examples in the generated docs true."""
import re
import sys

blocks = []
for path in sys.argv[1:]:
    text = open(path).read()
    for block in re.findall(r"```mlir\n(.*?)```", text, re.S):
        lines = [l for l in block.splitlines() if not l.strip().startswith("//")]
        body = "\n".join(lines).strip()
        if body.startswith("#union.") or body.startswith("[#union."):
            blocks.append(body)

print("// %d attribute examples" % len(blocks))
print("func.func @examples() attributes {")
print(",\n".join("  union.example%d = %s" % (i, b) for i, b in enumerate(blocks)))
print("} {\n  return\n}")
