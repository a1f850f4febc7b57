func.func @operand_unranked(%o: tensor<*xf32>) {
  // expected-error @below {{'union.compute' op operand #0 ('o') must be a ranked tensor or memref}}
  union.compute (%o) : (tensor<*xf32>) -> () attributes {problem = #union.problem<dims = [p = 4], tensors = [o[p] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<*xf32>):
    union.yield
  }
  return
}
