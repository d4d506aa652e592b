#!/usr/bin/env python3
"""A tiny HTTP proxy for the proxy tests: CONNECT tunnels (what AsyncHTTPClient sends for both
http:// and https:// targets) and absolute-form requests (`POST http://host/path HTTP/1.1`).

Each request it forwards is printed, one line each, flushed at once:
    CONNECT 127.0.0.1:8080 auth=-          (auth=user:password when Proxy-Authorization came)
    TUNNEL POST /v1/chat/completions HTTP/1.1   (the first request line inside a plain-text tunnel)
    FORWARD POST http://127.0.0.1:8080/v1/chat/completions HTTP/1.1 auth=-
With --require-auth USER:PASSWORD, requests without those credentials get 407 and a line
`DENIED ...`. Listens on 127.0.0.1 on a port the kernel picks, prints the port on the first line
of stdout, and exits by itself after LIFETIME seconds (stop it earlier by its PID).
Usage: http-proxy.py LIFETIME_SECONDS [--require-auth USER:PASSWORD]
"""
import base64
import os
import socket
import sys
import threading

LOCK = threading.Lock()


def say(line):
    with LOCK:
        print(line, flush=True)


def read_head(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None, b""
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return head.decode("latin-1"), rest


def credentials(lines):
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "proxy-authorization":
            scheme, _, token = value.strip().partition(" ")
            if scheme.lower() == "basic":
                return base64.b64decode(token).decode("utf-8", "replace")
    return None


def pipe(source, target):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            target.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def split_host(authority, default_port):
    host, _, port = authority.rpartition(":")
    if not host or not port.isdigit():
        return authority, default_port
    return host, int(port)


def handle(conn, required):
    try:
        head, rest = read_head(conn)
        if head is None:
            conn.close()
            return
        lines = head.split("\r\n")
        method, target, version = lines[0].split(" ", 2)
        auth = credentials(lines)
        shown = auth if auth is not None else "-"
        if required is not None and auth != required:
            say(f"DENIED {method} {target} auth={shown}")
            conn.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                         b"Content-Length: 0\r\nConnection: close\r\n\r\n")
            conn.close()
            return
        if method == "CONNECT":
            say(f"CONNECT {target} auth={shown}")
            upstream = socket.create_connection(split_host(target, 443))
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            first = rest
            if not first:
                first = conn.recv(65536)
            if first[:1].isalpha():
                say("TUNNEL " + first.split(b"\r\n", 1)[0].decode("latin-1"))
            upstream.sendall(first)
            threading.Thread(target=pipe, args=(upstream, conn), daemon=True).start()
            pipe(conn, upstream)
            return
        if not target.startswith("http://"):
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            conn.close()
            return
        say(f"FORWARD {lines[0]} auth={shown}")
        authority, _, path = target[len("http://"):].partition("/")
        upstream = socket.create_connection(split_host(authority, 80))
        kept = [l for l in lines[1:] if l.split(":", 1)[0].strip().lower() not in ("proxy-authorization", "proxy-connection", "connection")]
        upstream.sendall((f"{method} /{path} {version}\r\n" + "\r\n".join(kept + ["Connection: close"]) + "\r\n\r\n").encode("latin-1") + rest)
        threading.Thread(target=pipe, args=(conn, upstream), daemon=True).start()
        pipe(upstream, conn)
    except Exception as error:  # a test proxy reports and drops the connection
        say(f"ERROR {error!r}")
        try:
            conn.close()
        except OSError:
            pass


def main():
    lifetime = float(sys.argv[1])
    required = None
    if "--require-auth" in sys.argv:
        required = sys.argv[sys.argv.index("--require-auth") + 1]
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    say(str(listener.getsockname()[1]))
    threading.Timer(lifetime, lambda: os._exit(0)).start()
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=handle, args=(conn, required), daemon=True).start()


if __name__ == "__main__":
    main()
