// expected-error @below {{tensor 'o' index #0 reaches values beyond 2^63}}
union.compute : () -> () attributes {problem = #union.problem<dims = [a = 1000], tensors = [o[a * 9223372036854775807] : readwrite bits = 16]>} {}
