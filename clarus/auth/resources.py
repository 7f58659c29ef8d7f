"""Resource indicators (RFC 8707): the audience a token is bound to.

A token without one is for the API and GraphQL; a token for an MCP server names that server's
address, `<origin>/mcp/<subdomain>`, and is good there only.
"""

from __future__ import annotations

from urllib.parse import urlsplit

MCP_PATH_PREFIX = "/mcp/"


def mcp_resource(origin: str, subdomain: str) -> str:
    """The address of a tenant's MCP server at `origin` (`scheme://host[:port]`)."""
    return f"{origin.rstrip('/')}{MCP_PATH_PREFIX}{subdomain}"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def origin_as_addressed(url: str, public_base_url: str) -> str:
    """The origin a client reached the server at: the configured public one when the request
    names its host (behind a TLS-terminating proxy the request itself says http), else the
    request's own."""
    public = origin_of(public_base_url)
    requested = origin_of(url)
    return public if urlsplit(public).netloc == urlsplit(requested).netloc else requested


def mcp_subdomain(resource: str) -> str | None:
    """The tenant an MCP server address serves, or None when `resource` is no such address."""
    parts = urlsplit(resource)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    if not parts.path.startswith(MCP_PATH_PREFIX):
        return None
    subdomain = parts.path.removeprefix(MCP_PATH_PREFIX)
    return subdomain if subdomain and "/" not in subdomain else None
