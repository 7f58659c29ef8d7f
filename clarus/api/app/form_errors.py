"""A refusal of a form's input shown beside the field it names: each problem's path (a JSON
pointer into the attributes the form was read as) mapped to the form's field."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from clarus.core.errors import Problem

LINES = "lines_changes"
INDEX = re.compile(r"[0-9]{1,9}")


def field_of(
    path: str,
    fields: Mapping[str, str],
    fallback: str,
    lines: Sequence[Mapping[str, str]] = (),
) -> str:
    """The form field `path` names: an attribute's (`/reference`), or a line change's
    (`/lines_changes/<i>/attributes/<attribute>`, `/lines_changes/<i>/id`) through the fields
    of the `i`th change sent; `fallback` when it names none."""
    parts = path.strip("/").split("/")
    if parts[0] != LINES:
        return fields.get(parts[0], fallback)
    if len(parts) < 3 or not INDEX.fullmatch(parts[1]) or int(parts[1]) >= len(lines):
        return fallback
    key = parts[3] if parts[2] == "attributes" and len(parts) > 3 else parts[2]
    return lines[int(parts[1])].get(key, fallback)


def placed(
    problems: Sequence[Problem],
    fields: Mapping[str, str],
    fallback: str,
    lines: Sequence[Mapping[str, str]] = (),
) -> dict[str, str]:
    """Each problem's message by the form field its path names (`fallback` when none); the
    first message a field gets."""
    errors: dict[str, str] = {}
    for problem in problems:
        name = field_of(problem.path or "", fields, fallback, lines)
        errors.setdefault(name, problem.details or problem.kind.message)
    return errors
