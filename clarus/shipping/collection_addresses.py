"""Collection addresses: where carriers collect goods from suppliers (crossdocks by
collection point at one)."""

from __future__ import annotations

from clarus.core.crud import RecordKind
from clarus.masterdata.tables import suppliers
from clarus.shipping.tables import collection_addresses

COLLECTION_ADDRESSES = RecordKind(
    collection_addresses,
    event_name="collection_address",
    references={"supplier_id": suppliers},
    flag_defaults={"is_active": True},
)
