#!/usr/bin/env python3
"""The Python side of `toolscope-bench bench-client --api anthropic`: the same loop with the official
`anthropic` SDK (PyPI `anthropic`, in scripts/test-requirements.txt).

One round = a request that returns three parallel tool_use blocks (streamed or not), then a request
carrying the three tool_result blocks that returns the final answer. CPU is this process's
user+system time (all threads) summed over the two requests only; the server is another process.
Streams are read as raw events (`messages.create(stream=True)`) and assembled the way an
application does — text deltas joined, each tool_use block's input_json_delta fragments joined and
parsed once at content_block_stop — as scripts/bench-openai-sdk.py does for Chat Completions.

Run against llmock (base URL without /v1/messages):
    .venv/bin/python scripts/bench-anthropic-sdk.py --base-url http://127.0.0.1:PORT/anthropic --llmock --rounds 200
"""

from __future__ import annotations

import json
import sys

import anthropic

import bench_sdk_common
from bench_sdk_common import ANSWER

TOOL = {
    "name": "get_weather",
    "description": "Current weather for a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}
SYSTEM = "You are a helpful assistant."
MAX_TOKENS = 4096




def complete(client: anthropic.Anthropic, model: str, messages: list, stream: bool) -> list:
    """One request; returns the assistant's content blocks as plain dicts, ready to send back."""
    if not stream:
        r = client.messages.create(model=model, max_tokens=MAX_TOKENS, system=SYSTEM, messages=messages, tools=[TOOL])
        return [b.model_dump() for b in r.content]
    blocks: dict[int, dict] = {}
    partial: dict[int, list[str]] = {}
    for event in client.messages.create(model=model, max_tokens=MAX_TOKENS, system=SYSTEM, messages=messages,
                                        tools=[TOOL], stream=True):
        if event.type == "content_block_start":
            blocks[event.index] = event.content_block.model_dump()
        elif event.type == "content_block_delta":
            delta = event.delta
            if delta.type == "text_delta":
                blocks[event.index]["text"] += delta.text
            elif delta.type == "input_json_delta":
                partial.setdefault(event.index, []).append(delta.partial_json)
        elif event.type == "content_block_stop":
            if event.index in partial:
                blocks[event.index]["input"] = json.loads("".join(partial.pop(event.index)) or "{}")
    return [blocks[i] for i in sorted(blocks)]


def one_round(client: anthropic.Anthropic, stream: bool) -> None:
    messages: list = [{"role": "user", "content": "What is the weather in Paris, Oslo and Lisbon?"}]
    first = complete(client, "bench-tools", messages, stream)
    uses = [b for b in first if b["type"] == "tool_use"]
    if len(uses) != 3:
        sys.exit(f"the first request did not return three tool_use blocks: {first}")
    messages.append({"role": "assistant", "content": first})
    messages.append({"role": "user", "content": [
        {"type": "tool_result", "tool_use_id": b["id"], "content": '{"temperature_c": 18, "condition": "cloudy"}'} for b in uses
    ]})
    second = complete(client, "bench-answer", messages, stream)
    text = "".join(b.get("text", "") for b in second if b["type"] == "text")
    if text != ANSWER:
        sys.exit(f"the second request did not return the scripted answer: {second}")


def main() -> None:
    args = bench_sdk_common.parse_args(__doc__)
    if args.llmock:
        bench_sdk_common.script_llmock(args.base_url.rsplit("/anthropic", 1)[0])
    client = anthropic.Anthropic(base_url=args.base_url, api_key="bench-not-a-key", max_retries=0)
    bench_sdk_common.measure(args, lambda stream: one_round(client, stream), f"anthropic-python {anthropic.__version__}")


if __name__ == "__main__":
    main()
