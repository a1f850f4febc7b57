// expected-error @below {{constraint 'order' repeats dim "k"}}
func.func private @c5() attributes {c = #union.constraint<mapper order level = "L1" dims = ["k", "c", "k"]>}
