#!/usr/bin/env python3
"""Serves llmock (PyPI) on 127.0.0.1 for tests and benchmarks, on a port the kernel picks.

Prints the port on the first line of stdout, then serves until LIFETIME seconds have passed
(a bounded run even when whoever started it dies); stop it earlier by its PID.
Usage: llmock-serve.py LIFETIME_SECONDS
"""
import os
import socket
import sys
import threading

import uvicorn
from llmock.main import create_app

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.bind(("127.0.0.1", 0))
sock.listen(128)
print(sock.getsockname()[1], flush=True)
threading.Timer(float(sys.argv[1]), lambda: os._exit(0)).start()
uvicorn.Server(uvicorn.Config(create_app(), log_level="critical", access_log=False)).run(sockets=[sock])
