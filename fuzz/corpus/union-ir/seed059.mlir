// expected-error @below {{a count must be between 0 and 2^128 - 1}}
func.func private @m2() attributes {m = #union.map_space<unpruned = 340282366920938463463374607431768211456, size = 0, removed = []>}
