#!/bin/sh
# A command tool that answers with its stdin as text (prefixed, so it is not re-read as JSON).
input=$(cat)
printf 'stdin=%s' "$input"
