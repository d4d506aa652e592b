#!/bin/sh
# A command tool that starts a child and never finishes: the timeout must kill both.
sleep 30 &
echo "$!" > "${PID_FILE:-/dev/null}"
sleep 30
