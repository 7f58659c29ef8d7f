"""Records with lines (goods in receipts, goods outs): the lines read back in one query per
request, their references checked in one query per referenced table, and the record shown whole
(`lines` beside its attributes) in responses and events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, overload

from sqlalchemy import ColumnElement, RowMapping, Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.changes import DestroyLine, LineChange, ParentLines
from clarus.core.errors import ErrorKind
from clarus.core.records import RowDict, ensure_unique, id_of
from clarus.core.references import Reference, ensure_references_exist

LINES_CHANGES_PATH = "/lines_changes"
HIDDEN_LINE_COLUMNS = frozenset({"tenant_id"})
LineT = TypeVar("LineT")


@dataclass(frozen=True)
class LinesKind:
    """The lines of one kind of record: rows of `table` pointing at it through `parent_column`;
    `references` names the line attributes that point at other records."""

    table: Table
    parent_column: str
    references: Mapping[str, Table] = field(default_factory=dict)

    def of(self, parent_id: int, tenant_id: int) -> ParentLines:
        return ParentLines(self.table, self.parent_column, parent_id, tenant_id)


def sent_attributes(change: LineChange) -> Mapping[str, Any]:
    """The attributes an ADD or UPDATE sent (a DESTROY sends none)."""
    return {} if isinstance(change, DestroyLine) else change.attributes.changes()


async def ensure_line_references(
    session: AsyncSession,
    lines: LinesKind,
    *,
    tenant_id: int,
    changes: Sequence[LineChange],
) -> None:
    """Every record the lines being added or updated point at exists in the tenant; each missing
    one is reported at its line's path."""
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(table, record_id, f"{LINES_CHANGES_PATH}/{index}/attributes/{name}")
            for index, change in enumerate(changes)
            for attributes in (sent_attributes(change),)
            for name, table in lines.references.items()
            if isinstance(record_id := attributes.get(name), int)
        ],
    )


@overload
async def lines_by_parent(
    session: AsyncSession, lines: LinesKind, *, tenant_id: int, parent_ids: Collection[int]
) -> dict[int, list[RowDict]]: ...
@overload
async def lines_by_parent(
    session: AsyncSession,
    lines: LinesKind,
    *,
    tenant_id: int,
    parent_ids: Collection[int],
    shape: Callable[[RowMapping], LineT],
) -> dict[int, list[LineT]]: ...
async def lines_by_parent(
    session: AsyncSession,
    lines: LinesKind,
    *,
    tenant_id: int,
    parent_ids: Collection[int],
    shape: Callable[[RowMapping], object] | None = None,
) -> Mapping[int, Sequence[object]]:
    """The lines of each parent, in the order they were added: as shown (without `tenant_id`),
    or as `shape` builds them from the row.

    The query filters on the parents only, and the tenant is checked on the rows: with both in
    the WHERE, SQLite (without ANALYZE statistics) reads the lines through the `tenant_id`
    index, that is every line of the tenant, so the read grew with the table (26 ms at 72,000
    lines) instead of with the parents' lines.
    """
    table = lines.table
    parent = table.c[lines.parent_column]
    statement = select(table).where(parent.in_(parent_ids)).order_by(table.c.id)
    found: dict[int, list[object]] = defaultdict(list)
    for row in (await session.execute(statement)).mappings():
        if row["tenant_id"] != tenant_id:
            continue
        line = (
            {name: value for name, value in row.items() if name not in HIDDEN_LINE_COLUMNS}
            if shape is None
            else shape(row)
        )
        found[row[lines.parent_column]].append(line)
    return found


def shown_lines(rows: Sequence[RowMapping]) -> list[RowDict]:
    """Lines as responses and events show them (without `tenant_id`)."""
    return [
        {name: value for name, value in row.items() if name not in HIDDEN_LINE_COLUMNS}
        for row in rows
    ]


async def shown_document(
    session: AsyncSession,
    lines: LinesKind,
    row: Mapping[str, object],
    *,
    address: RowDict | None,
    tenant_id: int,
) -> RowDict:
    """The record as responses and events show it: its inline `address` (as shown) and its
    current `lines`."""
    row_id = id_of(row)
    found = await lines_by_parent(session, lines, tenant_id=tenant_id, parent_ids=[row_id])
    return {**row, "address": address, "lines": found.get(row_id, [])}


async def ensure_reference_free(
    session: AsyncSession,
    table: Table,
    *,
    tenant_id: int,
    values: Mapping[str, object],
    active: ColumnElement[bool],
    resource: str,
    record_id: int | None = None,
) -> None:
    """A `reference` is unique per account among the `active` records (those not cancelled);
    a clash is `reference_taken`, naming the record that has it."""
    if values.get("reference") is None:
        return
    await ensure_unique(
        session,
        table,
        tenant_id=tenant_id,
        values={"account_id": values["account_id"], "reference": values["reference"]},
        kind=ErrorKind.REFERENCE_TAKEN,
        path="/reference",
        resource=resource,
        excluding_id=record_id,
        where=active,
    )
