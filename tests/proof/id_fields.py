"""Every id-typed attribute (`*_id`, an integer) of every request body of our own OpenAPI
document, nested ones included, with the smallest body that carries it; and rows of any table
for a tenant, written directly, for ids that name a record of that table.

The tenant isolation sweep (`test_tenant_isolation.py`) sends each attribute once with another
tenant's id and once with an id that exists nowhere. The attributes and their bodies come from
the document, so a new operation or attribute is swept as soon as the app documents it; the
tables below only say what a schema cannot (names that do not say their table, rules across
attributes, column values a domain reads as an enum).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    Numeric,
    String,
    Table,
    TypeDecorator,
    insert,
)

from clarus.core.db import Database
from clarus.registry import Base
from tests.conformance.ours import our_document, our_resolve

BODY_METHODS = frozenset({"post", "patch", "put"})
ID_FIELD = re.compile(r"\w+_id")
ELSEWHERE_ID = 999999998
"""What a required id-typed attribute naming a resource Clarus has no table for gets."""
IDS_TABLE = {
    "/api/stocks/hold": "stocks",
    "/api/stocks/offhold": "stocks",
    "/api/goods_out_processes/short_order_lines": "goods_outs",
    "/api/goods_out_processes/allocate": "goods_outs",
    "/api/goods_out_processes/process_picks_async": "goods_outs",
    "/api/goods_out_processes/process_and_consolidate_picks": "goods_outs",
    "/api/tasks/allocate": "tasks",
    "/api/tasks/unallocate": "tasks",
}
"""The records a bulk operation's `ids` name, where its path does not say."""
ALTERNATIVE_CODE_LINKS = {
    "alternative_codeable_type": "Product",
    "alternative_codeable_id": None,
    "owner_type": "Account",
    "owner_id": None,
}
EXTRA_ATTRIBUTES: dict[str, dict[str, Any]] = {
    "POST /api/location_ranges": {"range_start_aisle": "A", "range_end_aisle": "A"},
    "POST /api/pickface_products": {"location_id": None},
    "POST /api/alternative_codes": ALTERNATIVE_CODE_LINKS,
    "PATCH /api/alternative_codes/{id}": ALTERNATIVE_CODE_LINKS,
}
"""What a rule across attributes needs that the schema cannot say (a range's bounds, a
pickface's place, an alternative code's parent and owner, each a kind and an id); None: an id
of a record of the caller's."""
TABLE_OF_NAME = {
    "to_location_id": "locations",
    "location_to_id": "locations",
    "location_from_id": "locations",
    "to_account_id": "accounts",
    "storage_unit_to_id": "storage_units",
    "storage_unit_from_id": "storage_units",
    "base_storage_unit_type_id": "storage_unit_types",
    "user_completed_by_id": "users",
    "user_created_by_id": "users",
    "parent_task_id": "tasks",
    "stock_to_pick_id": "stocks",
    "child_product_id": "products",
    "alternative_codeable_id": "products",
    "owner_id": "accounts",
}
"""Attributes named for their role rather than their table (the others are found through the
foreign keys of columns of the same name, else as `<noun>s`)."""
TABLE_OF_COLLECTION = {
    "materials": "product_materials",
    "receive_tasks": "tasks",
    "load_tasks": "tasks",
    "subdomains": "tenants",
    "delivery_addresses": "addresses",
}
ROW_VALUES: dict[str, dict[str, Any]] = {
    "tasks": {"task_type_code": "RCV", "status": "AVAILABLE", "start_quantity": 1},
    "addresses": {"address_type": "delivery"},
    "goods_in_receipts": {"status": "pending", "receipt_type": "standard"},
    "stocks": {"status": "available", "quantity": 5},
    "goods_outs": {"goods_out_type": "sales_order", "pick_type": "standard"},
    "goods_out_pick_lists": {"status": "pending", "pick_type": "standard"},
    "pick_processing_requests": {"status": "completed"},
    "reason_codes": {"reason_type": "hold"},
    "stock_checks": {"status": "pending"},
    "stock_check_records": {"status": "uncounted", "attempt_count": 0},
    "stock_check_attempts": {"attempt_number": 1, "result": "success"},
    "shipments": {"status": "pending"},
    "packages": {"unit_of_measure": "centimetre", "weight_unit_of_measure": "kilogram"},
}
"""Columns the domain reads as an enum or a CHECK constraint bounds, and what makes an address
a delivery address (the one kind with a path of its own): values of a record in its first
state."""


