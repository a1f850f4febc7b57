// expected-error @below {{invalid architecture: levels[2].fanout: expected a positive integer, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.storage<name = "L2">, #union.network<name = "N", fanout = 0>, #union.compute<name = "MAC">]>} {}
