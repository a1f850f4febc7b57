# -*- Python -*-
# lit configuration for Union's FileCheck tests.

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "UNION"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.union_obj_root, "test")
config.excludes = ["Inputs", "install", "compare-reference.py", "check-rejected.py", "check-verbatim.py", "check-roundtrip.py", "timeloop_semantics.py", "check-parity.py", "check-preset-parity.py", "check-reference.py", "check-layers.py", "check-imported.py", "reference_cases.py", "check-exact.py", "check-pareto.py", "compare-summaries.py", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

config.substitutions.append(("%union_src", config.union_src_root))
config.substitutions.append(("%examples", os.path.join(config.union_src_root, "examples")))

# Debian's unversioned FileCheck is LLVM 14: put LLVM 22's tools first.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
tool_dirs = [os.path.join(config.union_obj_root, "bin"), config.llvm_tools_dir]
llvm_config.add_tool_substitutions(["union-opt", "union-maestro", "union-translate", "union-dse", "union-loopnest"], tool_dirs)

# Lowering to LLVM and the runner libraries, for tests that run IR.
config.substitutions.append(("%{lower}",
    "--one-shot-bufferize=bufferize-function-boundaries "
    "--convert-linalg-to-loops --lower-affine --convert-scf-to-cf --expand-strided-metadata "
    "--finalize-memref-to-llvm --convert-arith-to-llvm --convert-cf-to-llvm "
    "--convert-func-to-llvm --reconcile-unrealized-casts"))
config.substitutions.append(("%mlir_runner_utils",
    os.path.join(config.llvm_tools_dir, "..", "lib", "libmlir_runner_utils" + config.llvm_shlib_ext)))
config.substitutions.append(("%mlir_c_runner_utils",
    os.path.join(config.llvm_tools_dir, "..", "lib", "libmlir_c_runner_utils" + config.llvm_shlib_ext)))

# Slow whole-network tests skip the sanitizer build (it runs them 2-5x
# slower); the release build runs them.
if getattr(config, "union_sanitizers", "OFF") in ("ON", "1", "TRUE", "YES"):
    config.available_features.add("sanitizers")

# The ONNX tests export models with Debian's PyTorch (setup.sh installs
# python3-torch, python3-torchvision and python3-onnx); `python3` on PATH
# may be another interpreter, so they use Debian's.
import subprocess
debian_python = "/usr/bin/python3"
try:
    subprocess.run([debian_python, "-c", "import torch, torchvision, onnx"],
                   check=True, capture_output=True, timeout=120)
    config.available_features.add("onnx-python")
except (OSError, subprocess.SubprocessError):
    lit_config.note("ONNX model tests skipped: %s cannot import torch, "
                    "torchvision and onnx" % debian_python)
config.substitutions.append(("%debian_python", debian_python))

# The Timeloop parity test runs only where the real timeloop-model is.
import shutil
timeloop_model = os.environ.get("UNION_TIMELOOP_MODEL") or shutil.which("timeloop-model")
if timeloop_model:
    config.available_features.add("timeloop-model")
    config.environment["UNION_TIMELOOP_MODEL"] = timeloop_model
timeloop_mapper = os.environ.get("UNION_TIMELOOP_MAPPER") or shutil.which("timeloop-mapper")
if timeloop_mapper:
    config.available_features.add("timeloop-mapper")
    config.environment["UNION_TIMELOOP_MAPPER"] = timeloop_mapper
