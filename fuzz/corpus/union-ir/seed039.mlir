func.func @operand_count(%a: tensor<8xf32>) {
  // expected-error @below {{'union.compute' op has 1 operands but the problem has 2 tensors}}
  union.compute (%a) : (tensor<8xf32>) -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [i[k] : read bits = 16, o[k] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<8xf32>):
    union.yield
  }
  return
}
