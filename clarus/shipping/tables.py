"""The shipping Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.shipping.models import Booking, CollectionAddress, Crossdock

collection_addresses = table_of(CollectionAddress)
crossdocks = table_of(Crossdock)
bookings = table_of(Booking)
