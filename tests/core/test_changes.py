"""The `lines_changes` machinery, on a parent/child pair of tables made for this test."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

import pytest
from annotated_types import MaxLen
from pydantic import Discriminator, Field
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, select

from clarus.core.changes import (
    AddLine,
    DestroyLine,
    ParentLines,
    UpdateLine,
    apply_line_changes,
    only_additions,
)
from clarus.core.db import Database, UTCDateTime
from clarus.core.errors import ClarusError
from clarus.core.fields import Text
from clarus.core.schemas import InputModel, Omittable
from clarus.core.validation import parse_json_body

metadata = MetaData()
parents = Table(
    "test_change_parents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("tenant_id", Integer, nullable=False),
)
lines = Table(
    "test_change_lines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("tenant_id", Integer, nullable=False),
    Column("parent_id", Integer, ForeignKey("test_change_parents.id"), nullable=False),
    Column("product_code", String(20), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("note", String(50)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)


class LineUpdateAttributes(InputModel):
    product_code: Omittable[Annotated[Text, MaxLen(20)]] = None
    quantity: Omittable[Annotated[int, Field(ge=1)]] = None
    note: Text | None = None


class LineAttributes(LineUpdateAttributes):
    product_code: Annotated[Text, MaxLen(20)]
    quantity: Annotated[int, Field(ge=1)]


class LineAdd(AddLine[LineAttributes]):
    pass


class LineUpdate(UpdateLine[LineUpdateAttributes]):
    pass


class LineDestroy(DestroyLine):
    pass


LineChangeItem = Annotated[LineAdd | LineUpdate | LineDestroy, Discriminator("type")]


class Attributes(InputModel):
    lines_changes: list[LineChangeItem]


class Body(InputModel):
    attributes: Attributes


POINTER = "/attributes/lines_changes"


@pytest.fixture
async def tables(db: Database) -> AsyncIterator[None]:
    async with db.write_engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    yield
    async with db.write_engine.begin() as connection:
        await connection.run_sync(metadata.drop_all)


async def _parent(db: Database, tenant_id: int, line_rows: list[dict[str, Any]]) -> int:
    async with db.write_session() as session:
        parent_id = (
            await session.execute(
                parents.insert().values(tenant_id=tenant_id).returning(parents.c.id)
            )
        ).scalar_one()
    await _apply(
        db, tenant_id, parent_id, [{"type": "ADD", "attributes": row} for row in line_rows]
    )
    return int(parent_id)


def _body(changes: list[dict[str, Any]]) -> bytes:
    return json.dumps({"attributes": {"lines_changes": changes}}).encode()


async def _lines(db: Database, parent_id: int) -> list[tuple[str, int, str | None]]:
    async with db.read_session() as session:
        rows = await session.execute(
            select(lines.c.product_code, lines.c.quantity, lines.c.note)
            .where(lines.c.parent_id == parent_id)
            .order_by(lines.c.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def _ids(db: Database, parent_id: int) -> list[int]:
    async with db.read_session() as session:
        rows = await session.execute(
            select(lines.c.id).where(lines.c.parent_id == parent_id).order_by(lines.c.id)
        )
        return list(rows.scalars())


async def _apply(
    db: Database, tenant_id: int, parent_id: int, changes: list[dict[str, Any]]
) -> None:
    body = parse_json_body(Body, _body(changes))
    target = ParentLines(lines, "parent_id", parent_id, tenant_id)
    async with db.write_session() as session:
        await apply_line_changes(session, target, body.attributes.lines_changes, path=POINTER)


async def test_add_update_and_destroy_in_one_request(tables: None, db: Database) -> None:
    parent_id = await _parent(
        db,
        1,
        [
            {"product_code": "A", "quantity": 1},
            {"product_code": "B", "quantity": 2, "note": "x"},
            {"product_code": "C", "quantity": 3},
        ],
    )
    first, second, third = await _ids(db, parent_id)
    await _apply(
        db,
        1,
        parent_id,
        [
            {"type": "UPDATE", "id": first, "attributes": {"quantity": 10}},
            {"type": "UPDATE", "id": second, "attributes": {"note": None, "quantity": 20}},
            {"type": "DESTROY", "id": third},
            {"type": "ADD", "attributes": {"product_code": "D", "quantity": 4}},
        ],
    )
    assert await _lines(db, parent_id) == [("A", 10, None), ("B", 20, None), ("D", 4, None)]


async def test_ids_of_another_record_are_refused_and_nothing_changes(
    tables: None, db: Database
) -> None:
    parent_id = await _parent(db, 1, [{"product_code": "A", "quantity": 1}])
    other_id = await _parent(db, 1, [{"product_code": "Z", "quantity": 9}])
    foreign_tenant = await _parent(db, 2, [{"product_code": "Y", "quantity": 9}])
    [own] = await _ids(db, parent_id)
    [other] = await _ids(db, other_id)
    [foreign] = await _ids(db, foreign_tenant)
    with pytest.raises(ClarusError) as refused:
        await _apply(
            db,
            1,
            parent_id,
            [
                {"type": "ADD", "attributes": {"product_code": "N", "quantity": 1}},
                {"type": "DESTROY", "id": other},
                {"type": "UPDATE", "id": foreign, "attributes": {"quantity": 5}},
                {"type": "UPDATE", "id": own, "attributes": {"quantity": 5}},
                {"type": "DESTROY", "id": own},
            ],
        )
    assert [(p.kind.symbol, p.path) for p in refused.value.problems] == [
        ("line_not_found", f"{POINTER}/1/id"),
        ("line_not_found", f"{POINTER}/2/id"),
        ("duplicate_line_change", f"{POINTER}/4/id"),
    ]
    assert await _lines(db, parent_id) == [("A", 1, None)]


@pytest.mark.parametrize(
    ("changes", "symbol", "pointer"),
    [
        ([{"type": "MOVE", "id": 1}], "invalid_enum_value", f"{POINTER}/0/type"),
        ([{"id": 1}], "missing_field", f"{POINTER}/0/type"),
        ([{"type": "UPDATE", "attributes": {}}], "missing_field", f"{POINTER}/0/id"),
        ([{"type": "DESTROY"}], "missing_field", f"{POINTER}/0/id"),
        (
            [
                {"type": "ADD", "attributes": {"product_code": "A", "quantity": 0}},
                {"type": "ADD", "attributes": {"product_code": "", "quantity": 1}},
            ],
            "blank_value",
            f"{POINTER}/1/attributes/product_code",
        ),
        (
            [{"type": "ADD", "attributes": {"quantity": 1}}],
            "missing_field",
            f"{POINTER}/0/attributes/product_code",
        ),
        (
            [{"type": "UPDATE", "id": 1, "attributes": {"colour": "red"}}],
            "unknown_attribute",
            f"{POINTER}/0/attributes/colour",
        ),
    ],
)
def test_change_validation_points_at_the_item(
    changes: list[dict[str, Any]], symbol: str, pointer: str
) -> None:
    with pytest.raises(ClarusError) as refused:
        parse_json_body(Body, _body(changes))
    assert (symbol, pointer) in [(p.kind.symbol, p.path) for p in refused.value.problems]


def test_each_change_parses_to_its_typed_command() -> None:
    body = parse_json_body(
        Body,
        _body(
            [
                {"type": "ADD", "attributes": {"product_code": "A", "quantity": 1}},
                {"type": "UPDATE", "id": 7, "attributes": {"quantity": 2}},
                {"type": "REMOVE", "id": 3},
            ]
        ),
    )
    added, updated, destroyed = body.attributes.lines_changes
    assert isinstance(added, AddLine)
    assert (added.type, added.attributes.changes()) == (
        "ADD",
        {"product_code": "A", "quantity": 1},
    )
    assert isinstance(updated, UpdateLine)
    assert (updated.type, updated.id, updated.attributes.changes()) == (
        "UPDATE",
        7,
        {"quantity": 2},
    )
    assert isinstance(destroyed, DestroyLine)
    assert (destroyed.type, destroyed.id) == ("DESTROY", 3)


def test_create_takes_only_additions() -> None:
    body = parse_json_body(
        Body,
        _body(
            [
                {"type": "ADD", "attributes": {"product_code": "A", "quantity": 1}},
                {"type": "DESTROY", "id": 3},
            ]
        ),
    )
    with pytest.raises(ClarusError) as refused:
        only_additions(body.attributes.lines_changes, POINTER)
    [problem] = refused.value.problems
    assert (problem.kind.symbol, problem.path) == ("invalid_enum_value", f"{POINTER}/1/type")
