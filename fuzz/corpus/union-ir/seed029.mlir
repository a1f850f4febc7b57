// expected-error @below {{dataflow level 1 has no spatial_map}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8, c = 4], tensors = [o[k, c] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) k, cluster(2), temporal_map(1, 1) c]>} {}
