"""The read that starts an update of a record with an inline address and lines
(`DocumentKind.update`): the record under lock with its address, and in the same statement
every check the update's values and line changes need (the ids they send exist in the tenant,
the lines they name are the record's own, the `reference` is free). When anything is amiss it
says only that: the update then runs its checks one by one, which refuse with the very
problems, in the very order, they always give."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    RowMapping,
    Select,
    and_,
    bindparam,
    false,
    func,
    literal_column,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.util import ClauseAdapter

from clarus.core.changes import AddLine, LineChange
from clarus.core.crud import RecordKind
from clarus.core.documents import LinesKind, sent_attributes
from clarus.core.errors import NotFound
from clarus.core.records import RowDict
from clarus.core.references import count_found, ids_parameter, referenced_ids
from clarus.masterdata.tables import addresses

Source = Literal["sent", "stored"]
"""Where the update's check takes a header value from: the values sent, or the stored row."""
ADDRESS_PREFIX = "address__"
OWNED_LINES = "owned_lines"
REFERENCE_TAKEN = "reference_taken"
REFERENCE_COLUMNS = ("account_id", "reference")
"""What the reference check compares (`ensure_reference_free`)."""


@dataclass(frozen=True, slots=True)
class LockedRecord:
    """The record as it is (read under lock), its inline address (as stored, or None), and
    whether every check of the update passed (`passed`: False means run them one by one)."""

    row: RowMapping
    address: RowDict | None
    passed: bool


@dataclass(frozen=True)
class UpdateChecks:
    """The update read of one kind of record; statements built once per shape (the tables the
    ids sent name, whether lines are named, where the reference and its account come from)."""

    kind: RecordKind
    lines: LinesKind
    active: ColumnElement[bool]
    _built: dict[object, Select[Any]] = field(default_factory=dict, compare=False, repr=False)

    async def locked(
        self,
        session: AsyncSession,
        kind: RecordKind,
        *,
        tenant_id: int,
        record_id: int,
        values: Mapping[str, object],
        changes: Sequence[LineChange],
    ) -> LockedRecord:
        """The record under lock and the checks' verdict; `kind`: the caller's record kind,
        whose references the values are checked against (one with other references than this
        kind's, or with unique codes or keys, is always checked one by one). Another tenant's
        record is answered as missing."""
        tables = referenced_ids(kind.references, [values])
        for table, ids in referenced_ids(
            self.lines.references, [sent_attributes(change) for change in changes]
        ).items():
            tables[table] |= ids
        named = [change.id for change in changes if not isinstance(change, AddLine)]
        sources = _reference_sources(values)
        checkable = (
            kind.references == self.kind.references
            and not kind.unique_code
            and not kind.unique_keys
            and sources is not None
            and max(Counter(named).values(), default=1) == 1
        )
        names = tuple(sorted(table.name for table in tables)) if checkable else ()
        statement = self._statement(
            names, has_lines=checkable and bool(named), sources=sources if checkable else None
        )
        parameters: dict[str, object] = {
            "tenant_id": tenant_id,
            "record_id": record_id,
            "line_ids": named,
            **{f"sent_{name}": values.get(name) for name in REFERENCE_COLUMNS},
            **{ids_parameter(table): sorted(ids) for table, ids in tables.items()},
        }
        row = (await session.execute(statement, parameters)).mappings().one_or_none()
        if row is None:
            raise NotFound(self.kind.event_name, record_id)
        address = None
        if row[f"{ADDRESS_PREFIX}id"] is not None:
            address = {column.name: row[f"{ADDRESS_PREFIX}{column.name}"] for column in addresses.c}
        passed = (
            checkable
            and all(row[f"found_{table.name}"] == len(ids) for table, ids in tables.items())
            and (not named or row[OWNED_LINES] == len(named))
            and not row[REFERENCE_TAKEN]
        )
        return LockedRecord(row, address, passed)

    def _statement(
        self,
        table_names: tuple[str, ...],
        *,
        has_lines: bool,
        sources: tuple[Source, Source] | None,
    ) -> Select[Any]:
        key = (table_names, has_lines, sources)
        statement = self._built.get(key)
        if statement is None:
            statement = self._build(table_names, has_lines=has_lines, sources=sources)
            self._built[key] = statement
        return statement

    def _build(
        self,
        table_names: tuple[str, ...],
        *,
        has_lines: bool,
        sources: tuple[Source, Source] | None,
    ) -> Select[Any]:
        table = self.kind.table
        tenant_id: BindParameter[int] = bindparam("tenant_id")
        by_name = {
            referenced.name: referenced
            for referenced in (*self.kind.references.values(), *self.lines.references.values())
        }
        columns: list[ColumnElement[Any]] = [
            *table.c,
            *(column.label(f"{ADDRESS_PREFIX}{column.name}") for column in addresses.c),
            *(count_found(by_name[name], tenant_id).label(f"found_{name}") for name in table_names),
            self._owned_lines(has_lines, tenant_id).label(OWNED_LINES),
            self._reference_taken(sources, tenant_id).label(REFERENCE_TAKEN),
        ]
        joined = table.outerjoin(
            addresses,
            and_(addresses.c.id == table.c.address_id, addresses.c.tenant_id == table.c.tenant_id),
        )
        return (
            select(*columns)
            .select_from(joined)
            .where(table.c.id == bindparam("record_id"), table.c.tenant_id == tenant_id)
            .with_for_update(of=table)
        )

    def _owned_lines(self, has_lines: bool, tenant_id: BindParameter[int]) -> ColumnElement[Any]:
        """How many of the lines the UPDATEs and DESTROYs name are the record's own."""
        if not has_lines:
            return literal_column("0")
        lines = self.lines.table
        return (
            select(func.count())
            .select_from(lines)
            .where(
                lines.c.tenant_id == tenant_id,
                lines.c[self.lines.parent_column] == self.kind.table.c.id,
                lines.c.id.in_(bindparam("line_ids", expanding=True)),
            )
            .scalar_subquery()
        )

    def _reference_taken(
        self, sources: tuple[Source, Source] | None, tenant_id: BindParameter[int]
    ) -> ColumnElement[Any]:
        """Whether another active record of the account has the reference the record will
        have (a null reference clashes with none)."""
        if sources is None:
            return false()
        table = self.kind.table
        other = table.alias("other")
        account_id, reference = (
            bindparam(f"sent_{name}") if source == "sent" else table.c[name]
            for name, source in zip(REFERENCE_COLUMNS, sources, strict=True)
        )
        return (
            select(other.c.id)
            .where(
                other.c.tenant_id == tenant_id,
                other.c.account_id == account_id,
                other.c.reference == reference,
                other.c.id != table.c.id,
                ClauseAdapter(other).traverse(self.active),
            )
            .exists()
        )


def _reference_sources(values: Mapping[str, object]) -> tuple[Source, Source] | None:
    """Where the account and reference checked come from; None when either is sent null
    (left to the checks one by one)."""
    sources: list[Source] = []
    for name in REFERENCE_COLUMNS:
        if name not in values:
            sources.append("stored")
        elif values[name] is None:
            return None
        else:
            sources.append("sent")
    return sources[0], sources[1]


def reference_values(values: Mapping[str, object]) -> dict[str, object]:
    """What of `values` the reference check reads (to tell whether `complete_values` changed
    it after the check)."""
    return {name: values[name] for name in REFERENCE_COLUMNS if name in values}
