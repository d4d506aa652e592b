#!/usr/bin/env bash
# Client CPU per loop round, toolscope against the official Python SDK, same llmock server.
#
# Starts llmock on 127.0.0.1 (bounded lifetime, stopped by PID), then runs the clients in turn,
# RUNS times each, interleaved so that machine noise hits them alike, and prints every run's
# median plus the median of medians. Clients: toolscope (reader on AsyncHTTPClient's event loop,
# as toolscope run), toolscope-pool (reader on Swift's shared pool) and the openai SDK.
# Needs the release binary (TOOLSCOPE_BIN overrides the path) and the venv:
#   swift build -c release --scratch-path .build-release --product toolscope-bench
#   scripts/test-venv (or: python3 -m venv .venv && .venv/bin/pip install -r scripts/test-requirements.txt)
# Usage: scripts/bench-client-vs-sdk.sh [RUNS=3] [ROUNDS=100] [stream|no-stream]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
rounds=${2:-100}
mode=${3:-stream}
binary=${TOOLSCOPE_BIN:-.build-release/release/toolscope-bench}
python=.venv/bin/python
[[ -x $binary ]] || { echo "build the release binary first: swift build -c release --scratch-path .build-release --product toolscope-bench" >&2; exit 1; }
[[ -x $python ]] || { echo "no .venv: python3 -m venv .venv && .venv/bin/pip install -r scripts/test-requirements.txt" >&2; exit 1; }
flag=""
[[ $mode == no-stream ]] && flag="--no-stream"

work=$(mktemp -d)
"$python" scripts/llmock-serve.py 1800 >"$work/port" 2>"$work/llmock.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do [[ -s $work/port ]] && break; sleep 0.2; done
port=$(head -1 "$work/port")
base=http://127.0.0.1:$port/v1
for _ in $(seq 50); do "$python" -c "import urllib.request,sys; urllib.request.urlopen('$base/models')" 2>/dev/null && break; sleep 0.2; done

clear_scenario() { "$python" -c "import urllib.request; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:$port/_llmock/scenario', method='DELETE'))"; }
median_of() { grep -o 'median [0-9.]*' | head -1 | awk '{print $2}'; }

declare -A results
clients=(toolscope toolscope-pool python)
for run in $(seq "$runs"); do
    for client in "${clients[@]}"; do
        clear_scenario
        if [[ $client == python ]]; then
            out=$("$python" scripts/bench-openai-sdk.py --base-url "$base" --llmock --rounds "$rounds" --warmup 5 $flag)
        elif [[ $client == toolscope-pool ]]; then
            out=$("$binary" bench-client --base-url "$base" --llmock --rounds "$rounds" --warmup 5 --reader pool $flag)
        else
            out=$("$binary" bench-client --base-url "$base" --llmock --rounds "$rounds" --warmup 5 $flag)
        fi
        cpu=$(grep 'cpu per round' <<<"$out" | median_of)
        wall=$(grep 'wall per round' <<<"$out" | median_of)
        echo "run $run  $client  cpu/round median ${cpu} ms  wall/round median ${wall} ms"
        results[$client]+="$cpu "
    done
done
echo
echo "mode: $mode, $runs runs x $rounds rounds; median of the runs' medians (CPU ms per round):"
for client in "${clients[@]}"; do
    m=$(tr ' ' '\n' <<<"${results[$client]}" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "  $client $m"
    declare "med_${client//-/_}=$m"
done
awk -v p="$med_python" -v t="$med_toolscope" -v q="$med_toolscope_pool" \
    'BEGIN { printf "  SDK / toolscope: %.1fx (reader on the event loop, the default), %.1fx (reader on the pool); target: at least 2x\n", p / t, p / q }'
