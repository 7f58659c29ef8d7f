"""Opaque keyset cursors, bound to the tenant that received them and to the order they page in.

A cursor carries the order's name and the sort key of the last row of a page: a record id, the
several columns of a row that has no id of its own (a stock balance's product, account and
warehouse), and before them, when a list is sorted by when records changed, the `updated_at`
(as microseconds since the epoch, so a key is integers only)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Sequence

from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.fields import INT64_MAX, INT64_MIN

_PREFIX = "v2"
_KEY_SEPARATOR = "."
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
ID_ORDER = "id.asc"
"""The order of a list that is not asked for another: by id (or key), ascending."""


def encode_key_cursor(tenant_id: int, key: Sequence[int], *, order: str = ID_ORDER) -> str:
    parts = _KEY_SEPARATOR.join(str(part) for part in key)
    raw = f"{_PREFIX}:{tenant_id}:{order}:{parts}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_key_cursor(
    cursor: str, *, tenant_id: int, length: int, order: str = ID_ORDER
) -> tuple[int, ...]:
    """The sort key (`length` integers) after which the next page starts; a cursor of another
    tenant, of a list sorted on another key, made under another order, or holding a number no
    key column can hold (beyond 64 bits), is refused."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = base64.urlsafe_b64decode(padded.encode()).decode()
        prefix, cursor_tenant, cursor_order, key = raw.split(":")
        parts = tuple(int(part) for part in key.split(_KEY_SEPARATOR))
        if prefix != _PREFIX or int(cursor_tenant) != tenant_id:
            raise ValueError(cursor)
        if not all(INT64_MIN <= part <= INT64_MAX for part in parts):
            raise ValueError(cursor)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise _not_valid() from None
    if cursor_order != order:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"The cursor was made for the order {cursor_order}, not {order}:"
            " start again without `after` when changing `sort`.",
            path="/after",
        )
    if len(parts) != length:
        raise _not_valid()
    return parts


def _not_valid() -> ClarusError:
    return ClarusError.of(ErrorKind.INVALID_VALUE, "The cursor is not valid.", path="/after")


def timestamp_key(moment: dt.datetime) -> int:
    """A timezone-aware datetime as an integer cursor part (microseconds since the epoch)."""
    return (moment - _EPOCH) // dt.timedelta(microseconds=1)


def timestamp_of_key(part: int) -> dt.datetime:
    """The datetime of a cursor part; one no datetime has (past the year 9999) is not valid."""
    try:
        return _EPOCH + dt.timedelta(microseconds=part)
    except OverflowError:
        raise _not_valid() from None
