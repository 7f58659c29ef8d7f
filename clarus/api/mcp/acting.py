"""Who a tool runs as, and what it may use to do the work."""

from __future__ import annotations

from dataclasses import dataclass

from mcp.server.mcpserver import Context
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from clarus.auth.principal import IN_PROCESS_PRINCIPAL, Principal
from clarus.core.db import Database
from clarus.core.settings import Settings

ACTING_STATE = "mcp_acting"
"""The request-state key under which the MCP gate leaves the `Acting` of an authorised call."""


@dataclass(frozen=True, slots=True)
class Acting:
    """The signed-in user a tool acts for (`principal`: tenant, user, scopes), the database and
    settings, and the Clarus application itself for REST and GraphQL calls made in-process."""

    principal: Principal
    db: Database
    settings: Settings
    app: ASGIApp

    def as_user_app(self) -> ASGIApp:
        """The Clarus application answering as this user: for `httpx.ASGITransport`, so that a
        tool's REST or GraphQL call goes through the same routes, validation, scopes and events
        as any client's. Send the `X-Clarus-Subdomain` header as usual; no token is needed."""
        return _AsPrincipal(self.app, self.principal)


@dataclass(frozen=True, slots=True)
class _AsPrincipal:
    app: ASGIApp
    principal: Principal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app({**scope, IN_PROCESS_PRINCIPAL: self.principal}, receive, send)


class NotAuthorised(RuntimeError):
    """A tool was called without the gate's `Acting` (never over HTTP: the gate refuses first)."""


def acting(ctx: Context) -> Acting:
    """Who the calling tool runs as: set by the gate on the HTTP request that carried the call."""
    request = ctx.request_context.request
    found = getattr(request.state, ACTING_STATE, None) if isinstance(request, Request) else None
    if not isinstance(found, Acting):
        raise NotAuthorised("This MCP call carries no signed-in user.")
    return found
