"""Whether an automation's conditions hold for a webhook body. Pure: no I/O.

A condition reads the value at its `source_path`, a dot path into the body
`{"id", "resource_name", "event", "occurred_at", "subdomain", "sequence", "data": {record}}`
(`data.account_id`; a list is indexed by number: `data.lines.0.product_id`), and compares it
with its `value`:

- Two values that both read as numbers (`42`, `"42"`, `"1.5"`) compare as numbers, so the
  documented `"value": "42"` matches an integer `account_id`; anything else compares as text
  (`true`/`false` for booleans, JSON for objects and lists).
- `in`/`notin` take a list of values; each member compares as above.
- `matches` searches the text for the pattern, in RE2 syntax: RE2 runs in time linear in the
  text whatever the pattern, so a pattern cannot stall the worker (RE2 has no backreferences
  nor lookaround; a pattern it refuses is refused when the condition is written).
  `starts_with` is a text prefix.
- A path that leads nowhere, or to null, has no value: every operator is then false except
  `neq` and `notin`, which are true (nothing is not equal to anything).

A condition that cannot be judged (a stored pattern RE2 refuses) raises `ConditionError`, so the
caller records a failure instead of guessing true or false.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Protocol

import re2

from clarus.core.json_types import JSONValue

_NUMBER = re.compile(r"\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*")
NEGATIVE_OPERATORS = frozenset({"neq", "notin"})
PATTERN_MEMORY = 1 << 20
"""Bytes RE2 may use for one compiled pattern (its default is 8 MiB); a pattern needing more is
refused like one that does not parse."""


@dataclass(frozen=True, slots=True)
class Condition:
    source_path: str
    operator: str
    value: JSONValue


class PatternError(ValueError):
    """Not a pattern RE2 runs; the message says why."""


class ConditionError(ValueError):
    """A condition that cannot be judged; the message names it and says why."""


class Pattern(Protocol):
    """A compiled RE2 program, as conditions use it."""

    def search(self, text: str) -> object | None: ...


def _pattern_options() -> re2.Options:
    options = re2.Options()
    options.max_mem = PATTERN_MEMORY
    options.log_errors = False
    return options


@functools.lru_cache(maxsize=256)
def compiled_pattern(pattern: str) -> Pattern:
    """The RE2 program of `pattern`, or `PatternError`."""
    try:
        program: Pattern = re2.compile(pattern, _pattern_options())
        return program
    except re2.error as error:
        reason = error.args[0] if error.args else "not valid"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", errors="replace")
        raise PatternError(str(reason)) from None


def _matches(pattern: str, text: str) -> bool:
    program = compiled_pattern(pattern)
    try:
        return program.search(text) is not None
    except UnicodeEncodeError:
        return program.search(text.encode("utf-8", errors="replace").decode("utf-8")) is not None


def value_at(body: JSONValue, source_path: str) -> JSONValue:
    """The value at the dot path; None when it leads nowhere or to null (no value)."""
    current = body
    for part in source_path.split("."):
        if isinstance(current, Mapping) and part in current:
            current = current[part]
        elif isinstance(current, list) and _is_index(part) and int(part) < len(current):
            current = current[int(part)]
        else:
            return None
    return current


def _is_index(part: str) -> bool:
    """ASCII digits only: `"²".isdigit()` is true, yet `int("²")` fails."""
    return part.isascii() and part.isdigit()


def as_number(value: JSONValue) -> Decimal | None:
    """The number a value reads as, if any (booleans are not numbers)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return None
    return None


def as_text(value: JSONValue) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def _compare(actual: JSONValue, expected: JSONValue) -> int:
    """-1, 0 or 1: as numbers when both are, else as text."""
    left, right = as_number(actual), as_number(expected)
    if left is not None and right is not None:
        return (left > right) - (left < right)
    left_text, right_text = as_text(actual), as_text(expected)
    return (left_text > right_text) - (left_text < right_text)


def _members(expected: JSONValue) -> list[JSONValue]:
    return list(expected) if isinstance(expected, list) else [expected]


def holds(condition: Condition, body: JSONValue) -> bool:
    actual = value_at(body, condition.source_path)
    operator, expected = condition.operator, condition.value
    if actual is None:
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
            return _matches(as_text(expected), as_text(actual))
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
    raise ConditionError(f"unknown condition operator {operator!r}")


def all_hold(conditions: Iterable[Condition], body: JSONValue) -> bool:
    """Every condition holds (no conditions: true); `ConditionError` names the first one that
    cannot be judged."""
    for condition in conditions:
        try:
            if not holds(condition, body):
                return False
        except (ValueError, TypeError, ArithmeticError, RecursionError) as error:
            raise ConditionError(
                f"The condition on {condition.source_path} ({condition.operator}"
                f" {condition.value!r}) cannot be judged: {error}"
            ) from error
    return True
