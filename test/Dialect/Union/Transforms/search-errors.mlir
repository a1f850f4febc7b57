// Bad search options and a pipeline without an architecture give one clear
// error each.
// RUN: not union-opt %s --union-search=mapper=gamma 2>&1 | FileCheck %s --check-prefix=MAPPER
// RUN: not union-opt %s --union-search=cost-model=magic 2>&1 | FileCheck %s --check-prefix=MODEL
// RUN: not union-opt %s --union-search=objective=throughput 2>&1 | FileCheck %s --check-prefix=OBJECTIVE
// RUN: not union-opt %s "--union-search=mapper=annealing budget=0" 2>&1 | FileCheck %s --check-prefix=BUDGET
// RUN: not union-opt %s --union-search=threads=0 2>&1 | FileCheck %s --check-prefix=THREADS
// RUN: not union-opt %s --union-search=streams=0 2>&1 | FileCheck %s --check-prefix=STREAMS
// RUN: not union-opt %s --union-search=time-limit=-1 2>&1 | FileCheck %s --check-prefix=TIME
// RUN: not union-opt %s --union-map 2>&1 | FileCheck %s --check-prefix=NOARCH
// RUN: not union-opt %s --union-search 2>&1 | FileCheck %s --check-prefix=OPARCH
// RUN: not union-opt %s "--union-report=json=%S/no/such/dir/r.json" 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: not union-opt %s "--union-search=cost-model-options={speed=2}" 2>&1 | FileCheck %s --check-prefix=MODEL-OPTION
// RUN: not union-opt %s "--union-search=cost-model=timeloop cost-model-options={timeout=soon}" 2>&1 | FileCheck %s --check-prefix=TIMELOOP-OPTION
// RUN: not union-opt %s "--union-search=mapper-options={steps}" 2>&1 | FileCheck %s --check-prefix=MAPPER-OPTION
// RUN: not union-opt %s "--union-evaluate=cost-model=timeloop cost-model-options={timeloop-model=a timeloop-model=b}" 2>&1 | FileCheck %s --check-prefix=TWICE

// MAPPER: error: union-search: unknown mapper 'gamma' (available: annealing, decoupled, exhaustive, random, timeloop)
// MODEL: error: union-search: unknown cost model 'magic' (available: loopnest, maestro, timeloop)
// OBJECTIVE: error: union-search: unknown objective 'throughput' (available: latency, energy, edp)
// BUDGET: error: union-search: mapper 'annealing' needs a budget: give budget=N evaluations or time-limit=SECONDS
// THREADS: error: union-search: threads must be 1 to 256, got 0
// STREAMS: error: union-search: streams must be 1 to 1024, got 0
// TIME: error: union-search: time-limit must not be negative
// NOARCH: error: union-attach-arch: no architecture given; use file=<path to JSON>
// OPARCH: error: union op 'g' has no architecture; run union-attach-arch first
// MODEL-OPTION: error: union-search: cost model 'maestro': unknown option 'speed' (it takes none)
// TIMELOOP-OPTION: error: union-search: cost model 'timeloop': timeout must be a positive number of seconds, got 'soon'
// MAPPER-OPTION: error: union-search: mapper 'decoupled': option 'steps' is not of the form key=value
// TWICE: error: union-evaluate: cost model 'timeloop': option 'timeloop-model' is given twice
// REPORT: error: union-report: cannot write '{{.*}}r.json': {{.*}}

func.func @f() {
  union.compute "g" : () -> () attributes {problem = #union.problem<
      dims = [m = 8, n = 8, k = 8],
      tensors = [a[m, k] : read bits = 16, b[k, n] : read bits = 16,
                 c[m, n] : readwrite bits = 16]>} {}
  return
}
