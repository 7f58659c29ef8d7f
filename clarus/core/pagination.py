"""Opaque keyset cursors, bound to the tenant that received them."""

from __future__ import annotations

import base64
import binascii

from clarus.core.errors import ClarusError, ErrorKind

_PREFIX = "v1"


def encode_cursor(tenant_id: int, record_id: int) -> str:
    raw = f"{_PREFIX}:{tenant_id}:{record_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *, tenant_id: int) -> int:
    """The record id after which the next page starts; a cursor of another tenant is refused."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        prefix, cursor_tenant, record_id = (
            base64.urlsafe_b64decode(padded.encode()).decode().split(":")
        )
        if prefix != _PREFIX or int(cursor_tenant) != tenant_id:
            raise ValueError(cursor)
        return int(record_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE, "The cursor is not valid.", pointer="/after"
        ) from None
