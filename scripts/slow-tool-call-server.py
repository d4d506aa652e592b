#!/usr/bin/env python3
"""A Chat Completions server that streams one tool call's arguments slowly, for the journey
that watches them grow in the trace.

No tool result in the request yet -> a streamed call of the first tool offered, its id and name
first, then its arguments `{"city": "Paris"}` one character every PIECE_SECONDS; a tool result
present -> a short streamed text answer. Streaming requests only (the workbench streams).

Listens on 127.0.0.1 on a port the kernel picks, prints the port on the first line of stdout,
and exits by itself after LIFETIME seconds (stop it earlier by its PID).
Usage: slow-tool-call-server.py LIFETIME_SECONDS [PIECE_SECONDS]
"""
import http.server
import json
import sys
import time

from test_peer import serve

PIECE_SECONDS = 0.3
ARGUMENTS = json.dumps({"city": "Paris"})


def chunk(delta, finish=None):
    return {"id": "slow", "object": "chat.completion.chunk", "model": "slow",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_event(self, payload):
        self.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
        self.wfile.flush()

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        if not self.path.endswith("/chat/completions"):
            body = b'{"error": {"message": "not found"}}'
            self.send_response(404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            if any(m.get("role") == "tool" for m in request.get("messages", [])):
                self.send_event(chunk({"role": "assistant", "content": "The call arrived whole."}))
                self.send_event(chunk({}, "stop"))
            else:
                tools = request.get("tools") or []
                name = tools[0]["function"]["name"] if tools else "none"
                self.send_event(chunk({"role": "assistant", "content": None, "tool_calls": [
                    {"index": 0, "id": "call_slow", "type": "function", "function": {"name": name, "arguments": ""}}]}))
                for piece in ARGUMENTS:
                    time.sleep(PIECE_SECONDS)
                    self.send_event(chunk({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}))
                self.send_event(chunk({}, "tool_calls"))
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client cancelled or quit


def main():
    global PIECE_SECONDS
    lifetime = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    if len(sys.argv) > 2:
        PIECE_SECONDS = float(sys.argv[2])
    serve(Handler, lifetime)


if __name__ == "__main__":
    main()
