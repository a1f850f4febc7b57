//===- consumer.cpp - A downstream driver linking the installed Union -----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Dialect/Union/IR/UnionOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

int main() {
  mlir::DialectRegistry registry;
  registry.insert<mlir::union_::UnionDialect>();
  mlir::MLIRContext context(registry);
  const char *source = R"mlir(
    union.compute "fc" : () -> () attributes {problem = #union.problem<
      dims = [m = 4, n = 2, k = 8],
      tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
                 C[m, n] : readwrite bits = 16]>} {}
  )mlir";
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(source, &context);
  if (!module) {
    llvm::errs() << "consumer: failed to parse the union op\n";
    return 1;
  }
  unsigned ops = 0;
  module->walk([&](mlir::union_::ComputeOp op) {
    ++ops;
    llvm::outs() << "parsed union.compute '" << *op.getLabel() << "' with "
                 << op.getProblem().getMacs() << " MACs\n";
  });
  return ops == 1 ? 0 : 1;
}
