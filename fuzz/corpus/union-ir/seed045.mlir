func.func @body_yield(%o: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @below {{'union.compute' op body yields 0 value(s) whose types do not match the op's 1 result(s)}}
  %0 = union.compute (%o) : (tensor<4xf32>) -> tensor<4xf32> attributes {problem = #union.problem<dims = [p = 4], tensors = [o[p] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<4xf32>):
    union.yield
  }
  return %0 : tensor<4xf32>
}
