"""Conditions on a webhook body: every operator, numbers against text, missing paths."""

from __future__ import annotations

from typing import Any

import pytest

from clarus.webhooks.conditions import Condition, ConditionError, all_hold, holds, value_at

BODY: dict[str, Any] = {
    "id": "evt_1",
    "resource_name": "goods_out",
    "event": "completed",
    "subdomain": "acme",
    "sequence": 3,
    "data": {
        "account_id": 42,
        "reference": "SO-1001",
        "status": "completed",
        "total_value": 10.5,
        "is_rush": True,
        "notes": None,
        "lines": [{"product_id": 7, "quantity": 2}, {"product_id": 8, "quantity": 5}],
    },
}


def test_value_at_follows_dots_and_list_indexes() -> None:
    assert value_at(BODY, "data.account_id") == 42
    assert value_at(BODY, "data.lines.1.product_id") == 8
    assert value_at(BODY, "sequence") == 3


@pytest.mark.parametrize("index", ["\u00b2", "\u0661", "9" * 255, "-1"])
def test_a_list_index_is_ascii_digits_within_the_list(index: str) -> None:
    """`"²".isdigit()` is true yet `int("²")` fails, and `int("\\u0661")` is 1: such a path leads
    nowhere, as an index past the end does."""
    assert holds(Condition(f"data.lines.{index}.product_id", "eq", 8), BODY) is False
    assert holds(Condition(f"data.lines.{index}.product_id", "neq", 8), BODY) is True


@pytest.mark.parametrize(
    ("path", "operator", "value", "expected"),
    [
        ("data.account_id", "eq", "42", True),
        ("data.account_id", "eq", 42, True),
        ("data.account_id", "eq", "42.0", True),
        ("data.account_id", "eq", "43", False),
        ("data.account_id", "neq", "43", True),
        ("data.account_id", "neq", 42, False),
        ("data.reference", "eq", "SO-1001", True),
        ("data.reference", "eq", "so-1001", False),
        ("data.is_rush", "eq", "true", True),
        ("data.account_id", "in", ["1", "42"], True),
        ("data.account_id", "in", [1, 2], False),
        ("data.account_id", "notin", [1, 2], True),
        ("data.account_id", "notin", ["42"], False),
        ("data.reference", "in", ["SO-1001", "SO-1002"], True),
        ("data.reference", "matches", r"^SO-\d+$", True),
        ("data.reference", "matches", r"1001", True),
        ("data.reference", "matches", r"^PO-", False),
        ("data.account_id", "matches", r"^4", True),
        ("data.reference", "matches", r"^\p{Lu}{2}-\d+$", True),
        ("data.reference", "matches", r"^\p{Ll}", False),
        ("data.reference", "starts_with", "SO-", True),
        ("data.reference", "starts_with", "1001", False),
        ("data.total_value", "greater_than", "10", True),
        ("data.total_value", "greater_than", 10.5, False),
        ("data.total_value", "greater_than_eq", 10.5, True),
        ("data.total_value", "less_than", "9", False),
        ("data.total_value", "less_than", 11, True),
        ("data.total_value", "less_than_eq", "10.5", True),
        ("data.account_id", "greater_than", "9", True),
        ("data.reference", "greater_than", "SO-1000", True),
        ("data.reference", "less_than", "SO-1000", False),
        ("data.lines.0.quantity", "eq", 2, True),
        ("data.lines.1.product_id", "greater_than_eq", 8, True),
    ],
)
def test_each_operator(path: str, operator: str, value: Any, expected: bool) -> None:
    assert holds(Condition(path, operator, value), BODY) is expected


@pytest.mark.parametrize(
    "path", ["data.missing", "data.notes", "data.lines.9.product_id", "data.reference.x", "nope"]
)
@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        ("eq", "x", False),
        ("neq", "x", True),
        ("in", ["x"], False),
        ("notin", ["x"], True),
        ("matches", ".*", False),
        ("starts_with", "", False),
        ("greater_than", 0, False),
        ("greater_than_eq", 0, False),
        ("less_than", 0, False),
        ("less_than_eq", 0, False),
    ],
)
def test_a_missing_or_null_value_fails_all_but_the_negative_operators(
    path: str, operator: str, value: Any, expected: bool
) -> None:
    assert holds(Condition(path, operator, value), BODY) is expected


def test_all_conditions_must_hold() -> None:
    passing = Condition("data.account_id", "eq", "42")
    failing = Condition("data.status", "eq", "cancelled")
    assert all_hold([], BODY)
    assert all_hold([passing], BODY)
    assert not all_hold([passing, failing], BODY)


def test_a_condition_that_cannot_be_judged_is_named_by_the_error() -> None:
    """A stored pattern RE2 refuses (a backreference) is neither true nor false."""
    passing = Condition("data.account_id", "eq", "42")
    backreference = Condition("data.reference", "matches", r"(S)\1")
    with pytest.raises(ConditionError) as raised:
        all_hold([passing, backreference], BODY)
    assert str(raised.value) == (
        "The condition on data.reference (matches '(S)\\\\1') cannot be judged:"
        " invalid escape sequence: \\1"
    )


def test_a_text_that_is_not_valid_unicode_is_still_matched() -> None:
    """A lone surrogate (JSON allows `\\ud800`) cannot be encoded for RE2; it reads as `?`."""
    body = {"data": {"reference": "SO-\ud800-1"}}
    assert holds(Condition("data.reference", "matches", r"^SO-.-1$"), body)


def test_an_unknown_operator_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown condition operator"):
        holds(Condition("data.account_id", "between", [1, 2]), BODY)
