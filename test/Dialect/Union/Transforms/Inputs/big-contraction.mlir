// A six-dim contraction (64 per dim) for Inputs/deep.json: with only the
// hardware pruned, its map space has more than 2^128 points.
union.compute "big" : () -> () attributes {
  problem = #union.problem<dims = [a = 64, b = 64, c = 64, d = 64, e = 64, f = 64],
    tensors = [X[a, b, c, e] : read bits = 16,
               Y[e, d, f] : read bits = 16,
               Z[a, b, c, d, f] : readwrite bits = 16]>} {}
