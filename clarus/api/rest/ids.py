"""The `ids` query parameter of bulk actions: `?ids=1,2,3`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.fields import INT64_MAX

IdsQuery = Annotated[
    str | None,
    Query(
        description="Comma-separated ids of the records (e.g. `1,2,3`)",
        examples=["1,2,3"],
    ),
]
PARAMETER = "ids"
MAX_IDS_PER_REQUEST = 1000


def parse_ids(ids: str | None) -> list[int]:
    """The distinct ids, in the order given. None or blank is `empty_ids_provided`; anything
    that is not an id is `invalid_ids_provided`, listed in `context.invalid_ids`; more than
    `MAX_IDS_PER_REQUEST` is `out_of_range`."""
    tokens = [token.strip() for token in (ids or "").split(",") if token.strip()]
    if not tokens:
        raise ClarusError.of(ErrorKind.EMPTY_IDS_PROVIDED, parameter=PARAMETER)
    if len(tokens) > MAX_IDS_PER_REQUEST:
        raise ClarusError.of(
            ErrorKind.OUT_OF_RANGE,
            f"At most {MAX_IDS_PER_REQUEST} ids per request.",
            parameter=PARAMETER,
            max_ids=MAX_IDS_PER_REQUEST,
        )
    invalid = [token for token in tokens if not _is_record_id(token)]
    if invalid:
        raise ClarusError.of(
            ErrorKind.INVALID_IDS_PROVIDED,
            f"These are not ids: {', '.join(invalid)}.",
            parameter=PARAMETER,
            invalid_ids=invalid,
        )
    return list(dict.fromkeys(int(token) for token in tokens))


def _is_record_id(token: str) -> bool:
    return token.isascii() and token.isdigit() and 1 <= int(token) <= INT64_MAX
