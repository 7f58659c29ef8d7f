"""Per-request DataLoaders: the records a page of nodes points at, fetched in one query."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Self

from sqlalchemy import Table, select
from strawberry.dataloader import DataLoader

from clarus.api.graphql.connection import as_node
from clarus.api.graphql.context import GraphQLContext
from clarus.catalog.tables import (
    products,
    storage_unit_type_dimensions,
    storage_unit_types,
)
from clarus.core.db import table_of
from clarus.masterdata.models import Account, Address, Warehouse
from clarus.masterdata.parties import Carrier


class RecordByIdLoader(DataLoader[int, Any]):
    """Records of `table` by id (or by another unique `key` column, such as a parent's id), in
    the caller's tenant only; None for a key not found."""

    table: ClassVar[Table]
    key: ClassVar[str] = "id"

    def __init__(self, context: GraphQLContext) -> None:
        super().__init__(load_fn=self._load)
        self.context = context

    @classmethod
    def of(cls, context: GraphQLContext) -> Self:
        """The request's loader, made on first use."""
        loader = context.loaders.get(cls.__name__)
        if loader is None:
            loader = context.loaders[cls.__name__] = cls(context)
        assert isinstance(loader, cls)
        return loader

    async def load_optional(self, record_id: int | str | None) -> Any:
        """The record a nullable `*_id` points at (node ids are typed as strings)."""
        return None if record_id is None else await self.load(int(record_id))

    async def _load(self, ids: list[int]) -> Sequence[Any]:
        table, key = self.table, self.key
        statement = select(table).where(
            table.c.tenant_id == self.context.tenant_id, table.c[key].in_(ids)
        )
        rows = (await self.context.execute(statement)).all()
        by_key = {row._mapping[key]: as_node(row) for row in rows}
        return [by_key.get(record_id) for record_id in ids]


class AccountByIdLoader(RecordByIdLoader):
    table = table_of(Account)


class AddressByIdLoader(RecordByIdLoader):
    table = table_of(Address)


class CarrierByIdLoader(RecordByIdLoader):
    table = table_of(Carrier)


class WarehouseByIdLoader(RecordByIdLoader):
    table = table_of(Warehouse)


class ProductByIdLoader(RecordByIdLoader):
    table = products


class StorageUnitTypeByIdLoader(RecordByIdLoader):
    table = storage_unit_types


class DimensionsByStorageUnitTypeIdLoader(RecordByIdLoader):
    """A storage unit type's dimensions (one row per type, if any)."""

    table = storage_unit_type_dimensions
    key = "storage_unit_type_id"
