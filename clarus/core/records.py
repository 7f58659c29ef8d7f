"""Set-based reads and writes of one tenant's rows, shared by every resource's service.

Hot paths stay on Core statements (see bench/): one INSERT ... RETURNING per create, one
UPDATE ... RETURNING per change, never a load-modify-flush round trip.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TypeAlias, TypeVar, overload

from sqlalchemy import (
    Column,
    ColumnElement,
    RowMapping,
    Table,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable
from sqlalchemy.types import TypeEngine

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind, NotFound

REFERRING_IDS_SHOWN = 100
"""How many of the rows that keep a record from being deleted a refusal names."""
RowDict: TypeAlias = dict[str, object]
"""A row as it is rendered (JSON) or written to an event: column name to value. A domain that
reads a record's values declares its shape as a TypedDict and passes the function building it
from the row (`shape=`) to the reads and writes below."""
RecordT = TypeVar("RecordT")
_T = TypeVar("_T")


def row_dict(row: RowMapping) -> RowDict:
    return dict(row)


def id_of(record: Mapping[str, object], column: str = "id") -> int:
    """The id (or the non-null foreign key `column`) of a record held as a `RowDict`, for code
    that serves records of any table (every table's `id` is an integer)."""
    record_id = reference_of(record, column)
    if record_id is None:
        raise TypeError(f"A record's {column} is an integer, not None.")
    return record_id


def reference_of(record: Mapping[str, object], column: str) -> int | None:
    """The nullable foreign key `column` of a record held as a `RowDict`."""
    record_id = record[column]
    if record_id is not None and not isinstance(record_id, int):
        raise TypeError(f"A record's {column} is an integer or None, not {record_id!r}.")
    return record_id


def required(value: _T | None, column: str) -> _T:
    """A nullable column that the record's kind always fills (a pick task's `stock_id`): a null
    there is a broken invariant, not bad input."""
    if value is None:
        raise TypeError(f"{column} is null where it is always set.")
    return value


async def rows_changed(session: AsyncSession, statement: Executable) -> int:
    """Run an UPDATE or DELETE; how many rows it changed (a guarded update's success test)."""
    result = await session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)


def with_plain_numbers(record: Mapping[str, object]) -> RowDict:
    """Decimals as floats, so that JSON shows `10.0` rather than the string `"10.0000"`; a stored
    decimal has at most 15 significant digits (`DecimalType`), which a float keeps exactly."""
    return {name: _plain(value) for name, value in record.items()}


