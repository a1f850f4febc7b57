// expected-error @below {{map space: size 5 plus the removed points must equal unpruned 10}}
func.func private @m1() attributes {m = #union.map_space<unpruned = 10, size = 5, removed = [4]>}
