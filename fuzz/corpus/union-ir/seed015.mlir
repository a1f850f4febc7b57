// expected-error @below {{invalid architecture: levels[1]: expected #union.storage, #union.network or #union.compute}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "X">, 42 : i64, #union.compute<name = "MAC">]>} {}
