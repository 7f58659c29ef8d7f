"""Trailer types and trailers: simple records. A trailer type in use by a trailer, or a trailer
in use by a load, is not deleted (`record_in_use`)."""

from __future__ import annotations

from clarus.core.crud import RecordKind
from clarus.shipping.tables import trailer_types, trailers

TRAILER_TYPES = RecordKind(trailer_types, event_name="trailer_type")
TRAILERS = RecordKind(
    trailers,
    event_name="trailer",
    references={"trailer_type_id": trailer_types},
    flag_defaults={"active": True},
)
