// expected-error @below {{'union.compute' op mapping levels must follow the architecture's order: 'DRAM' is listed after 'L1'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>,
  arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.storage<name = "L1">, #union.compute<name = "MAC">]>,
  mapping = #union.mapping<[L1 [k=2], DRAM [k=4]]>} {}
