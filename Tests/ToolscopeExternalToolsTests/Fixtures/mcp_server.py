"""A real MCP server (stdio) for toolscope's binding tests, built on the `mcp` package."""
import os
import sys
import time

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

server = MCPServer("toolscope-test")


@server.tool()
def echo(zebra: str, apple: int = 1, mango: bool = False) -> str:
    """Repeats zebra apple times (parameters deliberately out of alphabetical order)."""
    text = zebra * apple
    return text.upper() if mango else text


@server.tool()
def divide(a: float, b: float) -> float:
    """Divides a by b; fails on zero (a ToolError is reported to the client with isError)."""
    if b == 0:
        raise ToolError("division by zero")
    return a / b


@server.tool()
def hang(seconds: float) -> str:
    """Blocks the whole server for a while."""
    time.sleep(seconds)
    return "woke up"


@server.tool()
def crash() -> str:
    """Exits the server process at once."""
    print("crashing now", file=sys.stderr, flush=True)
    os._exit(7)


@server.tool()
def whoami() -> int:
    """The server's process id, to tell a restarted server from the old one."""
    return os.getpid()


if __name__ == "__main__":
    server.run("stdio")
