"""Text typed in a form, or found in a path, read as the value the API would be sent: a number
only when it is written as one in ASCII digits, within what a JSON number of ours can be (a
longer string of digits, or another script's digits, is refused as text would be, never
converted)."""

from __future__ import annotations

import re

from clarus.core.fields import INT64_MAX

NUMBER = re.compile(r"-?[0-9]{1,18}(\.[0-9]{1,9})?")
RECORD_ID = re.compile(r"[0-9]{1,19}")


def number(text: str) -> int | float | str:
    """A number as the JSON number the API would be sent; anything else as typed, for the model
    to refuse with the API's message."""
    if NUMBER.fullmatch(text) is None:
        return text
    return float(text) if "." in text else int(text)


def record_id(text: str) -> int | None:
    """The id `text` names, or None when no record can have it."""
    if RECORD_ID.fullmatch(text) is None or not 1 <= int(text) <= INT64_MAX:
        return None
    return int(text)
