// expected-error @below {{expected '=' after loop dim 'spatiall'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L2 [spatiall k=2]]>} {}
