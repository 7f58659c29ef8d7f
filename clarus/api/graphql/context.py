from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth.principal import Principal
from clarus.core.settings import Settings


@dataclass
class GraphQLContext:
    """Everything one GraphQL request may touch; built per request, never shared."""

    session: AsyncSession
    principal: Principal
    settings: Settings
    loaders: dict[str, Any] = field(default_factory=dict)
    session_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    """Resolvers run concurrently but an `AsyncSession` runs one statement at a time."""

    @property
    def tenant_id(self) -> int:
        return self.principal.tenant_id
