num_pes: 622
l1_size_cstr: 10
l2_size_cstr: 256
noc_bw_cstr: 905
offchip_bw_cstr: 18
