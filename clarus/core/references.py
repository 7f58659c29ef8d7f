"""Checking that the records a payload points at (`*_id`) exist in the caller's tenant."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import ForeignKey, Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind, Problem


@dataclass(frozen=True, slots=True)
class Reference:
    table: Table
    record_id: int | None
    pointer: str


async def ensure_references_exist(
    session: AsyncSession, *, tenant_id: int, references: Iterable[Reference]
) -> None:
    """One query per referenced table; every missing record is reported with its pointer.

    A record of another tenant is reported exactly like a missing one.
    """
    by_table: dict[Table, list[Reference]] = defaultdict(list)
    for reference in references:
        if reference.record_id is not None:
            by_table[reference.table].append(reference)
    problems: list[Problem] = []
    for table, wanted in by_table.items():
        ids = {reference.record_id for reference in wanted}
        statement = select(table.c.id).where(table.c.tenant_id == tenant_id, table.c.id.in_(ids))
        found = set((await session.execute(statement)).scalars())
        problems += [
            Problem(
                ErrorKind.REFERENCE_NOT_FOUND,
                f"{table.name} {reference.record_id} does not exist.",
                reference.pointer,
                {"resource": table.name, "id": reference.record_id},
            )
            for reference in wanted
            if reference.record_id not in found
        ]
    if problems:
        raise ClarusError(*problems)


_NOT_BLOCKING = frozenset({"CASCADE", "SET NULL", "SET DEFAULT"})


def _restricting_foreign_keys(table: Table) -> list[ForeignKey]:
    """The foreign keys of other tables that point at `table` and keep its rows from being deleted.

    Rows that go with their parent (`ondelete="CASCADE"`) or let go of it (`SET NULL`) do not
    count; the rest would make the database refuse the delete.
    """
    return [
        foreign_key
        for other in table.metadata.tables.values()
        for foreign_key in other.foreign_keys
        if foreign_key.target_fullname.partition(".")[0] == table.name
        and (foreign_key.ondelete or "").upper() not in _NOT_BLOCKING
        and other is not table
    ]


async def ensure_not_referenced(
    session: AsyncSession, table: Table, *, tenant_id: int, record_ids: Collection[int]
) -> None:
    """Refuse to delete records that other rows still point at: one `record_in_use` problem per
    record, naming the tables that use it (a clear 422 instead of the database's refusal)."""
    used_by: dict[int, list[str]] = defaultdict(list)
    for foreign_key in _restricting_foreign_keys(table):
        column = foreign_key.parent
        statement = select(column).where(column.in_(record_ids)).distinct()
        if "tenant_id" in column.table.c:
            statement = statement.where(column.table.c.tenant_id == tenant_id)
        for record_id in (await session.execute(statement)).scalars():
            used_by[record_id].append(column.table.name)
    if used_by:
        raise ClarusError(
            *(
                Problem(
                    ErrorKind.RECORD_IN_USE,
                    f"{table.name} {record_id} is used by {', '.join(sorted(names))}.",
                    context={"resource": table.name, "id": record_id, "used_by": sorted(names)},
                )
                for record_id, names in sorted(used_by.items())
            )
        )
