// expected-error @below {{'union.compute' op dataflow maps 'X', which is neither a dim nor a named coordinate of the problem}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) X]>} {}
