"""DataLoaders: nested records of a page read in one query per table, not one per node."""

from __future__ import annotations

from types import SimpleNamespace
from typing import TypeVar, cast

from sqlalchemy import Table, select
from strawberry.dataloader import DataLoader

from clarus.api.graphql.context import GraphQLContext

NodeT = TypeVar("NodeT")


class RecordByIdLoader(DataLoader[int, SimpleNamespace | None]):
    """The tenant's rows of one table by id; an id of another tenant loads as None."""

    def __init__(self, context: GraphQLContext, table: Table) -> None:
        super().__init__(load_fn=self._load)
        self.context = context
        self.table = table

    async def _load(self, ids: list[int]) -> list[SimpleNamespace | None]:
        statement = select(self.table).where(
            self.table.c.tenant_id == self.context.tenant_id, self.table.c.id.in_(set(ids))
        )
        async with self.context.session_lock:
            rows = (await self.context.session.execute(statement)).all()
        by_id = {row.id: SimpleNamespace(**row._mapping) for row in rows}
        return [by_id.get(record_id) for record_id in ids]


def record_by_id(context: GraphQLContext, table: Table) -> RecordByIdLoader:
    """The request's loader for `table`, made on first use."""
    key = f"{table.name}_by_id"
    loader = context.loaders.get(key)
    if loader is None:
        loader = context.loaders[key] = RecordByIdLoader(context, table)
    assert isinstance(loader, RecordByIdLoader)
    return loader


async def load_node(
    context: GraphQLContext, table: Table, record_id: int | None, node_type: type[NodeT]
) -> NodeT | None:
    """The record as a `node_type` node: a plain attribute object, as `paginate` makes them."""
    if record_id is None:
        return None
    return cast(NodeT | None, await record_by_id(context, table).load(record_id))
