num_pes: 2048
l1_size_cstr: 39
l2_size_cstr: 1024
noc_bw_cstr: 2
offchip_bw_cstr: 27425
