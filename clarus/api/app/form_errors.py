"""A refusal of a form's input shown beside the field it names: each problem's path (a JSON
pointer into the attributes the form was read as) mapped to the form's field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from clarus.core.errors import Problem


def placed(problems: Sequence[Problem], fields: Mapping[str, str], fallback: str) -> dict[str, str]:
    """Each problem's message by the form field its path names (`fallback` when none)."""
    errors: dict[str, str] = {}
    for problem in problems:
        attribute = (problem.path or "").strip("/").split("/")[0]
        errors.setdefault(fields.get(attribute, fallback), problem.details or problem.kind.message)
    return errors
