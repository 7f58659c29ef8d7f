from __future__ import annotations

from dataclasses import dataclass

IN_PROCESS_PRINCIPAL = "clarus.principal"
"""The ASGI scope key of a request made in-process as a principal (an MCP tool's call of the
API): only code in the process can set it, so the API takes it instead of a bearer token."""


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the tenant, the API client, the user it acts as, the token's scopes."""

    tenant_id: int
    subdomain: str
    api_client_id: int
    user_id: int
    scopes: frozenset[str]
