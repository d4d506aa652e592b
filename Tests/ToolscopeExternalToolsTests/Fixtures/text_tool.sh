#!/bin/sh
# A command tool whose output is plain text, not JSON.
cat >/dev/null
echo "plain text answer"
