// Temporal tiles larger than their dimension (C: 32 > 8, offset = size):
// legal, one partial tile.
Network n {
	Layer conv {
		Type: CONV
		Dimensions { K: 4, C: 8, R: 3, S: 3, Y: 8, X: 8 }
		Dataflow {
			SpatialMap(1,1) K;
			TemporalMap(32,32) C;
			TemporalMap(Sz(R),Sz(R)) R;
			TemporalMap(Sz(S),Sz(S)) S;
			TemporalMap(Sz(R),1) Y;
			TemporalMap(Sz(S),1) X;
		}
	}
}
