// expected-error @below {{invalid architecture: levels[1].vector_width: expected a positive integer, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "X">, #union.compute<name = "MAC", vector_width = 0>]>} {}
