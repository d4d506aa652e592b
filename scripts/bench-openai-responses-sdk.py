#!/usr/bin/env python3
"""The Python side of `toolscope bench-client --api responses`: the same loop with the official
`openai` SDK's Responses API (`client.responses.create`).

One round = a request that returns three parallel function calls (streamed or not), then a request
carrying the whole history plus the three `function_call_output` items that returns the final
answer — what the function-calling guide does. CPU is this process's user+system time (all threads)
summed over the two requests only; the server is another process.

Run against an llmock server scripted by `toolscope bench-client --llmock` (or pass --llmock here):
    .venv/bin/python scripts/bench-openai-responses-sdk.py --base-url http://127.0.0.1:PORT/v1 --llmock --rounds 200
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
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    "strict": False,
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


def complete(client: openai.OpenAI, model: str, items: list, stream: bool) -> tuple[list, str]:
    """One request; returns (output items as dicts, text) the way an application would use them."""
    kwargs = dict(model=model, instructions="You are a helpful assistant.", input=items, tools=[TOOL])
    if not stream:
        r = client.responses.create(**kwargs)
        return [item.model_dump(exclude_none=True) for item in r.output], r.output_text
    final = None
    text: list[str] = []
    arguments: dict[str, str] = {}
    for event in client.responses.create(stream=True, **kwargs):
        if event.type == "response.output_text.delta":
            text.append(event.delta)
        elif event.type == "response.function_call_arguments.delta":
            arguments[event.item_id] = arguments.get(event.item_id, "") + event.delta
        elif event.type in ("response.completed", "response.incomplete", "response.failed"):
            final = event.response
    if final is None:
        sys.exit("the stream ended without a terminal event")
    return [item.model_dump(exclude_none=True) for item in final.output], "".join(text)


def one_round(client: openai.OpenAI, stream: bool) -> None:
    items: list = [{"role": "user", "content": "What is the weather in Paris, Oslo and Lisbon?"}]
    output, _ = complete(client, "bench-tools", items, stream)
    calls = [item for item in output if item.get("type") == "function_call"]
    if len(calls) != 3:
        sys.exit(f"the first request did not return three function calls: {output}")
    items += output
    for call in calls:
        items.append({"type": "function_call_output", "call_id": call["call_id"],
                      "output": '{"temperature_c": 18, "condition": "cloudy"}'})
    _, text = complete(client, "bench-answer", items, stream)
    if text != ANSWER:
        sys.exit(f"the second request did not return the scripted answer: {text!r}")


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
    print(f"client: openai-python {openai.__version__} (httpx), responses.create")
    print(f"mode: {'no-stream' if args.no_stream else 'stream'}, rounds: {len(cpu)} (2 requests each: 3 parallel function calls, then the answer)")
    print(f"cpu per round (ms):  mean {statistics.mean(cpu) * 1000:.3f}  median {statistics.median(cpu) * 1000:.3f}")
    print(f"wall per round (ms): mean {statistics.mean(wall) * 1000:.3f}  median {statistics.median(wall) * 1000:.3f}")


if __name__ == "__main__":
    main()
