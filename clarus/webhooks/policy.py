"""When a failed webhook attempt is tried again, and when it is given up: the core
`RetryPolicy`, and reading a receiver's `Retry-After`."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

from clarus.core.retry import DEFAULT_DELAYS, RetryPolicy

__all__ = ["DEFAULT_DELAYS", "LONGEST_RETRY_AFTER", "RetryPolicy", "parse_retry_after"]

LONGEST_RETRY_AFTER = dt.timedelta(days=366)
"""A longer `Retry-After` reads as this (the policy caps it far lower anyway)."""
_LONGEST_RETRY_AFTER_DIGITS = len(str(int(LONGEST_RETRY_AFTER.total_seconds())))


def parse_retry_after(value: str | None, *, now: dt.datetime) -> dt.timedelta | None:
    """`Retry-After` as seconds or as an HTTP date; None when absent or unreadable. A number of
    any length is read (a receiver's `Retry-After: 99999999999999999999` must not fail the
    worker), as ASCII digits only."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        digits = value.lstrip("0") or "0"
        if len(digits) > _LONGEST_RETRY_AFTER_DIGITS:
            return LONGEST_RETRY_AFTER
        return min(dt.timedelta(seconds=int(digits)), LONGEST_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return min(max(when - now, dt.timedelta(0)), LONGEST_RETRY_AFTER)
