"""Whether an automation's conditions hold for a webhook body. Pure: no I/O.

A condition reads the value at its `source_path`, a dot path into the body
`{"id", "resource_name", "event", "occurred_at", "subdomain", "sequence", "data": {record}}`
(`data.account_id`; a list is indexed by number: `data.lines.0.product_id`), and compares it
with its `value`:

- Two values that both read as numbers (`42`, `"42"`, `"1.5"`) compare as numbers, so the
  documented `"value": "42"` matches an integer `account_id`; anything else compares as text
  (`true`/`false` for booleans, JSON for objects and lists).
- `in`/`notin` take a list of values; each member compares as above.
- `matches` is `re.search` of the pattern in the text; `starts_with` a text prefix.
- A path that leads nowhere, or to null, has no value: every operator is then false except
  `neq` and `notin`, which are true (nothing is not equal to anything).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final

_NUMBER = re.compile(r"\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*")
_ABSENT: Final = object()
NEGATIVE_OPERATORS = frozenset({"neq", "notin"})


@dataclass(frozen=True, slots=True)
class Condition:
    source_path: str
    operator: str
    value: Any


def value_at(body: Any, source_path: str) -> Any:
    """The value at the dot path, or `_ABSENT`."""
    current = body
    for part in source_path.split("."):
        if isinstance(current, Mapping) and part in current:
            current = current[part]
        elif isinstance(current, list) and _is_index(part) and int(part) < len(current):
            current = current[int(part)]
        else:
            return _ABSENT
    return _ABSENT if current is None else current


def _is_index(part: str) -> bool:
    """ASCII digits only: `"²".isdigit()` is true, yet `int("²")` fails."""
    return part.isascii() and part.isdigit()


def as_number(value: Any) -> Decimal | None:
    """The number a value reads as, if any (booleans are not numbers)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return None
    return None


def as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def _compare(actual: Any, expected: Any) -> int:
    """-1, 0 or 1: as numbers when both are, else as text."""
    left, right = as_number(actual), as_number(expected)
    if left is not None and right is not None:
        return (left > right) - (left < right)
    left_text, right_text = as_text(actual), as_text(expected)
    return (left_text > right_text) - (left_text < right_text)


def _members(expected: Any) -> list[Any]:
    return list(expected) if isinstance(expected, list) else [expected]


def holds(condition: Condition, body: Any) -> bool:
    actual = value_at(body, condition.source_path)
    operator, expected = condition.operator, condition.value
    if actual is _ABSENT:
        return operator in NEGATIVE_OPERATORS
    match operator:
        case "eq":
            return _compare(actual, expected) == 0
        case "neq":
            return _compare(actual, expected) != 0
        case "in":
            return any(_compare(actual, member) == 0 for member in _members(expected))
        case "notin":
            return all(_compare(actual, member) != 0 for member in _members(expected))
        case "matches":
            return re.search(as_text(expected), as_text(actual)) is not None
        case "starts_with":
            return as_text(actual).startswith(as_text(expected))
        case "greater_than":
            return _compare(actual, expected) > 0
        case "greater_than_eq":
            return _compare(actual, expected) >= 0
        case "less_than":
            return _compare(actual, expected) < 0
        case "less_than_eq":
            return _compare(actual, expected) <= 0
    raise ValueError(f"unknown condition operator {operator!r}")


def all_hold(conditions: Iterable[Condition], body: Any) -> bool:
    """Every condition holds (no conditions: true)."""
    return all(holds(condition, body) for condition in conditions)
