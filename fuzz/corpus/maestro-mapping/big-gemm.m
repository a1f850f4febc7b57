// 4096^3 GEMM with unit tiles on 16 PEs: 256 M folds x 4096 N steps x 4096
// K steps = 2^32 top-level steps, more than MAESTRO's 32-bit counter holds.
Network big {
	Layer gemm {
		Type: GEMM
		Dimensions { M: 4096, N: 4096, K: 4096 }
		Dataflow {
			SpatialMap(1,1) M;
			TemporalMap(1,1) N;
			TemporalMap(1,1) K;
		}
	}
}
