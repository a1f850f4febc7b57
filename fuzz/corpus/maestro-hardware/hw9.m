num_pes: 134
l1_size_cstr: 256
l2_size_cstr: 768
noc_bw_cstr: 2
offchip_bw_cstr: 83651
NoC_NumHops: 0
