"""Runs each curated case's MAESTRO command line with union-maestro in place
of maestro and compares stdout and the CSV file byte for byte with what
MAESTRO printed. Usage: check-verbatim.py <union-maestro> <cases dir>"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

def main():
    tool, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    passed = failed = 0
    for name in sorted(os.listdir(root)):
        case = os.path.join(root, name)
        command = [l for l in open(os.path.join(case, "cmdline.txt"))
                   if l.startswith("maestro ")][0]
        args = shlex.split(command)[1:]
        with tempfile.TemporaryDirectory() as work:
            for f in ("model.m", "hw.txt"):
                if os.path.exists(os.path.join(case, f)):
                    shutil.copy(os.path.join(case, f), work)
            proc = subprocess.run([tool] + args, cwd=work, capture_output=True,
                                  text=True)
            problems = []
            if proc.returncode != 0:
                problems.append("exit %d: %s" % (proc.returncode, proc.stderr))
            if proc.stdout != open(os.path.join(case, "stdout.txt")).read():
                problems.append("stdout differs")
            csv = os.path.join(work, "model.csv")
            if (not os.path.exists(csv) or
                    open(csv).read() != open(os.path.join(case, "out.csv")).read()):
                problems.append("CSV differs")
        if problems:
            failed += 1
            print("FAIL %s: %s" % (name, "; ".join(problems)))
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
