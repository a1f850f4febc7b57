// expected-error @below {{mapping level 'L2' has two temporal loops over 'k'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L2 [k=2, k=2]]>} {}
