func.func @no_arch() {
  // expected-error @below {{union op 'x' has no architecture; run union-attach-arch first}}
  union.compute "x" : () -> () attributes {problem = #union.problem<
      dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>} {}
  return
}
