// random hardware file
num_pes: 16
l1_size_cstr: 16
l2_size_cstr: 2506464
noc_bw_cstr: 288
offchip_bw_cstr: 4
