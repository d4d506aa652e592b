#!/bin/sh
# A command tool that writes far more than any cap: 200000 bytes of "x" plus a newline per 1000.
cat >/dev/null
i=0
line=$(printf '%0999d' 0 | tr 0 x)
while [ $i -lt 200 ]; do echo "$line"; i=$((i+1)); done
