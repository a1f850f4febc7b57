// expected-error @below {{tensor 'i' index #1 must be a sum of non-negative multiples of dims plus a non-negative constant}}
union.compute : () -> () attributes {problem = #union.problem<dims = [p = 4], tensors = [i[p, p mod 2] : read bits = 16, o[p] : readwrite bits = 16]>} {}
