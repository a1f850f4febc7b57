// Bad constraints and impossible constraint sets (with strict=true; see
// prune-keep-going.mlir for the default) give one precise error.
// RUN: union-opt %s -split-input-file -verify-diagnostics \
// RUN:   "--union-prune-hw=dataflow=eyeriss" "--union-prune-mapper=min-utilization=1.0 strict=true"

#arch = #union.arch<name = "tiny", levels = [
  #union.storage<name = "DRAM">,
  #union.storage<name = "Buf", capacity = 4096>,
  #union.network<name = "Array", fanout = 16, mesh_x = 4>,
  #union.storage<name = "RF", capacity = 64>,
  #union.compute<name = "MAC">]>

// A GEMM has no sliding window, so the Eyeriss-like preset allows no
// spatial dim, and no mapping can keep all 16 PEs busy.
func.func @impossible() {
  // expected-error-re @below {{the map space of 'gemm' is empty: mapper constraint 'min_utilization(all: 1)' (from user) removed the last {{[0-9]+}} mappings; tightest resource: the 16 instances below 'Buf': at most 1 can be busy with the dims allowed to be spatial there, but 16 are required}}
  union.compute "gemm" : () -> () attributes {arch = #arch, problem = #union.problem<
      dims = [m = 8, n = 8, k = 8],
      tensors = [a[m, k] : read bits = 16, b[k, n] : read bits = 16,
                 c[m, n] : readwrite bits = 16]>} {}
  return
}

// -----

func.func @no_arch() {
  // expected-error @below {{union op 'x' has no architecture; run union-attach-arch first}}
  union.compute "x" : () -> () attributes {problem = #union.problem<
      dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>} {}
  return
}
