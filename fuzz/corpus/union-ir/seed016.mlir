// expected-error @below {{invalid architecture: levels[1].mesh_x: mesh width 5 does not divide fanout 12}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "X">, #union.network<name = "N", fanout = 12, mesh_x = 5>, #union.compute<name = "MAC">]>} {}
