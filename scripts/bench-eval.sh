#!/usr/bin/env bash
# The eval runner against llmock: 200 cases, one variant, concurrency 8 — toolscope's CPU per case
# and wall time, against a Python asyncio harness with the openai SDK making the same requests and
# checks (scripts/bench_eval_harness.py), in the same run, against the same server.
#
# Starts llmock on 127.0.0.1 (bounded lifetime, stopped by PID), generates the suite in a temporary
# directory, then runs the two clients in turn, RUNS times each, interleaved. Also reads the server's
# own CPU time per run: llmock is one Python process, so its CPU seconds are the least wall time it
# allows for those requests ("what the server itself allows"). Needs the release binary and the venv:
#   swift build -c release --product toolscope     (or set TOOLSCOPE_BIN)
#   python3 -m venv .venv && .venv/bin/pip install -r scripts/test-requirements.txt
# Both clients' CPU is their whole process's (kernel rusage: start-up, imports, suite loading
# included). `exp_ms/case` is the CPU inside the experiment instead: the Python harness measures
# its own (imports and interpreter start-up excluded); for toolscope it is the marginal cost of a
# case, (CPU of this run - CPU of the same command on a one-case suite) / (CASES - 1), so its
# start-up, database opening and report are excluded too. The last lines give the ratios.
# MODE: stream (both clients stream every response, toolscope's default) or no-stream (both ask
# for plain responses: `eval --no-stream`, the harness's --no-stream).
# Usage: scripts/bench-eval.sh [RUNS=3] [CASES=200] [CONCURRENCY=8] [MODE=stream]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cases=${2:-200}
concurrency=${3:-8}
mode=${4:-stream}
case $mode in
    stream) toolscope_flags=(); harness_flags=() ;;
    no-stream) toolscope_flags=(--no-stream); harness_flags=(--no-stream) ;;
    *) echo "MODE is stream or no-stream, not $mode" >&2; exit 2 ;;
esac
binary=${TOOLSCOPE_BIN:-.build/release/toolscope}
python=.venv/bin/python
[[ -x $binary ]] || { echo "build the release binary first: swift build -c release --product toolscope" >&2; exit 1; }
[[ -x $python ]] || { echo "no .venv: python3 -m venv .venv && .venv/bin/pip install -r scripts/test-requirements.txt" >&2; exit 1; }

work=$(mktemp -d)
"$python" scripts/llmock-serve.py 1800 >"$work/port" 2>"$work/llmock.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do [[ -s $work/port ]] && break; sleep 0.2; done
port=$(head -1 "$work/port")
base=http://127.0.0.1:$port/v1
for _ in $(seq 50); do "$python" -c "import urllib.request; urllib.request.urlopen('$base/models')" 2>/dev/null && break; sleep 0.2; done

# The suite: every case asks for the weather of one city; llmock calls the tool (arguments valid
# against its schema), then answers in text once it sees the tool result.
"$python" - "$work/suite.json" "$cases" <<'PY'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
tool = {"type": "function", "function": {"name": "get_weather", "description": "Current weather for a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"], "additionalProperties": False}}}
cases = [{"id": f"c{i}", "prompt": f"What is the weather in city number {i}?",
          "mocks": {"get_weather": {"temperature_c": 18, "condition": "cloudy"}},
          "expect": {"calls": [{"name": "get_weather", "arguments": {"city": {"$present": True}}}], "answer": {"matches": "\\S"}}}
         for i in range(n)]
json.dump({"format": "toolscope.suite/1", "name": "bench", "tools": [tool],
           "defaults": {"system": "You are a helpful assistant."}, "cases": cases}, open(path, "w"), indent=1)
json.dump({"format": "toolscope.suite/1", "name": "bench-one", "tools": [tool],
           "defaults": {"system": "You are a helpful assistant."}, "cases": cases[:1]}, open(path.replace(".json", "-one.json"), "w"), indent=1)
PY

