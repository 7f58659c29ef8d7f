"""`build_server`: the MCP server and its tools. A tool set is a module with a
`register(server)` function, listed in `TOOL_SETS`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import ModuleType

from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import TransportSecuritySettings

from clarus import __version__
from clarus.api.mcp import api_tools, direct_tools

INSTRUCTIONS = """\
Clarus is a warehouse management system. These tools act as the signed-in user, in their tenant,
with their role's permissions: ask for stock, the status of orders and receipts, open orders."""

TOOL_SETS: tuple[ModuleType, ...] = (direct_tools, api_tools)
"""Each module's `register(server)` adds its tools."""


def build_server(tool_sets: tuple[ModuleType, ...] = TOOL_SETS) -> MCPServer:
    """The server with every tool set registered and its streamable HTTP session manager made
    (`server.session_manager`; its `run()` belongs in the application's lifespan)."""
    # The SDK gives the root logger a handler that renders rich tracebacks when it has none:
    # rendering one on the event loop stalls every request for seconds (each client that hangs
    # up mid-request logs one). Clarus's logging stays as it was without the SDK.
    root = logging.getLogger()
    handlers = list(root.handlers)
    server = MCPServer(
        "clarus",
        title="Clarus WMS",
        instructions=INSTRUCTIONS,
        version=__version__,
        log_level="WARNING",
    )
    for added in [handler for handler in root.handlers if handler not in handlers]:
        root.removeHandler(added)
    for tool_set in tool_sets:
        register: Callable[[MCPServer], None] = tool_set.register
        register(server)
    # Bearer tokens, never cookies, open this server, so a rebound DNS name gains nothing: the
    # Host and Origin checks (which would refuse any public host name) are not needed.
    server.streamable_http_app(
        transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False)
    )
    return server
