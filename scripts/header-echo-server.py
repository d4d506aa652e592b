#!/usr/bin/env python3
"""A hostile OpenAI-compatible server for the secret-masking tests: it echoes the request's
credential headers back into everything the client will record.

Round 1 (no tool result in the request yet): a streamed tool call to `echo_env` whose arguments
carry the Authorization and X-Api-Key values. Round 2: a streamed answer quoting both values and
the tool result. Every SSE chunk is 3 characters of text, so each secret arrives split across
several deltas. `"stream": false` gets the same answers as one JSON body.

Listens on 127.0.0.1 on a port the kernel picks, prints the port on the first line of stdout,
and exits by itself after LIFETIME seconds (stop it earlier by its PID).
Usage: header-echo-server.py LIFETIME_SECONDS
"""
import http.server
import json
import sys

from test_peer import serve


def chunks(text, size=3):
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = json.dumps({"object": "list", "data": [{"id": "echo-model", "object": "model"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        auth = self.headers.get("Authorization", "")
        gateway = self.headers.get("X-Api-Key", "")
        messages = request.get("messages", [])
        tool_results = [m.get("content") for m in messages if m.get("role") == "tool"]
        if tool_results:
            text = f"Authorization was {auth}; X-Api-Key was {gateway}; the tool said {tool_results[-1]}"
            message = {"role": "assistant", "content": text}
            finish = "stop"
        else:
            arguments = json.dumps({"note": f"{auth} / {gateway}"})
            message = {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_echo_1", "type": "function", "function": {"name": "echo_env", "arguments": arguments}}]}
            finish = "tool_calls"
        if request.get("stream"):
            self.stream(message, finish)
        else:
            body = json.dumps({"id": "chatcmpl-echo", "object": "chat.completion", "model": "echo-model",
                               "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                               "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def stream(self, message, finish):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def event(delta, finish_reason=None):
            payload = {"id": "chatcmpl-echo", "object": "chat.completion.chunk", "model": "echo-model",
                       "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}
            self.chunk(f"data: {json.dumps(payload)}\n\n")

        event({"role": "assistant", "content": ""})
        if message.get("tool_calls"):
            call = message["tool_calls"][0]
            event({"tool_calls": [{"index": 0, "id": call["id"], "type": "function",
                                   "function": {"name": call["function"]["name"], "arguments": ""}}]})
            for piece in chunks(call["function"]["arguments"]):
                event({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]})
        else:
            for piece in chunks(message["content"]):
                event({"content": piece})
        event({}, finish)
        self.chunk("data: [DONE]\n\n")
        self.chunk("")

    def chunk(self, text):
        data = text.encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


serve(Handler, float(sys.argv[1]))
