// A layer name that JSON must escape (a quote, a backslash, UTF-8).
Network BERT_base {
	Layer a"b\cé {
		Type: GEMM
		Dimensions { M: 128, K: 64, N: 128 }
		Dataflow {
			TemporalMap(1,1) N;
			SpatialMap(1,1) M;
			TemporalMap(64,64) K;
			Cluster(64, P);
			TemporalMap(1,1) N;
			TemporalMap(1,1) M;
			SpatialMap(1,1) K;
		}
	}
}
