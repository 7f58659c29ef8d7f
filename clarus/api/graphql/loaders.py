"""Per-request DataLoaders: the records a page of nodes points at, fetched in one query."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, ClassVar, Generic, Self, TypeVar

import strawberry
from sqlalchemy import Table
from strawberry.dataloader import DataLoader
from strawberry.types import Info
from strawberry.types.field import StrawberryField

from clarus.api.graphql.connection import TableRow, as_node
from clarus.api.graphql.context import GraphQLContext
from clarus.auth.tables import users
from clarus.catalog.tables import (
    products,
    storage_unit_type_dimensions,
    storage_unit_types,
    storage_units,
)
from clarus.core.queries import rows_by_key
from clarus.inbound.tables import goods_in_receipt_lines
from clarus.inventory.tables import stocks
from clarus.masterdata.service import CUSTOMERS, ORDER_TYPES, SUPPLIERS
from clarus.masterdata.tables import (
    accounts,
    addresses,
    carrier_services,
    carriers,
    locations,
    warehouses,
)
from clarus.outbound.queries import PICK_LIST_TASK_COUNTERS, task_counts
from clarus.outbound.tables import goods_out_lines, goods_out_pick_lists, goods_outs
from clarus.shipping.queries import carrier_attempts
from clarus.shipping.tables import packages, shipments, trailer_types, trailers
from clarus.webhooks.tables import (
    automation_action_parameters,
    automation_actions,
    automation_conditions,
)

LoadedT = TypeVar("LoadedT")


class TenantRecordsLoader(DataLoader[int, LoadedT], Generic[LoadedT]):
    """Records of `table` whose `key` column is one of the loaded keys, in the caller's tenant
    only; subclasses say how the rows answer each key (`LoadedT`)."""

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

    async def prefetch(self, keys: Iterable[int]) -> None:
        """Load `keys` in one batch, straight into the cache: without a future, a callback and
        a gathered task per key as `load_many` makes them (a page of 500 spent 30 ms there)."""
        missing = sorted({key for key in keys if self.cache_map.get(key) is None})
        if missing:
            self.prime_many(dict(zip(missing, await self._load(missing), strict=True)))

    def loaded(self, key: int | str | None) -> LoadedT | Awaitable[LoadedT] | None:
        """What `key` answers: at once when a load (a page's `prefetch`) has it, else an
        awaitable of it; None for no key."""
        if key is None:
            return None
        future = self.cache_map.get(int(key))
        if future is not None and future.done() and future.exception() is None:
            return future.result()
        return self.load(int(key))

    def prefetched(self, key: int) -> LoadedT:
        """What `key` answers, which a `prefetch` loaded (a `LookupError` if none did)."""
        future = self.cache_map.get(key)
        if future is None or not future.done() or future.exception() is not None:
            raise LookupError(key)
        loaded: LoadedT = future.result()
        return loaded

    async def _rows(self, keys: list[int]) -> Sequence[TableRow]:
        statement = rows_by_key(
            self.table, tenant_id=self.context.tenant_id, key=self.key, values=keys
        )
        return (await self.context.execute(statement)).all()

    async def _load(self, keys: list[int]) -> Sequence[LoadedT]:
        raise NotImplementedError


@dataclass(frozen=True)
class LoadedField:
    """A node field answering the records of `loader.table` whose `loader.key` column holds
    the node's `key` column (or what `pick` makes of them)."""

    loader: type[TenantRecordsLoader[Any]]
    key: str
    pick: Callable[[Any], object] | None = None


LOADED_FIELDS: dict[Callable[..., object], LoadedField] = {}
"""The resolvers `loaded_field` made and what each loads: the compiled executor reads the
same records in one statement a page (`compiled.py`)."""


def loaded_field(
    loader: type[TenantRecordsLoader[LoadedT]],
    key: str,
    graphql_type: object,
    *,
    pick: Callable[[LoadedT], object] | None = None,
    description: str | None = None,
) -> StrawberryField:
    """A node field answering what `loader` holds for the node's `key` column (a `*_id`, or
    the node's own id for its children), or `pick` of it (a count, one of them): at once when
    the page prefetched it, else through the request's batch; null for a null key."""

    def resolve(
        self: SimpleNamespace, info: Info[GraphQLContext, None]
    ) -> LoadedT | Awaitable[LoadedT] | object | None:
        loaded = loader.of(info.context).loaded(getattr(self, key))
        if pick is None or loaded is None:
            return loaded
        if isinstance(loaded, Awaitable):
            return _picked(loaded, pick)
        return pick(loaded)

    LOADED_FIELDS[resolve] = LoadedField(loader, key, pick)
    return strawberry.field(resolve, graphql_type=graphql_type, description=description)


async def _picked(loaded: Awaitable[LoadedT], pick: Callable[[LoadedT], object]) -> object:
    return pick(await loaded)


class RecordByIdLoader(TenantRecordsLoader[SimpleNamespace | None]):
    """Records of `table` by id (or by another unique `key` column, such as a parent's id);
    None for a key not found."""

    async def load_optional(self, record_id: int | str | None) -> SimpleNamespace | None:
        """The record a nullable `*_id` points at (node ids are typed as strings)."""
        return None if record_id is None else await self.load(int(record_id))

    async def _load(self, ids: list[int]) -> Sequence[SimpleNamespace | None]:
        by_key = {row._mapping[self.key]: as_node(row) for row in await self._rows(ids)}
        return [by_key.get(record_id) for record_id in ids]


class ChildrenByParentIdLoader(TenantRecordsLoader[list[SimpleNamespace]]):
    """The rows that belong to each parent (`key` is their parent's id column), in id order: a
    page's lines in one query; an empty list for a parent with none."""

    async def _load(self, parent_ids: list[int]) -> Sequence[list[SimpleNamespace]]:
        children: dict[int, list[SimpleNamespace]] = {parent_id: [] for parent_id in parent_ids}
        for row in await self._rows(parent_ids):
            children[row._mapping[self.key]].append(as_node(row))
        return [children[parent_id] for parent_id in parent_ids]


class AccountByIdLoader(RecordByIdLoader):
    table = accounts


class AddressByIdLoader(RecordByIdLoader):
    table = addresses


class CarrierByIdLoader(RecordByIdLoader):
    table = carriers


class CustomerByIdLoader(RecordByIdLoader):
    table = CUSTOMERS.table


class LocationByIdLoader(RecordByIdLoader):
    table = locations


class OrderTypeByIdLoader(RecordByIdLoader):
    table = ORDER_TYPES.table


class SupplierByIdLoader(RecordByIdLoader):
    table = SUPPLIERS.table


class WarehouseByIdLoader(RecordByIdLoader):
    table = warehouses


class GoodsOutByIdLoader(RecordByIdLoader):
    table = goods_outs


class GoodsOutLinesByGoodsOutIdLoader(ChildrenByParentIdLoader):
    table = goods_out_lines
    key = "goods_out_id"


class GoodsOutsByGoodsOutPickListIdLoader(ChildrenByParentIdLoader):
    """The orders on each pick list."""

    table = goods_outs
    key = "goods_out_pick_list_id"


class TaskCountsByGoodsOutPickListIdLoader(TenantRecordsLoader[dict[str, int]]):
    """Each pick list's task counters (`PICK_LIST_TASK_COUNTERS`, by name), from one grouped
    query per page; all zero for a list whose orders have no tasks."""

    table = goods_out_pick_lists

    async def _load(self, pick_list_ids: list[int]) -> Sequence[dict[str, int]]:
        statement = task_counts(tenant_id=self.context.tenant_id, pick_list_ids=pick_list_ids)
        found = {
            row.pick_list_id: dict(row._mapping) for row in await self.context.execute(statement)
        }
        none = dict.fromkeys(PICK_LIST_TASK_COUNTERS, 0)
        return [found.get(pick_list_id, none) for pick_list_id in pick_list_ids]


class GoodsInReceiptLinesByGoodsInReceiptIdLoader(ChildrenByParentIdLoader):
    table = goods_in_receipt_lines
    key = "goods_in_receipt_id"


class ProductByIdLoader(RecordByIdLoader):
    table = products


class StorageUnitByIdLoader(RecordByIdLoader):
    table = storage_units


class StorageUnitTypeByIdLoader(RecordByIdLoader):
    table = storage_unit_types


class DimensionsByStorageUnitTypeIdLoader(RecordByIdLoader):
    """A storage unit type's dimensions (one row per type, if any)."""

    table = storage_unit_type_dimensions
    key = "storage_unit_type_id"


class StockByIdLoader(RecordByIdLoader):
    table = stocks


class UserByIdLoader(RecordByIdLoader):
    table = users


class AutomationConditionsByAutomationIdLoader(ChildrenByParentIdLoader):
    table = automation_conditions
    key = "automation_id"


class AutomationActionsByAutomationIdLoader(ChildrenByParentIdLoader):
    table = automation_actions
    key = "automation_id"


class AutomationActionParametersByAutomationActionIdLoader(ChildrenByParentIdLoader):
    table = automation_action_parameters
    key = "automation_action_id"


class TrailerTypeByIdLoader(RecordByIdLoader):
    table = trailer_types


class TrailerByIdLoader(RecordByIdLoader):
    table = trailers


class CarrierServiceByIdLoader(RecordByIdLoader):
    table = carrier_services


class ShipmentByIdLoader(RecordByIdLoader):
    table = shipments


class PackagesByShipmentIdLoader(ChildrenByParentIdLoader):
    table = packages
    key = "shipment_id"


class CarrierAttemptsByShipmentIdLoader(TenantRecordsLoader[list[SimpleNamespace]]):
    """Each shipment's carrier calls (`shipping.queries.carrier_attempts`), oldest first: one
    query per page; an empty list for a shipment never handed to a carrier."""

    table = shipments

    async def _load(self, shipment_ids: list[int]) -> Sequence[list[SimpleNamespace]]:
        statement = carrier_attempts(tenant_id=self.context.tenant_id, shipment_ids=shipment_ids)
        found: dict[int, list[SimpleNamespace]] = {shipment_id: [] for shipment_id in shipment_ids}
        for row in await self.context.execute(statement):
            found[row.shipment_id].append(as_node(row))
        return [found[shipment_id] for shipment_id in shipment_ids]
