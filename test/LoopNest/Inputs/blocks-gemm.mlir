// The GEMM of ../arch-blocks.mlir without an architecture.
union.compute "gemm" : () -> () attributes {
  problem = #union.problem<dims = [m = 4, n = 4, k = 4],
    tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
               C[m, n] : readwrite bits = 16]>,
  mapping = #union.mapping<[DRAM [m=4], Buffer [n=4, k=4]]>} {}
