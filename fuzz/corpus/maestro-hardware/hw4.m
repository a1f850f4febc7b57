num_pes: 48
l1_size_cstr: 256
l2_size_cstr: 384
noc_bw_cstr: 2
offchip_bw_cstr: 76
NoC_NumHops: 5
