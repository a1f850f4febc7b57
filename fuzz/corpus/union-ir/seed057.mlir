// expected-error @below {{to be one of: hardware, workload, mapper}}
// expected-error @below {{failed to parse Union_ConstraintAttr parameter 'source'}}
func.func private @c8() attributes {c = #union.constraint<user max_tile level = "L1" dims = ["k"] value = 2>}
