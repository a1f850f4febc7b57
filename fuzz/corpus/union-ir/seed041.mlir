func.func @operand_too_small(%i: tensor<5xf32>, %o: tensor<4xf32>) {
  // expected-error @below {{'union.compute' op operand #0 ('i') dimension 0 has size 5 but the problem indexes up to 5}}
  union.compute (%i, %o) : (tensor<5xf32>, tensor<4xf32>) -> () attributes {problem = #union.problem<dims = [p = 4, r = 3], tensors = [i[p + r] : read bits = 16, o[p] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<5xf32>, %y: tensor<4xf32>):
    union.yield
  }
  return
}
