// expected-error @below {{'union.compute' op mapping level 'L2' loops over unknown dim 'z'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L2 [z=2]]>} {}
