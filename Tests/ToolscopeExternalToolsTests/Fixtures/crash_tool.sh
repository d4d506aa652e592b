#!/bin/sh
# A command tool that fails: reads its input, complains on stderr, exits with status 3.
cat >/dev/null
echo "something went wrong" >&2
echo "fatal: cannot continue" >&2
exit 3
