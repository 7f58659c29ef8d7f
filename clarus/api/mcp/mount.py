"""The MCP server's place in the application: `/mcp/{subdomain}` and its discovery documents."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.routing import Route

from clarus.api.mcp.gate import McpGate
from clarus.api.mcp.server import build_server

MCP_PATH = "/mcp/{subdomain}"


def install_mcp(app: FastAPI) -> None:
    """Mount the server; `app.state.mcp_server.session_manager.run()` belongs in the lifespan."""
    server = build_server()
    app.state.mcp_server = server
    gate = McpGate(
        server.session_manager,
        db=app.state.db,
        settings=app.state.settings,
        app=app,
        rate_limiter=app.state.rate_limiter,
    )
    app.router.routes.append(Route(MCP_PATH, endpoint=gate, include_in_schema=False))
