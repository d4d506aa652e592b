"""What every local HTTP test peer (scripts/*-server.py) shares: a threaded HTTP/1.1 server on
127.0.0.1 at a port the kernel picks, the port printed on the first line of stdout, and an exit
after a bounded lifetime whatever the handlers are doing (stop it earlier by its PID).
"""
import http.server
import os
import socketserver
import threading


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def serve(handler, lifetime):
    """Serves `handler` until `lifetime` seconds have passed, then exits the process."""
    server = Server(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)
    threading.Timer(lifetime, lambda: os._exit(0)).start()
    server.serve_forever()
