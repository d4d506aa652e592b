"""What the official-SDK side of every client benchmark shares: the scripted answer, the llmock
scenario (three parallel get_weather calls, then the answer), the command line, and the CPU and
wall-time measurement of one round. Each bench-*-sdk.py script adds only its API's requests.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import urllib.request
from typing import Callable

ANSWER = (
    "The weather is mild in all three cities today: Paris has light cloud at 18 degrees, Oslo is cool and "
    "clear at 9 degrees, and Lisbon is sunny and warm at 24 degrees. No rain is expected anywhere before the "
    "evening, so an umbrella can stay at home."
)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def script_llmock(root: str) -> None:
    """Scripts the llmock server at `root` (its URL without the API prefix)."""
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


def parse_args(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--no-stream", action="store_true")
    parser.add_argument("--llmock", action="store_true", help="script the llmock server first")
    return parser.parse_args()


def measure(args: argparse.Namespace, one_round: Callable[[bool], None], client: str, calls: str = "tool calls") -> None:
    """Runs warm-up and measured rounds and prints the report bench-*-vs-sdk.sh reads."""
    cpu: list[float] = []
    wall: list[float] = []
    for i in range(args.warmup + args.rounds):
        c0, w0 = cpu_seconds(), time.perf_counter()
        one_round(not args.no_stream)
        if i >= args.warmup:
            cpu.append(cpu_seconds() - c0)
            wall.append(time.perf_counter() - w0)
    print(f"client: {client}")
    print(f"mode: {'no-stream' if args.no_stream else 'stream'}, rounds: {len(cpu)} (2 requests each: 3 parallel {calls}, then the answer)")
    print(f"cpu per round (ms):  mean {statistics.mean(cpu) * 1000:.3f}  median {statistics.median(cpu) * 1000:.3f}")
    print(f"wall per round (ms): mean {statistics.mean(wall) * 1000:.3f}  median {statistics.median(wall) * 1000:.3f}")
