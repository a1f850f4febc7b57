// An op that did not come from Timeloop (architecture as Union describes
// it) exports to a generated Timeloop tree: one container per network,
// meshX from the network's mesh, per-word energies as ERT actions, the
// tensors a level cannot hold and the mapper's constraints as Timeloop
// constraints, and a stride as a named coefficient. Importing the export
// gives back the same problem, architecture and mapping.
// RUN: union-opt %s --union-prune-hw | union-translate --export-timeloop | FileCheck %s --check-prefix=YAML
// RUN: union-opt %s --union-prune-hw | union-translate --export-timeloop -o %t.yaml
// RUN: union-translate --import-timeloop %t.yaml | FileCheck %s --check-prefix=BACK

// YAML:      - name: system
// YAML:        - name: GB
// YAML-NEXT:     class: SRAM
// YAML-NEXT:     attributes:
// YAML-NEXT:       width: 16
// YAML-NEXT:       depth: 16384
// YAML-NEXT:       block-size: 1
// YAML-NEXT:       word-bits: 16
// YAML-NEXT:       read_bandwidth: 8
// YAML:        - name: NoC[0..15]
// YAML-NEXT:     local:
// YAML-NEXT:     - name: RF
// YAML:              meshX: 4
// YAML:          - name: MAC
// YAML-NEXT:       class: intmac
// YAML:        - { name: coef2, default: 2 }
// YAML:          - [ [p, coef2], [r] ]
// YAML:          type: spatial
// YAML-NEXT:     factors: k=4 c=4 p=1 q=1 r=1 s=1
// YAML-NEXT:     permutation: kcpqrs
// YAML-NEXT:     split: 1
// YAML:        - name: system.NoC[0..15].RF
// YAML-NEXT:     actions:
// YAML-NEXT:     - name: read
// YAML-NEXT:       arguments: null
// YAML-NEXT:       energy: 0.5
// YAML:      architecture_constraints:
// YAML-NEXT:   targets:
// YAML-NEXT:   - target: RF
// YAML-NEXT:     type: bypass
// YAML-NEXT:     keep: [weight, output]
// YAML-NEXT:     bypass: [input]
// YAML-NEXT:   - target: GB
// YAML-NEXT:     type: spatial
// YAML-NEXT:     factors: p=1 q=1 r=1 s=1
// YAML:      mapspace_constraints:
// YAML-NEXT:   targets:
// YAML-NEXT:   - target: RF
// YAML-NEXT:     type: utilization
// YAML-NEXT:     min: 0.5

// BACK: arch = #union.arch<name = "timeloop", levels = [#union.storage<name = "DRAM", read_energy = 200.0, write_energy = 210.0>, #union.storage<name = "GB", capacity = 16384, read_bandwidth = 8.0, read_energy = 6.0, write_energy = 6.5>, #union.network<name = "GB_to_RF", fanout = 16, mesh_x = 4>, #union.storage<name = "RF", capacity = 64, read_energy = 0.5, write_energy = 0.6>, #union.compute<name = "MAC", mac_energy = 1.5>]>
// BACK-SAME: mapping = #union.mapping<[DRAM [c=2], GB [p=14, q=7, spatial c=4, spatial k=4], RF [k=4, q=2, r=3, s=3] bypass [input]]>
// BACK-SAME: problem = #union.problem<dims = [k = 16, c = 8, p = 14, q = 14, r = 3, s = 3], tensors = [input[c, p * 2 + r, q * 2 + s] : read bits = 16, weight[k, c, r, s] : read bits = 16, output[k, p, q] : readwrite bits = 16]>

#arch = #union.arch<name = "tiny", levels = [
  #union.storage<name = "DRAM", read_energy = 200.0, write_energy = 210.0>,
  #union.storage<name = "GB", capacity = 16384, read_bandwidth = 8.0, read_energy = 6.0, write_energy = 6.5>,
  #union.network<name = "NoC", fanout = 16, mesh_x = 4>,
  #union.storage<name = "RF", capacity = 64, word_bits = 16, read_energy = 0.5, write_energy = 0.6, tensors = ["weight", "output"]>,
  #union.compute<name = "MAC", mac_energy = 1.5>]>
union.compute "conv" : () -> () attributes {arch = #arch,
  problem = #union.problem<dims = [k = 16, c = 8, p = 14, q = 14, r = 3, s = 3],
    tensors = [input[c, p * 2 + r, q * 2 + s] : read bits = 16,
               weight[k, c, r, s] : read bits = 16,
               output[k, p, q] : readwrite bits = 16]>,
  mapping = #union.mapping<["DRAM" [c=2], "GB" [p=14, q=7, spatial k=4, spatial c=4], "RF" [k=4, q=2, r=3, s=3] bypass [input]]>,
  union.mapper_constraints = [#union.constraint<mapper spatial_dims level = "GB" dims = ["k", "c"]>,
                              #union.constraint<mapper min_utilization fraction = 0.5>]} {}
