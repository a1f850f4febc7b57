"""Compares the MAC total of a `union-opt --union-summary` output with the
independent count export-models.py wrote (within 0.5%, the issue's
bound; the counts are expected to be equal).

    python3 check-macs.py NAME.macs SUMMARY.txt"""
import re
import sys

expected = int(open(sys.argv[1]).read())
summary = open(sys.argv[2]).read()
match = re.search(r"^total: (\d+) MACs", summary, re.M)
if not match:
    sys.exit("no 'total: N MACs' line in %s" % sys.argv[2])
union = int(match.group(1))
difference = abs(union - expected) / expected
print("MACs: union %d, PyTorch counter %d, difference %.4f%%" % (union, expected, 100 * difference))
if difference > 0.005:
    sys.exit("MAC totals differ by more than 0.5%")
