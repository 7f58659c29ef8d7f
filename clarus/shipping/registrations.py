"""What shipping registers with the packages below it: a carrier's `custom_carrier_type_id`
names one of shipping's custom carrier types (checked like any reference, another tenant's
answered as a missing one)."""

from __future__ import annotations

from clarus.masterdata.service import CARRIER_REFERENCES
from clarus.shipping.tables import custom_carrier_types

CARRIER_REFERENCES["custom_carrier_type_id"] = custom_carrier_types
