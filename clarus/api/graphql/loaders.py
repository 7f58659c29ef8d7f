"""DataLoaders for nested objects (`product { id code }`): one query per batch, per request."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import Table, select
from strawberry.dataloader import DataLoader

from clarus.api.graphql.connection import as_node
from clarus.api.graphql.context import GraphQLContext


class RowByColumnLoader(DataLoader[int, SimpleNamespace | None]):
    """The tenant's row of `table` whose `column` is the key (an id, or a unique parent id)."""

    def __init__(self, context: GraphQLContext, table: Table, column: str) -> None:
        async def load(keys: list[int]) -> list[SimpleNamespace | None]:
            statement = select(table).where(
                table.c.tenant_id == context.tenant_id, table.c[column].in_(set(keys))
            )
            rows = (await context.execute(statement)).all()
            by_key = {row._mapping[column]: as_node(row) for row in rows}
            return [by_key.get(key) for key in keys]

        super().__init__(load_fn=load)


def row_loader(context: GraphQLContext, table: Table, column: str = "id") -> RowByColumnLoader:
    """The request's loader for `table` by `column`, made on first use."""
    name = f"{table.name}.{column}"
    loader = context.loaders.get(name)
    if loader is None:
        loader = context.loaders[name] = RowByColumnLoader(context, table, column)
    assert isinstance(loader, RowByColumnLoader)
    return loader


async def load_row(
    context: GraphQLContext, table: Table, key: int | None, column: str = "id"
) -> SimpleNamespace | None:
    if key is None:
        return None
    return await row_loader(context, table, column).load(key)
