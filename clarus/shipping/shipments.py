"""Shipments: what leaves with one carrier for one goods out, in packages.

A shipment belongs to an order being picked and packed (`PICK`) or dispatched (`COMPLETED`).
It takes the order's carrier and service unless it names its own (a service alone brings its
carrier), and the order's delivery address unless `relationships.address` gives one. Its
packages change through `packages_changes` (or `/api/packages`) until it is handed to its
carrier (`submit`, in `shipping.submissions`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import storage_unit_types
from clarus.core.changes import (
    DestroyLine,
    LineChange,
    ParentLines,
    apply_line_changes,
    only_additions,
)
from clarus.core.crud import RecordKind, RecordWrites, check_record, emit_change
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import (
    RowDict,
    delete_returning,
    fetch_record,
    insert_returning,
    update_returning,
)
from clarus.core.references import Reference, ensure_references_exist
from clarus.core.schemas import InputModel
from clarus.masterdata.addresses import (
    change_inline_address,
    fetch_address,
    insert_address,
    release_address,
    sent_address,
    shown_address,
)
from clarus.masterdata.tables import carrier_services, carriers
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import goods_outs
from clarus.shipping.packages import PACKAGE_DEFAULTS
from clarus.shipping.rows import (
    ShipmentPackageRow,
    ShipmentRow,
    shipment_package_row,
    shipment_row,
)
from clarus.shipping.schemas import (
    ShipmentPackageAdd,
    ShipmentPackageAttributes,
    ShipmentPackageDestroy,
    ShipmentPackageUpdate,
)
from clarus.shipping.statuses import DELETABLE, EDITABLE, ShipmentStatus
from clarus.shipping.tables import packages, shipments

SHIPPABLE_ORDERS = frozenset({GoodsOutStatus.PICK, GoodsOutStatus.PART, GoodsOutStatus.COMPLETED})
"""An order is packed while it is picked, and may be shipped once dispatched."""
PACKAGES_PATH = "/packages_changes"
WHOLE_PACKAGES_PATH = "/packages"
PACKAGE_FIELDS = tuple(ShipmentPackageRow.__annotations__)
SentPackageChange = ShipmentPackageAdd | ShipmentPackageUpdate | ShipmentPackageDestroy

SHIPMENTS = RecordKind(
    shipments,
    event_name="shipment",
    unique_code=False,
    references={"carrier_id": carriers, "carrier_service_id": carrier_services},
)


@runtime_checkable
class SendsPackages(Protocol):
    """The attributes of a shipment (`ShipmentAttributes`, or the model the REST layer builds
    with its `relationships.address`), which reach the writes as a plain input model."""

    @property
    def packages(self) -> Sequence[ShipmentPackageAttributes] | None: ...

    @property
    def packages_changes(self) -> Sequence[SentPackageChange] | None: ...


def _sent_packages(attributes: InputModel) -> list[ShipmentPackageAttributes]:
    """The whole `packages` sent; none when the input sends none (or a null)."""
    if isinstance(attributes, SendsPackages):
        return list(attributes.packages or [])
    return []


def _sent_changes(attributes: InputModel) -> list[SentPackageChange]:
    if isinstance(attributes, SendsPackages):
        return list(attributes.packages_changes or [])
    return []


def _replaces_packages(attributes: InputModel) -> bool:
    return isinstance(attributes, SendsPackages) and attributes.packages is not None


@dataclass(frozen=True, slots=True)
class _OrderShipped:
    """What a shipment takes from its goods out."""

    reference: str | None
    warehouse_id: int | None
    carrier_id: int | None
    carrier_service_id: int | None


async def packages_of(
    session: AsyncSession, *, tenant_id: int, shipment_id: int
) -> list[ShipmentPackageRow]:
    statement = (
        select(*(packages.c[name] for name in PACKAGE_FIELDS))
        .where(packages.c.tenant_id == tenant_id, packages.c.shipment_id == shipment_id)
        .order_by(packages.c.id)
    )
    return [shipment_package_row(row) for row in (await session.execute(statement)).mappings()]


async def shown_shipment(session: AsyncSession, *, tenant_id: int, row: ShipmentRow) -> RowDict:
    """A shipment as responses and events show it: its address and packages nested."""
    address = await fetch_address(session, tenant_id, row["address_id"])
    package_rows = await packages_of(session, tenant_id=tenant_id, shipment_id=row["id"])
    record: RowDict = {name: value for name, value in row.items() if name != "tenant_id"}
    return record | {
        "address": shown_address(address),
        "packages": package_rows,
        "packages_count": len(package_rows),
    }


async def fetch_shipment(
    session: AsyncSession, *, tenant_id: int, shipment_id: int, lock: bool = False
) -> ShipmentRow:
    return await fetch_record(
        session,
        shipments,
        tenant_id=tenant_id,
        record_id=shipment_id,
        resource="shipment",
        lock=lock,
        shape=shipment_row,
    )


def ensure_status(
    shipment: Mapping[str, object], allowed: frozenset[ShipmentStatus], what: str
) -> None:
    status = shipment["status"]
    if status not in allowed:
        raise ClarusError.of(
            ErrorKind.SHIPMENT_STATUS_FORBIDS,
            f"Shipment {shipment['id']} is {status}: it cannot {what}.",
            status=status,
            allowed=sorted(allowed),
        )


async def _order(session: AsyncSession, *, tenant_id: int, goods_out_id: int) -> _OrderShipped:
    statement = select(
        goods_outs.c.id,
        goods_outs.c.reference,
        goods_outs.c.warehouse_id,
        goods_outs.c.carrier_id,
        goods_outs.c.carrier_service_id,
        goods_outs.c.goods_out_status_id,
    ).where(goods_outs.c.id == goods_out_id, goods_outs.c.tenant_id == tenant_id)
    row = (await session.execute(statement)).mappings().one_or_none()
    if row is None:
        raise ClarusError.of(
            ErrorKind.REFERENCE_NOT_FOUND,
            f"goods_outs {goods_out_id} does not exist.",
            path="/goods_out_id",
            resource="goods_outs",
            id=goods_out_id,
        )
    if row["goods_out_status_id"] not in SHIPPABLE_ORDERS:
        status = GoodsOutStatus(row["goods_out_status_id"]).code
        raise ClarusError.of(
            ErrorKind.SHIPMENT_ORDER_NOT_PACKING,
            f"Goods out {goods_out_id} is {status}.",
            path="/goods_out_id",
            status=status,
        )
    return _OrderShipped(
        reference=row["reference"],
        warehouse_id=row["warehouse_id"],
        carrier_id=row["carrier_id"],
        carrier_service_id=row["carrier_service_id"],
    )


async def _carrier_values(
    session: AsyncSession, *, tenant_id: int, values: Mapping[str, object]
) -> dict[str, object]:
    """The carrier a service sent alone brings; a service of another carrier is refused."""
    service_id = values.get("carrier_service_id")
    if not isinstance(service_id, int):
        return {}
    statement = select(carrier_services.c.carrier_id).where(
        carrier_services.c.id == service_id, carrier_services.c.tenant_id == tenant_id
    )
    service_carrier = (await session.execute(statement)).scalar_one()
    carrier_id = values.get("carrier_id")
    if carrier_id is None:
        return {"carrier_id": service_carrier}
    if carrier_id != service_carrier:
        raise ClarusError.of(
            ErrorKind.CARRIER_SERVICE_MISMATCH,
            f"Carrier service {service_id} belongs to carrier {service_carrier}.",
            path="/carrier_service_id",
            carrier_id=service_carrier,
        )
    return {}


async def _apply_packages(
    session: AsyncSession,
    *,
    tenant_id: int,
    shipment_id: int,
    attributes: InputModel,
) -> None:
    """`packages` (as ADDs) then `packages_changes` (their references checked first)."""
    whole = _sent_packages(attributes)
    changes = _sent_changes(attributes)
    parent = ParentLines(packages, "shipment_id", shipment_id, tenant_id)
    added: list[LineChange] = [
        ShipmentPackageAdd(type="ADD", attributes=package) for package in whole
    ]
    await apply_line_changes(
        session, parent, added, path=WHOLE_PACKAGES_PATH, added_values=PACKAGE_DEFAULTS
    )
    await apply_line_changes(
        session, parent, changes, path=PACKAGES_PATH, added_values=PACKAGE_DEFAULTS
    )


async def _check_package_references(
    session: AsyncSession, *, tenant_id: int, attributes: InputModel
) -> None:
    """The storage unit types of `packages` and `packages_changes`, at the paths they were
    sent at."""
    whole = _sent_packages(attributes)
    changes = _sent_changes(attributes)
    references = [
        Reference(
            storage_unit_types,
            package.storage_unit_type_id,
            f"{WHOLE_PACKAGES_PATH}/{index}/storage_unit_type_id",
        )
        for index, package in enumerate(whole)
    ] + [
        Reference(
            storage_unit_types,
            change.attributes.storage_unit_type_id,
            f"{PACKAGES_PATH}/{index}/attributes/storage_unit_type_id",
        )
        for index, change in enumerate(changes)
        if not isinstance(change, DestroyLine)
    ]
    await ensure_references_exist(session, tenant_id=tenant_id, references=references)


async def _replace_packages(
    session: AsyncSession, *, tenant_id: int, shipment_id: int, attributes: InputModel
) -> None:
    """A `packages` sent on update replaces the shipment's packages whole."""
    if not _replaces_packages(attributes):
        return
    await session.execute(
        delete(packages).where(
            packages.c.tenant_id == tenant_id, packages.c.shipment_id == shipment_id
        )
    )


