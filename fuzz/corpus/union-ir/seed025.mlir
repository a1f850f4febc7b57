// expected-error @below {{'union.compute' op mapping level 'L2' spreads 8 spatial iterations over a fan-out of 4}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>,
  arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.storage<name = "L2">, #union.network<name = "N", fanout = 4>, #union.storage<name = "L1">, #union.compute<name = "MAC">]>,
  mapping = #union.mapping<[L2 [spatial k=8]]>} {}
