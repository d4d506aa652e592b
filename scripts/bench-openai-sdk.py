#!/usr/bin/env python3
"""The Python side of `toolscope-bench bench-client`: the same loop with the official `openai` SDK.

One round = a request that returns three parallel tool calls (streamed or not), then a request
carrying the three tool results that returns the final answer. CPU is this process's user+system
time (all threads) summed over the two requests only; the server is another process.

Run against an llmock server scripted by `toolscope-bench bench-client --llmock` (or pass --llmock here):
    .venv/bin/python scripts/bench-openai-sdk.py --base-url http://127.0.0.1:PORT/v1 --llmock --rounds 200
"""

from __future__ import annotations

import sys

import openai

import bench_sdk_common
from bench_sdk_common import ANSWER

TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}




def complete(client: openai.OpenAI, model: str, messages: list, stream: bool) -> dict:
    """One request; returns {"content", "tool_calls"} assembled the way an application would."""
    if not stream:
        r = client.chat.completions.create(model=model, messages=messages, tools=[TOOL])
        m = r.choices[0].message
        calls = [{"id": c.id, "type": "function", "function": {"name": c.function.name, "arguments": c.function.arguments}}
                 for c in (m.tool_calls or [])]
        return {"content": m.content, "tool_calls": calls}
    content: list[str] = []
    calls: dict[int, dict] = {}
    for chunk in client.chat.completions.create(model=model, messages=messages, tools=[TOOL], stream=True,
                                                stream_options={"include_usage": True}):
        for choice in chunk.choices:
            delta = choice.delta
            if delta.content:
                content.append(delta.content)
            for tc in delta.tool_calls or []:
                call = calls.setdefault(tc.index, {"id": None, "type": "function", "function": {"name": None, "arguments": ""}})
                if tc.id and not call["id"]:
                    call["id"] = tc.id
                if tc.function and tc.function.name and not call["function"]["name"]:
                    call["function"]["name"] = tc.function.name
                if tc.function and tc.function.arguments:
                    call["function"]["arguments"] += tc.function.arguments
    return {"content": "".join(content) if content else None, "tool_calls": [calls[i] for i in sorted(calls)]}


def one_round(client: openai.OpenAI, stream: bool) -> None:
    messages: list = [{"role": "system", "content": "You are a helpful assistant."},
                      {"role": "user", "content": "What is the weather in Paris, Oslo and Lisbon?"}]
    first = complete(client, "bench-tools", messages, stream)
    if len(first["tool_calls"]) != 3:
        sys.exit(f"the first request did not return three tool calls: {first}")
    messages.append({"role": "assistant", "content": first["content"], "tool_calls": first["tool_calls"]})
    for call in first["tool_calls"]:
        messages.append({"role": "tool", "tool_call_id": call["id"], "content": '{"temperature_c": 18, "condition": "cloudy"}'})
    second = complete(client, "bench-answer", messages, stream)
    if second["content"] != ANSWER:
        sys.exit(f"the second request did not return the scripted answer: {second}")


def main() -> None:
    args = bench_sdk_common.parse_args(__doc__)
    if args.llmock:
        bench_sdk_common.script_llmock(args.base_url.rsplit("/v1", 1)[0])
    client = openai.OpenAI(base_url=args.base_url, api_key="bench-not-a-key", max_retries=0)
    bench_sdk_common.measure(args, lambda stream: one_round(client, stream), f"openai-python {openai.__version__} (httpx)")


if __name__ == "__main__":
    main()
