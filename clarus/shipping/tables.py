"""The shipping Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.shipping.models import (
    CarrierTrackingSequence,
    CustomCarrierType,
    Package,
    Shipment,
    ShipmentCarrierAttempt,
    ShipmentLabel,
    ShipmentSubmission,
)

custom_carrier_types = table_of(CustomCarrierType)
shipments = table_of(Shipment)
packages = table_of(Package)
shipment_labels = table_of(ShipmentLabel)
carrier_tracking_sequences = table_of(CarrierTrackingSequence)
shipment_submissions = table_of(ShipmentSubmission)
shipment_carrier_attempts = table_of(ShipmentCarrierAttempt)
