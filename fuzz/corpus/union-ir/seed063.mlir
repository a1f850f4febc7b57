// Bad search options and a pipeline without an architecture give one clear
// error each.

// MAPPER: error: union-search: unknown mapper 'gamma' (available: annealing, decoupled, exhaustive, random, timeloop)
// MODEL: error: union-search: unknown cost model 'magic' (available: maestro, timeloop)
// OBJECTIVE: error: union-search: unknown objective 'throughput' (available: latency, energy, edp)
// BUDGET: error: union-search: mapper 'annealing' needs a budget: give budget=N evaluations or time-limit=SECONDS
// THREADS: error: union-search: threads must be 1 to 256, got 0
// TIME: error: union-search: time-limit must not be negative
// NOARCH: error: union-attach-arch: no architecture given; use file=<path to JSON>
// OPARCH: error: union op 'g' has no architecture; run union-attach-arch first
// REPORT: error: union-report: cannot write '{{.*}}r.json': {{.*}}

func.func @f() {
  union.compute "g" : () -> () attributes {problem = #union.problem<
      dims = [m = 8, n = 8, k = 8],
      tensors = [a[m, k] : read bits = 16, b[k, n] : read bits = 16,
                 c[m, n] : readwrite bits = 16]>} {}
  return
}
