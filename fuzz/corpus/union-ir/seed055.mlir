// expected-error @below {{constraint 'stationary' needs a tensor}}
func.func private @c6() attributes {c = #union.constraint<hardware stationary level = "L1">}
