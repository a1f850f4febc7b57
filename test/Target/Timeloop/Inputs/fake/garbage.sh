#!/bin/sh
# A stand-in for timeloop-model whose statistics are cut short.
echo "Buffer and Arithmetic Levels" > timeloop-model.stats.txt
echo "Level 0" >> timeloop-model.stats.txt
