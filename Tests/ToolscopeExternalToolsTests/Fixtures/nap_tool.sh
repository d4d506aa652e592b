#!/bin/sh
# A command tool that takes a while: sleeps 0.7 s, then echoes its arguments.
input=$(cat)
sleep 0.7
printf '{"napped":%s}\n' "$input"
