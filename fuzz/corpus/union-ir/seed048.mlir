// 2^40 * 2^40 iterations do not fit in 64 bits.
// expected-error @below {{problem has more than 2^63 iterations (the product of its dim sizes)}}
union.compute : () -> () attributes {problem = #union.problem<dims = [a = 1099511627776, b = 1099511627776], tensors = [o[a, b] : readwrite bits = 16]>} {}
