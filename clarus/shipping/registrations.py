"""What shipping registers with the packages below it: a carrier's `custom_carrier_type_id`
names one of shipping's custom carrier types (checked like any reference, another tenant's
answered as a missing one); a crossdock's status follows the stock received on its receipt and
the crossdock orders dispatched from it (`crossdock_progress`)."""

from __future__ import annotations

from clarus.inbound.routing import RECEIVED_STOCK_ROUTES
from clarus.masterdata.service import CARRIER_REFERENCES
from clarus.outbound.dispatch import ORDER_DISPATCHED
from clarus.shipping.crossdock_progress import note_crossdock_dispatched, note_crossdock_received
from clarus.shipping.tables import custom_carrier_types

CARRIER_REFERENCES["custom_carrier_type_id"] = custom_carrier_types
RECEIVED_STOCK_ROUTES.append(note_crossdock_received)
ORDER_DISPATCHED.append(note_crossdock_dispatched)
