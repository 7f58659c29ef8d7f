from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TypeVarTuple

from sqlalchemy import Result
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import TypedReturnsRows

from clarus.api.graphql.errors import PublicError
from clarus.auth.principal import Principal
from clarus.core.db import database_unreachable
from clarus.core.settings import Settings

RowTs = TypeVarTuple("RowTs")


@dataclass
class GraphQLContext:
    """Everything one GraphQL request may touch; built per request, never shared."""

    session: AsyncSession
    principal: Principal
    settings: Settings
    loaders: dict[str, object] = field(default_factory=dict)
    """The request's DataLoaders by class name (`loaders.TenantRecordsLoader.of` makes them)."""
    lost_database: BaseException | None = None
    """The error of a statement that could not reach the database; the request then fails
    whole (a 503) rather than answering part of its data."""
    _session_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def tenant_id(self) -> int:
        return self.principal.tenant_id

    def require_scope(self, scope: str, message: str) -> None:
        """Refuse the field (no data, `message` shown) unless the token has `scope`."""
        if scope not in self.principal.scopes:
            raise PublicError(message)

    async def execute(self, statement: TypedReturnsRows[*RowTs]) -> Result[*RowTs]:
        """Run a statement on the request's session. Resolvers run concurrently (a page's
        `total_count` beside its nodes' loaders) but a session takes one statement at a time."""
        async with self._session_lock:
            try:
                return await self.session.execute(statement)
            except Exception as error:
                if database_unreachable(error):
                    self.lost_database = error
                raise
