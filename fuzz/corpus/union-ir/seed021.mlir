// expected-error @below {{mapping lists level 'L2' twice}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L2 [k=2], L2 [k=2]]>} {}
