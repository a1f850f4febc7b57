// expected-error @below {{constraint 'max_tile' needs a value of at least 1, got 0}}
func.func private @c2() attributes {c = #union.constraint<mapper max_tile level = "L1" dims = ["k"]>}
