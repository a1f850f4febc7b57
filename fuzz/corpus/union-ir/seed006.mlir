// expected-error @below {{expected tensor role 'read' or 'readwrite', got 'write'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 2], tensors = [a[k] : write bits = 16]>} {}
