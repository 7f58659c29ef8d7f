"""The subdomain as the API echoes it, for the OpenAPI document."""

from __future__ import annotations

from clarus.masterdata.records import RecordTimestamps
from clarus.tenancy.schemas import SubdomainSettings


class SubdomainRecord(SubdomainSettings, RecordTimestamps):
    subdomain: str
