// ResNet-50 res3a_branch1 (1x1, stride 2, C 256 -> K 512 on 28x28) on the
// Eyeriss preset, with the mapping the loop-nest issue quotes (C and K
// tiles at DRAM around the output pixels, K x C across the array) but a
// K8 C8 PE tile: MAESTRO sizes its L1 for two copies of every tile, and
// the quoted K16 C8 tile would need 304 of the RF's 260 words.
union.compute "res3a_branch1" : () -> () attributes {
  arch = #union.arch<name = "eyeriss", levels = [
    #union.storage<name = "DRAM", read_bandwidth = 4.0, write_bandwidth = 4.0, read_energy = 200.0, write_energy = 200.0>,
    #union.storage<name = "GlobalBuffer", capacity = 55296, read_energy = 6.0, write_energy = 6.0>,
    #union.network<name = "ArrayNoC", fanout = 168, mesh_x = 14, bandwidth = 24.0, latency = 1, hop_energy = 2.0>,
    #union.storage<name = "RF", capacity = 260, read_energy = 1.0, write_energy = 1.0>,
    #union.compute<name = "MAC">]>,
  problem = #union.problem<dims = [N = 1, P = 28, Q = 28, K = 512, R = 1, S = 1, C = 256],
    tensors = [input[N, P * 2 + R, Q * 2 + S, C] : read bits = 32,
               filter[K, R, S, C] : read bits = 32,
               output[N, P, Q, K] : readwrite bits = 32]>,
  mapping = #union.mapping<[DRAM [C=4, K=8, P=28, Q=28], GlobalBuffer [spatial K=8, spatial C=8], RF [K=8, C=8]]>} {}
