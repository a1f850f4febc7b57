"""Runs the command blocks of the README and docs/ marked runnable and
compares the outputs shown after them.

A ```sh block right after a `<!-- doc-test: run -->` line runs with bash
(-e, -o pipefail) from a scratch directory that links the repository's
top-level directories and `build` (the build directory of the tools on
PATH), so the commands run as shown. A ``` block right after a
`<!-- doc-test: output -->` line is the output shown for the run block
before it: its lines must appear in that order in the block's stdout, a
`...` line standing for any number of lines.

usage: check-doc-commands.py <repository> <scratch dir> <path of union-opt>
                             <file.md>...
"""
import os
import re
import shutil
import subprocess
import sys

MARK_RUN = "<!-- doc-test: run -->"
MARK_OUTPUT = "<!-- doc-test: output -->"


def blocks(path):
    """(kind, first line number, text) for every marked block."""
    lines = open(path).read().split("\n")
    found = []
    for i, line in enumerate(lines):
        kind = {MARK_RUN: "run", MARK_OUTPUT: "output"}.get(line.strip())
        if not kind:
            continue
        if i + 1 >= len(lines) or not lines[i + 1].startswith("```"):
            sys.exit("%s:%d: a doc-test mark must precede a ``` block"
                     % (path, i + 1))
        end = i + 2
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        found.append((kind, i + 3, "\n".join(lines[i + 2:end])))
    return found


def shown_in(shown, actual):
    """Whether the shown lines appear in order in the actual ones."""
    actual = [line.rstrip() for line in actual.split("\n")]
    position = 0
    skipping = False
    for line in shown.split("\n"):
        line = line.rstrip()
        if line == "...":
            skipping = True
            continue
        if skipping:
            while position < len(actual) and actual[position] != line:
                position += 1
        if position >= len(actual) or actual[position] != line:
            return "expected %r" % line
        position += 1
        skipping = False
    return None


def main():
    repository, scratch, tool = sys.argv[1], sys.argv[2], sys.argv[3]
    bin_dir = os.path.dirname(os.path.abspath(tool))
    build = os.path.dirname(bin_dir)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"])
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    for name in os.listdir(repository):
        if name not in ("build", ".git") and not name.startswith("build"):
            os.symlink(os.path.join(repository, name),
                       os.path.join(scratch, name))
    os.symlink(build, os.path.join(scratch, "build"))
    runs = failures = 0
    for path in sys.argv[4:]:
        name = os.path.relpath(path, repository)
        last = None
        for kind, line, text in blocks(path):
            if kind == "run":
                runs += 1
                result = subprocess.run(
                    ["bash", "-e", "-o", "pipefail", "-c", text], cwd=scratch,
                    env=env, capture_output=True, text=True)
                last = (line, result)
                if result.returncode != 0:
                    failures += 1
                    print("FAIL %s:%d: exit %d\n%s" % (
                        name, line, result.returncode, result.stderr[-2000:]))
                continue
            if last is None:
                sys.exit("%s:%d: an output block with no run block before it"
                         % (name, line))
            problem = shown_in(text, last[1].stdout)
            if problem:
                failures += 1
                print("FAIL %s:%d: the output of the block at line %d differs: "
                      "%s" % (name, line, last[0], problem))
    print("%d command blocks run, %d failures" % (runs, failures))


if __name__ == "__main__":
    main()
