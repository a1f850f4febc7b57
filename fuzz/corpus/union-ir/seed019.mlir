// expected-error @below {{mapping level 'L2': loop over 'k' must have a positive factor, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L2 [k=0]]>} {}
