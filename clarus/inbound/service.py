"""Writes of goods in receipts: the receipt, its inline address and its lines, in the caller's
transaction. Services never commit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import product_storage_units, products
from clarus.core.changes import AddLine, DestroyLine, LineChange, UpdateLine
from clarus.core.crud import (
    RecordKind,
    RecordWrites,
    check_record,
)
from clarus.core.documents import (
    LINES_CHANGES_PATH,
    LinesKind,
    sent_attributes,
)
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import RowDict
from clarus.core.schemas import InputModel
from clarus.inbound.rows import GoodsInReceiptRow, goods_in_receipt_row
from clarus.inbound.statuses import CHANGEABLE, ReceiptStatus
from clarus.inbound.tables import goods_in_receipt_lines, goods_in_receipts
from clarus.masterdata.addresses import fetch_address
from clarus.masterdata.documents import DefaultsRead, DocumentKind
from clarus.masterdata.tables import accounts, suppliers, warehouses
from clarus.tenancy.tables import tenants

RECEIPTS = RecordKind(
    goods_in_receipts,
    event_name="goods_in",
    unique_code=False,
    references={
        "account_id": accounts,
        "warehouse_id": warehouses,
        "supplier_id": suppliers,
    },
)
RECEIPT_LINES = LinesKind(
    goods_in_receipt_lines,
    "goods_in_receipt_id",
    references={"product_id": products, "product_storage_unit_id": product_storage_units},
)
SHAPE_COLUMNS = frozenset({"account_id", "warehouse_id"})
"""What stock a receipt brings where: fixed once receiving has started, like its lines."""


async def create_receipt(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    """A new receipt, `pending`, of the tenant's default receipt type."""
    sent = RECEIPT_DOCUMENTS.sent_new(attributes)
    values = sent.values
    checked = await RECEIPT_DOCUMENTS.checked_in_one(
        session, RECEIPT_DEFAULTS, tenant_id=tenant_id, values=values, changes=sent.changes
    )
    if checked is not None:
        (receipt_type,) = checked
        return await RECEIPT_DOCUMENTS.insert(
            session,
            tenant_id=tenant_id,
            values={**values, "status": ReceiptStatus.PENDING, "receipt_type": receipt_type},
            changes=await _with_storage_units(session, tenant_id, sent.changes),
            attributes=attributes,
        )
    await check_record(session, kind, tenant_id=tenant_id, values=values)
    values["status"] = ReceiptStatus.PENDING
    values["receipt_type"] = await _default_receipt_type(session, tenant_id)
    return await RECEIPT_DOCUMENTS.create(
        session, tenant_id=tenant_id, values=values, changes=sent.changes, attributes=attributes
    )


