// expected-error @below {{use of undeclared identifier}}
// expected-error @below {{index of tensor 'o' must be an affine expression of the dims (k)}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 2], tensors = [o[k, z] : readwrite bits = 16]>} {}
