"""`lines_changes`: ADD, UPDATE and DESTROY of a record's child rows in one request.

The request models are `AddLine`, `UpdateLine` and `DestroyLine`, which each resource subclasses
with its own line attributes; `apply_line_changes` checks that every UPDATE and DESTROY names a
line of this very record, then writes set-based: one DELETE, one INSERT of the new lines, and one
UPDATE for each run of lines changing the same columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import AfterValidator
from sqlalchemy import RowMapping, Table, bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.fields import RecordId
from clarus.core.schemas import InputModel

CHANGE_TYPES = ("ADD", "UPDATE", "DESTROY")

AttributesT = TypeVar("AttributesT", bound=InputModel, covariant=True)


DestroyType = Annotated[Literal["DESTROY", "REMOVE"], AfterValidator(lambda _tag: "DESTROY")]
"""The operations' prose writes `REMOVE` where their schemas say `DESTROY`; both are read as
`DESTROY`. (A validator on the tag, not on the item: an item-level validator would make pydantic
validate the attributes as Python rather than JSON, and refuse ISO datetime strings.)"""


class AddLine(InputModel, Generic[AttributesT]):
    """An ADD: a new line with its attributes (the create model of the line)."""

    type: Literal["ADD"]
    attributes: AttributesT


class UpdateLine(InputModel, Generic[AttributesT]):
    """An UPDATE: the changed attributes of line `id` (the update model of the line)."""

    type: Literal["UPDATE"]
    id: RecordId
    attributes: AttributesT


class DestroyLine(InputModel):
    """A DESTROY (or `REMOVE`): line `id` goes."""

    type: DestroyType
    id: RecordId


LineChange = AddLine[InputModel] | UpdateLine[InputModel] | DestroyLine
"""One parsed item of a `*_changes` array; its `type` tells which command it is. Each resource
declares its own three subclasses (`class GoodsOutLineAdd(AddLine[GoodsOutLineAttributes])`, its
`...Update` and `...Destroy`) and the array's item type, their union discriminated by `type`:
`Annotated[GoodsOutLineAdd | GoodsOutLineUpdate | GoodsOutLineDestroy, Discriminator("type")]`.
The subclasses have no docstring: it would become their description in the OpenAPI document."""


def only_additions(changes: Sequence[LineChange], path: str) -> None:
    """On create there is nothing to update or destroy yet."""
    problems = [
        Problem(
            ErrorKind.INVALID_ENUM_VALUE,
            "Only ADD is allowed when creating a record.",
            f"{path}/{index}/type",
            {"allowed": ["ADD"]},
        )
        for index, change in enumerate(changes)
        if change.type != "ADD"
    ]
    if problems:
        raise ClarusError(*problems)


@dataclass(frozen=True, slots=True)
class ParentLines:
    """The lines of one record: rows of `table` whose `parent_column` is `parent_id`."""

    table: Table
    parent_column: str
    parent_id: int
    tenant_id: int


async def _check_line_ids(
    session: AsyncSession, lines: ParentLines, changes: Sequence[LineChange], path: str
) -> None:
    targeted = [
        (index, change) for index, change in enumerate(changes) if not isinstance(change, AddLine)
    ]
    if not targeted:
        return
    ids = {change.id for _, change in targeted}
    table = lines.table
    statement = select(table.c.id).where(
        table.c.tenant_id == lines.tenant_id,
        table.c[lines.parent_column] == lines.parent_id,
        table.c.id.in_(ids),
    )
    owned = set((await session.execute(statement)).scalars())
    problems: list[Problem] = []
    seen: set[int] = set()
    for index, change in targeted:
        line_id = change.id
        if line_id not in owned:
            problems.append(
                Problem(ErrorKind.LINE_NOT_FOUND, None, f"{path}/{index}/id", {"id": line_id})
            )
        elif line_id in seen:
            problems.append(
                Problem(
                    ErrorKind.DUPLICATE_LINE_CHANGE, None, f"{path}/{index}/id", {"id": line_id}
                )
            )
        seen.add(line_id)
    if problems:
        raise ClarusError(*problems)


async def apply_line_changes(
    session: AsyncSession,
    lines: ParentLines,
    changes: Sequence[LineChange],
    *,
    path: str,
    added_values: Mapping[str, object] | None = None,
    ids_checked: bool = False,
) -> None:
    """Apply `changes` to the lines of one parent; refuse the lot if any id is not its own
    (unless the caller has made sure every id named is its own, once: `ids_checked`)."""
    if not ids_checked:
        await _check_line_ids(session, lines, changes, path)
    table, now = lines.table, utcnow()
    destroyed = [c.id for c in changes if isinstance(c, DestroyLine)]
    if destroyed:
        await session.execute(delete(table).where(table.c.id.in_(destroyed)))
    await _update_lines(session, table, [c for c in changes if isinstance(c, UpdateLine)], now)
    for values in _group_by_columns(_added_rows(lines, changes, now, added_values)):
        await session.execute(insert(table), values)


def _added_rows(
    lines: ParentLines,
    changes: Sequence[LineChange],
    now: datetime,
    added_values: Mapping[str, object] | None = None,
) -> list[dict[str, object]]:
    return [
        {
            **(added_values or {}),
            **c.attributes.model_dump(exclude_none=True),
            "tenant_id": lines.tenant_id,
            lines.parent_column: lines.parent_id,
            "created_at": now,
            "updated_at": now,
        }
        for c in changes
        if isinstance(c, AddLine)
    ]


async def insert_new_lines(
    session: AsyncSession, lines: ParentLines, changes: Sequence[LineChange]
) -> list[RowMapping]:
    """The lines of a record being created (its changes are ADDs: `only_additions`), inserted
    with one executemany `INSERT ... RETURNING` per run of lines sending the same attributes:
    the rows in the order of their ids, as a read of the lines would give them. (A batch's ids
    follow the order sent; asking RETURNING to keep that order, `sort_by_parameter_order`, makes
    SQLite insert the lines one by one.)"""
    table = lines.table
    statement = insert(table).returning(*table.c)
    rows: list[RowMapping] = []
    for values in _group_by_columns(_added_rows(lines, changes, utcnow())):
        rows.extend((await session.execute(statement, values)).mappings())
    return sorted(rows, key=lambda row: int(row["id"]))


async def _update_lines(
    session: AsyncSession, table: Table, updates: Sequence[UpdateLine[InputModel]], now: datetime
) -> None:
    """One executemany UPDATE per run of lines changing the same columns; the columns set are
    those the parameters name (with `updated_at`), so one statement serves every run."""
    rows = [{**c.attributes.changes(), "updated_at": now, "line_id": c.id} for c in updates]
    statement = _update_line(table)
    for group in _group_by_columns(rows):
        await session.execute(statement, group, execution_options={"synchronize_session": False})


_UPDATE_LINE: dict[Table, Executable] = {}


def _update_line(table: Table) -> Executable:
    """Built once per table: the UPDATE of the line `line_id`."""
    statement = _UPDATE_LINE.get(table)
    if statement is None:
        statement = update(table).where(table.c.id == bindparam("line_id"))
        _UPDATE_LINE[table] = statement
    return statement


def _group_by_columns(rows: list[dict[str, object]]) -> list[list[dict[str, object]]]:
    """Runs of rows with the same keys share one executemany statement; order is kept, so new
    lines get ids in the order they were sent."""
    return [list(run) for _, run in groupby(rows, key=lambda row: tuple(sorted(row)))]
