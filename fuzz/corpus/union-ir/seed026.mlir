// expected-error @below {{'union.compute' op mapping level 'N' is not a storage level of architecture 'a'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>,
  arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.network<name = "N", fanout = 4>, #union.compute<name = "MAC">]>,
  mapping = #union.mapping<[N [k=8]]>} {}
