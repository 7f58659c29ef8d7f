from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the tenant, the API client, the user it acts as, the token's scopes."""

    tenant_id: int
    subdomain: str
    api_client_id: int
    user_id: int
    scopes: frozenset[str]
