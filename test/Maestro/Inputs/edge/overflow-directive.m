// MAESTRO reference56
Network VGG16 {
	Layer vgg16_conv3_2 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { K: 256, C: 256, R: 3, S: 3, Y: 56, X: 56 }
		Dataflow {
			TemporalMap(1,1) C;
			SpatialMap(2,1) K;;
			SpatialMap(1,1) R;
			Cluster(Sz(S)		SpatialMap(1,1) X;
			SpatialMap(00000001675341705,1) S;
		}
	}
}
