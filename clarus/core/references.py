"""Foreign keys between tenant records: the records a payload points at (`*_id`) exist in the
caller's tenant, and a record other rows still need is not deleted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, ForeignKey, ScalarSelect, Table, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind, Problem


@dataclass(frozen=True, slots=True)
class Reference:
    table: Table
    record_id: int | None
    path: str


def sent_id(value: object) -> int | None:
    """An id attribute as a payload's values hold it: the validated id, or None when it was
    left out or sent null."""
    return value if isinstance(value, int) else None


async def ensure_references_exist(
    session: AsyncSession, *, tenant_id: int, references: Iterable[Reference]
) -> None:
    """One query per referenced table; every missing record is reported with its path.

    A record of another tenant is reported exactly like a missing one.
    """
    problems = await missing_references(session, tenant_id=tenant_id, references=references)
    if problems:
        raise ClarusError(*problems)


async def missing_references(
    session: AsyncSession, *, tenant_id: int, references: Iterable[Reference]
) -> list[Problem]:
    """The problems `ensure_references_exist` raises, for a caller that adds its own."""
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
            reference_not_found(table.name, reference.record_id, reference.path)
            for reference in wanted
            if reference.record_id is not None and reference.record_id not in found
        ]
    return problems


def referenced_ids(
    references: Mapping[str, Table], values: Iterable[Mapping[str, object]]
) -> dict[Table, set[int]]:
    """The ids `values` (a header's, or each line's) send in the attributes `references` names,
    by table."""
    found: dict[Table, set[int]] = defaultdict(set)
    for sent in values:
        for name, table in references.items():
            record_id = sent.get(name)
            if isinstance(record_id, int):
                found[table].add(record_id)
    return found


def count_found(table: Table, tenant_id: ColumnElement[int]) -> ScalarSelect[int]:
    """How many of the ids bound to `ids_parameter(table)` name a record of `table` in the
    tenant: a column of a statement that checks several tables at once (all exist when it
    equals the number of distinct ids)."""
    return (
        select(func.count())
        .select_from(table)
        .where(
            table.c.tenant_id == tenant_id,
            table.c.id.in_(bindparam(ids_parameter(table), expanding=True)),
        )
        .scalar_subquery()
    )


def ids_parameter(table: Table) -> str:
    return f"{table.name}_ids"


def reference_not_found(resource: str, record_id: int, path: str) -> Problem:
    """The refusal of an id that names no `resource` record in the tenant; also for a resource
    that has no table yet, whose ids can name nothing."""
    return Problem(
        ErrorKind.REFERENCE_NOT_FOUND,
        f"{resource} {record_id} does not exist.",
        path,
        {"resource": resource, "id": record_id},
    )


_LETS_GO = frozenset({"SET NULL", "SET DEFAULT"})


def _foreign_keys_to(table: Table) -> list[ForeignKey]:
    """The foreign keys of other tables that point at `table`."""
    return [
        foreign_key
        for other in table.metadata.tables.values()
        if other is not table
        for foreign_key in other.foreign_keys
        if foreign_key.target_fullname.partition(".")[0] == table.name
    ]


async def _users_of(
    session: AsyncSession, table: Table, *, tenant_id: int, record_ids: Collection[int]
) -> dict[int, set[str]]:
    """For each record, the tables whose rows would keep it from being deleted.

    A row pointing at it without `ondelete` holds it back. Rows that go with it
    (`ondelete="CASCADE"`) hold it back only if they are held back themselves; rows that let go
    (`SET NULL`) never do.
    """
    used_by: dict[int, set[str]] = defaultdict(set)
    for foreign_key in _foreign_keys_to(table):
        column, other = foreign_key.parent, foreign_key.parent.table
        ondelete = (foreign_key.ondelete or "").upper()
        if ondelete in _LETS_GO:
            continue
        is_cascading = ondelete == "CASCADE"
        if is_cascading and "id" not in other.c:
            continue
        statement = select(other.c.id if is_cascading else column, column)
        statement = statement.where(column.in_(record_ids))
        if "tenant_id" in other.c:
            statement = statement.where(other.c.tenant_id == tenant_id)
        rows = (await session.execute(statement.distinct())).all()
        if not is_cascading:
            for _, record_id in rows:
                used_by[record_id].add(other.name)
            continue
        parent_of = {child_id: record_id for child_id, record_id in rows}
        if parent_of:
            nested = await _users_of(session, other, tenant_id=tenant_id, record_ids=parent_of)
            for child_id, names in nested.items():
                used_by[parent_of[child_id]] |= names
    return used_by


async def ensure_not_in_use(
    session: AsyncSession, table: Table, *, tenant_id: int, record_ids: Collection[int]
) -> None:
    """Refuse to delete records that other rows still need: one `record_in_use` problem per
    record, naming the tables that use it (a clear 422 instead of the database's refusal).

    Every generic delete (`clarus.core.crud`) runs it; a resource rule that names the rows in
    the way (`clarus.core.records.ensure_not_referenced`) goes in the kind's `ensure_deletable`.
    """
    used_by = await _users_of(session, table, tenant_id=tenant_id, record_ids=record_ids)
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