@dataclass(frozen=True)
class IdField:
    """One id-typed attribute of one operation's body."""

    method: str
    path: str
    pointer: str
    body_schema: dict[str, Any]

    @property
    def name(self) -> str:
        return self.pointer.rsplit("/", 1)[-1]

    def body(self, record_id: int) -> Any:
        """The smallest body that carries the attribute, with `record_id` in it; the other ids
        it needs are `Own` placeholders (`RowMaker.fill`)."""
        body = _minimal(self.body_schema, self.pointer.split("/")[1:], record_id)
        extra = EXTRA_ATTRIBUTES.get(f"{self.method} {self.path}", {})
        target = body.get("data", {}).get("attributes", body) if "data" in body else body
        for name, value in extra.items():
            if name not in target:
                target[name] = _own_placeholders(name, value)
        if isinstance(body.get("ids"), list):
            collection = IDS_TABLE.get(self.path) or table_of_path(self.path).name
            body["ids"] = [Own(collection)]
        return body


@dataclass(frozen=True)
class Own:
    """A record of the caller's of `table_name`, made by `RowMaker.fill`."""

    table_name: str


def _own_placeholders(name: str, value: Any) -> Any:
    if value is None:
        table = table_of_field(name)
        return ELSEWHERE_ID if table is None else Own(table.name)
    return value


def _options(schema: dict[str, Any]) -> list[dict[str, Any]]:
    options = schema.get("anyOf") or schema.get("oneOf") or [schema]
    return [option for option in options if option.get("type") != "null"]


def _is_id(name: str, schema: dict[str, Any]) -> bool:
    types = {option.get("type") for option in _options(schema)}
    return ID_FIELD.fullmatch(name) is not None and "integer" in types


def _pointers(schema: dict[str, Any], pointer: str = "") -> Iterator[str]:
    for option in _options(schema):
        if option.get("type") == "array" and "items" in option:
            yield from _pointers(option["items"], f"{pointer}/0")
        for name, property_schema in option.get("properties", {}).items():
            if _is_id(name, property_schema):
                yield f"{pointer}/{name}"
            else:
                yield from _pointers(property_schema, f"{pointer}/{name}")


