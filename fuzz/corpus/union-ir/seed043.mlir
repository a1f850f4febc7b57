// expected-error @below {{'union.compute' op has results but no body computing them}}
%0 = union.compute : () -> tensor<4xf32> attributes {problem = #union.problem<dims = [p = 4], tensors = [o[p] : readwrite bits = 16]>} {}
