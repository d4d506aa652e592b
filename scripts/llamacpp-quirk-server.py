#!/usr/bin/env python3
"""A fake of llama-cpp-python's OpenAI server for the compatibility tests: it rejects what the
real one rejects and answers the rest like a tool-calling model.

The real server (`python -m llama_cpp.server --chat_format chatml-function-calling`) validates
each message against a union of pydantic models; an assistant message with `tool_calls` and
`"content": null` (what OpenAI sends and accepts) fails every member, and its route handler turns
the validation error into HTTP 500 with the whole list of errors as the message. This fake does
the same for that case only, with the same shape of body.

Otherwise: no tool result in the request yet -> one tool call, `{"city": "Paris"}`, to the first
tool offered that has a `city` parameter (else the first tool); a tool result present -> a short text answer quoting it.
Plain JSON bodies only (`"stream": false` is not required: streaming requests are answered with
one SSE chunk per piece). `GET /requests` returns how many chat requests arrived.

Listens on 127.0.0.1 on a port the kernel picks, prints the port on the first line of stdout,
and exits by itself after LIFETIME seconds (stop it earlier by its PID).
Usage: llamacpp-quirk-server.py LIFETIME_SECONDS
"""
import http.server
import json
import sys

from test_peer import serve

COUNT = {"chat": 0}


def validation_page(index):
    members = ["ChatCompletionRequestSystemMessage", "ChatCompletionRequestUserMessage",
               "ChatCompletionRequestAssistantMessage", "ChatCompletionRequestToolMessage",
               "ChatCompletionRequestFunctionMessage"]
    errors = []
    for member in members:
        errors.append({"type": "string_type", "loc": ("body", "messages", index, member, "content"),
                       "msg": "Input should be a valid string", "input": None})
    return str(errors)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/requests":
            self.send_json(200, {"chat": COUNT["chat"]})
        else:
            self.send_json(404, {"error": {"message": "not found"}})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        if not self.path.endswith("/chat/completions"):
            self.send_json(404, {"error": {"message": "not found"}})
            return
        COUNT["chat"] += 1
        messages = request.get("messages", [])
        for index, message in enumerate(messages):
            if message.get("role") == "assistant" and message.get("tool_calls") and message.get("content") is None:
                self.send_json(500, {"error": {"message": validation_page(index), "type": "internal_server_error",
                                               "param": None, "code": None}})
                return
        results = [m for m in messages if m.get("role") == "tool"]
        if results:
            message = {"role": "assistant", "content": "The tool said: " + str(results[-1].get("content"))[:200]}
            finish = "stop"
        else:
            tools = request.get("tools") or []
            cities = [t["function"]["name"] for t in tools if "city" in json.dumps(t["function"].get("parameters", {}))]
            name = (cities or [t["function"]["name"] for t in tools] or ["none"])[0]
            message = {"role": "assistant", "content": None,
                       "tool_calls": [{"id": "call_q1", "type": "function",
                                       "function": {"name": name, "arguments": json.dumps({"city": "Paris"})}}]}
            finish = "tool_calls"
        if request.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            delta = dict(message)
            chunk = {"id": "q", "object": "chat.completion.chunk", "model": "fake",
                     "choices": [{"index": 0, "delta": dict(delta, tool_calls=[dict(c, index=0) for c in delta.get("tool_calls", [])])
                                  if delta.get("tool_calls") else delta, "finish_reason": None}]}
            end = {"id": "q", "object": "chat.completion.chunk", "model": "fake",
                   "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]}
            for part in (chunk, end):
                self.wfile.write(b"data: " + json.dumps(part).encode() + b"\n\n")
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True
            return
        self.send_json(200, {"id": "q", "object": "chat.completion", "model": "fake",
                             "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                             "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}})


def main():
    lifetime = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    serve(Handler, lifetime)


if __name__ == "__main__":
    main()
