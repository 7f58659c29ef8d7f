"""Shipping's Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.shipping.models import (
    Booking,
    CarrierTrackingSequence,
    CollectionAddress,
    Crossdock,
    CustomCarrierType,
    Load,
    LoadDrop,
    Package,
    Shipment,
    ShipmentCarrierAttempt,
    ShipmentLabel,
    ShipmentSubmission,
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
custom_carrier_types = table_of(CustomCarrierType)
shipments = table_of(Shipment)
packages = table_of(Package)
shipment_labels = table_of(ShipmentLabel)
carrier_tracking_sequences = table_of(CarrierTrackingSequence)
shipment_submissions = table_of(ShipmentSubmission)
shipment_carrier_attempts = table_of(ShipmentCarrierAttempt)
