// expected-error @below {{invalid architecture: levels[0].read_energy: expected a non-negative number, got -2}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "X", read_energy = -2.0>, #union.compute<name = "MAC">]>} {}
