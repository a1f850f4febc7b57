// Five representative ResNet-50 (v1, ImageNet, batch 1) layers as union ops,
// in NHWC layout as TOSA lowers them. Each op keeps its tensors and the
// linalg computation it stands for; its problem says which loop nest that
// is. Shapes: He et al., "Deep Residual Learning for Image Recognition",
// CVPR 2016, Table 1 (inputs are already padded, as tosa-to-linalg does).
//
//   union-opt examples/resnet50-layers.mlir \
//     --union-attach-arch=file=examples/arch/maestro-256.json \
//     --union-summary -o /dev/null

func.func @resnet50_layers(
    %image: tensor<1x230x230x3xf32>, %w_conv1: tensor<64x7x7x3xf32>,
    %conv1_init: tensor<1x112x112x64xf32>,
    %res2a_in: tensor<1x58x58x64xf32>, %w_res2a: tensor<64x3x3x64xf32>,
    %res2a_init: tensor<1x56x56x64xf32>,
    %res3a_in: tensor<1x56x56x256xf32>, %w_res3a: tensor<512x1x1x256xf32>,
    %res3a_init: tensor<1x28x28x512xf32>,
    %res5c_in: tensor<1x7x7x512xf32>, %w_res5c: tensor<2048x1x1x512xf32>,
    %res5c_init: tensor<1x7x7x2048xf32>,
    %pooled: tensor<1x2048xf32>, %w_fc: tensor<2048x1000xf32>,
    %fc_init: tensor<1x1000xf32>)
    -> (tensor<1x112x112x64xf32>, tensor<1x56x56x64xf32>,
        tensor<1x28x28x512xf32>, tensor<1x7x7x2048xf32>, tensor<1x1000xf32>) {

  // conv1: 7x7, stride 2, 3 -> 64 channels, 224x224 -> 112x112.
  %conv1 = union.compute "conv1" (%image, %w_conv1, %conv1_init)
      : (tensor<1x230x230x3xf32>, tensor<64x7x7x3xf32>, tensor<1x112x112x64xf32>)
        -> tensor<1x112x112x64xf32>
      attributes {problem = #union.problem<
        dims = [n = 1, k = 64, c = 3, p = 112, q = 112, r = 7, s = 7],
        tensors = [input[n, p * 2 + r, q * 2 + s, c] : read bits = 16,
                   weight[k, r, s, c] : read bits = 16,
                   output[n, p, q, k] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<1x230x230x3xf32>, %w: tensor<64x7x7x3xf32>, %o: tensor<1x112x112x64xf32>):
    %r = linalg.conv_2d_nhwc_fhwc
           {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
           ins(%x, %w : tensor<1x230x230x3xf32>, tensor<64x7x7x3xf32>)
           outs(%o : tensor<1x112x112x64xf32>) -> tensor<1x112x112x64xf32>
    union.yield %r : tensor<1x112x112x64xf32>
  }

  // res2a_branch2b: 3x3, 64 -> 64 channels at 56x56.
  %res2a = union.compute "res2a_branch2b" (%res2a_in, %w_res2a, %res2a_init)
      : (tensor<1x58x58x64xf32>, tensor<64x3x3x64xf32>, tensor<1x56x56x64xf32>)
        -> tensor<1x56x56x64xf32>
      attributes {problem = #union.problem<
        dims = [n = 1, k = 64, c = 64, p = 56, q = 56, r = 3, s = 3],
        tensors = [input[n, p + r, q + s, c] : read bits = 16,
                   weight[k, r, s, c] : read bits = 16,
                   output[n, p, q, k] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<1x58x58x64xf32>, %w: tensor<64x3x3x64xf32>, %o: tensor<1x56x56x64xf32>):
    %r = linalg.conv_2d_nhwc_fhwc
           {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
           ins(%x, %w : tensor<1x58x58x64xf32>, tensor<64x3x3x64xf32>)
           outs(%o : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
    union.yield %r : tensor<1x56x56x64xf32>
  }

  // res3a_branch1: 1x1, stride 2, 256 -> 512 channels, 56x56 -> 28x28.
  %res3a = union.compute "res3a_branch1" (%res3a_in, %w_res3a, %res3a_init)
      : (tensor<1x56x56x256xf32>, tensor<512x1x1x256xf32>, tensor<1x28x28x512xf32>)
        -> tensor<1x28x28x512xf32>
      attributes {problem = #union.problem<
        dims = [n = 1, k = 512, c = 256, p = 28, q = 28, r = 1, s = 1],
        tensors = [input[n, p * 2 + r, q * 2 + s, c] : read bits = 16,
                   weight[k, r, s, c] : read bits = 16,
                   output[n, p, q, k] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<1x56x56x256xf32>, %w: tensor<512x1x1x256xf32>, %o: tensor<1x28x28x512xf32>):
    %r = linalg.conv_2d_nhwc_fhwc
           {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
           ins(%x, %w : tensor<1x56x56x256xf32>, tensor<512x1x1x256xf32>)
           outs(%o : tensor<1x28x28x512xf32>) -> tensor<1x28x28x512xf32>
    union.yield %r : tensor<1x28x28x512xf32>
  }

  // res5c_branch2c: 1x1, 512 -> 2048 channels at 7x7.
  %res5c = union.compute "res5c_branch2c" (%res5c_in, %w_res5c, %res5c_init)
      : (tensor<1x7x7x512xf32>, tensor<2048x1x1x512xf32>, tensor<1x7x7x2048xf32>)
        -> tensor<1x7x7x2048xf32>
      attributes {problem = #union.problem<
        dims = [n = 1, k = 2048, c = 512, p = 7, q = 7, r = 1, s = 1],
        tensors = [input[n, p + r, q + s, c] : read bits = 16,
                   weight[k, r, s, c] : read bits = 16,
                   output[n, p, q, k] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<1x7x7x512xf32>, %w: tensor<2048x1x1x512xf32>, %o: tensor<1x7x7x2048xf32>):
    %r = linalg.conv_2d_nhwc_fhwc
           {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
           ins(%x, %w : tensor<1x7x7x512xf32>, tensor<2048x1x1x512xf32>)
           outs(%o : tensor<1x7x7x2048xf32>) -> tensor<1x7x7x2048xf32>
    union.yield %r : tensor<1x7x7x2048xf32>
  }

  // fc1000: 2048 -> 1000, a GEMM with M = 1.
  %fc = union.compute "fc1000" (%pooled, %w_fc, %fc_init)
      : (tensor<1x2048xf32>, tensor<2048x1000xf32>, tensor<1x1000xf32>)
        -> tensor<1x1000xf32>
      attributes {problem = #union.problem<
        dims = [m = 1, n = 1000, k = 2048],
        tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
                   C[m, n] : readwrite bits = 16]>} {
  ^bb0(%a: tensor<1x2048xf32>, %b: tensor<2048x1000xf32>, %c: tensor<1x1000xf32>):
    %r = linalg.matmul ins(%a, %b : tensor<1x2048xf32>, tensor<2048x1000xf32>)
                       outs(%c : tensor<1x1000xf32>) -> tensor<1x1000xf32>
    union.yield %r : tensor<1x1000xf32>
  }

  return %conv1, %res2a, %res3a, %res5c, %fc
      : tensor<1x112x112x64xf32>, tensor<1x56x56x64xf32>,
        tensor<1x28x28x512xf32>, tensor<1x7x7x2048xf32>, tensor<1x1000xf32>
}
