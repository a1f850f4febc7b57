// expected-error @below {{dataflow level 0 has 3 spatial_maps; at most 2 allowed}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8, c = 4, p = 2], tensors = [o[k, c, p] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) k, spatial_map(1, 1) c, spatial_map(1, 1) p]>} {}
