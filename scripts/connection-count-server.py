#!/usr/bin/env python3
"""An OpenAI-compatible server that counts the TCP connections its clients open, for the test
that a client reuses kept-alive connections under concurrency.

POST /v1/chat/completions answers with a short text (streamed as SSE when the request says
"stream": true, with a Content-Length so the connection stays open); GET /connections answers
{"connections": N, "requests": M}. HTTP/1.1, keep-alive, one thread per connection.

Listens on 127.0.0.1 on a port the kernel picks, prints the port on the first line of stdout,
and exits by itself after LIFETIME seconds (stop it earlier by its PID).
Usage: connection-count-server.py LIFETIME_SECONDS
"""
import http.server
import json
import sys
import threading

from test_peer import serve

counts = {"connections": 0, "requests": 0}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        with lock:
            counts["connections"] += 1

    def send_body(self, body, content_type):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with lock:
            body = json.dumps(counts).encode()
        self.send_body(body, "application/json")

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        with lock:
            counts["requests"] += 1
        text = "Kept alive."
        if request.get("stream"):
            chunks = [{"choices": [{"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": None}]},
                      {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}]
            body = "".join("data: " + json.dumps(dict(c, id="c", object="chat.completion.chunk", created=0, model="m")) + "\n\n"
                           for c in chunks) + "data: [DONE]\n\n"
            self.send_body(body.encode(), "text/event-stream")
        else:
            body = {"id": "c", "object": "chat.completion", "created": 0, "model": "m",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}]}
            self.send_body(json.dumps(body).encode(), "application/json")


serve(Handler, float(sys.argv[1]))
