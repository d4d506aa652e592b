#!/usr/bin/env bash
# Client CPU per streamed tool round on the Anthropic Messages wire: toolscope against the
# official `anthropic` Python SDK, same llmock server (/anthropic/v1/messages), one run.
#
# Starts llmock on 127.0.0.1 (bounded lifetime, stopped by PID), then runs the two clients in
# turn, RUNS times each, interleaved so that machine noise hits them alike, and prints every
# run's median plus the median of medians. Needs the release binary (or BIN=path) and the venv:
#   swift build -c release --scratch-path .build-release --product toolscope-bench
#   scripts/test (venv step) or: python3 -m venv .venv && .venv/bin/python -m pip install -r scripts/test-requirements.txt
# Usage: scripts/bench-anthropic-vs-sdk.sh [RUNS=3] [ROUNDS=100] [stream|no-stream]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
rounds=${2:-100}
mode=${3:-stream}
binary=${BIN:-.build-release/release/toolscope-bench}
python=.venv/bin/python
[[ -x $binary ]] || { echo "build the release binary first: swift build -c release --scratch-path .build-release --product toolscope-bench" >&2; exit 1; }
"$python" -c "import anthropic" 2>/dev/null || { echo "no anthropic SDK in .venv: .venv/bin/python -m pip install -r scripts/test-requirements.txt" >&2; exit 1; }
flag=""
[[ $mode == no-stream ]] && flag="--no-stream"

work=$(mktemp -d)
"$python" scripts/llmock-serve.py 1800 >"$work/port" 2>"$work/llmock.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [[ -s $work/port ]] && break; sleep 0.2; done
port=$(head -1 "$work/port")
base=http://127.0.0.1:$port/anthropic
for _ in $(seq 100); do "$python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/health')" 2>/dev/null && break; sleep 0.2; done

clear_scenario() { "$python" -c "import urllib.request; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:$port/_llmock/scenario', method='DELETE'))"; }
median_of() { grep -o 'median [0-9.]*' | head -1 | awk '{print $2}'; }

declare -A results
clients=(toolscope python)
for run in $(seq "$runs"); do
    for client in "${clients[@]}"; do
        clear_scenario
        if [[ $client == python ]]; then
            out=$("$python" scripts/bench-anthropic-sdk.py --base-url "$base" --llmock --rounds "$rounds" --warmup 5 $flag)
        else
            out=$("$binary" bench-client --api anthropic --base-url "$base" --llmock --rounds "$rounds" --warmup 5 $flag)
        fi
        cpu=$(grep 'cpu per round' <<<"$out" | median_of)
        wall=$(grep 'wall per round' <<<"$out" | median_of)
        echo "run $run  $client  cpu/round median ${cpu} ms  wall/round median ${wall} ms"
        results[$client]+="$cpu "
    done
done
echo
echo "mode: $mode, $runs runs x $rounds rounds, binary $binary; median of the runs' medians (CPU ms per round):"
for client in "${clients[@]}"; do
    m=$(tr ' ' '\n' <<<"${results[$client]}" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "  $client $m"
    declare "med_$client=$m"
done
awk -v p="$med_python" -v s="$med_toolscope" 'BEGIN { printf "  SDK / toolscope: %.1fx\n", p / s }'
