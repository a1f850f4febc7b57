#!/bin/sh
# A stand-in for timeloop-model that never finishes.
exec sleep 60
