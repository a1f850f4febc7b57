// AlexNet's first convolution (row stationary) and a fully connected layer.
Constant KT 16;
Network AlexNet {
	Layer conv1 {
		Type: CONV
		Stride { X: 4, Y: 4 }
		Dimensions { K: 96, C: 3, R: 11, S: 11, Y: 227, X: 227 }
		Dataflow {
			SpatialMap(1,1) Y';
			TemporalMap(1,1) X';
			TemporalMap(1,1) C;
			TemporalMap(KT,KT) K;
			TemporalMap(Sz(R),Sz(R)) R;
			TemporalMap(Sz(S),Sz(S)) S;
			Cluster(Sz(R),P);
			TemporalMap(1,1) C;
			TemporalMap(2,2) K;
			SpatialMap(1,1) Y;
			SpatialMap(1,1) R;
			TemporalMap(Sz(S),Sz(S)) S;
		}
	}
	Layer fc {
		Type: GEMM
		Dimensions { M: 1, N: 1000, K: 4096 }
		Dataflow {
			SpatialMap(1,1) N;
			TemporalMap(64,64) K;
		}
	}
}
