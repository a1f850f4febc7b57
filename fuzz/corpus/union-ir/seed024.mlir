// expected-error @below {{'union.compute' op mapping: the factors of dim 'k' multiply to more than its size 8}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[DRAM [k=4], L2 [spatial k=4]]>} {}
