// expected-error @below {{constraint 'min_utilization' needs a fraction in (0, 1], got 2}}
func.func private @c3() attributes {c = #union.constraint<mapper min_utilization fraction = 2.0>}
