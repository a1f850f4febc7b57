func.func @operand_rank(%a: tensor<8x2xf32>) {
  // expected-error @below {{'union.compute' op operand #0 ('o') has rank 2 but the problem indexes it with 1 expressions}}
  union.compute (%a) : (tensor<8x2xf32>) -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<8x2xf32>):
    union.yield
  }
  return
}
