#!/usr/bin/env python3
"""Writes a MAESTRO mapping file with `count` layers: every distinct layer
block of the curated reference cases (test/Maestro/Inputs/curated-cases),
repeated in order until there are `count`. It is the input of
bench/maestro-whole.sh and of the thread-count test.

usage: make-maestro-network.py <curated-cases dir> <count>
"""
import pathlib
import re
import sys


def main():
    cases, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    blocks = []
    for model in sorted(cases.glob("*/model.m")):
        for match in re.finditer(r"(\tLayer\s+\S+\s*\{.*?\n\t\})",
                                 model.read_text(), re.S):
            if match.group(1) not in blocks:
                blocks.append(match.group(1))
    if not blocks:
        sys.exit(f"no layer blocks under {cases}")
    lines = ["Network Repeated {"]
    lines += [blocks[i % len(blocks)] for i in range(count)]
    lines.append("}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