def _plain(value: object) -> object:
    """Nested records too: a receipt's or order's `lines` and `address`."""
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dict):
        return with_plain_numbers(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _the_record(
    table: Table, tenant_id: int, record_id: int, where: ColumnElement[bool] | None
) -> ColumnElement[bool]:
    return and_(
        table.c.id == record_id,
        table.c.tenant_id == tenant_id,
        true() if where is None else where,
    )


async def _record_or_not_found(
    session: AsyncSession,
    statement: Executable,
    resource: str,
    record_id: int,
    shape: Callable[[RowMapping], RecordT],
) -> RecordT:
    """The one row `statement` returns, shaped; `NotFound` (404) when there is none."""
    row = (await session.execute(statement)).mappings().one_or_none()
    if row is None:
        raise NotFound(resource, record_id)
    return shape(row)


@overload
async def fetch_record(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    record_id: int,
    resource: str,
    where: ColumnElement[bool] | None = None,
    lock: bool = False,
) -> RowDict: ...
@overload
async def fetch_record(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    record_id: int,
    resource: str,
    where: ColumnElement[bool] | None = None,
    lock: bool = False,
    shape: Callable[[RowMapping], RecordT],
) -> RecordT: ...
async def fetch_record(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    record_id: int,
    resource: str,
    where: ColumnElement[bool] | None = None,
    lock: bool = False,
    shape: Callable[[RowMapping], object] = row_dict,
) -> object:
    """`lock`: hold the row until the transaction ends (PostgreSQL; SQLite writes one at a
    time), so that no other write changes it between this read and the caller's update."""
    statement = select(table).where(_the_record(table, tenant_id, record_id, where))
    if lock:
        statement = statement.with_for_update()
    return await _record_or_not_found(session, statement, resource, record_id, shape)


@overload
async def records_named(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    ids: Collection[int],
    resource: str,
    path: str = "/ids",
    lock: bool = False,
) -> list[RowDict]: ...
@overload
async def records_named(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    ids: Collection[int],
    resource: str,
    path: str = "/ids",
    lock: bool = False,
    shape: Callable[[RowMapping], RecordT],
) -> list[RecordT]: ...
async def records_named(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    ids: Collection[int],
    resource: str,
    path: str = "/ids",
    lock: bool = False,
    shape: Callable[[RowMapping], object] = row_dict,
) -> Sequence[object]:
    """The records a bulk action's `ids` name, in id order (`lock`: held until the transaction
    ends, taken in id order). No id is `empty_ids_provided`; any id not of the tenant is
    `invalid_ids_provided`, naming them all."""
    if not ids:
        raise ClarusError.of(ErrorKind.EMPTY_IDS_PROVIDED, path=path)
    statement = (
        select(table)
        .where(table.c.tenant_id == tenant_id, table.c.id.in_(ids))
        .order_by(table.c.id)
    )
    if lock:
        statement = statement.with_for_update()
    rows = list((await session.execute(statement)).mappings())
    missing = sorted(set(ids) - {row["id"] for row in rows})
    if missing:
        raise ClarusError.of(
            ErrorKind.INVALID_IDS_PROVIDED,
            f"No {resource} has the ids {missing}.",
            path=path,
            invalid_ids=missing,
        )
    return [shape(row) for row in rows]


@overload
async def insert_returning(
    session: AsyncSession, table: Table, *, tenant_id: int, values: Mapping[str, object]
) -> RowDict: ...
@overload
async def insert_returning(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    values: Mapping[str, object],
    shape: Callable[[RowMapping], RecordT],
) -> RecordT: ...
async def insert_returning(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    values: Mapping[str, object],
    shape: Callable[[RowMapping], object] = row_dict,
) -> object:
    now = utcnow()
    statement = (
        insert(table)
        .values(tenant_id=tenant_id, created_at=now, updated_at=now, **values)
        .returning(*table.c)
    )
    return shape((await session.execute(statement)).mappings().one())


@overload
async def update_returning(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    record_id: int,
    values: Mapping[str, object],
    resource: str,
    where: ColumnElement[bool] | None = None,
) -> RowDict: ...
@overload
async def update_returning(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    record_id: int,
    values: Mapping[str, object],
    resource: str,
    where: ColumnElement[bool] | None = None,
    shape: Callable[[RowMapping], RecordT],
) -> RecordT: ...
async def update_returning(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    record_id: int,
    values: Mapping[str, object],
    resource: str,
    where: ColumnElement[bool] | None = None,
    shape: Callable[[RowMapping], object] = row_dict,
) -> object:
    """`where` narrows the records this resource may change (e.g. delivery addresses only)."""
    statement = (
        update(table)
        .where(_the_record(table, tenant_id, record_id, where))
        .values(updated_at=utcnow(), **values)
        .returning(*table.c)
    )
    return await _record_or_not_found(session, statement, resource, record_id, shape)


@overload
async def delete_returning(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    record_id: int,
    resource: str,
    where: ColumnElement[bool] | None = None,
) -> RowDict: ...
@overload
async def delete_returning(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    record_id: int,
    resource: str,
    where: ColumnElement[bool] | None = None,
    shape: Callable[[RowMapping], RecordT],
) -> RecordT: ...
async def delete_returning(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    record_id: int,
    resource: str,
    where: ColumnElement[bool] | None = None,
    shape: Callable[[RowMapping], object] = row_dict,
) -> object:
    statement = (
        delete(table).where(_the_record(table, tenant_id, record_id, where)).returning(*table.c)
    )
    return await _record_or_not_found(session, statement, resource, record_id, shape)


async def ensure_code_free(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    code: str,
    path: str,
    excluding_id: int | None = None,
    column: str = "code",
    where: ColumnElement[bool] | None = None,
    taken: ErrorKind = ErrorKind.CODE_TAKEN,
) -> None:
    """Refuse a `code` (or another natural key `column`, e.g. a role's `name` or a storage
    unit's `reference`) that another record of the tenant already has; `where` narrows the
    records among which it is unique. The error (`taken`) names the record that has it."""
    existing_id = await _id_with_values(
        session,
        table,
        tenant_id=tenant_id,
        values={column: code},
        excluding_id=excluding_id,
        where=where,
    )
    if existing_id is not None:
        raise ClarusError.of(
            taken,
            f"The {column} {code!r} is already used by record {existing_id}.",
            path=path,
            existing_id=existing_id,
        )


async def ensure_unique(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    values: Mapping[str, object],
    kind: ErrorKind,
    path: str,
    resource: str,
    excluding_id: int | None = None,
    where: ColumnElement[bool] | None = None,
) -> None:
    """Refuse `values` (column to value) that another record of the tenant already has together,
    e.g. a location's `warehouse_id` and `code`."""
    existing_id = await _id_with_values(
        session, table, tenant_id=tenant_id, values=values, excluding_id=excluding_id, where=where
    )
    if existing_id is not None:
        described = " and ".join(f"{name} {value!r}" for name, value in values.items())
        raise ClarusError.of(
            kind,
            f"{resource} {existing_id} already has {described}.",
            path=path,
            existing_id=existing_id,
        )


async def _id_with_values(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    values: Mapping[str, object],
    excluding_id: int | None,
    where: ColumnElement[bool] | None,
) -> int | None:
    statement = select(table.c.id).where(
        table.c.tenant_id == tenant_id,
        *(table.c[name] == value for name, value in values.items()),
        true() if where is None else where,
    )
    if excluding_id is not None:
        statement = statement.where(table.c.id != excluding_id)
    existing_id: int | None = (await session.execute(statement.limit(1))).scalar_one_or_none()
    return existing_id


async def ensure_not_referenced(
    session: AsyncSession, column: Column[int], *, tenant_id: int, record_id: int, resource: str
) -> None:
    """Refuse to delete a record that rows of `column`'s table still point at (`RECORD_IN_USE`,
    with how many and which ones, so the caller can fix them)."""
    table = column.table
    referring = (table.c.tenant_id == tenant_id) & (column == record_id)
    statement = select(table.c.id).where(referring).order_by(table.c.id).limit(REFERRING_IDS_SHOWN)
    referring_ids = list((await session.execute(statement)).scalars())
    if referring_ids:
        count = len(referring_ids)
        if count == REFERRING_IDS_SHOWN:
            count_all = select(func.count()).select_from(table).where(referring)
            count = (await session.execute(count_all)).scalar_one()
        raise ClarusError.of(
            ErrorKind.RECORD_IN_USE,
            f"{resource} {record_id} is still used by {count} {table.name}.",
            resource=table.name,
            ids=referring_ids,
            count=count,
        )


def per_record(table: Table, values: Mapping[int, _T], type_: TypeEngine[_T]) -> ColumnElement[_T]:
    """`CASE id WHEN ... THEN ... END`: a value of its own for each record one UPDATE changes."""
    return case(
        {record_id: literal(value, type_) for record_id, value in values.items()},
        value=table.c.id,
    )


async def add_per_record(
    session: AsyncSession, table: Table, increments: Mapping[int, Mapping[str, decimal.Decimal]]
) -> None:
    """Add `increments[id][column]` to each named record's columns in one UPDATE (a column a
    record does not name gains nothing), stamping `updated_at` where the table has one."""
    if not increments:
        return
    columns = sorted({name for increment in increments.values() for name in increment})
    values: dict[str, ColumnElement[decimal.Decimal] | dt.datetime] = {
        name: table.c[name]
        + per_record(
            table,
            {record_id: increment.get(name, 0) for record_id, increment in increments.items()},
            table.c[name].type,
        )
        for name in columns
    }
    if "updated_at" in table.c:
        values["updated_at"] = utcnow()
    await session.execute(update(table).where(table.c.id.in_(sorted(increments))).values(values))
