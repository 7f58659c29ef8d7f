"""The writes of records with an inline address and lines (goods in receipts, goods outs), once
their own rules have passed: the header, its address and its lines written together, the whole
record shown and its outbox event emitted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.changes import LineChange, apply_line_changes
from clarus.core.crud import RecordKind, emit_change
from clarus.core.documents import (
    LINES_CHANGES_PATH,
    LinesKind,
    ensure_reference_free,
    shown_document,
)
from clarus.core.records import Record, delete_returning, insert_returning, update_returning
from clarus.core.schemas import InputModel
from clarus.masterdata.addresses import (
    change_inline_address,
    fetch_address,
    insert_address,
    release_address,
    shown_address,
)


@dataclass(frozen=True)
class DocumentKind:
    """A kind of record with an inline `address` and `lines`; `active` says which of them keep
    their `reference` to themselves (those not cancelled)."""

    kind: RecordKind
    lines: LinesKind
    active: ColumnElement[bool]

    async def ensure_reference_free(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        values: Mapping[str, Any],
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
        self, session: AsyncSession, row: Record, address: Record | None, *, tenant_id: int
    ) -> Record:
        """The record as responses and events show it: its address and its current lines."""
        return await shown_document(
            session, self.lines, row, address=shown_address(address), tenant_id=tenant_id
        )

    async def create(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        values: Mapping[str, Any],
        changes: Sequence[LineChange],
        attributes: InputModel,
    ) -> Record:
        """Insert the record with the `address` sent (if any) and its lines."""
        address = None
        address_in: InputModel | None = getattr(attributes, "address", None)
        if address_in is not None:
            address = await insert_address(session, tenant_id=tenant_id, attributes=address_in)
            values = {**values, "address_id": address["id"]}
        row = await insert_returning(session, self.kind.table, tenant_id=tenant_id, values=values)
        await apply_line_changes(
            session, self.lines.of(row["id"], tenant_id), changes, path=LINES_CHANGES_PATH
        )
        record = await self.shown(session, row, address, tenant_id=tenant_id)
        await emit_change(session, self.kind, tenant_id=tenant_id, event="created", record=record)
        return record

    async def update(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        current: Record,
        values: Mapping[str, Any],
        changes: Sequence[LineChange],
        attributes: InputModel,
    ) -> Record:
        """Write `values`, the `address` sent (replaced whole, removed by a null) and the line
        changes to the record as it is (`current`, read under lock)."""
        record_id = current["id"]
        address_change = await change_inline_address(
            session, tenant_id=tenant_id, address_id=current["address_id"], attributes=attributes
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
            session, self.lines.of(record_id, tenant_id), changes, path=LINES_CHANGES_PATH
        )
        record = await self.shown(session, row, address_change.address, tenant_id=tenant_id)
        await emit_change(session, self.kind, tenant_id=tenant_id, event="updated", record=record)
        return record

    async def remove(
        self, session: AsyncSession, current: Record, *, tenant_id: int, event: str = "deleted"
    ) -> Record:
        """Delete the record with its lines and address; the event shows it as it was."""
        address = await fetch_address(session, tenant_id, current["address_id"])
        record = await self.shown(session, current, address, tenant_id=tenant_id)
        await delete_returning(
            session,
            self.kind.table,
            tenant_id=tenant_id,
            record_id=current["id"],
            resource=self.kind.event_name,
        )
        await release_address(session, tenant_id=tenant_id, address_id=current["address_id"])
        await emit_change(session, self.kind, tenant_id=tenant_id, event=event, record=record)
        return record
