"""Response attribute models of the shipping resources, for the OpenAPI document."""

from __future__ import annotations

import datetime as dt

from clarus.masterdata.records import RecordTimestamps
from clarus.shipping.schemas import (
    LoadAttributes,
    LoadDropAttributes,
    TrailerAttributes,
    TrailerTypeAttributes,
)


class TrailerTypeRecord(TrailerTypeAttributes, RecordTimestamps):
    pass


class TrailerRecord(TrailerAttributes, RecordTimestamps):
    active: bool


class LoadRecord(LoadAttributes, RecordTimestamps):
    status: str
    expected_storage_unit_quantity: int
    number_of_storage_units_loaded: int
    dispatched_at: dt.datetime | None


class LoadDropRecord(LoadDropAttributes, RecordTimestamps):
    sequence: int
    status: str
