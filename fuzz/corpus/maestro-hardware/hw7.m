// random hardware file
num_pes: 1024
l1_size_cstr: 12
l2_size_cstr: 512
noc_bw_cstr: 101
