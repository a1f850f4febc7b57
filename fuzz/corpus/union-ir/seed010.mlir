// expected-error @below {{tensor 'i' coordinate 'p' clashes with a dim name}}
union.compute : () -> () attributes {problem = #union.problem<dims = [p = 4, r = 3], tensors = [i[p + r as p] : read bits = 16, o[p] : readwrite bits = 16]>} {}
