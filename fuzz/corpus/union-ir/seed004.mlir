// expected-error @below {{problem must have a 'readwrite' (output) tensor}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 2], tensors = [a[k] : read bits = 16]>} {}
