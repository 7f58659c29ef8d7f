"""Checking that the records a payload points at (`*_id`) exist in the caller's tenant."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Table, select
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
