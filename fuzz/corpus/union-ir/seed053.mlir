// expected-error @below {{constraint 'fanout' takes no dims}}
func.func private @c4() attributes {c = #union.constraint<hardware fanout dims = ["k"]>}
