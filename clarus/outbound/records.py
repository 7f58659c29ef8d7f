"""What the API echoes back for a goods out, for the OpenAPI document."""

from __future__ import annotations

import datetime as dt
import decimal

from clarus.masterdata.records import AddressRecord, RecordTimestamps
from clarus.outbound.schemas import GoodsOutHeaderAttributes, GoodsOutLineAttributes
from clarus.tenancy.defaults import DispatchStrategy, GoodsOutType, PackStrategy, PickType


class GoodsOutLineRecord(GoodsOutLineAttributes, RecordTimestamps):
    id: int
    goods_out_id: int
    allocated_quantity: decimal.Decimal
    pick_quantity: decimal.Decimal
    dispatch_quantity: decimal.Decimal
    short_status: str | None


class GoodsOutRecord(GoodsOutHeaderAttributes, RecordTimestamps):
    goods_out_status_id: int
    goods_out_type: GoodsOutType
    pick_type: PickType
    pack_strategy: PackStrategy
    dispatch_strategy: DispatchStrategy
    address_id: int | None
    goods_out_pick_list_id: int | None
    """The pick list processing put the order on."""
    address: AddressRecord | None
    """The delivery address (`relationships.address` of the request)."""
    lines: list[GoodsOutLineRecord]
    """Every line, with the ids a later `lines_changes` UPDATE or DESTROY names (ours)."""


class GoodsOutPickListRecord(RecordTimestamps):
    """A pick list as `PATCH /api/goods_out_pick_lists/{id}` answers it
    (`GoodsOutPickListAttributes`, and the columns besides)."""

    reference: str | None
    warehouse_id: int
    account_id: int | None
    pick_type: str
    status: str
    pick_reference: str | None
    load_reference: str | None
    expected_date_of_dispatch: dt.datetime | None
    goods_out_bay_id: int | None
    goods_out_ids: list[int]
    """The orders on the list, in id order."""
    string1: str | None
    string2: str | None
    string3: str | None
    string4: str | None
    string5: str | None
