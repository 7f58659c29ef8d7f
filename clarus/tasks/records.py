"""The response attributes of handheld flows, for the OpenAPI document."""

from __future__ import annotations

from clarus.masterdata.records import RecordTimestamps
from clarus.tasks.schemas import RfFlowAttributes


class RfFlowRecord(RfFlowAttributes, RecordTimestamps):
    is_default: bool
