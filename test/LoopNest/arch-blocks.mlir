// Block sizes and update energies of #union.storage reach the loop-nest
// model (and the Timeloop files it is given): a 4x4x4 GEMM, DRAM holding
// the m loop, the buffer n and k. By hand:
//   MACs: 64 x 0.5 = 32 pJ.
//   DRAM (block 4: one access moves 4 words, 4 x 10 pJ): A 16 words read
//   (a row per m), B 16 read once (it stays while m moves), C 16 written
//   back (no update energy: the write energy); 3 x ceil(16 / 4) x 40 = 480.
//   Buffer (block 1): A and B each filled 16 (2 pJ) and read 64 by the
//   MACs (1 pJ): 2 x 96; C updated 64 times (3 pJ), 48 of them after a
//   read (the first of each of the 16 outputs reads nothing): 240.
//   Total 944 pJ.
//   Capacity the buffer needs (n and k whole, one m): A 1x4 + B 4x4 +
//   C 1x4 = 24 words; DRAM holds all three tensors, 48 words.
// RUN: union-opt %s --union-evaluate=cost-model=loopnest | FileCheck %s
// RUN: union-opt %S/Inputs/blocks-gemm.mlir --union-attach-arch=file=%S/Inputs/blocks.json --union-evaluate=cost-model=loopnest | FileCheck %s
// RUN: not union-opt %S/Inputs/blocks-gemm.mlir --union-attach-arch=file=%S/Inputs/blocks-misaligned.json 2>&1 | FileCheck %s --check-prefix=ERR

// CHECK: cost = #union.cost<model = "loopnest", cycles = 64, macs = 64, energy = 944.0
// CHECK-SAME: Buffer.C.reads = 48 : i64, Buffer.C.updates = 64 : i64, Buffer.capacity_needed = 24 : i64, Buffer.energy = 432 : i64
// CHECK-SAME: DRAM.capacity_needed = 48 : i64, DRAM.energy = 480 : i64, MAC.energy = 32 : i64
// ERR: blocks-misaligned.json: levels[1].capacity: expected a multiple of block_size 4, got 66
union.compute "gemm" : () -> () attributes {
  arch = #union.arch<name = "blocks", levels = [
    #union.storage<name = "DRAM", read_energy = 10.0, write_energy = 10.0, block_size = 4>,
    #union.storage<name = "Buffer", capacity = 64, read_energy = 1.0, write_energy = 2.0, update_energy = 3.0>,
    #union.compute<name = "MAC", mac_energy = 0.5>]>,
  problem = #union.problem<dims = [m = 4, n = 4, k = 4],
    tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
               C[m, n] : readwrite bits = 16]>,
  mapping = #union.mapping<[DRAM [m=4], Buffer [n=4, k=4]]>} {}
