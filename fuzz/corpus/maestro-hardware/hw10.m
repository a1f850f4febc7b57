noc_bw_cstr: 149
l1_size_cstr: 3647
l2_size_cstr: 5491
offchip_bw_cstr: 1982
num_pes: 1024
