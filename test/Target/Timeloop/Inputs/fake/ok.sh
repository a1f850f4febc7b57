#!/bin/sh
# A stand-in for timeloop-model (error-path tests only): its first input is
# a real statistics file, which it hands back as its output.
cp "$1" timeloop-model.stats.txt
echo "loop nest" > timeloop-model.map.txt