async def delete_receipt(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """Only a receipt nothing has been received against (draft or pending) is deleted; its
    lines and address go with it."""
    current = await RECEIPT_DOCUMENTS.locked(session, tenant_id=tenant_id, record_id=record_id)
    status = ReceiptStatus(current["status"])
    if status not in CHANGEABLE:
        raise _status_refusal(status, "deleted")
    await RECEIPT_DOCUMENTS.remove(session, current, tenant_id=tenant_id)


def _ensure_changeable(
    current: GoodsInReceiptRow, values: Mapping[str, object], changes: Sequence[LineChange]
) -> None:
    status = ReceiptStatus(current["status"])
    if status in {ReceiptStatus.COMPLETED, ReceiptStatus.CANCELLED}:
        raise _status_refusal(status, "changed")
    stored: Mapping[str, object] = current
    reshaped = [name for name in SHAPE_COLUMNS if name in values and values[name] != stored[name]]
    if status in CHANGEABLE or not (changes or reshaped):
        return
    paths = [f"/{name}" for name in sorted(reshaped)]
    if changes:
        paths.append(LINES_CHANGES_PATH)
    raise ClarusError(
        *(
            Problem(ErrorKind.RECEIPT_RECEIVING_STARTED, None, path, {"status": status.value})
            for path in paths
        )
    )


def _status_refusal(status: ReceiptStatus, action: str) -> ClarusError:
    return ClarusError.of(
        ErrorKind.STATUS_FORBIDS_CHANGE,
        f"A {status.value} receipt cannot be {action}.",
        status=status.value,
        allowed_statuses=sorted(CHANGEABLE if action == "deleted" else _OPEN_FOR_CHANGES),
    )


_OPEN_FOR_CHANGES = frozenset(ReceiptStatus) - {ReceiptStatus.COMPLETED, ReceiptStatus.CANCELLED}


async def _with_storage_units(
    session: AsyncSession, tenant_id: int, changes: Sequence[LineChange]
) -> Sequence[LineChange]:
    """The line changes (their references known to exist) with each added line's storage unit
    filled in (the product's priority 0 one unless the line names one of the product's), and
    each named one checked to be its product's."""
    if not changes:
        return changes
    products_of_lines = await _products_of_updated_lines(session, tenant_id, changes)
    line_products = [
        sent_attributes(change).get("product_id")
        or (None if isinstance(change, AddLine) else products_of_lines.get(change.id))
        for change in changes
    ]
    product_ids = {product_id for product_id in line_products if isinstance(product_id, int)}
    storage_units = await _storage_units_of(session, tenant_id, product_ids)
    problems: list[Problem] = []
    checked = [
        _with_storage_unit(index, change, storage_units, products_of_lines, problems)
        for index, change in enumerate(changes)
    ]
    if problems:
        raise ClarusError(*problems)
    return checked


RECEIPT_DOCUMENTS = DocumentKind(
    RECEIPTS,
    RECEIPT_LINES,
    header=goods_in_receipt_row,
    active=goods_in_receipts.c.status != ReceiptStatus.CANCELLED,
    ensure_changeable=_ensure_changeable,
    complete_lines=_with_storage_units,
)
"""A receipt changes with its address and lines; what it brings where only while nothing has
been received against it."""
RECEIPT_WRITES = RecordWrites(
    create=create_receipt, update=RECEIPT_DOCUMENTS.update, delete=delete_receipt
)


async def _products_of_updated_lines(
    session: AsyncSession, tenant_id: int, changes: Sequence[LineChange]
) -> dict[int, int]:
    """The product of each line an UPDATE names its storage unit for (and not its product)."""
    line_ids = [
        change.id
        for change in changes
        if isinstance(change, UpdateLine)
        and "product_storage_unit_id" in sent_attributes(change)
        and "product_id" not in sent_attributes(change)
    ]
    if not line_ids:
        return {}
    lines = goods_in_receipt_lines
    statement = select(lines.c.id, lines.c.product_id).where(
        lines.c.tenant_id == tenant_id, lines.c.id.in_(line_ids)
    )
    return {line_id: product_id for line_id, product_id in (await session.execute(statement))}


async def _storage_units_of(
    session: AsyncSession, tenant_id: int, product_ids: set[int]
) -> dict[int, dict[int, int]]:
    """Each product's storage units: id to priority."""
    if not product_ids:
        return {}
    units = product_storage_units
    statement = select(units.c.product_id, units.c.id, units.c.priority).where(
        units.c.tenant_id == tenant_id, units.c.product_id.in_(product_ids)
    )
    found: dict[int, dict[int, int]] = {}
    for product_id, unit_id, priority in await session.execute(statement):
        found.setdefault(product_id, {})[unit_id] = priority
    return found


def _with_storage_unit(
    index: int,
    change: LineChange,
    storage_units: Mapping[int, Mapping[int, int]],
    products_of_lines: Mapping[int, int],
    problems: list[Problem],
) -> LineChange:
    """An UPDATE of a line that does not exist is left as sent: the line ids' check refuses
    it (`line_not_found`)."""
    sent = sent_attributes(change)
    if isinstance(change, DestroyLine) or not (
        "product_id" in sent or "product_storage_unit_id" in sent
    ):
        return change
    if isinstance(change, AddLine):
        product_id: int = sent["product_id"]
    elif sent.get("product_id"):
        product_id = sent["product_id"]
    elif change.id in products_of_lines:
        product_id = products_of_lines[change.id]
    else:
        return change
    units = storage_units.get(product_id, {})
    unit_id = sent.get("product_storage_unit_id")
    if unit_id is None:
        unit_id = next((unit for unit, priority in units.items() if priority == 0), None)
    elif unit_id not in units:
        problems.append(
            Problem(
                ErrorKind.INVALID_VALUE,
                f"product storage unit {unit_id} is not one of product {product_id}'s.",
                f"{LINES_CHANGES_PATH}/{index}/attributes/product_storage_unit_id",
                {"product_id": product_id},
            )
        )
        return change
    filled = change.attributes.model_copy(update={"product_storage_unit_id": unit_id})
    return change.model_copy(update={"attributes": filled})


RECEIPT_DEFAULTS = DefaultsRead(
    (tenants.c.default_receipt_type,), tenants, tenants.c.id == bindparam("tenant_id")
)
"""What a receipt takes from its tenant: the default receipt type."""


async def _default_receipt_type(session: AsyncSession, tenant_id: int) -> str:
    statement = select(tenants.c.default_receipt_type).where(tenants.c.id == tenant_id)
    receipt_type: str = (await session.execute(statement)).scalar_one()
    return receipt_type


async def shown_receipt(
    session: AsyncSession, row: GoodsInReceiptRow, *, tenant_id: int
) -> RowDict:
    """The receipt as responses and events show it: with its address and lines."""
    address = await fetch_address(session, tenant_id, row["address_id"])
    return await RECEIPT_DOCUMENTS.shown(session, row, address, tenant_id=tenant_id)
