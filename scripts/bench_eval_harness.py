#!/usr/bin/env python3
"""The Python side of the eval benchmark: the same experiment as `toolscope eval`, with asyncio
and the official `openai` SDK, so the two can be compared on CPU per case and wall time.

For each case of the suite (at most CONCURRENCY at once): send the system and user messages with
the suite's tools (streamed, as toolscope does by default; --no-stream for plain responses), assemble the tool calls, answer each with the
case's mocked result, send again, then check what toolscope's scorer checks for these cases: the
first reply calls exactly the expected tools, each with exactly the expected argument names
present (`{"$present": true}` matchers, extra arguments fail), and the turn ends in text.
CPU is this process's user+system time around the experiment (imports excluded); the server is
another process. Prints one JSON object.

    .venv/bin/python scripts/bench_eval_harness.py --base-url http://127.0.0.1:PORT/v1 --suite suite.json --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import time

import openai


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def complete(client: openai.AsyncOpenAI, model: str, messages: list, tools: list, streaming: bool) -> dict:
    if not streaming:
        reply = await client.chat.completions.create(model=model, messages=messages, tools=tools)
        message = reply.choices[0].message
        calls = [{"id": c.id, "type": "function", "function": {"name": c.function.name, "arguments": c.function.arguments}}
                 for c in message.tool_calls or []]
        return {"content": message.content, "tool_calls": calls}
    content: list[str] = []
    calls: dict[int, dict] = {}
    stream = await client.chat.completions.create(model=model, messages=messages, tools=tools, stream=True,
                                                  stream_options={"include_usage": True})
    async for chunk in stream:
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


def check(case: dict, first_calls: list, answer: str | None) -> bool:
    expected = case["expect"]["calls"]
    if sorted(c["function"]["name"] for c in first_calls) != sorted(e["name"] for e in expected):
        return False
    for call, wanted in zip(sorted(first_calls, key=lambda c: c["function"]["name"]), sorted(expected, key=lambda e: e["name"])):
        try:
            arguments = json.loads(call["function"]["arguments"] or "{}")
        except json.JSONDecodeError:
            return False
        if not isinstance(arguments, dict) or set(arguments) != set(wanted["arguments"]):
            return False
    return bool(answer)


async def run_case(client: openai.AsyncOpenAI, model: str, case: dict, tools: list, system: str, limit: asyncio.Semaphore,
                   streaming: bool) -> bool:
    async with limit:
        messages: list = [{"role": "system", "content": system}, {"role": "user", "content": case["prompt"]}]
        first_calls: list = []
        for _ in range(10):  # max rounds, as toolscope's default
            reply = await complete(client, model, messages, tools, streaming)
            if not reply["tool_calls"]:
                return check(case, first_calls, reply["content"])
            if not first_calls:
                first_calls = reply["tool_calls"]
            messages.append({"role": "assistant", "content": reply["content"], "tool_calls": reply["tool_calls"]})
            for call in reply["tool_calls"]:
                result = case.get("mocks", {}).get(call["function"]["name"], {"error": "no mock"})
                messages.append({"role": "tool", "tool_call_id": call["id"],
                                 "content": result if isinstance(result, str) else json.dumps(result, separators=(",", ":"))})
        return False


async def main_async(args: argparse.Namespace) -> dict:
    with open(args.suite, encoding="utf-8") as f:
        suite = json.load(f)
    tools = suite["tools"]
    system = suite.get("defaults", {}).get("system", "")
    client = openai.AsyncOpenAI(base_url=args.base_url, api_key="bench-not-a-key", max_retries=2)
    limit = asyncio.Semaphore(args.concurrency)
    cpu0, t0 = cpu_seconds(), time.monotonic()
    results = await asyncio.gather(*(run_case(client, args.model, c, tools, system, limit, not args.no_stream) for c in suite["cases"]))
    wall, cpu = time.monotonic() - t0, cpu_seconds() - cpu0
    await client.close()
    n = len(results)
    return {"client": "python-openai-asyncio", "cases": n, "passed": sum(results), "wall_s": round(wall, 3),
            "cpu_s": round(cpu, 3), "cpu_ms_per_case": round(cpu / n * 1000, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--suite", required=True)
    parser.add_argument("--model", default="gpt-4o-mini")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--no-stream", action="store_true", help="ask for plain responses, as `toolscope eval --no-stream`")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main_async(args))))


if __name__ == "__main__":
    main()
