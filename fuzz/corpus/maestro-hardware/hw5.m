noc_bw_cstr: 2
l1_size_cstr: 888
offchip_bw_cstr: 1
NoC_NumHops: 0
num_pes: 64