server_cpu() { awk '{print ($14 + $15) / 100}' "/proc/$server/stat"; }
# Runs a command; prints "wall_s cpu_s" of it and its children (CPU from the kernel's rusage);
# its stdout goes to $work/stdout.
measure() { "$python" -c '
import resource, subprocess, sys, time
t = time.monotonic(); r = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "w"), stderr=subprocess.PIPE, text=True)
wall = time.monotonic() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN)
if r.returncode not in (0,): sys.exit(f"exit {r.returncode}: {r.stderr[-2000:]}")
print(f"{wall:.3f} {u.ru_utime + u.ru_stime:.3f}")' "$work/stdout" "$@"; }

echo "mode: $mode"
printf "%-9s %-4s %8s %10s %14s %12s %10s %14s\n" client run wall_s cpu_s cpu_ms/case server_cpu_s wall/floor exp_ms/case
: >"$work/rows"
for run in $(seq "$runs"); do
    for client in toolscope python; do
        if [[ $client == toolscope ]]; then
            # The same command on one case: start-up, database and report, for the marginal cost.
            rm -f "$work"/one.sqlite*
            read -r _ one_cpu < <(OPENAI_API_KEY=bench-not-a-key measure "$binary" eval "$work/suite-one.json" --base-url "$base" \
                --concurrency "$concurrency" --db "$work/one.sqlite" --fresh --min-pass-rate 1 "${toolscope_flags[@]}")
            s0=$(server_cpu)
            read -r wall cpu < <(OPENAI_API_KEY=bench-not-a-key measure "$binary" eval "$work/suite.json" --base-url "$base" \
                --concurrency "$concurrency" --db "$work/results.sqlite" --fresh --min-pass-rate 1 "${toolscope_flags[@]}")
            s1=$(server_cpu)
            inside=$(awk -v c="$cpu" -v o="$one_cpu" -v n="$cases" 'BEGIN { printf "%.3f", (c - o) / (n - 1) * 1000 }')
        else
            s0=$(server_cpu)
            read -r wall cpu < <(measure "$python" scripts/bench_eval_harness.py --base-url "$base" --suite "$work/suite.json" \
                --concurrency "$concurrency" "${harness_flags[@]}")
            s1=$(server_cpu)
            out=$(cat "$work/stdout")
            [[ $("$python" -c "import json,sys; print(json.loads(sys.argv[1])['passed'])" "$out") == "$cases" ]] \
                || { echo "python harness: not every case passed: $out" >&2; exit 1; }
            inside=$("$python" -c "import json,sys; print(json.loads(sys.argv[1])['cpu_ms_per_case'])" "$out")
        fi
        awk -v c="$client" -v r="$run" -v w="$wall" -v u="$cpu" -v n="$cases" -v s0="$s0" -v s1="$s1" -v i="$inside" \
            'BEGIN { s = s1 - s0; printf "%-9s %-4s %8.2f %10.2f %14.2f %12.2f %10.2f %14.2f\n", c, r, w, u, u / n * 1000, s, (s > 0 ? w / s : 0), i }' \
            | tee -a "$work/rows"
    done
done
# Ratios per run (toolscope's run against the Python run that followed it), then their range.
awk '$1 == "toolscope" { tw[$2] = $5; te[$2] = $8; wf[$2] = $7 } $1 == "python" { pw[$2] = $5; pe[$2] = $8 }
     END { for (r in tw) { a = tw[r] / pw[r]; b = te[r] / pe[r]
               if (lo1 == "" || a < lo1) lo1 = a; if (hi1 == "" || a > hi1) hi1 = a
               if (lo2 == "" || b < lo2) lo2 = b; if (hi2 == "" || b > hi2) hi2 = b
               if (lo3 == "" || wf[r] < lo3) lo3 = wf[r]; if (hi3 == "" || wf[r] > hi3) hi3 = wf[r] }
           printf "toolscope / python CPU per case: whole process %.2f-%.2f, inside the experiment %.2f-%.2f (target <= 0.20)\n", lo1, hi1, lo2, hi2
           printf "toolscope wall / server CPU: %.2f-%.2f (target <= 1.20)\n", lo3, hi3 }' "$work/rows"
