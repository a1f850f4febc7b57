func.func @body_args(%o: tensor<4xf32>) {
  // expected-error @below {{'union.compute' op body argument #0 has type 'tensor<4xf16>' but operand #0 has type 'tensor<4xf32>'}}
  union.compute (%o) : (tensor<4xf32>) -> () attributes {problem = #union.problem<dims = [p = 4], tensors = [o[p] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<4xf16>):
    union.yield
  }
  return
}
