"""Opaque keyset cursors, bound to the tenant that received them.

A cursor carries the sort key of the last row of a page: a record id, or the several columns of
a row that has no id of its own (a stock balance's product, account and warehouse)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

from clarus.core.errors import ClarusError, ErrorKind

_PREFIX = "v1"
_KEY_SEPARATOR = "."


def encode_cursor(tenant_id: int, record_id: int) -> str:
    return encode_key_cursor(tenant_id, (record_id,))


def decode_cursor(cursor: str, *, tenant_id: int) -> int:
    """The record id after which the next page starts; a cursor of another tenant is refused."""
    (record_id,) = decode_key_cursor(cursor, tenant_id=tenant_id, length=1)
    return record_id


def encode_key_cursor(tenant_id: int, key: Sequence[int]) -> str:
    raw = f"{_PREFIX}:{tenant_id}:{_KEY_SEPARATOR.join(str(part) for part in key)}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_key_cursor(cursor: str, *, tenant_id: int, length: int) -> tuple[int, ...]:
    """The sort key (`length` integers) after which the next page starts; a cursor of another
    tenant, or of a list sorted on another key, is refused."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        prefix, cursor_tenant, key = base64.urlsafe_b64decode(padded.encode()).decode().split(":")
        parts = tuple(int(part) for part in key.split(_KEY_SEPARATOR))
        if prefix != _PREFIX or int(cursor_tenant) != tenant_id or len(parts) != length:
            raise ValueError(cursor)
        return parts
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE, "The cursor is not valid.", pointer="/after"
        ) from None
