// union-evaluate costs a loop-centric mapping through the cost model. The
// mapping is VGG16 conv3_2 with K across 256 PEs, C in tiles of 16 and one
// output pixel per PE and step; MAESTRO itself prints "Runtime: 26967328
// cycles" and "Num MACs: 1719926784" for the equivalent dataflow
// (test/Maestro/Inputs/curated-cases/vgg16_conv3_2__kp_1lv__hw256).
// RUN: not union-opt %s --union-evaluate -split-input-file 2>/dev/null | FileCheck %s
// RUN: not union-opt %s --union-evaluate -split-input-file --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s --check-prefix=ERR

// CHECK: cost = #union.cost<model = "maestro", cycles = 26967328, macs = 1719926784
union.compute "conv3_2" : () -> () attributes {
  arch = #union.arch<name = "maestro-ref", levels = [
    #union.storage<name = "DRAM", read_bandwidth = 64.0>,
    #union.storage<name = "L2", capacity = 262144>,
    #union.network<name = "NoC", fanout = 256, bandwidth = 64.0, latency = 1>,
    #union.storage<name = "L1", capacity = 1024>,
    #union.compute<name = "MAC">]>,
  problem = #union.problem<dims = [k = 256, c = 256, r = 3, s = 3, p = 54, q = 54],
    tensors = [input[c, p + r, q + s] : read bits = 16,
               weight[k, c, r, s] : read bits = 16,
               output[k, p, q] : readwrite bits = 16]>,
  mapping = #union.mapping<[L2 [c=16, p=54, q=54, spatial k=256], L1 [c=16, r=3, s=3]]>} {}

// -----

// Two temporal loops over k above the PEs have no MAESTRO dataflow.
// ERR: error: union-evaluate: cost model 'maestro' cannot cost the mapping (not conformable): dim 'k' has temporal loops at 'DRAM' and 'L2'; a MAESTRO dataflow has one loop per dim and cluster level
union.compute "gemm" : () -> () attributes {
  arch = #union.arch<name = "maestro-ref", levels = [
    #union.storage<name = "DRAM">,
    #union.storage<name = "L2", capacity = 262144>,
    #union.network<name = "NoC", fanout = 16, bandwidth = 64.0, latency = 1>,
    #union.storage<name = "L1", capacity = 1024>,
    #union.compute<name = "MAC">]>,
  problem = #union.problem<dims = [m = 16, n = 16, k = 16],
    tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
               C[m, n] : readwrite bits = 16]>,
  mapping = #union.mapping<[DRAM [k=2], L2 [k=2, spatial m=16], L1 [n=16, k=4]]>} {}
