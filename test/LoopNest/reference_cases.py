"""Where the input files of a Timeloop reference case are."""
import os


def case_files(cases_dir, case):
    """The case's input files: its own directory (dev/), or the shared
    architecture, problem and ERT files and its mapping (random/, stored
    once each)."""
    names = case["command"].split()[1:]
    own = os.path.join(cases_dir, case["id"])
    if os.path.isdir(own):
        return [os.path.join(own, name) for name in names]
    draw = case["id"]
    for suffix in ("__ert", "__builtin"):
        if draw.endswith(suffix):
            draw = draw[:-len(suffix)]
    shared = {"arch.yaml": f"archs/{case['arch']}.yaml",
              "problem.yaml": f"problems/{case['problem']}.yaml",
              "ert.yaml": f"erts/{case['arch']}.yaml",
              "mapping.yaml": f"mappings/{draw}.yaml"}
    return [os.path.join(cases_dir, shared[name]) for name in names]
