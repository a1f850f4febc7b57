num_pes: 291
l1_size_cstr: 7143
l2_size_cstr: 5614128
noc_bw_cstr: 7
NoC_NumHops: 1
