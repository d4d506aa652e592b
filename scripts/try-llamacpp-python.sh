#!/usr/bin/env bash
# Opt-in (never run by CI): the tool loop against the real llama-cpp-python server, to see its
# "content": null quirk and the --compat empty-content workaround as a user would.
#
# Usage: scripts/try-llamacpp-python.sh MODEL.gguf [PORT]
#   MODEL.gguf  a small instruction-tuned GGUF model (e.g. a 0.5–1.5B Qwen2.5 Instruct Q4 file)
#   PORT        where the server listens on 127.0.0.1 (default 8765)
# Installs llama-cpp-python[server] into .venv-llamacpp (a native build: about 15 minutes on
# 2 cores), starts the server for at most 10 minutes, runs toolscope twice (without and with the
# workaround) and stops the server by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:?usage: scripts/try-llamacpp-python.sh MODEL.gguf [PORT]}"
port="${2:-8765}"
[ -f "$model" ] || { echo "no model file at $model" >&2; exit 2; }
if [ ! -x .venv-llamacpp/bin/python ]; then
    python3 -m venv .venv-llamacpp
    .venv-llamacpp/bin/pip install --quiet 'llama-cpp-python[server]'
fi
timeout 600 .venv-llamacpp/bin/python -m llama_cpp.server --model "$model" --host 127.0.0.1 --port "$port" \
    --chat_format chatml-function-calling >/tmp/llamacpp-server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/v1/models" >/dev/null && break
    sleep 1
done
swift build --product toolscope >/dev/null
config="$(mktemp -d)"
echo "== without the workaround (expect the one-line cause) =="
TOOLSCOPE_CONFIG_DIR="$config" .build/debug/toolscope run --base-url "http://127.0.0.1:$port/v1" --model local \
    --prompt "What is the weather in Paris?" || true
echo "== with --compat empty-content =="
TOOLSCOPE_CONFIG_DIR="$config" .build/debug/toolscope run --base-url "http://127.0.0.1:$port/v1" --model local \
    --compat empty-content --prompt "What is the weather in Paris?"
