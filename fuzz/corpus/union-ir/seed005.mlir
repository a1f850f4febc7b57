// expected-error @below {{duplicate tensor 'a'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 2], tensors = [a[k] : read bits = 16, a[k] : readwrite bits = 16]>} {}
