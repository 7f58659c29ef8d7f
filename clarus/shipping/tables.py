"""Shipping's Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.shipping.models import (
    Booking,
    CollectionAddress,
    Crossdock,
    Load,
    LoadDrop,
    Trailer,
    TrailerType,
)

trailer_types = table_of(TrailerType)
trailers = table_of(Trailer)
loads = table_of(Load)
load_drops = table_of(LoadDrop)
collection_addresses = table_of(CollectionAddress)
crossdocks = table_of(Crossdock)
bookings = table_of(Booking)
