"""Request bodies of the delivery log's actions."""

from __future__ import annotations

from typing import Literal

from clarus.core.fields import Timestamp
from clarus.core.schemas import InputModel


class RecoverAttributes(InputModel):
    since: Timestamp
    """Failed deliveries made at or after this moment are queued again."""


class RecoverData(InputModel):
    type: Literal["automations"] | None = None
    attributes: RecoverAttributes


class RecoverRequest(InputModel):
    """`{"data": {"attributes": {"since": "<ISO 8601 datetime with a timezone>"}}}`."""

    data: RecoverData
