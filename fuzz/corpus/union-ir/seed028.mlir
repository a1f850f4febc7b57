// expected-error @below {{'union.compute' op mapping level 'L1' bypasses unknown tensor 'w'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L1 [k=2] bypass [w]]>} {}
