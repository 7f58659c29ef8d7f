"""The writes of records with an inline address and lines (goods in receipts, goods outs), the
steps the inbound and outbound services share: what a create or update sent (header values apart
from the address and the line changes), the record read under lock, and, once the service's own
rules have passed, the `reference` and line references checked, the header, its address and its
lines written together, the whole record shown and its outbox event emitted.

It sits in masterdata, below the domains it serves, because the inline address is masterdata's;
the address-free part (lines, their references, the record shown) is `clarus.core.documents`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    FromClause,
    RowMapping,
    Select,
    bindparam,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.changes import LineChange, apply_line_changes, insert_new_lines, only_additions
from clarus.core.crud import RecordKind, check_record, emit_change
from clarus.core.documents import (
    LINES_CHANGES_PATH,
    LinesKind,
    ensure_line_references,
    ensure_reference_free,
    sent_attributes,
    shown_document,
    shown_lines,
)
from clarus.core.records import (
    RowDict,
    delete_returning,
    fetch_record,
    id_of,
    insert_returning,
    reference_of,
    update_returning,
)
from clarus.core.references import count_found, ids_parameter, referenced_ids
from clarus.core.schemas import InputModel
from clarus.masterdata.addresses import (
    InlineAddressChange,
    change_inline_address,
    fetch_address,
    insert_with_address,
    release_address,
    sent_address,
    shown_address,
)
from clarus.masterdata.document_updates import UpdateChecks, reference_values

INLINE_FIELDS = frozenset({"address", "lines_changes"})
"""What a create or update sends beside the header's own columns."""

LinesCheck = Callable[[AsyncSession, int, Sequence[LineChange]], Awaitable[Sequence[LineChange]]]
"""A kind's own check of the line changes sent (given the tenant), the records they point at
known to exist: the changes as written."""

HeaderT = TypeVar("HeaderT", bound=Mapping[str, object])
"""A kind's header row as its domain declares it (a TypedDict)."""
HeaderT_contra = TypeVar("HeaderT_contra", bound=Mapping[str, object], contravariant=True)

ChangeableCheck = Callable[[HeaderT, Mapping[str, object], Sequence[LineChange]], None]
"""A kind's refusal of an update the record's state forbids, given the record as it is, the
values and the line changes sent."""


class ValuesCompletion(Protocol[HeaderT_contra]):
    """A kind's filling in of an update's values (an explicit null put back to its default)."""

    def __call__(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        current: HeaderT_contra,
        values: dict[str, object],
    ) -> Awaitable[dict[str, object]]: ...


@dataclass(frozen=True)
class DefaultsRead:
    """What a kind's create reads beside its checks (`DocumentKind.checked_in_one`): `columns`
    of `source` where `where` holds, given the bound parameters `tenant_id` and `account_id`.
    No row refuses the record (its account is not the tenant's, say)."""

    columns: tuple[ColumnElement[Any], ...]
    source: FromClause
    where: ColumnElement[bool]


@dataclass(frozen=True, slots=True)
class SentDocument:
    """What a create or update sent: the header's `values` and the line `changes`."""

    values: dict[str, Any]
    changes: Sequence[LineChange]


