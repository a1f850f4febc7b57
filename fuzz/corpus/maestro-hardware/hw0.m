l2_size_cstr: 3072
noc_bw_cstr: 2
l1_size_cstr: 3986
NoC_NumHops: 3
offchip_bw_cstr: 400
num_pes: 512
