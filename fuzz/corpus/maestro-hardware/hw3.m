// random hardware file
num_pes: 168
l1_size_cstr: 30
l2_size_cstr: 384
noc_bw_cstr: 4
offchip_bw_cstr: 153
