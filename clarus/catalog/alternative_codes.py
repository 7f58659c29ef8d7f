"""Writes of alternative code types and alternative codes. Services never commit: the caller
owns the transaction.

A type is a simple record, but the system types every tenant is given (`SYSTEM_TYPES`) are
read-only. A code hangs off a parent record of one of four kinds and may be owned by a record of
another kind; both are polymorphic (a kind name and an id), so their existence is checked here
rather than by foreign keys, and the code is unique among the codes of the same parent and owner
(no parent, or no owner, counting as one more value).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, insert
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import alternative_code_types, alternative_codes, products
from clarus.core import crud
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.locks import lock_rows
from clarus.core.records import RowDict, ensure_code_free, fetch_record
from clarus.core.references import Reference, missing_references
from clarus.core.schemas import InputModel
from clarus.masterdata.tables import accounts, carriers, customers, suppliers, warehouses

SYSTEM_TYPES = (
    ("CUSTOMER", "Customer", "Codes customers know the record by"),
    ("SUPPLIER", "Supplier", "Codes suppliers know the record by"),
)
"""The read-only types (`system_type: true`) every tenant is given."""
PARENT_TABLES: Mapping[str, Table] = {
    "Product": products,
    "Supplier": suppliers,
    "Carrier": carriers,
    "Warehouse": warehouses,
}
OWNER_TABLES: Mapping[str, Table] = {**PARENT_TABLES, "Account": accounts, "Customer": customers}
PARENT = ("alternative_codeable_type", "alternative_codeable_id")
OWNER = ("owner_type", "owner_id")
KEY_COLUMNS = (*PARENT, *OWNER)
TYPE_ID = "alternative_code_type_id"


async def _ensure_not_system_type(session: AsyncSession, tenant_id: int, record_id: int) -> None:
    record = await fetch_record(
        session,
        alternative_code_types,
        tenant_id=tenant_id,
        record_id=record_id,
        resource="alternative_code_type",
        lock=True,
    )
    if record["system_type"]:
        raise ClarusError.of(
            ErrorKind.SYSTEM_RECORD,
            f"alternative code type {record_id} ({record['code']}) is a system type.",
        )


ALTERNATIVE_CODE_TYPES = crud.RecordKind(
    alternative_code_types,
    event_name="alternative_code_type",
    ensure_deletable=_ensure_not_system_type,
)


async def update_alternative_code_type(
    session: AsyncSession,
    kind: crud.RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    await _ensure_not_system_type(session, tenant_id, record_id)
    return await crud.update_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, attributes=attributes
    )


ALTERNATIVE_CODE_TYPE_WRITES = crud.RecordWrites(update=update_alternative_code_type)


async def add_system_types(session: AsyncSession, *, tenant_id: int) -> None:
    """A new tenant's read-only types (no events: nothing was asked for)."""
    now = utcnow()
    await session.execute(
        insert(alternative_code_types),
        [
            {
                "tenant_id": tenant_id,
                "code": code,
                "name": name,
                "description": description,
                "system_type": True,
                "created_at": now,
                "updated_at": now,
            }
            for code, name, description in SYSTEM_TYPES
        ],
    )


ALTERNATIVE_CODES = crud.RecordKind(
    alternative_codes,
    event_name="alternative_code",
    unique_code=False,
    references={"alternative_code_type_id": alternative_code_types},
)


async def create_alternative_code(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    values = attributes.model_dump(exclude_none=True)
    await _check_links(session, tenant_id=tenant_id, values=values, sent=values)
    return await crud.insert_record(session, kind, tenant_id=tenant_id, values=values)


async def update_alternative_code(
    session: AsyncSession,
    kind: crud.RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    """Change what was sent; the parent, owner and uniqueness are checked on the code as it
    will be."""
    stored = await fetch_record(
        session,
        alternative_codes,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=kind.event_name,
        lock=True,
    )
    changes = kind.changes_of(attributes)
    values = {**stored, **changes}
    await _check_links(
        session, tenant_id=tenant_id, values=values, sent=changes, record_id=record_id
    )
    return await crud.change_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )


async def _check_links(
    session: AsyncSession,
    *,
    tenant_id: int,
    values: Mapping[str, Any],
    sent: Mapping[str, Any],
    record_id: int | None = None,
) -> None:
    """Parent and owner each whole, existing in the tenant and of different kinds, and the
    type existing (every problem of these at once); then the code free among the codes of the
    same parent and owner."""
    problems = [
        *_pair_problems(values, sent, PARENT),
        *_pair_problems(values, sent, OWNER),
    ]
    parent_type, owner_type = values.get(PARENT[0]), values.get(OWNER[0])
    if parent_type is not None and parent_type == owner_type:
        problems.append(
            Problem(
                ErrorKind.INVALID_VALUE,
                f"The owner must be another kind of record than the parent ({parent_type}).",
                "/owner_type",
            )
        )
    references = [
        Reference(tables[values[type_name]], values.get(id_name), f"/{id_name}")
        for (type_name, id_name), tables in ((PARENT, PARENT_TABLES), (OWNER, OWNER_TABLES))
        if values.get(type_name) is not None and (type_name in sent or id_name in sent)
    ]
    references.append(Reference(alternative_code_types, sent.get(TYPE_ID), f"/{TYPE_ID}"))
    problems += await missing_references(session, tenant_id=tenant_id, references=references)
    if problems:
        raise ClarusError(*problems)
    await _lock_parent(session, tenant_id=tenant_id, values=values)
    await ensure_code_free(
        session,
        alternative_codes,
        tenant_id=tenant_id,
        code=values["code"],
        path="/code",
        excluding_id=record_id,
        where=_same_parent_and_owner(values),
    )


async def _lock_parent(session: AsyncSession, *, tenant_id: int, values: Mapping[str, Any]) -> None:
    """Two writers of codes of the same parent take turns, so that the second sees the first's
    code before it checks its own (a code with no parent is not guarded so)."""
    parent_type, parent_id = (values.get(name) for name in PARENT)
    if parent_type is not None and parent_id is not None:
        await lock_rows(
            session, PARENT_TABLES[parent_type], tenant_id=tenant_id, record_ids=[parent_id]
        )


def _pair_problems(
    values: Mapping[str, Any], sent: Mapping[str, Any], pair: tuple[str, str]
) -> list[Problem]:
    """A kind without its id, or an id without its kind, points at the one missing."""
    if not any(name in sent for name in pair):
        return []
    present = [values.get(name) is not None for name in pair]
    if all(present) or not any(present):
        return []
    missing, given = (pair[0], pair[1]) if present[1] else (pair[1], pair[0])
    return [Problem(ErrorKind.MISSING_FIELD, f"{missing} is required with {given}.", f"/{missing}")]


def _same_parent_and_owner(values: Mapping[str, Any]) -> ColumnElement[bool]:
    table = alternative_codes
    return and_(*(table.c[name].is_not_distinct_from(values.get(name)) for name in KEY_COLUMNS))


ALTERNATIVE_CODE_WRITES = crud.RecordWrites(
    create=create_alternative_code, update=update_alternative_code
)


async def delete_codes_of(
    session: AsyncSession, *, tenant_id: int, parent_type: str, parent_ids: Collection[int]
) -> None:
    """A deleted record's codes go with it (they name it by kind and id, which no foreign key
    can cascade from), each with its `deleted` event."""
    table = alternative_codes
    where = and_(
        table.c.alternative_codeable_type == parent_type,
        table.c.alternative_codeable_id.in_(parent_ids),
    )
    await crud.delete_records_where(session, ALTERNATIVE_CODES, tenant_id=tenant_id, where=where)
