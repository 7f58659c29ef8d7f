from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from clarus.core import crud
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.core.fields import CountryCode
from clarus.core.references import Reference, ensure_not_in_use, ensure_references_exist
from clarus.masterdata.tables import accounts
from tests.support import ApiClientFactory


async def test_references_must_exist_in_the_callers_tenant(
    clients: ApiClientFactory, db: Database
) -> None:
    mine, theirs = await clients.new(), await clients.new()
    own = await mine.create_account()
    foreign = await theirs.create_account()
    async with db.read_session() as session:
        await ensure_references_exist(
            session,
            tenant_id=mine.tenant_id,
            references=[
                Reference(accounts, own["id"], "/account_id"),
                Reference(accounts, None, "/other_id"),
            ],
        )
        with pytest.raises(ClarusError) as refused:
            await ensure_references_exist(
                session,
                tenant_id=mine.tenant_id,
                references=[
                    Reference(accounts, own["id"], "/a"),
                    Reference(accounts, foreign["id"], "/b"),
                    Reference(accounts, 10**12, "/c"),
                ],
            )
    assert [(p.kind.symbol, p.path, p.kind.status) for p in refused.value.problems] == [
        ("reference_not_found", "/b", 422),
        ("reference_not_found", "/c", 422),
    ]


@pytest.mark.parametrize(("value", "expected"), [("GB", "GB"), ("nl", "NL"), ("US", "US")])
def test_iso_country_codes_are_accepted(value: str, expected: str) -> None:
    assert TypeAdapter(CountryCode).validate_python(value) == expected


@pytest.mark.parametrize("value", ["UK", "XX", "GBR", "G", ""])
def test_other_country_codes_are_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(CountryCode).validate_python(value)


def _family() -> tuple[Table, Table, Table, Table]:
    """products <- product_storage_units (cascade) <- receipt_lines (restrict), and
    products <- notes (set null): tables of their own, to show the rule without the app's."""
    metadata = MetaData()

    def table(name: str, *columns: Column[Any]) -> Table:
        return Table(
            name,
            metadata,
            Column("id", Integer, primary_key=True),
            Column("tenant_id", Integer, nullable=False),
            *columns,
        )

    parents = table("products")
    children = table(
        "product_storage_units",
        Column("product_id", ForeignKey("products.id", ondelete="CASCADE")),
    )
    grandchildren = table(
        "receipt_lines", Column("product_storage_unit_id", ForeignKey("product_storage_units.id"))
    )
    notes = table("notes", Column("product_id", ForeignKey("products.id", ondelete="SET NULL")))
    return parents, children, grandchildren, notes


async def _family_database() -> tuple[AsyncEngine, Table]:
    """The `_family` tables with products 1, 2, 3: 1 is needed by a receipt line through its
    storage unit, 2 has a storage unit only, 3 a note only."""
    parents, children, grandchildren, notes = _family()
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as connection:
        await connection.run_sync(parents.metadata.create_all)
        await connection.execute(insert(parents), [{"id": n, "tenant_id": 1} for n in (1, 2, 3)])
        await connection.execute(
            insert(children),
            [
                {"id": 10, "tenant_id": 1, "product_id": 1},
                {"id": 20, "tenant_id": 1, "product_id": 2},
            ],
        )
        await connection.execute(
            insert(grandchildren), [{"id": 100, "tenant_id": 1, "product_storage_unit_id": 10}]
        )
        await connection.execute(insert(notes), [{"id": 7, "tenant_id": 1, "product_id": 3}])
    return engine, parents


async def test_records_in_use_are_those_other_rows_still_need() -> None:
    engine, parents = await _family_database()
    try:
        async with AsyncSession(engine) as session:
            await ensure_not_in_use(session, parents, tenant_id=1, record_ids=[2, 3])
            await ensure_not_in_use(session, parents, tenant_id=2, record_ids=[1])
            with pytest.raises(ClarusError) as refused:
                await ensure_not_in_use(session, parents, tenant_id=1, record_ids=[1, 2, 3])
    finally:
        await engine.dispose()
    assert [(p.kind.symbol, p.context) for p in refused.value.problems] == [
        ("record_in_use", {"resource": "products", "id": 1, "used_by": ["receipt_lines"]})
    ]


async def test_generic_deletes_check_the_kinds_rules_first_then_what_needs_the_records() -> None:
    engine, parents = await _family_database()
    checked: list[int] = []

    async def ensure_deletable(session: AsyncSession, tenant_id: int, record_id: int) -> None:
        checked.append(record_id)

    kind = crud.RecordKind(parents, event_name="product", ensure_deletable=ensure_deletable)
    try:
        async with AsyncSession(engine) as session:
            with pytest.raises(ClarusError) as one:
                await crud.delete_record(session, kind, tenant_id=1, record_id=1)
            with pytest.raises(ClarusError) as several:
                await crud.delete_records(session, kind, tenant_id=1, record_ids=[3, 2, 1])
            remaining = list((await session.execute(select(parents.c.id))).scalars())
    finally:
        await engine.dispose()
    assert checked == [1, 1, 2, 3]
    in_use = {"resource": "products", "id": 1, "used_by": ["receipt_lines"]}
    for refused in (one, several):
        assert [(p.kind.symbol, p.context) for p in refused.value.problems] == [
            ("record_in_use", in_use)
        ]
    assert sorted(remaining) == [1, 2, 3]
