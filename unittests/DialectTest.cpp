//===- DialectTest.cpp - Union dialect C++ API tests ----------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Arch/ArchitectureJson.h"
#include "Union/Dialect/Union/IR/ArchitectureConversion.h"
#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Dialect/Union/IR/UnionOps.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::union_;

namespace {

class DialectTest : public ::testing::Test {
protected:
  DialectTest() { context.loadDialect<UnionDialect>(); }

  template <typename AttrT> AttrT parse(llvm::StringRef text) {
    return llvm::dyn_cast_or_null<AttrT>(parseAttribute(text, &context));
  }

  MLIRContext context;
};

TEST_F(DialectTest, ProblemQueries) {
  // 3x3 conv, stride 2, on a 9x9 input: 4x4 outputs.
  auto problem = parse<ProblemAttr>(
      "#union.problem<dims = [k = 8, c = 4, p = 4, q = 4, r = 3, s = 3], "
      "tensors = [in[c, p * 2 + r as y, q * 2 + s as x] : read bits = 8, "
      "w[k, c, r, s] : read bits = 8, out[k, p, q] : readwrite bits = 32]>");
  ASSERT_TRUE(problem);
  // 8 * 4 * 4 * 4 * 3 * 3, by hand.
  EXPECT_EQ(problem.getMacs(), 4608u);
  EXPECT_EQ(problem.getDimSize("r"), 3);
  EXPECT_EQ(problem.getDimSize("z"), 0);
  // Input rows: 2 * (4 - 1) + (3 - 1) + 1 = 9.
  EXPECT_EQ(problem.getTensorExtents(0), (SmallVector<int64_t>{4, 9, 9}));
  EXPECT_EQ(problem.getTensorExtents(2), (SmallVector<int64_t>{8, 4, 4}));
  EXPECT_TRUE(problem.isKnownIndexName("y"));
  EXPECT_TRUE(problem.isKnownIndexName("k"));
  EXPECT_FALSE(problem.isKnownIndexName("w"));
  ASSERT_NE(problem.getTensor("out"), nullptr);
  EXPECT_EQ(problem.getTensor("out")->role, TensorRole::ReadWrite);
}

TEST_F(DialectTest, ArchitectureAttrMatchesTheJsonSpec) {
  auto spec = parseArchitectureJson(R"({"name": "t", "levels": [
      {"kind": "storage", "name": "DRAM"},
      {"kind": "network", "name": "N0", "fanout": 4},
      {"kind": "network", "name": "N1", "fanout": 3},
      {"kind": "storage", "name": "L1", "capacity": 8},
      {"kind": "compute", "name": "MAC"}]})");
  ASSERT_TRUE(bool(spec));
  ArchitectureAttr arch = getArchitectureAttr(&context, *spec);
  ASSERT_TRUE(arch);
  EXPECT_EQ(arch.getLevelIndex("L1"), 3u);
  EXPECT_EQ(arch.getInstances(3), 12);
  EXPECT_EQ(arch.getFanoutBelow(0), 12);
  EXPECT_EQ(arch.getFanoutBelow(3), 1);
  // Back to a spec and JSON: nothing lost.
  EXPECT_EQ(printArchitectureJson(getArchitectureSpec(arch)),
            printArchitectureJson(*spec));
}

TEST_F(DialectTest, VerifierRejectsBadAttributesFromCpp) {
  // The C++ getChecked path reports the same errors as the parser.
  std::string message;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    message = diag.str();
    return success();
  });
  auto k = StringAttr::get(&context, "k");
  auto bad = ProblemAttr::getChecked(
      [&] { return emitError(UnknownLoc::get(&context)); }, &context,
      ArrayRef<DimSpec>{DimSpec{k, 0}}, ArrayRef<TensorSpec>{});
  EXPECT_FALSE(bad);
  EXPECT_EQ(message, "dim 'k' must have a positive size, got 0");
}

} // namespace
