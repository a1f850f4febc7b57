// expected-error @below {{invalid architecture: levels[0]: the outermost level must be a storage level, got a network level}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.network<name = "N", fanout = 2>, #union.compute<name = "MAC">]>} {}
