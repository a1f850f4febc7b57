// expected-error @below {{invalid architecture: levels[1]: the innermost level must be a compute level, got a storage level}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.storage<name = "L2">]>} {}
