// expected-error @below {{only 'mesh_axes' takes y dims}}
func.func private @c7() attributes {c = #union.constraint<hardware spatial_dims level = "L2" dims = ["k"] y = ["c"]>}