async def create_shipment(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    values = attributes.model_dump(
        exclude_none=True, exclude={"address", "packages_changes", "packages"}
    )
    only_additions(_sent_changes(attributes), PACKAGES_PATH)
    await check_record(session, kind, tenant_id=tenant_id, values=values)
    await _check_package_references(session, tenant_id=tenant_id, attributes=attributes)
    order = await _order(session, tenant_id=tenant_id, goods_out_id=int(values["goods_out_id"]))
    values |= await _carrier_values(session, tenant_id=tenant_id, values=values)
    if "carrier_id" not in values and "carrier_service_id" not in values:
        values |= {
            "carrier_id": order.carrier_id,
            "carrier_service_id": order.carrier_service_id,
        }
    values.setdefault("reference", order.reference)
    values |= {"warehouse_id": order.warehouse_id, "status": ShipmentStatus.PENDING.value}
    address_in = sent_address(attributes)
    if address_in is not None:
        address = await insert_address(session, tenant_id=tenant_id, attributes=address_in)
        values["address_id"] = address["id"]
    row = await insert_returning(
        session, shipments, tenant_id=tenant_id, values=values, shape=shipment_row
    )
    await _apply_packages(
        session, tenant_id=tenant_id, shipment_id=row["id"], attributes=attributes
    )
    record = await shown_shipment(session, tenant_id=tenant_id, row=row)
    await emit_change(session, kind, tenant_id=tenant_id, event="created", record=record)
    return record


async def update_shipment(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    current = await fetch_shipment(session, tenant_id=tenant_id, shipment_id=record_id, lock=True)
    ensure_status(current, EDITABLE, "change")
    changes = attributes.changes()
    changes.pop("address", None)
    changes.pop("packages_changes", None)
    changes.pop("packages", None)
    await check_record(session, kind, tenant_id=tenant_id, values=changes, record_id=record_id)
    await _check_package_references(session, tenant_id=tenant_id, attributes=attributes)
    if "goods_out_id" in changes:
        order = await _order(session, tenant_id=tenant_id, goods_out_id=changes["goods_out_id"])
        changes["warehouse_id"] = order.warehouse_id
    if "carrier_service_id" in changes:
        carrier = changes.get("carrier_id", current["carrier_id"])
        changes |= await _carrier_values(
            session, tenant_id=tenant_id, values={**changes, "carrier_id": carrier}
        )
    address_change = await change_inline_address(
        session, tenant_id=tenant_id, address_id=current["address_id"], attributes=attributes
    )
    await _replace_packages(
        session, tenant_id=tenant_id, shipment_id=record_id, attributes=attributes
    )
    await _apply_packages(
        session, tenant_id=tenant_id, shipment_id=record_id, attributes=attributes
    )
    row = await update_returning(
        session,
        shipments,
        tenant_id=tenant_id,
        record_id=record_id,
        values=changes | address_change.owner_values,
        resource="shipment",
        shape=shipment_row,
    )
    await address_change.finish(session, tenant_id=tenant_id)
    record = await shown_shipment(session, tenant_id=tenant_id, row=row)
    await emit_change(session, kind, tenant_id=tenant_id, event="updated", record=record)
    return record


async def delete_shipment(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """A shipment with its carrier (submitting, submitted, cancelling) is not deleted: cancel
    it first. Its packages go with it."""
    current = await fetch_shipment(session, tenant_id=tenant_id, shipment_id=record_id, lock=True)
    ensure_status(current, DELETABLE, "be deleted; cancel it first")
    record = await shown_shipment(session, tenant_id=tenant_id, row=current)
    await session.execute(
        delete(packages).where(
            packages.c.tenant_id == tenant_id, packages.c.shipment_id == record_id
        )
    )
    await delete_returning(
        session,
        shipments,
        tenant_id=tenant_id,
        record_id=record_id,
        resource="shipment",
    )
    await release_address(session, tenant_id=tenant_id, address_id=current["address_id"])
    await emit_change(session, kind, tenant_id=tenant_id, event="deleted", record=record)


SHIPMENT_WRITES = RecordWrites(
    create=create_shipment, update=update_shipment, delete=delete_shipment
)
