// expected-error @below {{constraint 'spatial_dims' needs a level}}
func.func private @c1() attributes {c = #union.constraint<hardware spatial_dims dims = ["k"]>}
