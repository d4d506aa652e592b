#!/usr/bin/env python3
"""The Python side of `toolscope-bench bench-client --api responses`: the same loop with the official
`openai` SDK's Responses API (`client.responses.create`).

One round = a request that returns three parallel function calls (streamed or not), then a request
carrying the whole history plus the three `function_call_output` items that returns the final
answer — what the function-calling guide does. CPU is this process's user+system time (all threads)
summed over the two requests only; the server is another process.

Run against an llmock server scripted by `toolscope-bench bench-client --llmock` (or pass --llmock here):
    .venv/bin/python scripts/bench-openai-responses-sdk.py --base-url http://127.0.0.1:PORT/v1 --llmock --rounds 200
"""

from __future__ import annotations

import sys

import openai

import bench_sdk_common
from bench_sdk_common import ANSWER

TOOL = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    "strict": False,
}




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
    args = bench_sdk_common.parse_args(__doc__)
    if args.llmock:
        bench_sdk_common.script_llmock(args.base_url.rsplit("/v1", 1)[0])
    client = openai.OpenAI(base_url=args.base_url, api_key="bench-not-a-key", max_retries=0)
    bench_sdk_common.measure(args, lambda stream: one_round(client, stream), f"openai-python {openai.__version__} (httpx), responses.create", "function calls")


if __name__ == "__main__":
    main()
