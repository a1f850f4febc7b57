// RUN: union-opt %s --union-summary -o /dev/null | FileCheck %s
// RUN: union-opt %s --union-summary=output=%t.txt -o /dev/null && FileCheck %s < %t.txt
// RUN: not union-opt %s --union-summary=output=/nonexistent/dir/x.txt -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADOUT

// Figures by hand:
//   conv: 1*4*2*3*3*3*3 = 648 MACs; input rows/cols 2*(3-1)+(3-1)+1 = 7, so
//         input 2*7*7 = 98, weight 4*2*3*3 = 72, output 4*3*3 = 36.
//   gemm: 8*8*4 = 256 MACs; A 32, B 32, C 64.
//   total: 904 MACs; 98+72+36+32+32+64 = 334 elements.

// CHECK: Union summary: 2 union op(s)
// CHECK: op
// CHECK-SAME: MACs
// CHECK: conv  n=1 k=4 c=2 p=3 q=3 r=3 s=3 648  input=98 weight=72 output=36  arch:a
// CHECK: gemm  m=8 n=8 k=4 256  A=32 B=32 C=64 mapping
// CHECK: total: 904 MACs, 334 tensor elements
// BADOUT: error: union-summary: {{.*}}/nonexistent/dir/x.txt

func.func @f() {
  union.compute "conv" : () -> () attributes {problem = #union.problem<dims = [n = 1, k = 4, c = 2, p = 3, q = 3, r = 3, s = 3],
      tensors = [input[n, c, p * 2 + r, q * 2 + s] : read bits = 16, weight[k, c, r, s] : read bits = 16, output[n, k, p, q] : readwrite bits = 16]>,
    arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.compute<name = "MAC">]>} {}
  union.compute "gemm" : () -> () attributes {problem = #union.problem<dims = [m = 8, n = 8, k = 4],
      tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16, C[m, n] : readwrite bits = 16]>,
    mapping = #union.mapping<[DRAM [m=8]]>} {}
  return
}
