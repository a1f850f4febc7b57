#!/usr/bin/env bash
# Regenerates the dialect, attribute and pass references from ODS
# (the union-doc target) and copies them into docs/generated/.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target union-doc
mkdir -p docs/generated
cp build/docs/Dialects/UnionDialect.md build/docs/Dialects/UnionOps.md \
   build/docs/Dialects/UnionAttrs.md build/docs/UnionPasses.md \
   build/docs/UnionConversionPasses.md docs/generated/
echo "docs/generated/ updated"
