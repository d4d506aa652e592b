#!/bin/sh
# A command tool that logs when it runs: "start <time>" and "end <time>" lines appended to
# $INTERVAL_LOG, so a test can count how many ran at once. Sleeps 0.4 s in between.
cat >/dev/null
echo "start $(date +%s.%N)" >> "$INTERVAL_LOG"
sleep 0.4
echo "end $(date +%s.%N)" >> "$INTERVAL_LOG"
echo '"ok"'
