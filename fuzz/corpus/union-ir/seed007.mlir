// expected-error @below {{tensor 'i' index #0 must be a sum of non-negative multiples of dims plus a non-negative constant}}
union.compute : () -> () attributes {problem = #union.problem<dims = [p = 4, r = 3], tensors = [i[p - r] : read bits = 16, o[p] : readwrite bits = 16]>} {}