@dataclass(frozen=True)
class DocumentKind(Generic[HeaderT]):
    """A kind of record with an inline `address` and `lines`; `header` builds its row as its
    domain declares it; `active` says which of them keep their `reference` to themselves (those
    not cancelled); `ensure_changeable` refuses an update the record's state forbids;
    `complete_lines`, when a kind has more rules for its lines than their references existing,
    checks (and may complete) them once those references are known to exist;
    `complete_values`, when set, fills an update's values in."""

    kind: RecordKind
    lines: LinesKind
    header: Callable[[RowMapping], HeaderT]
    active: ColumnElement[bool]
    ensure_changeable: ChangeableCheck[HeaderT]
    complete_lines: LinesCheck | None = None
    complete_values: ValuesCompletion[HeaderT] | None = None
    _built_checks: dict[tuple[tuple[str, ...], bool], Select[Any]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def sent_new(self, attributes: InputModel) -> SentDocument:
        """What a create sent; its line changes may only add lines."""
        values = attributes.model_dump(exclude_none=True, exclude=set(INLINE_FIELDS))
        changes = _line_changes(attributes)
        only_additions(changes, LINES_CHANGES_PATH)
        return SentDocument(values, changes)

    def _sent_changes(self, attributes: InputModel) -> SentDocument:
        """What an update sent, a null flag put back to its default."""
        values = self.kind.changes_of(attributes)
        for name in INLINE_FIELDS:
            values.pop(name, None)
        return SentDocument(values, _line_changes(attributes))

    async def locked(self, session: AsyncSession, *, tenant_id: int, record_id: int) -> HeaderT:
        """The record as it is, read under lock; another tenant's is answered as missing."""
        return await fetch_record(
            session,
            self.kind.table,
            tenant_id=tenant_id,
            record_id=record_id,
            resource=self.kind.event_name,
            lock=True,
            shape=self.header,
        )

    async def checked_lines(
        self, session: AsyncSession, *, tenant_id: int, changes: Sequence[LineChange]
    ) -> Sequence[LineChange]:
        """The line changes as written, once the records they point at are known to exist and
        the kind's own rules for them have passed."""
        await ensure_line_references(session, self.lines, tenant_id=tenant_id, changes=changes)
        return await self.completed_lines(session, tenant_id=tenant_id, changes=changes)

    async def completed_lines(
        self, session: AsyncSession, *, tenant_id: int, changes: Sequence[LineChange]
    ) -> Sequence[LineChange]:
        """The line changes as written, the records they point at known to exist."""
        if self.complete_lines is not None:
            return await self.complete_lines(session, tenant_id, changes)
        return changes

    @cached_property
    def update_checks(self) -> UpdateChecks:
        return UpdateChecks(self.kind, self.lines, self.active)

    async def ensure_reference_free(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        values: Mapping[str, object],
        record_id: int | None = None,
    ) -> None:
        """`reference` is unique per account among the active records (`reference_taken`)."""
        await ensure_reference_free(
            session,
            self.kind.table,
            tenant_id=tenant_id,
            values=values,
            active=self.active,
            resource=self.kind.event_name,
            record_id=record_id,
        )

    async def shown(
        self,
        session: AsyncSession,
        row: Mapping[str, object],
        address: RowDict | None,
        *,
        tenant_id: int,
    ) -> RowDict:
        """The record as responses and events show it: its address and its current lines."""
        return await shown_document(
            session, self.lines, row, address=shown_address(address), tenant_id=tenant_id
        )

    async def checked_in_one(
        self,
        session: AsyncSession,
        defaults: DefaultsRead,
        *,
        tenant_id: int,
        values: Mapping[str, object],
        changes: Sequence[LineChange],
    ) -> tuple[Any, ...] | None:
        """The `defaults` of a new record (typed as the caller's `columns` are), read in the one
        statement that also checks every id the record and its lines send (`kind.references`,
        `lines.references`) and that its `reference` is free; None when any of that fails: the
        caller then runs the checks one by one, which refuse with the very problems, in the
        very order, they always give."""
        tables = referenced_ids(self.kind.references, [values])
        line_values = [sent_attributes(change) for change in changes]
        for table, ids in referenced_ids(self.lines.references, line_values).items():
            tables[table] |= ids
        reference = values.get("reference")
        names = tuple(sorted(table.name for table in tables))
        statement = self._checks_statement(defaults, names, with_reference=reference is not None)
        parameters = {
            "tenant_id": tenant_id,
            "account_id": values["account_id"],
            "reference": reference,
            **{ids_parameter(table): sorted(ids) for table, ids in tables.items()},
        }
        row = (await session.execute(statement, parameters)).one_or_none()
        if row is None:
            return None
        width = len(defaults.columns)
        counts = dict(zip(names, row[width : width + len(names)], strict=True))
        if reference is not None and row[-1]:
            return None
        if any(counts[table.name] != len(ids) for table, ids in tables.items()):
            return None
        return tuple(row[:width])

    def _checks_statement(
        self, defaults: DefaultsRead, table_names: tuple[str, ...], *, with_reference: bool
    ) -> Select[Any]:
        """Built once per shape (the tables the ids sent name, whether a reference is sent):
        the defaults, how many of the ids sent exist in each table, and whether an active
        record of the account has the reference."""
        key = (table_names, with_reference)
        built = self._built_checks.get(key)
        if built is not None:
            return built
        tenant_id: BindParameter[int] = bindparam("tenant_id")
        by_name = {
            table.name: table
            for table in (*self.kind.references.values(), *self.lines.references.values())
        }
        columns: list[ColumnElement[Any]] = [
            *defaults.columns,
            *(count_found(by_name[name], tenant_id) for name in table_names),
        ]
        if with_reference:
            table = self.kind.table
            taken = (
                select(table.c.id)
                .where(
                    table.c.tenant_id == tenant_id,
                    table.c.account_id == bindparam("account_id"),
                    table.c.reference == bindparam("reference"),
                    self.active,
                )
                .exists()
            )
            columns.append(taken)
        built = select(*columns).select_from(defaults.source).where(defaults.where)
        self._built_checks[key] = built
        return built

    async def create(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        values: Mapping[str, object],
        changes: Sequence[LineChange],
        attributes: InputModel,
    ) -> RowDict:
        """Insert the record with the `address` sent (if any) and its lines, once its
        `reference` is free and its lines are checked."""
        await self.ensure_reference_free(session, tenant_id=tenant_id, values=values)
        changes = await self.checked_lines(session, tenant_id=tenant_id, changes=changes)
        return await self.insert(
            session, tenant_id=tenant_id, values=values, changes=changes, attributes=attributes
        )

    async def insert(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        values: Mapping[str, object],
        changes: Sequence[LineChange],
        attributes: InputModel,
    ) -> RowDict:
        """`create`'s writes, for a caller that has made its checks: the `address` sent (if
        any) and the record (`insert_with_address`: one statement on PostgreSQL), its lines
        (an `INSERT ... RETURNING`) and its event."""
        address = None
        address_in = sent_address(attributes)
        if address_in is None:
            row = await insert_returning(
                session, self.kind.table, tenant_id=tenant_id, values=values
            )
        else:
            row, address = await insert_with_address(
                session, self.kind.table, tenant_id=tenant_id, values=values, address_in=address_in
            )
        added = await insert_new_lines(session, self.lines.of(id_of(row), tenant_id), changes)
        record = {**row, "address": shown_address(address), "lines": shown_lines(added)}
        await emit_change(
            session, self.kind, tenant_id=tenant_id, event="created", record=record, created=True
        )
        return record

    async def update(
        self,
        session: AsyncSession,
        kind: RecordKind,
        /,
        *,
        tenant_id: int,
        record_id: int,
        attributes: InputModel,
    ) -> RowDict:
        """The kind's update write (`kind`: its own `kind`): change the record (read under
        lock), its `address` (replaced whole, removed by a null) and its lines as `attributes`
        ask, once `ensure_changeable` allows the change, the records the values point at exist,
        `complete_values` (if any) has filled the values in, the `reference` is free and the
        lines are checked.

        The read under lock checks all of that at once (`UpdateChecks`); only when something
        is amiss do the checks run one by one, to refuse as they always have."""
        sent = self._sent_changes(attributes)
        locked = await self.update_checks.locked(
            session,
            kind,
            tenant_id=tenant_id,
            record_id=record_id,
            values=sent.values,
            changes=sent.changes,
        )
        current = self.header(locked.row)
        self.ensure_changeable(current, sent.values, sent.changes)
        if not locked.passed:
            await check_record(
                session, kind, tenant_id=tenant_id, values=sent.values, record_id=record_id
            )
        values = sent.values
        checked_reference = reference_values(values)
        if self.complete_values is not None:
            values = await self.complete_values(
                session, tenant_id=tenant_id, current=current, values=values
            )
        if not locked.passed or reference_values(values) != checked_reference:
            await self.ensure_reference_free(
                session, tenant_id=tenant_id, values={**current, **values}, record_id=record_id
            )
        changes = (
            await self.completed_lines(session, tenant_id=tenant_id, changes=sent.changes)
            if locked.passed
            else await self.checked_lines(session, tenant_id=tenant_id, changes=sent.changes)
        )
        address_change = (
            InlineAddressChange({}, locked.address)
            if sent_address(attributes) is None and "address" not in attributes.model_fields_set
            else await change_inline_address(
                session,
                tenant_id=tenant_id,
                address_id=reference_of(current, "address_id"),
                attributes=attributes,
            )
        )
        row = await update_returning(
            session,
            self.kind.table,
            tenant_id=tenant_id,
            record_id=record_id,
            values={**values, **address_change.owner_values},
            resource=self.kind.event_name,
        )
        await address_change.finish(session, tenant_id=tenant_id)
        await apply_line_changes(
            session,
            self.lines.of(record_id, tenant_id),
            changes,
            path=LINES_CHANGES_PATH,
            ids_checked=locked.passed,
        )
        record = await self.shown(session, row, address_change.address, tenant_id=tenant_id)
        await emit_change(session, self.kind, tenant_id=tenant_id, event="updated", record=record)
        return record

    async def remove(
        self,
        session: AsyncSession,
        current: HeaderT,
        *,
        tenant_id: int,
        event: str = "deleted",
    ) -> RowDict:
        """Delete the record with its lines and address; the event shows it as it was."""
        address_id = reference_of(current, "address_id")
        address = await fetch_address(session, tenant_id, address_id)
        record = await self.shown(session, current, address, tenant_id=tenant_id)
        await delete_returning(
            session,
            self.kind.table,
            tenant_id=tenant_id,
            record_id=id_of(current),
            resource=self.kind.event_name,
        )
        await release_address(session, tenant_id=tenant_id, address_id=address_id)
        await emit_change(session, self.kind, tenant_id=tenant_id, event=event, record=record)
        return record


@runtime_checkable
class SendsLines(Protocol):
    """The attributes of a record with lines (`GoodsInReceiptAttributes`, ...), which reach the
    writes as a plain input model."""

    @property
    def lines_changes(self) -> Sequence[LineChange] | None: ...


def _line_changes(attributes: InputModel) -> Sequence[LineChange]:
    if isinstance(attributes, SendsLines):
        return attributes.lines_changes or []
    return []
