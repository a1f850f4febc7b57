// RUN: not union-opt %s --union-attach-arch 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not union-opt %s --union-attach-arch=file=%S/Inputs/does-not-exist.json 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not union-opt %s --union-attach-arch=file=%S/Inputs/negative-capacity.json 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// RUN: not union-opt %s --union-attach-arch=file=%S/Inputs/truncated.json 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// RUN: not union-opt %s --union-attach-arch=file=%S/Inputs/small-fanout.json 2>&1 | FileCheck %s --check-prefix=FANOUT

// NOFILE: error: union-attach-arch: no architecture given; use file=<path to JSON>
// MISSING: error: union-attach-arch: {{.*}}does-not-exist.json: cannot read architecture file: No such file or directory
// NEGATIVE: error: union-attach-arch: {{.*}}negative-capacity.json: levels[2].capacity: expected a positive integer, got -4
// TRUNCATED: error: union-attach-arch: {{.*}}truncated.json: 4:41: invalid JSON: syntax error while parsing value - unexpected end of input
// The mapping fits its own op's problem but not the attached hardware.
// FANOUT: error: 'union.compute' op mapping level 'L2' spreads 4 spatial iterations over a fan-out of 2

func.func @f() {
  union.compute "a" : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>,
    mapping = #union.mapping<[DRAM [k=2], L2 [spatial k=4]]>} {}
  return
}
