#!/usr/bin/env python3
"""The Python side of `toolscope bench-client`: the same loop with the official `openai` SDK.

One round = a request that returns three parallel tool calls (streamed or not), then a request
carrying the three tool results that returns the final answer. CPU is this process's user+system
time (all threads) summed over the two requests only; the server is another process.

Run against an llmock server scripted by `toolscope bench-client --llmock` (or pass --llmock here):
    .venv/bin/python scripts/bench-openai-sdk.py --base-url http://127.0.0.1:PORT/v1 --llmock --rounds 200
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import urllib.request

import openai

ANSWER = (
    "The weather is mild in all three cities today: Paris has light cloud at 18 degrees, Oslo is cool and "
    "clear at 9 degrees, and Lisbon is sunny and warm at 24 degrees. No rain is expected anywhere before the "
    "evening, so an umbrella can stay at home."
)
TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def script_llmock(base_url: str) -> None:
    root = base_url.rsplit("/v1", 1)[0]
    calls = [{"name": "get_weather", "arguments": {"city": c}} for c in ("Paris", "Oslo", "Lisbon")]
    body = {"behaviors": [
        {"type": "reply", "tool_calls": calls, "times": None, "match": {"model": "bench-tools"}},
        {"type": "reply", "text": ANSWER, "times": None, "match": {"model": "bench-answer"}},
    ]}
    request = urllib.request.Request(root + "/_llmock/scenario", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        if response.status != 201:
            sys.exit(f"llmock refused the scenario: HTTP {response.status}")


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
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--no-stream", action="store_true")
    parser.add_argument("--llmock", action="store_true", help="script the llmock server first")
    args = parser.parse_args()
    if args.llmock:
        script_llmock(args.base_url)
    client = openai.OpenAI(base_url=args.base_url, api_key="bench-not-a-key", max_retries=0)
    cpu: list[float] = []
    wall: list[float] = []
    for i in range(args.warmup + args.rounds):
        c0, w0 = cpu_seconds(), time.perf_counter()
        one_round(client, not args.no_stream)
        if i >= args.warmup:
            cpu.append(cpu_seconds() - c0)
            wall.append(time.perf_counter() - w0)
    print(f"client: openai-python {openai.__version__} (httpx)")
    print(f"mode: {'no-stream' if args.no_stream else 'stream'}, rounds: {len(cpu)} (2 requests each: 3 parallel tool calls, then the answer)")
    print(f"cpu per round (ms):  mean {statistics.mean(cpu) * 1000:.3f}  median {statistics.median(cpu) * 1000:.3f}")
    print(f"wall per round (ms): mean {statistics.mean(wall) * 1000:.3f}  median {statistics.median(wall) * 1000:.3f}")


if __name__ == "__main__":
    main()
