// A network with one static GEMM and one GEMM whose rows are dynamic.
func.func @two_gemms(%a: tensor<?x64xf32>, %b: tensor<64x32xf32>,
                     %c: tensor<?x32xf32>, %x: tensor<16x64xf32>,
                     %y: tensor<16x32xf32>) -> (tensor<?x32xf32>, tensor<16x32xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<?x64xf32>, tensor<64x32xf32>)
                     outs(%c : tensor<?x32xf32>) -> tensor<?x32xf32> loc("dynamic_rows")
  %1 = linalg.matmul ins(%x, %b : tensor<16x64xf32>, tensor<64x32xf32>)
                     outs(%y : tensor<16x32xf32>) -> tensor<16x32xf32> loc("static")
  return %0, %1 : tensor<?x32xf32>, tensor<16x32xf32>
}
