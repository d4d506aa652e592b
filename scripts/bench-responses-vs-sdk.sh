#!/usr/bin/env bash
# Client CPU per streamed tool round on the OpenAI Responses wire: toolscope (--api responses)
# against the official Python SDK's responses.create, with the Chat Completions pair beside them
# for reference, all against the same llmock server in one run.
#
# Starts llmock on 127.0.0.1 (bounded lifetime, stopped by PID), then runs the clients in turn,
# RUNS times each, interleaved so that machine noise hits them alike, and prints every run's
# median plus the median of medians. Needs the release binary (or BIN=path) and the venv:
#   swift build -c release --scratch-path .build-release --product toolscope-bench
# Usage: scripts/bench-responses-vs-sdk.sh [RUNS=3] [ROUNDS=100] [stream|no-stream]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
rounds=${2:-100}
mode=${3:-stream}
binary=${BIN:-.build-release/release/toolscope-bench}
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
clients=(toolscope-responses python-responses toolscope-chat python-chat)
for run in $(seq "$runs"); do
    for client in "${clients[@]}"; do
        clear_scenario
        case $client in
            toolscope-responses) out=$("$binary" bench-client --api responses --base-url "$base" --llmock --rounds "$rounds" --warmup 5 $flag) ;;
            python-responses) out=$("$python" scripts/bench-openai-responses-sdk.py --base-url "$base" --llmock --rounds "$rounds" --warmup 5 $flag) ;;
            toolscope-chat) out=$("$binary" bench-client --base-url "$base" --llmock --rounds "$rounds" --warmup 5 $flag) ;;
            python-chat) out=$("$python" scripts/bench-openai-sdk.py --base-url "$base" --llmock --rounds "$rounds" --warmup 5 $flag) ;;
        esac
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
    declare "med_${client//-/_}=$m"
done
awk -v pr="$med_python_responses" -v tr="$med_toolscope_responses" -v pc="$med_python_chat" -v tc="$med_toolscope_chat" \
    'BEGIN { printf "  SDK / toolscope: %.1fx on Responses, %.1fx on Chat Completions\n", pr / tr, pc / tc }'