def id_fields() -> list[IdField]:
    """Every id-typed attribute of every operation of our document that takes a JSON body."""
    found = []
    for path, item in our_document()["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if method not in BODY_METHODS or not content:
                continue
            schema = our_resolve(content["schema"])
            for pointer in dict.fromkeys(_pointers(schema)):
                found.append(IdField(method.upper(), path, pointer, schema))
    return found


def _option_for(schema: dict[str, Any], key: str | None) -> dict[str, Any]:
    """The option of a union to build: one that has `key`, an `ADD` change before others."""
    options = _options(schema)
    if key is not None:
        options = [o for o in options if key in o.get("properties", {}) or "items" in o] or options
    adding = [o for o in options if _is_add(o.get("properties", {}).get("type", {}))]
    return (adding or options)[0]


def _is_add(schema: dict[str, Any]) -> bool:
    """A change's `type` that adds a row (`ADD`)."""
    return schema.get("const") == "ADD" or schema.get("enum", [None])[0] == "ADD"


def _minimal(schema: dict[str, Any], along: list[str], value: int) -> Any:
    if not along:
        return value
    key, rest = along[0], along[1:]
    schema = _option_for(schema, key)
    if schema.get("type") == "array":
        return [_minimal(schema["items"], rest, value)]
    properties = schema.get("properties", {})
    built = {
        name: _sample(properties[name], name) for name in schema.get("required", []) if name != key
    }
    built[key] = _minimal(properties[key], rest, value)
    return built


STRING_FORMATS = {"date-time": "2026-06-15T10:00:00Z", "date": "2026-06-15", "email": "a@b.example"}


def _sample(schema: dict[str, Any], name: str) -> Any:
    """A valid value of a required attribute the sweep does not look at."""
    schema = _option_for(schema, None)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "string":
        written = "email" if "email" in name else schema.get("format", "")
        return STRING_FORMATS.get(written, "SWEEP"[: schema.get("maxLength", 5)])
    if kind == "integer":
        return (
            _own_placeholders(name, None)
            if _is_id(name, schema)
            else max(schema.get("minimum", 1), 1)
        )
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if kind == "array":
        items = schema.get("items", {})
        return [_sample(items, name) for _ in range(schema.get("minItems", 0))]
    properties = schema.get("properties", {})
    return {key: _sample(properties[key], key) for key in schema.get("required", [])}


def table_of_field(name: str) -> Table | None:
    """The table an id-typed attribute names: by role, by the foreign key of columns of that
    name, or by its noun; None for a resource Clarus has no table for."""
    tables = Base.metadata.tables
    if name in TABLE_OF_NAME:
        return tables[TABLE_OF_NAME[name]]
    targets = {
        foreign_key.column.table
        for table in tables.values()
        if name in table.c
        for foreign_key in table.c[name].foreign_keys
    }
    if len(targets) == 1:
        return targets.pop()
    noun = name.removesuffix("_id")
    return tables.get(f"{noun}es" if noun.endswith("s") else f"{noun}s")


def table_of_path(path: str) -> Table:
    """The table of the record named by a path's first parameter (`/api/stocks/{id}/move`)."""
    collection = path.removeprefix("/api/").split("/{", 1)[0]
    if "/" in collection:
        collection = collection.split("/", 1)[0]
    collection = TABLE_OF_COLLECTION.get(collection, collection)
    return Base.metadata.tables[collection]


def table_of_record(path: str) -> Table:
    """The table of the record a path's `{id}` names: the collection right before it
    (`/api/products/{product_id}/materials/{id}`: a material)."""
    collection = path.split("/{id}", 1)[0].rsplit("/", 1)[-1]
    return Base.metadata.tables[TABLE_OF_COLLECTION.get(collection, collection)]


_serial = itertools.count(1)


class RowMaker:
    """Rows of any tenant-owned table for one tenant, with the rows their foreign keys need,
    written with Core inserts: what they hold does not matter, only whose they are."""

    def __init__(self, db: Database, tenant_id: int) -> None:
        self.db = db
        self.tenant_id = tenant_id
        self.made: dict[str, int] = {}

    async def fill(self, body: Any) -> Any:
        """`body` with each `Own` placeholder replaced by the id of the tenant's row."""
        if isinstance(body, Own):
            return await self.row(Base.metadata.tables[body.table_name])
        if isinstance(body, list):
            return [await self.fill(item) for item in body]
        if isinstance(body, dict):
            return {key: await self.fill(value) for key, value in body.items()}
        return body

    async def row(self, table: Table) -> int:
        """The id of the tenant's row of `table` (made once)."""
        if table.name == "tenants":
            return self.tenant_id
        if table.name not in self.made:
            self.made[table.name] = await self.new_row(table)
        return self.made[table.name]

    async def new_row(self, table: Table, **values: Any) -> int:
        """A further row of `table`, with `values` over the first state's (`ROW_VALUES`)."""
        row = {
            column.name: await self._value(table, column.name)
            for column in table.c
            if self._needs_value(column)
        }
        row.update(ROW_VALUES.get(table.name, {}), **values)
        async with self.db.write_session() as session:
            statement = insert(table).values(row).returning(table.c.id)
            return int((await session.execute(statement)).scalar_one())

    @staticmethod
    def _needs_value(column: Any) -> bool:
        return not (
            column.primary_key
            or column.nullable
            or column.default is not None
            or column.server_default is not None
        )

    async def _value(self, table: Table, name: str) -> Any:
        column = table.c[name]
        if name == "tenant_id":
            return self.tenant_id
        for foreign_key in column.foreign_keys:
            return await self.row(foreign_key.column.table)
        kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
        if isinstance(kind, Boolean):
            return False
        if isinstance(kind, Integer | Numeric):
            return 1
        if isinstance(kind, DateTime):
            return dt.datetime(2026, 6, 15, 10, tzinfo=dt.UTC)
        if isinstance(kind, Date):
            return dt.date(2026, 6, 15)
        if isinstance(kind, JSON):
            return []
        if isinstance(kind, String):
            return f"r{next(_serial)}"[: kind.length or 20]
        return f"r{next(_serial)}"
