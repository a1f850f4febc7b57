// expected-error @below {{expected 'temporal_map', 'spatial_map' or 'cluster', got 'TemporalMap'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, dataflow = #union.dataflow<[TemporalMap(1, 1) k]>} {}
