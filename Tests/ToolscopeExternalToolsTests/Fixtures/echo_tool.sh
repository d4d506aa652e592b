#!/bin/sh
# A command tool: reads the arguments JSON on stdin and answers with JSON on stdout.
input=$(cat)
printf '{"received":%s,"greeting":"%s","cwd":"%s"}\n' "$input" "${GREETING:-none}" "$(pwd)"
echo "log line on stderr" >&2
