// random hardware file
num_pes: 128
l1_size_cstr: 428
l2_size_cstr: 512
noc_bw_cstr: 357
offchip_bw_cstr: 3162
NoC_NumHops: 3
